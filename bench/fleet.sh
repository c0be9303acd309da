#!/usr/bin/env bash
# Fleet benchmark: one small playbook across N databases on the local PostgreSQL server, driven by 1, 2 and 4
# `backstep fleet worker` processes sharing one fleet run through the central ledger.
# Usage: bash bench/fleet.sh [N=200] [WORKERS="1 2 4"] [REPS=1]
# Needs: PostgreSQL at 127.0.0.1:5432 (user postgres, trust), psql, /usr/bin/time, a compiled tree (mvn compile).
# Creates bs_bench_fleet_<pid>_* databases and drops them at the end. Prints a Markdown table (medians over REPS);
# the baseline for the ratios is the 1-worker run of the same invocation. See docs/performance.md#fleets.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-200}
WORKERS=${2:-"1 2 4"}
REPS=${3:-1}
PREFIX="bs_bench_fleet_$$"
WORK=$(mktemp -d)
PSQL=(psql -h 127.0.0.1 -U postgres -X -q -v ON_ERROR_STOP=1)
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >/dev/null 2>&1 \
  || mvn -B -q dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
CP="target/classes:$(cat "$WORK/cp.txt")"
JAVA=(java -XX:+UseSerialGC -cp "$CP" backstep.cli.Main)

cleanup() {
  for i in $(seq -w 1 "$N"); do echo "DROP DATABASE IF EXISTS ${PREFIX}_m$i;"; done | "${PSQL[@]}" -d postgres
  "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS ${PREFIX}_ledger"
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

echo "creating $N member databases..." >&2
for i in $(seq -w 1 "$N"); do echo "CREATE DATABASE ${PREFIX}_m$i;"; done | "${PSQL[@]}" -d postgres
for i in $(seq -w 1 "$N"); do
  "${PSQL[@]}" -d "${PREFIX}_m$i" -c "CREATE TABLE accounts (id INT PRIMARY KEY, name VARCHAR(40));
    INSERT INTO accounts SELECT g, 'n' || g FROM generate_series(1, 100) g"
done
{
  echo "ledger: central"
  echo "targets:"
  echo "  central: {url: \"jdbc:postgresql://127.0.0.1:5432/${PREFIX}_ledger\", user: postgres, environment: staging}"
  for i in $(seq -w 1 "$N"); do
    echo "  m-$i: {url: \"jdbc:postgresql://127.0.0.1:5432/${PREFIX}_m$i\", user: postgres, environment: sandbox}"
  done
  echo "groups:"
  echo "  bench: {pattern: \"m-*\", canary: [m-$(seq -w 1 "$N" | head -1)], wave_size: 50, concurrency: 4}"
} > "$WORK/targets.yaml"
cat > "$WORK/tier.yaml" <<'PB'
id: bench-tier
title: Add accounts.tier
intent: a small change for the fleet benchmark
steps:
  - id: add-tier
    kind: sql
    title: Add a nullable tier column
    forward: ALTER TABLE accounts ADD COLUMN tier INT
    rollback: ALTER TABLE accounts DROP COLUMN tier
PB

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
declare -A WALL MPS QPM RSS PRE
for w in $WORKERS; do
  walls=(); qpms=(); rsss=(); pres=()
  for r in $(seq 1 "$REPS"); do
    "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS ${PREFIX}_ledger" -c "CREATE DATABASE ${PREFIX}_ledger"
    for i in $(seq -w 1 "$N"); do
      "${PSQL[@]}" -d "${PREFIX}_m$i" -c "ALTER TABLE accounts DROP COLUMN IF EXISTS tier"
    done
    t0=$(date +%s.%N)
    id=$("${JAVA[@]}" fleet apply "$WORK/tier.yaml" --group bench --detach --yes --targets "$WORK/targets.yaml" \
      2>"$WORK/pre.err")
    t1=$(date +%s.%N)
    pres+=("$(echo "$t1 - $t0" | bc)")
    pids=()
    for k in $(seq 1 "$w"); do
      /usr/bin/time -v -o "$WORK/time.$k" "${JAVA[@]}" fleet worker --fleet-run "$id" --yes --lease 30s \
        --targets "$WORK/targets.yaml" 2>"$WORK/worker.$k" >/dev/null &
      pids+=($!)
    done
    for p in "${pids[@]}"; do wait "$p" || true; done
    t2=$(date +%s.%N)
    state=$("${PSQL[@]}" -d "${PREFIX}_ledger" -At -c "SELECT state FROM backstep.fleet_run")
    applied=$("${PSQL[@]}" -d "${PREFIX}_ledger" -At -c "SELECT count(*) FROM backstep.fleet_member WHERE state = 'APPLIED'")
    if [ "$state" != APPLIED ] || [ "$applied" != "$N" ]; then
      echo "fleet run $id ended $state with $applied of $N applied; see $WORK" >&2; trap - EXIT; exit 1
    fi
    q=0
    for k in $(seq 1 "$w"); do
      q=$((q + $(grep -o 'queries by this process: [0-9]*' "$WORK/worker.$k" | grep -o '[0-9]*$')))
    done
    walls+=("$(echo "$t2 - $t1" | bc)")
    qpms+=("$(echo "scale=1; $q / $N" | bc)")
    peak=0
    for k in $(seq 1 "$w"); do
      kb=$(grep 'Maximum resident' "$WORK/time.$k" | grep -o '[0-9]*$')
      [ "$kb" -gt "$peak" ] && peak=$kb
    done
    rsss+=("$((peak / 1024))")
    echo "workers=$w rep=$r: ${walls[-1]} s, $q queries, peak RSS ${rsss[-1]} MiB" >&2
  done
  WALL[$w]=$(printf '%s\n' "${walls[@]}" | median)
  QPM[$w]=$(printf '%s\n' "${qpms[@]}" | median)
  RSS[$w]=$(printf '%s\n' "${rsss[@]}" | median)
  PRE[$w]=$(printf '%s\n' "${pres[@]}" | median)
  MPS[$w]=$(echo "scale=3; $N / ${WALL[$w]}" | bc)
done
base=$(echo "$WORKERS" | awk '{print $1}')
echo
echo "Fleet of $N PostgreSQL databases, median of $REPS run(s), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| worker processes | preflight + queue (s) | wall time (s) | members/s | vs $base worker(s) | central ledger statements per member | peak RSS per worker (MiB) |"
echo "|---|---|---|---|---|---|---|"
for w in $WORKERS; do
  printf '| %d | %.1f | %.1f | %.2f | %.2fx | %.1f | %d |\n' "$w" "${PRE[$w]}" "${WALL[$w]}" "${MPS[$w]}" \
    "$(echo "scale=3; ${WALL[$base]} / ${WALL[$w]}" | bc)" "${QPM[$w]}" "${RSS[$w]}"
done
