#!/usr/bin/env bash
# MariaDB checksum forms by the server's own CPU accounting (SHOW PROFILE: user + system CPU of the statement's
# thread, which a loaded machine distorts far less than wall time): the check's row string and variants of it,
# interleaved, each as a ratio to CHECKSUM TABLE ... EXTENDED in the same repetition. Diagnostics for
# docs/performance-integrity.md, not a test; CI never runs it.
# Local MariaDB 127.0.0.1:3306, root; scratch database bs_bench_forms_<random>, dropped at the end.
# Usage: bash bench/mariadb-checksum-forms.sh [rows (2000000)] [repetitions (5)]
set -euo pipefail
rows="${1:-2000000}"
reps="${2:-5}"
db="bs_bench_forms_$(head -c 5 /dev/urandom | od -An -tx1 | tr -d ' \n')"
my=(mysql -h127.0.0.1 -P3306 -uroot)
trap '"${my[@]}" -e "DROP DATABASE IF EXISTS $db"' EXIT
"${my[@]}" -e "CREATE DATABASE $db"
# the table and rows of bench/integrity.sh (IntegrityBenchmark), 171 MB at 2 M rows
"${my[@]}" "$db" -e "CREATE TABLE t (id bigint PRIMARY KEY, name varchar(64) NOT NULL, email varchar(128),
  qty int NOT NULL, created_at datetime NOT NULL, amount decimal(12,2) NOT NULL) ENGINE=InnoDB;
  INSERT INTO t SELECT seq, concat('Customer ', seq), concat('user', seq, '@example.com'), (seq * 7) % 1000,
  timestamp '2020-01-01 00:00:00' + interval (seq * 17) second, ((seq * 7919) % 10000000) / 100.0
  FROM seq_1_to_$rows; ANALYZE TABLE t" >/dev/null
# check: the row string RowHash.mysql builds since issue 16's third pass (the first string column by name, email,
# goes last without its length or ifnull); all_prefixed: the form before it; name_last: the other string last
names=(native check all_prefixed name_last xor_unsound no_lengths_unsound binary_concat json_array numbers_only
  strings_only crc32c count)
forms=(
  "CHECKSUM TABLE t EXTENDED"
  "SELECT count(*), sum(crc32(concat_ws(0x1f, amount, created_at, id, length(name), name, qty, email))) FROM t"
  "SELECT count(*), sum(crc32(concat_ws(0x1f, amount, created_at, ifnull(length(email), 'N'), email, id,
    length(name), name, qty))) FROM t"
  "SELECT count(*), sum(crc32(concat_ws(0x1f, amount, created_at, ifnull(length(email), 'N'), email, id, qty,
    name))) FROM t"
  "SELECT count(*), bit_xor(crc32(concat_ws(0x1f, amount, created_at, id, length(name), name, qty, email))) FROM t"
  "SELECT count(*), sum(crc32(concat_ws(0x1f, amount, created_at, ifnull(email, 'N'), id, name, qty))) FROM t"
  "SELECT count(*), sum(crc32(concat_ws(0x1f, cast('' AS binary), amount, created_at, ifnull(length(email), 'N'),
    email, id, length(name), name, qty))) FROM t"
  "SELECT count(*), sum(crc32(json_array(amount, created_at, email, id, name, qty))) FROM t"
  "SELECT count(*), sum(crc32(concat_ws(0x1f, amount, created_at, id, qty))) FROM t"
  "SELECT count(*), sum(crc32(concat_ws(0x1f, ifnull(length(email), 'N'), email, length(name), name))) FROM t"
  "SELECT count(*), sum(crc32c(concat_ws(0x1f, amount, created_at, id, length(name), name, qty, email))) FROM t"
  "SELECT COUNT(*) FROM t"
)
n=${#forms[@]}
{
  echo "SET profiling = 1; SET profiling_history_size = 100;"
  for ((r = 0; r < reps; r++)); do
    for f in "${forms[@]}"; do echo "$f;"; done
  done
  echo "SELECT QUERY_ID, sum(CPU_USER + CPU_SYSTEM) FROM information_schema.PROFILING GROUP BY QUERY_ID"
  echo "  ORDER BY QUERY_ID;"
} | "${my[@]}" -N "$db" | awk -F'\t' 'NF == 2 && $1 ~ /^[0-9]+$/' | tail -n $((n * reps)) \
  | awk -v n="$n" -v names="${names[*]}" -v rows="$rows" -v reps="$reps" '
    function median(a, k,   i, j, t) {
      for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
      return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
    }
    { cpu[NR - 1] = $2 }
    END {
      split(names, name, " ")
      printf "MariaDB, t %d rows, %d repetitions: server CPU, median, and ratio to CHECKSUM TABLE t EXTENDED\n", rows, reps
      for (f = 0; f < n; f++) {
        delete s; delete q
        for (r = 0; r < reps; r++) { s[r + 1] = cpu[r * n + f]; q[r + 1] = cpu[r * n + f] / cpu[r * n] }
        line = ""
        for (r = 1; r <= reps; r++) line = line sprintf("%s%.2f", r > 1 ? ", " : "", q[r])
        printf "  %-24s %6.3f s  %.2fx  (%s)\n", name[f + 1], median(s, reps), median(q, reps), line
      }
    }'
