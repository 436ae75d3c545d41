#!/usr/bin/env bash
# Protection benchmark (issue 3): N generated survivors, then name search and case page over the real HTTP API with
# 1 and USERS concurrent users (bench/cases/Bench.java), and the ratio of request time to database time.
#
# Usage: bench/cases/run.sh [survivors=100000] [seconds=60] [users=20]
#   REUSE=1 keeps an existing data directory (skips generation). Needs target/haven.jar (mvn -DskipTests package);
#   the ratio needs psql (Debian: postgresql-client). Uses its own data directory and port.
set -euo pipefail
# The app is started with the linkage reconciliation and the report summaries deferred: on generated data it would
# otherwise spend the run encoding the backlog of survivors and building the summaries (one-off background work,
# measured separately in docs/benchmarks.md, Record linkage and Reporting).
N=${1:-100000}
RUN_SECONDS=${2:-60}
USERS=${3:-20}
PORT=${BENCH_PORT:-18311}
DATA=${BENCH_DATA:-/tmp/cases-bench-data}
JAR=${BENCH_JAR:-target/haven.jar}
# The demo users' password for this throw-away data directory (fixed so that REUSE=1 works).
export HAVEN_DEMO_PASSWORD=${HAVEN_DEMO_PASSWORD:-Bench-Demo-Password-2026}
NAMES=src/main/resources/cases/kname_khmer_names.csv
echo "machine: $(nproc) cores, $(uname -r), $(java -version 2>&1 | head -1); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "${REUSE:-0}" != 1 ]; then
  rm -rf "$DATA"
  java -jar "$JAR" gazetteer import --haven.data-dir="$DATA" --spring.profiles.active=demo | tail -1
  java -jar "$JAR" generate --survivors "$N" --seed 42 --haven.data-dir="$DATA" --spring.profiles.active=demo | tail -1
fi
java -Xmx1g -jar "$JAR" --server.port="$PORT" --haven.data-dir="$DATA" --spring.profiles.active=demo \
  --haven.linkage.reconcile-initial-delay-ms=86400000 --haven.reporting.summary-initial-delay-ms=86400000 >/tmp/cases-bench-app.log 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
for i in $(seq 1 180); do curl -sf "http://localhost:$PORT/actuator/health" >/dev/null && break; sleep 1; done
PGPORT=$(sed -n 4p "$DATA/postgres/postmaster.pid")
active() { psql -h localhost -p "$PGPORT" -U postgres -d haven -At -c \
  "select coalesce(sum(active_time), 0) from pg_stat_database where datname = 'haven'"; }
# Warm-up, not measured: USERS users for WARMUP seconds (default 90), so that the JIT compiler has finished with the
# request path and the database's caches hold the indexes; a 15-second warm-up left C2 compiling during the measured
# run (256 against 322 requests/s on the same data). Then one user, then USERS users.
java bench/cases/Bench.java "http://localhost:$PORT" shelter.supervisor "$HAVEN_DEMO_PASSWORD" "$NAMES" "$USERS" \
  "${WARMUP:-90}" >/dev/null
echo "--- 1 user, 20 s"
java bench/cases/Bench.java "http://localhost:$PORT" shelter.supervisor "$HAVEN_DEMO_PASSWORD" "$NAMES" 1 20
echo "--- $USERS users, $RUN_SECONDS s"
BEFORE=$(active)
java bench/cases/Bench.java "http://localhost:$PORT" shelter.supervisor "$HAVEN_DEMO_PASSWORD" "$NAMES" "$USERS" \
  "$RUN_SECONDS" | tee /tmp/cases-bench-out.txt
AFTER=$(active)
REQ=$(sed -nE 's/^total request time ([0-9]+) ms.*/\1/p' /tmp/cases-bench-out.txt)
awk -v req="$REQ" -v a="$AFTER" -v b="$BEFORE" 'BEGIN { db = a - b; printf "request time %.0f ms, database active time %.0f ms: ratio %.2f\n", req, db, req / db }'
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
