#!/usr/bin/env bash
# Integrity-check benchmark: DataChecks.rowCount / checksum / orphans against SELECT count(*) of the same table in
# the same run, on the local PostgreSQL (127.0.0.1:5432, user postgres; 5M-row parent + 5M-row child) and MariaDB
# (127.0.0.1:3306, root; 2M rows, also CHECKSUM TABLE). Scratch databases bs_bench_<random>, dropped at the end.
# Not part of the build: Surefire runs only *Test and *IT classes, so CI never runs this.
# Usage: bash bench/integrity.sh [all|pg|mariadb] [--pg-rows N] [--my-rows N] [--reps N] [--diag-reps N]
#   (more JVM options in BENCH_JAVA_OPTS, e.g. BENCH_JAVA_OPTS="-Dbench.pg.host=10.0.0.5")
# Results: stdout, target/bench/integrity/integrity.md and the EXPLAIN (ANALYZE, BUFFERS) plans alongside.
set -euo pipefail
cd "$(dirname "$0")/.."
what=all
opts=(-Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.jooq.no-logo=true -Dorg.jooq.no-tips=true)
while [ $# -gt 0 ]; do
  case "$1" in
    all|pg|mariadb) what="$1" ;;
    --pg-rows) opts+=("-Dbench.pg.rows=$2"); shift ;;
    --my-rows) opts+=("-Dbench.my.rows=$2"); shift ;;
    --reps) opts+=("-Dbench.reps=$2"); shift ;;
    --diag-reps) opts+=("-Dbench.diagReps=$2"); shift ;;
    *) echo "unknown argument: $1 (see the header of $0)" >&2; exit 2 ;;
  esac
  shift
done
mvn -q -o test-compile 2>/dev/null || mvn -q test-compile
# run from a copy of the compiled classes, so a build in this tree during the run cannot pull them away
classes="$(mktemp -d)"
trap 'rm -rf "$classes"' EXIT
cp -r target/classes "$classes/main" && cp -r target/test-classes "$classes/test"
cp="$(mvn -q -o dependency:build-classpath -Dmdep.outputFile=/dev/stdout 2>/dev/null \
  || mvn -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout):$classes/main:$classes/test"
# shellcheck disable=SC2206
opts+=(${BENCH_JAVA_OPTS:-})
mkdir -p target/bench/integrity
java "${opts[@]}" -cp "$cp" backstep.bench.IntegrityBenchmark "$what"
