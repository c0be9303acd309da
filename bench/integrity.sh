#!/usr/bin/env bash
# Integrity-check benchmark: DataChecks.rowCount / checksum / orphans against SELECT count(*) of the same table in
# the same run, on the local PostgreSQL (127.0.0.1:5432, user postgres; 5M-row parent + 5M-row child) and MariaDB
# (127.0.0.1:3306, root; 2M rows, also CHECKSUM TABLE). Scratch databases bs_bench_<random>, dropped at the end.
# Usage: bash bench/integrity.sh [all|pg|mariadb]   (extra JVM options in BENCH_JAVA_OPTS, e.g.
#   BENCH_JAVA_OPTS="-Dbench.reps=7 -Dbench.pg.rows=1000000")
# Results: stdout, target/bench/integrity/integrity.md and the EXPLAIN (ANALYZE, BUFFERS) plans alongside.
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
mvn -q test-compile
cp="$(mvn -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout):target/classes:target/test-classes"
opts=(-Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.jooq.no-logo=true -Dorg.jooq.no-tips=true)
# shellcheck disable=SC2206
opts+=(${BENCH_JAVA_OPTS:-})
mkdir -p target/bench/integrity
java "${opts[@]}" -cp "$cp" backstep.bench.IntegrityBenchmark "$what"
