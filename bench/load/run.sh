#!/usr/bin/env bash
# Whole-application load benchmark (issue 9): USERS simulated people (caseworkers on the API, supervisors in the
# pages and on the API, an analyst on reports; bench/load/Load.java) for SECONDS against Haven with 100,000
# generated survivors, while a gazetteer import runs in a second process a third of the way in. The heap is capped
# at 1 GB and sampled with jstat every 5 s. Not run in CI.
#
# Usage: bench/load/run.sh [users=50] [seconds=600] [think_ms=1000]
#   Reuses the data directory of bench/cases/run.sh (BENCH_DATA, default /tmp/cases-bench-data); run that first.
set -euo pipefail
# The app is started with the linkage reconciliation deferred: on generated data it would spend the run encoding the
# backlog of survivors (one-off background work, measured separately in docs/benchmarks.md, Record linkage).
USERS=${1:-50}
RUN_SECONDS=${2:-600}
THINK=${3:-1000}
PORT=${BENCH_PORT:-18312}
DATA=${BENCH_DATA:-/tmp/cases-bench-data}
JAR=${BENCH_JAR:-target/haven.jar}
export HAVEN_DEMO_PASSWORD=${HAVEN_DEMO_PASSWORD:-Bench-Demo-Password-2026}
[ -d "$DATA/postgres" ] || { echo "no data in $DATA: run bench/cases/run.sh first" >&2; exit 1; }
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx1g -jar "$JAR" --server.port="$PORT" --haven.data-dir="$DATA" --spring.profiles.active=demo \
  --haven.linkage.reconcile-initial-delay-ms=86400000 --haven.reporting.summary-initial-delay-ms=86400000 >/tmp/load-bench-app.log 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true; kill $JSTAT 2>/dev/null || true' EXIT
for i in $(seq 1 180); do curl -sf "http://localhost:$PORT/actuator/health" >/dev/null && break; sleep 1; done
jstat -gc "$APP" 5000 > /tmp/load-bench-gc.txt &
JSTAT=$!
( sleep $((RUN_SECONDS / 3)); java -jar "$JAR" gazetteer import --haven.data-dir="$DATA" > /tmp/load-bench-import.log 2>&1 \
  && echo "import during load: $(tail -1 /tmp/load-bench-import.log)" ) &
IMPORT=$!
java bench/load/Load.java "http://localhost:$PORT" "$HAVEN_DEMO_PASSWORD" src/main/resources/cases/kname_khmer_names.csv \
  "$USERS" "$RUN_SECONDS" "$THINK"
wait "$IMPORT" 2>/dev/null || true
kill "$JSTAT" 2>/dev/null || true
# Heap in use = survivor + eden + old (KB columns S0U S1U EU OU of jstat -gc); max over the run, and the old
# generation at the start and the end of the run (stable memory: it should not keep growing).
awk 'NR > 1 && $1 ~ /^[0-9.]+$/ { used = $3 + $4 + $6 + $8; if (used > max) max = used; if (!first) first = $8; last = $8 }
     END { printf "heap used max %.0f MB; old generation %.0f MB at start, %.0f MB at end (cap 1024 MB)\n", max / 1024, first / 1024, last / 1024 }' \
  /tmp/load-bench-gc.txt
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
