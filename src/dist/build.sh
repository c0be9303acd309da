#!/usr/bin/env bash
# Assembles the distributions from what `mvn -P dist package` resolved into target/dist/deps (see the dist profile
# in pom.xml and docs/architecture.md, "Build and distributions"):
#   target/dist/backstep-VERSION-PLATFORM.tar.gz (.zip for windows-x64)   bin/, lib/, samples/, README.md
#   target/dist/backstep_APPVERSION_amd64.deb                             jpackage, installs /opt/backstep
# Usage: build.sh VERSION APP_JAR JAVA_HOME [RUNTIME_JDK]
# JAVA_HOME's jpackage makes the .deb; RUNTIME_JDK's jlink (default JAVA_HOME's) makes the linux-x64 runtime, which
# the .deb carries too: pom.xml's backstep.runtime.jdk, e.g. a JDK 25, whose runtime the launcher starts with an AOT
# cache instead of static class-data-sharing archives.
set -euo pipefail
version=$1 app_jar=$2 java_home=$3 runtime_jdk=${4:-$3}
base=$(cd "$(dirname "$0")/../.." && pwd)
dist=$(dirname "$app_jar")/dist
deps=$dist/deps
# BACKSTEP_DIST_PLATFORMS limits the archives (e.g. to linux-x64 where only its dependencies were resolved)
platforms=${BACKSTEP_DIST_PLATFORMS:-linux-x64 linux-aarch64 macos-x64 macos-aarch64 windows-x64}
# What the app needs of the JDK (jdeps --print-module-deps over the jars), and what drivers and exporters load by
# name: TLS (jdk.crypto.ec), DNS SRV lookups (jdk.naming.dns), XA (java.transaction.xa), HTTP (java.net.http,
# jdk.httpserver), charsets, zip file systems.
modules=java.base,java.compiler,java.desktop,java.logging,java.management,java.naming,java.net.http,java.scripting
modules=$modules,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml,jdk.charsets
modules=$modules,jdk.crypto.ec,jdk.httpserver,jdk.jfr,jdk.naming.dns,jdk.unsupported,jdk.zipfs

stage() { # platform -> the folder that becomes the archive's top folder
  local p=$1 top=$dist/stage/$1/backstep-$version
  rm -rf "$dist/stage/$p"
  mkdir -p "$top/bin" "$top/lib" "$top/samples"
  cp -p "$app_jar" "$top/lib/backstep.jar"
  cp -p "$deps"/common/*.jar "$deps/$p"/*.jar "$top/lib/"
  cp -p "$base"/src/dist/bin/backstep "$base"/src/dist/bin/backstep.cmd "$top/bin/"
  chmod 755 "$top/bin/backstep"
  cp -p "$base"/playbooks/*.yaml "$top/samples/"
  cp -p "$base/README.md" "$top/"
  echo "$top"
}

for p in $platforms; do
  top=$(stage "$p")
  if [ "$p" = linux-x64 ]; then
    # a runtime of its own, with the JDK's base class-data-sharing archive (which the app's archive builds on);
    # jlink 21 and later name the level of compression (2 is deprecated there)
    compress=2
    jlink_major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$runtime_jdk/release")
    [ "${jlink_major:-17}" -lt 21 ] || compress=zip-6
    "$runtime_jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
      --compress=$compress --generate-cds-archive --output "$top/runtime"
  fi
  rm -f "$dist/backstep-$version-$p".*
  if [ "$p" = windows-x64 ]; then
    (cd "$(dirname "$top")" && zip -qr "$dist/backstep-$version-$p.zip" "backstep-$version")
  else
    tar -C "$(dirname "$top")" -czf "$dist/backstep-$version-$p.tar.gz" "backstep-$version"
  fi
  echo "dist: $(du -h "$dist/backstep-$version-$p".* | cut -f 1)  $dist/backstep-$version-$p.$([ "$p" = windows-x64 ] \
    && echo zip || echo tar.gz)"
done

# The Debian package: /opt/backstep with the linux-x64 runtime (lib/runtime) and jars (lib/app). /usr/bin/backstep
# is the same shell launcher as the archives' (lib/app/bin/backstep: its class-data-sharing archives, picked by
# command, and the quick JIT flags), linked by the maintainer scripts in src/dist/deb, which also make the archives
# at the installed path (they are only valid there). jpackage's own native launcher, /opt/backstep/bin/backstep,
# stays as it makes it: one set of JVM options for every command, so no archive and no quick flags.
linux=$dist/stage/linux-x64/backstep-$version
input=$dist/stage/deb-input
rm -rf "$input" "$dist"/backstep_*.deb
mkdir -p "$input/bin"
cp -p "$linux"/lib/*.jar "$input/"
cp -rp "$linux/samples" "$input/"
cp -p "$linux/bin/backstep" "$input/bin/"
"$java_home/bin/jpackage" --type deb --dest "$dist" --name backstep --app-version "${version%%-*}" \
  --vendor Backstep --description "Guided database changes and rollback drills for PostgreSQL and MySQL/MariaDB" \
  --input "$input" --main-jar backstep.jar --main-class backstep.cli.Main --runtime-image "$linux/runtime" \
  --resource-dir "$base/src/dist/deb" --linux-package-name backstep --linux-app-category devel \
  --linux-deb-maintainer "backstep@localhost"
echo "dist: $(du -h "$dist"/backstep_*.deb | cut -f 1)  $(ls "$dist"/backstep_*.deb)"
