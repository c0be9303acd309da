#!/usr/bin/env bash
# Remakes src/main/resources/backstep/cli/cds-commands.classlist: the classes that apply, rollback, status, history
# and rehearse load, from one real run of each (-XX:DumpLoadedClassList) on the 25-migration history of
# bench/history.sh (PostgreSQL) and on a one-table playbook (MySQL/MariaDB). CdsTraining loads the listed classes so
# that the distribution's archive for database commands holds them; CdsClassListIT fails when the list falls behind.
# Also remakes cds-commands.indy beside it: the same runs' lambda proxies and method-handle forms (the class list's
# @lambda-proxy and @lambda-form-invoker lines), which the launcher adds to the training run's list.
# Usage: bash bench/cds-classes.sh   (after `mvn -q -DskipTests package`; PostgreSQL on 127.0.0.1:5432 as postgres,
# MariaDB on 127.0.0.1:3306 as root, both without password, as the tests use them).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=src/main/resources/backstep/cli/cds-commands.classlist
INDY=src/main/resources/backstep/cli/cds-commands.indy
W=$(mktemp -d /tmp/bs-cds-classes.XXXXXX)
H=
trap 'rm -rf "$W" ${H:+"$(dirname "$H")"}; dropdb -h 127.0.0.1 -U postgres --if-exists bs_cds_classes' EXIT
mvn -B -o -q dependency:build-classpath -Dmdep.outputFile="$W/cp.txt" -Dmdep.includeScope=runtime >/dev/null
CP=target/classes:$(cat "$W/cp.txt")
H=$(HISTORY_ONLY=1 BACKSTEP_CMD="java -cp $CP backstep.cli.Main" bash bench/history.sh | sed -n 's/^== .* imported into //p')
run() { # name, arguments of backstep
  local n=$1
  shift
  java -Xshare:off -XX:DumpLoadedClassList="$W/$n.lst" -cp "$CP" backstep.cli.Main "$@" >"$W/$n.out" 2>&1 \
    || { echo "$n failed:" >&2; tail -5 "$W/$n.out" >&2; exit 1; }
}
PG="--url jdbc:postgresql://127.0.0.1:5432/bs_cds_classes --user postgres --environment sandbox"
dropdb -h 127.0.0.1 -U postgres --if-exists bs_cds_classes
createdb -h 127.0.0.1 -U postgres bs_cds_classes
run apply1 apply "$H" --to 1 $PG -y
run apply apply "$H" $PG -y
run status status $PG
run history history $PG
run rollback rollback "$H" $PG -y
run rehearse rehearse "$H" --to 3 --url jdbc:postgresql://127.0.0.1:5432/postgres --user postgres --environment sandbox
cat >"$W/m.yaml" <<'YAML'
id: cds-classes
title: the class list's MySQL/MariaDB run
intent: a table, to see which classes a real apply loads
dialects: [mysql]
steps:
  - id: create
    kind: sql
    title: a table
    forward: CREATE TABLE t (id bigint PRIMARY KEY, name varchar(20) NOT NULL)
    rollback: DROP TABLE t
YAML
mysql -h 127.0.0.1 -u root -e "DROP DATABASE IF EXISTS bs_cds_classes; CREATE DATABASE bs_cds_classes"
MY="--url jdbc:mysql://127.0.0.1:3306/bs_cds_classes --user root --environment sandbox"
run mapply apply "$W/m.yaml" $MY -y
run mstatus status $MY
run mrollback rollback "$W/m.yaml" $MY -y
mysql -h 127.0.0.1 -u root -e "DROP DATABASE bs_cds_classes"
{
  sed -n '/^#/p' "$OUT"
  # one class a line; lambda forms, lambda proxies and proxies are made anew by every JVM (the first two: .indy)
  cat "$W"/*.lst | grep -v -e '^@' -e '^#' | cut -d ' ' -f 1 | grep -v -e '\$\$' -e '^jdk/proxy' -e 'LambdaForm\$' \
    | LC_ALL=C sort -u | tr / .
} >"$W/new"
mv "$W/new" "$OUT"
echo "$(grep -vc '^#' "$OUT") classes in $OUT"
{
  sed -n '/^#/p' "$INDY"
  # picocli's class files are Java 5: linking them while dumping (as resolving a lambda does) drops them from the
  # archive, and Java 17.0.15 crashed dumping a lambda proxy of such a class
  cat "$W"/*.lst | grep -e '^@lambda-proxy ' -e '^@lambda-form-invoker ' | grep -v 'picocli/' | LC_ALL=C sort -u
} >"$W/indy"
mv "$W/indy" "$INDY"
echo "$(grep -vc '^#' "$INDY") lambda proxies and method-handle forms in $INDY"
