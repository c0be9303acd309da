#!/usr/bin/env bash
# Start time of the commands that need no database, as a user runs them: the linux-x64 distribution's bin/backstep
# (its own jlink runtime, the class-data-sharing archive made on the first start), each paired run by run against a
# plain `java -version` of the same runtime (bench/pairs.py --vs: A B A B …, the ratio pair by pair, so the figures hold
# while the machine's speed drifts); then the same commands through `java -jar target/backstep.jar`, and the sizes.
# Usage: bash bench/start.sh [runs]   (default 10). Needs `mvn -P dist package` first (target/dist).
# See docs/performance.md ("Start time and sizes").
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-10}"
VERSION=$(sed -n 's/^version=//p' target/classes/backstep/build.properties)
ARCHIVE=target/dist/backstep-$VERSION-linux-x64.tar.gz
[ -f "$ARCHIVE" ] || { echo "no $ARCHIVE: run mvn -P dist package first" >&2; exit 2; }
W=$(mktemp -d /tmp/bs-start-bench.XXXXXX)
trap 'rm -rf "$W"' EXIT
tar -C "$W" -xzf "$ARCHIVE"
HOME_DIR=$W/backstep-$VERSION
BS=$HOME_DIR/bin/backstep
JAVA=$HOME_DIR/runtime/bin/java
SAMPLE=$HOME_DIR/samples/add-email-verified.yaml
first=$( { /usr/bin/time -f %e "$BS" --version >/dev/null; } 2>&1 )
echo "first start (makes the class-data-sharing archive): ${first} s wall"
# a static archive (.jsa) on a Java 17-24 runtime, an AOT cache (.aot) on 25 and later
echo "archive: $(du -h "$HOME_DIR"/lib/cds/*.jsa "$HOME_DIR"/lib/cds/*.aot 2>/dev/null | cut -f 1 || true)"
echo "load average before: $(cut -d ' ' -f 1-3 /proc/loadavg)"

bench() { # label, command...
  echo
  echo "== $1"
  shift
  python3 bench/pairs.py -n "$RUNS" --warmup 2 --vs "$JAVA -version" -- "$@" | grep -E '^(A|B|A/B) (cpu|wall)'
}
bench "backstep --version" "$BS" --version
bench "backstep validate (one playbook)" "$BS" validate "$SAMPLE"
bench "backstep lint (one playbook)" "$BS" lint "$SAMPLE"
# --help lists every command from its annotations (Main.listingRoot), without building their options
bench "backstep --help" "$BS" --help
bench "backstep --version, no class-data-sharing archive" env BACKSTEP_CDS=off "$BS" --version
bench "backstep validate, no class-data-sharing archive" env BACKSTEP_CDS=off "$BS" validate "$SAMPLE"
if [ -f target/backstep.jar ]; then
  bench "java -jar target/backstep.jar --version (the shaded jar)" "$JAVA" -jar target/backstep.jar --version
  bench "java -jar target/backstep.jar validate (the shaded jar)" "$JAVA" -jar target/backstep.jar validate "$SAMPLE"
fi
echo
echo "load average after: $(cut -d ' ' -f 1-3 /proc/loadavg)"
echo
echo "== sizes"
ls -l target/backstep.jar target/dist/*.tar.gz target/dist/*.zip target/dist/*.deb 2>/dev/null \
  | awk '{ printf "%8.1f MB  %s\n", $5 / 1e6, $9 }'
printf '%8.1f MB  %s\n' "$(du -sb "$HOME_DIR/runtime" | cut -f 1)e-6" "linux-x64 runtime/ (unpacked)"
printf '%8.1f MB  %s\n' "$(du -sb "$HOME_DIR/lib" | cut -f 1)e-6" "linux-x64 lib/ (unpacked, with the CDS archive)"
