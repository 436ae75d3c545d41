#!/usr/bin/env bash
# Registration duplicate check against 1,000,000 encoded people (issue 8 target: < 50 ms p95), and the in-application
# encoding rate (`linkage encode`).
#
# Usage: bench/linkage/registration.sh [people=1000000] [requests=1000] [survivors-to-encode=20000]
#   Needs target/haven.jar (mvn -DskipTests package). Uses its own data directory and port.
# Steps:
#   1. `generate --survivors S` real survivors (cases' generator), then `linkage encode` on them: encoding rate.
#   2. `linkage fill-encodings --count N`: the fast fill path — N synthetic encodings computed with the installation's
#      key on all cores, written with COPY in chunks of 50,000 with the GIN index dropped and rebuilt after, then
#      linkage_key_count recomputed in one statement. The encodings belong to no survivor (benchmark data only).
#   3. The application on that database; bench/linkage/RegistrationBench.java posts the registration check one
#      request at a time as shelter.caseworker (names from the kname list, so common names are common) and prints
#      p50/p95/p99.
set -euo pipefail
N=${1:-1000000}
REQUESTS=${2:-1000}
SURVIVORS=${3:-20000}
PORT=${BENCH_PORT:-18741}
DATA=${BENCH_DATA:-/tmp/link-app-bench-data}
JAR=${BENCH_JAR:-target/haven.jar}
export HAVEN_DEMO_PASSWORD=${HAVEN_DEMO_PASSWORD:-Bench-Demo-Password-2026}
NAMES=src/main/resources/cases/kname_khmer_names.csv
echo "machine: $(nproc) cores, $(uname -r), $(java -version 2>&1 | head -1); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "${REUSE:-0}" != 1 ]; then
  rm -rf "$DATA"
  java -jar "$JAR" gazetteer import --haven.data-dir="$DATA" --spring.profiles.active=demo | tail -1
  java -jar "$JAR" generate --survivors "$SURVIVORS" --seed 42 --haven.data-dir="$DATA" --spring.profiles.active=demo | tail -1
  echo "--- linkage encode of $SURVIVORS generated survivors (load $(cut -d' ' -f1 /proc/loadavg))"
  java -jar "$JAR" linkage encode --haven.data-dir="$DATA" --spring.profiles.active=demo | tail -1
  echo "--- fill $N encodings (load $(cut -d' ' -f1 /proc/loadavg))"
  # the index build and count recomputation take longer than the application's 30 s query timeout
  java -Xmx2g -jar "$JAR" linkage fill-encodings --count "$N" --seed 42 --haven.data-dir="$DATA" \
    --spring.profiles.active=demo --spring.jdbc.template.query-timeout=0 | tail -1
fi
java -Xmx1g -jar "$JAR" --server.port="$PORT" --haven.data-dir="$DATA" --spring.profiles.active=demo \
  --haven.linkage.reconcile-initial-delay-ms=86400000 >/tmp/link-app-bench-app.log 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
for i in $(seq 1 240); do curl -sf "http://localhost:$PORT/actuator/health" >/dev/null && break; sleep 1; done
echo "--- registration check (load $(cut -d' ' -f1 /proc/loadavg))"
java bench/linkage/RegistrationBench.java "http://localhost:$PORT" shelter.caseworker "$HAVEN_DEMO_PASSWORD" \
  "$NAMES" 200 "$REQUESTS"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
