#!/usr/bin/env bash
# Guard benchmarks on the local PostgreSQL (127.0.0.1:5432, user postgres, trust auth) with pgbench as the load:
#   (a) LockPileupBenchmark    — naive ALTER vs. the same step under Backstep's lock-timeout guard
#   (b) GuardReactionBenchmark — first breaching sample → sustained breach → rollback started → rolled back
# Usage: bash bench/guards.sh [all|pileup|reaction]   (extra JVM options in BENCH_JAVA_OPTS, e.g.
#   BENCH_JAVA_OPTS="-Dbench.reps=10 -Dbench.pg.port=5433")
# Results: stdout, and target/bench/guards/{lock-pileup,guard-reaction}.md (raw pgbench logs alongside).
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
command -v pgbench >/dev/null || { echo "pgbench not found on PATH" >&2; exit 2; }
mvn -q test-compile
cp="$(mvn -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout):target/classes:target/test-classes"
opts=(-Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.jooq.no-logo=true -Dorg.jooq.no-tips=true)
# shellcheck disable=SC2206
opts+=(${BENCH_JAVA_OPTS:-})
mkdir -p target/bench/guards
if [[ "$what" == all || "$what" == pileup ]]; then
  java "${opts[@]}" -cp "$cp" backstep.bench.LockPileupBenchmark
fi
if [[ "$what" == all || "$what" == reaction ]]; then
  java "${opts[@]}" -cp "$cp" backstep.bench.GuardReactionBenchmark
fi
