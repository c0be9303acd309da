#!/usr/bin/env bash
# The console's responsiveness (docs/performance.md, "The console's FX thread"); a benchmark, not a test.
#  1. Time to the first window: the console started as a user starts it (java -cp … backstep.ui.ConsoleLauncher)
#     on a virtual screen (Xvfb, 1440x900), from the process's start until its "Backstep" window is mapped (polled
#     with xwininfo every 20 ms), then the process is ended; with the CPU seconds (user + system, all threads) the
#     JVM had used by then, which hold still on a loaded machine where wall time does not. One cold start (a new
#     Backstep home: the sandbox is created after the window shows) and RUNS warm ones.
#  2. The FX thread over a scripted session (ConsolePulseBench, driven by TestFX on a real window under Xvfb): an
#     FX-thread probe records every gap between two frames, and JavaFX's own pulse logger prints every pulse over
#     100 ms. Figures in target/console-pulse.txt and target/console-pulse.log.
# Usage: bash bench/console-pulse.sh [warm-runs]   (default 3; BENCH_WINDOW_ONLY=1 for part 1 only). Needs Xvfb
# and xwininfo (x11-utils).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-3}"
mvn -B -o -q -DskipTests -Dcheckstyle.skip test-compile >/dev/null 2>&1 || mvn -B -q -DskipTests -Dcheckstyle.skip test-compile
mvn -B -o -q dependency:build-classpath -Dmdep.outputFile=target/console-pulse.cp >/dev/null 2>&1 || mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/console-pulse.cp
CP="target/classes:$(cat target/console-pulse.cp)"
# The console's JVM options as the launcher gives them (CONSOLE_JAVA in src/dist/bin/backstep); CONSOLE_JAVA=" "
# in the environment runs without them, for a comparison.
CONSOLE_JAVA="${CONSOLE_JAVA:-$(sed -n 's/^CONSOLE_JAVA="\(.*\)"$/\1/p' src/dist/bin/backstep)}"
echo "console JVM options: ${CONSOLE_JAVA:-none}"
W=$(mktemp -d /tmp/bs-console-pulse.XXXXXX)
XPID=""
cleanup() { [ -n "$XPID" ] && kill "$XPID" 2>/dev/null || true; rm -rf "$W"; }
trap cleanup EXIT
Xvfb -displayfd 3 -screen 0 1440x900x24 -nolisten tcp 3>"$W/display" 2>/dev/null &
XPID=$!
for _ in $(seq 50); do [ -s "$W/display" ] && break; sleep 0.1; done
export DISPLAY=":$(cat "$W/display")"
echo "load average before: $(cut -d ' ' -f 1-3 /proc/loadavg)"

first_window() { # label
  local start pid ms
  start=$(date +%s%N)
  # shellcheck disable=SC2086
  java $CONSOLE_JAVA -Dbackstep.home="$W/home" -Djava.util.prefs.userRoot="$W/prefs" -Dbackstep.playbooks=playbooks \
    -cp "$CP" backstep.ui.ConsoleLauncher >"$W/console.log" 2>&1 &
  pid=$!
  until xwininfo -root -tree 2>/dev/null | grep -q '"Backstep"'; do
    kill -0 "$pid" 2>/dev/null || { echo "the console ended before its window showed:"; cat "$W/console.log"; exit 1; }
    sleep 0.02
  done
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$pid/stat")
  echo "$1: first window after ${ms} ms wall, ${cpu} s CPU (load $(cut -d ' ' -f 1 /proc/loadavg))"
  kill -TERM "$pid"          # the console's own shutdown stops the sandbox
  wait "$pid" 2>/dev/null || true
}
first_window "cold (new home)"
for i in $(seq "$RUNS"); do first_window "warm $i"; done
[ "${BENCH_WINDOW_ONLY:-}" = 1 ] && exit 0

echo
echo "== scripted session (ConsolePulseBench)"
# The session's JVM gets the console's options through a java of its own (surefire's -Djvm): the unit lane's pom sets
# an argLine of its own, which a -DargLine does not replace, so in sessions 18 and 19 the session ran on the unit
# tests' options (G1, no pulse logger). BENCH_JVM_OPTS adds more (-Dpulse.sampleMillis=1 for a finer profile).
mkdir -p "$W/bin"
printf '#!/bin/sh\nexec "%s" %s "$@"\n' "$(command -v java)" "$CONSOLE_JAVA -Djavafx.pulseLogger=true \
-Djavafx.pulseLogger.threshold=100 -Dtestfx.setup.timeout=180000 ${BENCH_JVM_OPTS:-}" >"$W/bin/java"
chmod +x "$W/bin/java"
mvn -B -o -Dcheckstyle.skip test -Dtest=ConsolePulseBench -Dheadless=false -Dsurefire.failIfNoSpecifiedTests=false \
  -Djvm="$W/bin/java" >target/console-pulse.log 2>&1 || { tail -40 target/console-pulse.log; exit 1; }
cat target/console-pulse.txt
echo
echo "JavaFX pulse logger, pulses over 100 ms in the session: $(grep -c '^PULSE' target/console-pulse.log || true)"
echo "  their phases, ms in all (T<n> is the thread: the FX thread prepares, the renderer paints):"
awk '/^PULSE/ { p = 1; next } p && /^T[0-9]+ \([0-9]+ \+[0-9]+ms\): / {
  match($0, /\+[0-9]+ms/); ms = substr($0, RSTART + 1, RLENGTH - 3); name = $0; sub(/^[^:]*: /, "", name)
  t[$1 " " name] += ms }
  END { for (k in t) printf "    %6d  %s\n", t[k], k }' target/console-pulse.log | sort -rn
echo "load average after: $(cut -d ' ' -f 1-3 /proc/loadavg)"
