@echo off
rem Backstep's launcher for Windows (docs/architecture.md, "Build and distributions"): runs lib\backstep.jar and the
rem jars beside it on %JAVA_HOME%\bin\java.exe, else on the java on PATH (17 or newer). BACKSTEP_JAVA_OPTS adds JVM
rem options.
setlocal
set "APP_HOME=%~dp0.."
set "JAVA=java"
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "JAVA=%JAVA_HOME%\bin\java.exe"
"%JAVA%" %BACKSTEP_JAVA_OPTS% -cp "%APP_HOME%\lib\backstep.jar;%APP_HOME%\lib\*" backstep.cli.Main %*
exit /b %ERRORLEVEL%
