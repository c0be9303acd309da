#!/usr/bin/env bash
# Runs a drill N times in a row headless and counts the passes (issue 16: latency-regression must pass 10 of 10).
#   bash bench/drill-repeat.sh [DRILL] [N] [sandbox|postgres|both]
#   defaults: drills/latency-regression.yaml 10 both
# sandbox:  the embedded PostgreSQL under a private home (target/bench/drill-repeat/home), --fresh on the first run.
# postgres: the local PostgreSQL (127.0.0.1:5432, user postgres, trust auth), database backstep_drill_repeat,
#           dropped, created and seeded (backstep seed) before the first attempt, staging environment class.
# Each attempt's score, exit code and wall time go to stdout and target/bench/drill-repeat/<target>.tsv; debriefs to
# target/bench/drill-repeat/reports/. Exit 0 when every attempt passed. Run it while the machine is busy: that is
# the condition the guard must hold under. The machine's load average is printed before and after.
set -euo pipefail
cd "$(dirname "$0")/.."
drill="${1:-drills/latency-regression.yaml}"
n="${2:-10}"
where="${3:-both}"
out=target/bench/drill-repeat
mkdir -p "$out/reports" "$out/home"
mvn -B -q -o -DskipTests -Dcheckstyle.skip compile >/dev/null 2>&1 || mvn -B -q -DskipTests -Dcheckstyle.skip compile
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile="$out/cp.txt" >/dev/null 2>&1 || mvn -B -q dependency:build-classpath -Dmdep.outputFile="$out/cp.txt"
# a copy of the classes, so that a build while the attempts run does not change what they run
rm -rf "$out/classes" && cp -r target/classes "$out/classes"
cp="$out/classes:$(cat "$out/cp.txt")"
# the sandbox's PostgreSQL binaries unpack under the run's own directory: other processes unpacking or cleaning
# /tmp/embedded-pg at the same time made a start fail (FileAlreadyExistsException)
mkdir -p "$out/epg"
bs() { java -Dbackstep.home="$PWD/$out/home" -Dot.epg.working-dir="$PWD/$out/epg" -cp "$cp" backstep.cli.Main "$@"; }
pg_url="jdbc:postgresql://127.0.0.1:5432/backstep_drill_repeat"
failed=0

attempts() { # target-label, then the target options
  local label="$1"; shift
  local tsv="$out/$label.tsv" passed=0
  printf 'attempt\texit\tseconds\tscore\n' > "$tsv"
  echo "== $drill on $label, $n attempts; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  for i in $(seq 1 "$n"); do
    local t0 t1 rc score
    t0=$(date +%s.%N)
    set +e
    score=$(bs drill run "$drill" "$@" --operator bench --report-dir "$out/reports/$label-$i" 2>"$out/$label-$i.log" \
      | tr '\n' ' ')
    rc=$?
    set -e
    t1=$(date +%s.%N)
    [[ $rc -eq 0 ]] && passed=$((passed + 1))
    printf '%s\t%s\t%.1f\t%s\n' "$i" "$rc" "$(echo "$t1 - $t0" | bc)" "$score" | tee -a "$tsv"
  done
  echo "== $label: $passed of $n passed; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  [[ $passed -eq $n ]] || failed=1
}

if [[ "$where" == both || "$where" == sandbox ]]; then
  bs seed --fresh --replace >/dev/null 2>"$out/sandbox-seed.log" || { cat "$out/sandbox-seed.log" >&2; exit 2; }
  attempts sandbox
fi
if [[ "$where" == both || "$where" == postgres ]]; then
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS backstep_drill_repeat WITH (FORCE)" >/dev/null
  psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE backstep_drill_repeat" >/dev/null
  bs seed --url "$pg_url" --user postgres --name drill-repeat-pg >/dev/null
  attempts postgres --url "$pg_url" --user postgres --name drill-repeat-pg
fi
exit $failed
