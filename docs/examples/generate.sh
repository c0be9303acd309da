#!/usr/bin/env bash
# Regenerates the example change reports in this folder from a real run on a scratch PostgreSQL database.
# Needs: target/backstep.jar (mvn -q package -DskipTests), PostgreSQL on 127.0.0.1:5432 (user postgres, trust), psql.
# Run from the Backstep folder:  docs/examples/generate.sh
set -euo pipefail
db=bs_example_reports
out=docs/examples
bs() { java -jar target/backstep.jar "$@"; }
psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
targets=$(mktemp -d)/targets.yaml
cat > "$targets" <<YAML
targets:
  orders-staging:
    url: jdbc:postgresql://127.0.0.1:5432/$db
    user: postgres
    environment: staging
policy:
  staging: {apply: [confirmation, second_approver, reason]}
YAML
on=(--targets "$targets" --target orders-staging)
bs seed "${on[@]}"

# The pre-change notice: from the playbook and the target, no connection.
for f in md html; do
  bs report notice playbooks/add-email-verified.yaml "${on[@]}" --window "2026-11-24 22:00-23:00 UTC" \
    --format "$f" -o "$out/notice-add-email-verified.$f"
done

# A real run, with a deviation: another session holds a lock on customers (ACCESS SHARE: reads go on) until the first ALTER TABLE has timed
# out waiting for it once, so the summary shows the retry.
PGAPPNAME=bs_example_locker psql -q -h 127.0.0.1 -U postgres -d "$db" \
  -c "BEGIN; LOCK TABLE customers IN ACCESS SHARE MODE; SELECT pg_sleep(120); COMMIT;" > /dev/null 2>&1 &
log=$(mktemp)
bs apply playbooks/add-email-verified.yaml "${on[@]}" --yes --operator ana --approver bob \
  --reason "CAB-1234 approved" --tag release=2026.11 --tag ticket=CAB-1234 > /dev/null 2> "$log" &
apply=$!
for _ in $(seq 600); do grep -q " — retry " "$log" && break; sleep 0.1; done
psql -q -h 127.0.0.1 -U postgres -d postgres -c \
  "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'bs_example_locker'" > /dev/null
wait "$apply"
wait || true
change=$(bs history "${on[@]}" --limit 1 | awk 'NR==2 {print $1}')
for f in md html json; do
  bs report summary --run "$change" "${on[@]}" --format "$f" -o "$out/summary-add-email-verified.$f"
done
psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE $db WITH (FORCE)"
