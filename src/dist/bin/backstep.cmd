@echo off
rem Backstep's launcher for Windows (docs/architecture.md, "Build and distributions"): runs lib\backstep.jar and the
rem jars beside it on %JAVA_HOME%\bin\java.exe, else on the java on PATH (17 or newer). BACKSTEP_JAVA_OPTS adds JVM
rem options. The console (no command, or "console") gets the JVM options bin/backstep gives it (CONSOLE_JAVA there:
rem a heap of its own and the quick JIT compiler only, docs/performance.md "The console's FX thread"); keep the two
rem lines the same.
setlocal
set "APP_HOME=%~dp0.."
set "JAVA=java"
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "JAVA=%JAVA_HOME%\bin\java.exe"
set "CONSOLE_JAVA=-Xms256m -Xmx1g -XX:MetaspaceSize=128m -XX:TieredStopAtLevel=1 -XX:+UseZGC"
set "QUICK="
if "%~1"=="" set "QUICK=%CONSOLE_JAVA%"
if /i "%~1"=="console" set "QUICK=%CONSOLE_JAVA%"
"%JAVA%" %QUICK% %BACKSTEP_JAVA_OPTS% -cp "%APP_HOME%\lib\backstep.jar;%APP_HOME%\lib\*" backstep.cli.Main %*
exit /b %ERRORLEVEL%
