#!/usr/bin/env bash
# What a run's fingerprints cost: a 20-step playbook on a 100-table schema applied with fingerprints on and off
# (alternating, each in a fresh scratch database), and a full schema snapshot of 100 tables.
# Usage: bash bench/fingerprint.sh [postgresql|mariadb] [reps]   (default: postgresql 5). See docs/performance.md.
#        bash bench/fingerprint.sh [postgresql|mariadb] profile   (JDBC calls and round trips per step, on and off)
#        bash bench/fingerprint.sh postgresql bound [rounds]    (a sound scoped read's lower bound against a step's CPU)
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -q -Dcheckstyle.skip test-compile exec:java \
  -Dexec.mainClass=backstep.bench.FingerprintBenchmark \
  -Dexec.classpathScope=test \
  -Dexec.args="$*"
