#!/usr/bin/env bash
# Engine benchmark: Backstep vs. plain JDBC (the floor), Flyway and Liquibase on PostgreSQL.
# Usage: bash bench/engine.sh [--n 200,1000] [--reps 3] [--url jdbc:postgresql://127.0.0.1:5432/postgres]
#                             [--user postgres] [--password-env VAR] [--warmup 200]
#                             [--verify information_schema|regclass]  (regclass: a variant; the default is the headline)
#                             [--fingerprints on|off]    (off: without the run's proof, a variant; on is the headline)
# Each contender runs in its own scratch database (bs_bench_<random>), dropped afterwards.
# See docs/performance.md. Results: stdout and target/bench/engine-<timestamp>.md.
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -q -Pbench test-compile exec:java \
  -Dexec.mainClass=backstep.bench.EngineBenchmark \
  -Dexec.classpathScope=test \
  -Dexec.args="$*"
