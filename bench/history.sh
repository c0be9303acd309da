#!/usr/bin/env bash
# A whole migration history, as a team adopting Backstep brings it: 25 Flyway migrations (V1..V25 with U undo
# scripts) of a small lending-library application, imported with `backstep import flyway`, then timed:
#   1. `backstep rehearse HISTORY` (apply, fingerprint, roll back, prove, apply again, for each migration);
#   2. `backstep apply HISTORY` into a fresh database against `psql -f` of the same up scripts into another,
#      paired runs (bench/pairs.py --vs), JVM start included;
#   3. the floor: bench/HistoryFloor.java, a JVM (the same runtime and JIT options as Backstep's, a class-data-sharing
#      archive of its own) that sends the same up scripts on one pgjdbc connection in autocommit, nothing else,
#      paired with Backstep and with `psql -f`. Backstep / floor / psql then says what part of the 2x budget Java's
#      start alone takes.
# Usage: bash bench/history.sh [runs]   (default 5; PostgreSQL on 127.0.0.1:5432, user postgres, trust auth).
# Needs target/backstep.jar (`mvn -q -DskipTests package`), or BACKSTEP_CMD: the command that runs Backstep, e.g.
# BACKSTEP_CMD=/opt/backstep/bin/backstep for an unpacked distribution (its launcher, class-data-sharing archive and
# JIT options; the floor then runs on its runtime and its lib/postgresql-*.jar). HISTORY_ONLY=1 writes and imports
# the history, prints its folder and stops. NO_FLOOR=1 leaves the floor out.
# See docs/performance.md ("A whole history").
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-5}"
JAR=target/backstep.jar
BS=${BACKSTEP_CMD:-java -jar $JAR}
[ -n "${BACKSTEP_CMD:-}" ] || [ -f "$JAR" ] || mvn -q -B -DskipTests -Dcheckstyle.skip package
W=$(mktemp -d /tmp/bs-history-bench.XXXXXX)
SRC="$W/db/migration"
mkdir -p "$SRC"
PG="-h 127.0.0.1 -U postgres"

# --- the migrations: written here, so the benchmark needs nothing but this repository -------------------------
n=0
mig() { # mig DESCRIPTION UP DOWN
  n=$((n + 1))
  printf '%s\n' "$2" > "$SRC/V${n}__$1.sql"
  printf '%s\n' "$3" > "$SRC/U${n}__$1.sql"
}
mig create_members "CREATE TABLE members (id bigint PRIMARY KEY, email text NOT NULL UNIQUE, joined date NOT NULL DEFAULT current_date);" "DROP TABLE members;"
mig create_authors "CREATE TABLE authors (id bigint PRIMARY KEY, name text NOT NULL);" "DROP TABLE authors;"
mig create_books "CREATE TABLE books (id bigint PRIMARY KEY, author_id bigint NOT NULL REFERENCES authors (id), title text NOT NULL, isbn char(13));" "DROP TABLE books;"
mig books_isbn_unique "ALTER TABLE books ADD CONSTRAINT books_isbn_key UNIQUE (isbn);" "ALTER TABLE books DROP CONSTRAINT books_isbn_key;"
mig seed_authors "INSERT INTO authors (id, name) SELECT g, 'Author ' || g FROM generate_series(1, 200) g;" "DELETE FROM authors WHERE id BETWEEN 1 AND 200;"
mig seed_books "INSERT INTO books (id, author_id, title, isbn) SELECT g, 1 + g % 200, 'Title ' || g, lpad(g::text, 13, '0') FROM generate_series(1, 2000) g;" "DELETE FROM books WHERE id BETWEEN 1 AND 2000;"
mig create_copies "CREATE TABLE copies (id bigint PRIMARY KEY, book_id bigint NOT NULL REFERENCES books (id), shelf text);" "DROP TABLE copies;"
mig copies_book_idx "CREATE INDEX copies_book_idx ON copies (book_id);" "DROP INDEX copies_book_idx;"
mig create_loans "CREATE TABLE loans (id bigint PRIMARY KEY, copy_id bigint NOT NULL REFERENCES copies (id), member_id bigint NOT NULL REFERENCES members (id), lent_on date NOT NULL, due_on date NOT NULL, returned_on date);" "DROP TABLE loans;"
mig loans_due_check "ALTER TABLE loans ADD CONSTRAINT loans_due_after_lent CHECK (due_on >= lent_on);" "ALTER TABLE loans DROP CONSTRAINT loans_due_after_lent;"
mig loans_open_idx "CREATE INDEX loans_open_idx ON loans (member_id) WHERE returned_on IS NULL;" "DROP INDEX loans_open_idx;"
mig members_name "ALTER TABLE members ADD COLUMN full_name text;" "ALTER TABLE members DROP COLUMN full_name;"
mig seed_members "INSERT INTO members (id, email, full_name) SELECT g, 'm' || g || '@library.test', 'Member ' || g FROM generate_series(1, 1000) g;" "DELETE FROM members WHERE id BETWEEN 1 AND 1000;"
mig create_branches "CREATE TABLE branches (id int PRIMARY KEY, city text NOT NULL);
INSERT INTO branches VALUES (1, 'Leeds'), (2, 'York'), (3, 'Hull');" "DROP TABLE branches;"
mig copies_branch "ALTER TABLE copies ADD COLUMN branch_id int REFERENCES branches (id);" "ALTER TABLE copies DROP COLUMN branch_id;"
mig create_fines "CREATE TABLE fines (loan_id bigint PRIMARY KEY REFERENCES loans (id), cents int NOT NULL CHECK (cents > 0), paid boolean NOT NULL DEFAULT false);" "DROP TABLE fines;"
mig overdue_view "CREATE VIEW overdue_loans AS SELECT l.id, l.member_id, l.due_on FROM loans l WHERE l.returned_on IS NULL AND l.due_on < current_date;" "DROP VIEW overdue_loans;"
mig create_genres "CREATE TABLE genres (code text PRIMARY KEY, label text NOT NULL);
INSERT INTO genres VALUES ('fic', 'Fiction'), ('sci', 'Science'), ('his', 'History'), ('kid', 'Children');" "DROP TABLE genres;"
mig books_genre "ALTER TABLE books ADD COLUMN genre text REFERENCES genres (code);" "ALTER TABLE books DROP COLUMN genre;"
mig backfill_genre "UPDATE books SET genre = (ARRAY['fic','sci','his','kid'])[1 + id % 4];" "UPDATE books SET genre = NULL;"
mig books_title_idx "CREATE INDEX books_title_idx ON books (lower(title));" "DROP INDEX books_title_idx;"
mig member_status_type "CREATE TYPE member_status AS ENUM ('active', 'suspended', 'left');
ALTER TABLE members ADD COLUMN status member_status NOT NULL DEFAULT 'active';" "ALTER TABLE members DROP COLUMN status;
DROP TYPE member_status;"
mig loan_count_fn "CREATE FUNCTION open_loans(p_member bigint) RETURNS bigint LANGUAGE sql STABLE AS \$\$ SELECT count(*) FROM loans WHERE member_id = p_member AND returned_on IS NULL \$\$;" "DROP FUNCTION open_loans(bigint);"
mig reservations "CREATE TABLE reservations (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, book_id bigint NOT NULL REFERENCES books (id), member_id bigint NOT NULL REFERENCES members (id), placed timestamptz NOT NULL DEFAULT now());
CREATE INDEX reservations_book_idx ON reservations (book_id);" "DROP TABLE reservations;"
mig authors_country "ALTER TABLE authors ADD COLUMN country char(2);
UPDATE authors SET country = CASE WHEN id % 2 = 0 THEN 'GB' ELSE 'IE' END;" "ALTER TABLE authors DROP COLUMN country;"

ls "$SRC"/V*.sql | sort -V | xargs cat > "$W/all-ups.sql"
$BS import flyway "$SRC" -o "$W/history" --dialect postgresql > "$W/import.txt"
echo "== $n migrations imported into $W/history"
[ -z "${HISTORY_ONLY:-}" ] || exit 0 # bench/cds-classes.sh wants the history alone
URL="jdbc:postgresql://127.0.0.1:5432"
CLI="--user postgres --environment sandbox"

echo "== rehearse HISTORY (median of $RUNS)"
python3 bench/pairs.py -n "$RUNS" --warmup 1 -- \
  sh -c "exec $BS rehearse $W/history --url $URL/postgres $CLI >>$W/rehearse.txt 2>&1"
grep -m1 "^Rehearsal of history" "$W/rehearse.txt"

APPLY="sh -c 'dropdb $PG --if-exists bs_hist_a && createdb $PG bs_hist_a && exec $BS apply $W/history --url $URL/bs_hist_a $CLI -y >>$W/apply.txt 2>&1'"
PSQL="sh -c 'dropdb $PG --if-exists bs_hist_b && createdb $PG bs_hist_b && exec psql $PG -q -v ON_ERROR_STOP=1 -d bs_hist_b -f $W/all-ups.sql >>$W/psql.txt 2>&1'"
PAIRS=("$APPLY|$PSQL|apply HISTORY vs psql -f of the same up scripts")
if [ -z "${NO_FLOOR:-}" ]; then
  # the floor's JVM: Backstep's runtime and JIT options when BACKSTEP_CMD is a distribution's launcher
  DIST=$( [ -n "${BACKSTEP_CMD:-}" ] && cd "$(dirname "$BACKSTEP_CMD")/.." 2>/dev/null && pwd || true)
  FJAVA=java
  [ -n "$DIST" ] && [ -x "$DIST/runtime/bin/java" ] && FJAVA=$DIST/runtime/bin/java
  PGJAR=$(ls "$DIST"/lib/postgresql-*.jar 2>/dev/null | head -1 || true)
  if [ -z "$PGJAR" ]; then
    v=$(sed -n 's:.*<postgresql.version>\(.*\)</postgresql.version>.*:\1:p' pom.xml)
    PGJAR=$HOME/.m2/repository/org/postgresql/postgresql/$v/postgresql-$v.jar
  fi
  mkdir -p "$W/floor"
  javac --release 17 -d "$W/floor" bench/HistoryFloor.java
  jar cf "$W/floor.jar" -C "$W/floor" . # an archive's class path takes jars, not folders
  FCP="$PGJAR:$W/floor.jar"
  FOPT="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
  # its own static archive, as Backstep's launcher makes one: a training run's class list, then a dump
  createdb $PG bs_hist_f
  "$FJAVA" $FOPT -XX:DumpLoadedClassList="$W/floor.lst" -cp "$FCP" HistoryFloor "$SRC" "$URL/bs_hist_f" postgres > /dev/null
  dropdb $PG bs_hist_f
  "$FJAVA" -Xshare:dump -XX:SharedClassListFile="$W/floor.lst" -XX:SharedArchiveFile="$W/floor.jsa" -cp "$FCP" > "$W/floor-dump.txt" 2>&1
  FLOOR="sh -c 'dropdb $PG --if-exists bs_hist_c && createdb $PG bs_hist_c && exec $FJAVA $FOPT -XX:SharedArchiveFile=$W/floor.jsa -Xlog:cds=off -cp $FCP HistoryFloor $SRC $URL/bs_hist_c postgres >>$W/floor.txt 2>&1'"
  PAIRS+=("$APPLY|$FLOOR|apply HISTORY vs the floor (one JVM, one connection, the same up scripts)")
  PAIRS+=("$FLOOR|$PSQL|the floor vs psql -f")
fi
for pair in "${PAIRS[@]}"; do
  IFS='|' read -r A B what <<< "$pair"
  echo "== $what, each into a fresh database (paired, $RUNS pairs)"
  eval "python3 bench/pairs.py -n $RUNS --warmup 1 --vs \"$B\" -- $A"
done
grep -m1 "^History" "$W/apply.txt"
[ -n "${NO_FLOOR:-}" ] || grep -m1 "^floor" "$W/floor.txt"
dropdb $PG --if-exists bs_hist_a; dropdb $PG --if-exists bs_hist_b; dropdb $PG --if-exists bs_hist_c
echo "== outputs kept in $W"
