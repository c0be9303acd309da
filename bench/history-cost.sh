#!/usr/bin/env bash
# What a later migration of `apply HISTORY` costs, counted (holds under load), old jar against new jar:
#   1. statements the server logs and commits (transaction ids) for the walk of the 24 migrations after the first of
#      bench/history.sh's history (`apply --to 1` first, so the ledger exists), on a scratch cluster of its own
#      (log_statement = all, pg_stat_statements, autovacuum off);
#   2. the ledgers of a whole apply with each jar, compared with timings, ids and hashes masked (runs, events,
#      step rows, fingerprints' SHA-256s), and `audit verify` of each;
#   3. CPU ms of the engine thread for the walk of 24 (C1 only and the serial collector, as the launcher runs it),
#      in PAIRS alternating pairs (bench/HistoryCpu.java runs the CLI in one JVM and polls the thread's CPU).
# Usage: bash bench/history-cost.sh OLD.jar NEW.jar [PAIRS]   (default 6; needs PostgreSQL 15's initdb/pg_ctl).
# See docs/performance.md ("A whole history", session 13).
set -euo pipefail
cd "$(dirname "$0")/.."
OLD=$1 NEW=$2 PAIRS=${3:-6} PORT=${PORT:-56213}
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
W=$(mktemp -d /tmp/bs-history-cost.XXXXXX)
AS=(); [ "$(id -u)" != 0 ] || { chown postgres "$W"; AS=(runuser -u postgres --); }
"${AS[@]}" "$BIN/initdb" -D "$W/data" -U postgres -A trust > /dev/null
printf '%s\n' "port = $PORT" "listen_addresses = '127.0.0.1'" "unix_socket_directories = '$W'" "autovacuum = off" \
  "shared_preload_libraries = 'pg_stat_statements'" "log_statement = 'all'" >> "$W/data/postgresql.conf"
"${AS[@]}" "$BIN/pg_ctl" -D "$W/data" -l "$W/server.log" -w start > /dev/null
trap '"${AS[@]}" "$BIN/pg_ctl" -D "$W/data" -m immediate stop > /dev/null' EXIT
P="-h 127.0.0.1 -p $PORT -U postgres"; URL="jdbc:postgresql://127.0.0.1:$PORT"
HISTORY_ONLY=1 bash bench/history.sh > "$W/history.txt"
H=$(sed -n 's/^== .* imported into \(.*\)$/\1/p' "$W/history.txt")
CLI="--user postgres --environment sandbox -y"
javac -d "$W/cpu" -cp "$NEW" bench/HistoryCpu.java

echo "== 1. the walk of 24 migrations, counted"
for x in old:$OLD new:$NEW; do
  n=${x%%:*} jar=${x#*:}
  dropdb $P --if-exists walk; createdb $P walk; psql $P -d walk -qc "CREATE EXTENSION pg_stat_statements"
  java -cp "$jar" backstep.cli.Main apply "$H" --to 1 --url $URL/walk $CLI > "$W/$n-first.txt" 2>&1
  x0=$(psql $P -d walk -qAtc "SELECT txid_current()"); l0=$(wc -l < "$W/server.log")
  java -cp "$jar" backstep.cli.Main apply "$H" --url $URL/walk $CLI > "$W/$n-walk.txt" 2>&1
  x1=$(psql $P -d walk -qAtc "SELECT txid_current()")
  s=$(tail -n +$((l0 + 1)) "$W/server.log" | grep -c "LOG:  \(statement\|execute\)")
  echo "$n: $s statements logged ($(echo "scale=2; $s / 24" | bc) a migration), $((x1 - x0 - 1)) commits" \
    "($(echo "scale=2; ($x1 - $x0 - 1) / 24" | bc) a migration)"
done

echo "== 2. the ledger of a whole apply, old against new"
for x in old:$OLD new:$NEW; do
  n=${x%%:*} jar=${x#*:}
  dropdb $P --if-exists h_$n; createdb $P h_$n
  java -cp "$jar" backstep.cli.Main apply "$H" --url $URL/h_$n $CLI --name same > "$W/$n-apply.txt" 2>&1
  psql $P -d h_$n -qAt > "$W/$n.ledger" <<'SQL'
SELECT 'run', run_seq, playbook_id, playbook_version, playbook_sha256, md5(playbook_text), state, operator_name,
  approver, error_message, git_commit, git_dirty, run_tags, head_seq, (ended_ms IS NULL) FROM backstep.run ORDER BY run_seq;
SELECT 'event', e.seq, r.run_seq, e.event_type, e.step_id, e.actor, regexp_replace(regexp_replace(regexp_replace(
  regexp_replace(coalesce(e.detail, ''), '"ms":[0-9]+', '"ms":_', 'g'), 'CHG-[0-9-]+-[0-9a-f]{4}', 'CHG', 'g'),
  '"(started|ended)_ms":[0-9]+', '"\1":_', 'g'), '/h_(old|new)"', '/h_X"', 'g')
  FROM backstep.event e JOIN backstep.run r USING (run_id) ORDER BY e.seq;
SELECT 'step', r.run_seq, s.step_index, s.step_id, s.kind, s.state, s.statements_total, s.statements_done,
  s.rollback_done, s.rows_affected, s.attempts, s.actor, regexp_replace(coalesce(s.detail, ''), '"ms":[0-9]+', '"ms":_',
  'g'), s.error_message FROM backstep.step_exec s JOIN backstep.run r USING (run_id) ORDER BY r.run_seq, s.step_index;
SELECT 'fingerprint', r.run_seq, f.label, f.sha256, md5(f.body) FROM backstep.fingerprint f JOIN backstep.run r
  USING (run_id) ORDER BY r.run_seq, f.label;
SQL
  java -cp "$jar" backstep.cli.Main audit verify --url $URL/h_$n --user postgres --environment sandbox --name same \
    | tail -1
done
if diff "$W/old.ledger" "$W/new.ledger" > "$W/ledger.diff"; then
  echo "the same: $(wc -l < "$W/new.ledger") rows (runs, events, step rows, fingerprints), timings masked"
else
  echo "DIFFERENT (see $W/ledger.diff)"; head -20 "$W/ledger.diff"
fi

echo "== 3. CPU of the walk of 24, $PAIRS pairs (old, new in turn)"
J="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
for i in $(seq 1 "$PAIRS"); do
  for x in old:$OLD new:$NEW; do
    n=${x%%:*} jar=${x#*:}
    dropdb $P --if-exists c_$n; createdb $P c_$n
    java $J -cp "$jar" backstep.cli.Main apply "$H" --to 1 --url $URL/c_$n $CLI > /dev/null 2>&1
    echo "$n $(java $J -cp "$jar:$W/cpu" HistoryCpu apply "$H" --url $URL/c_$n $CLI)"
  done
done
echo "== outputs kept in $W"
