#!/usr/bin/env bash
# Attrition benchmark: 20,000 generated proceedings, then the attrition API and page for one year, timed with curl.
# Usage: bench/prosecution/attrition.sh [count] [requests]   (needs target/haven.jar: mvn -DskipTests package)
# Uses its own data directory and port; prints p50/p95 in milliseconds.
set -euo pipefail
COUNT=${1:-20000}
REQUESTS=${2:-200}
PORT=${BENCH_PORT:-18530}
DATA=${BENCH_DATA:-/tmp/prosecution-bench-data}
JAR=target/haven.jar
export HAVEN_BENCH_PASSWORD=${HAVEN_BENCH_PASSWORD:-"Bench-Analyst-$(date +%s)-Qx7!"}
rm -rf "$DATA"
java -jar "$JAR" generate proceedings --count "$COUNT" --seed 42 --haven.data-dir="$DATA"
HAVEN_NEW_USER_PASSWORD="$HAVEN_BENCH_PASSWORD" java -jar "$JAR" users create --username bench.analyst \
  --organisation "Bench Ministry" --organisation-type MINISTRY --country KH --role DATA_ANALYST \
  --haven.data-dir="$DATA" >/dev/null
java -jar "$JAR" --server.port="$PORT" --haven.data-dir="$DATA" >/tmp/prosecution-bench-app.log 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
for i in $(seq 1 120); do curl -sf "http://localhost:$PORT/actuator/health" >/dev/null && break; sleep 1; done
TOKEN=$(curl -sf -H 'Content-Type: application/json' \
  -d "{\"username\":\"bench.analyst\",\"password\":\"$HAVEN_BENCH_PASSWORD\"}" \
  "http://localhost:$PORT/api/v1/auth/token" | sed -E 's/.*"token":"([^"]+)".*/\1/')
YEAR=$(( $(date +%Y) - 2 ))
URL="http://localhost:$PORT/api/v1/proceedings/attrition?year=$YEAR"
for i in $(seq 1 20); do curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" "$URL"; done
for i in $(seq 1 "$REQUESTS"); do
  curl -sf -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $TOKEN" "$URL"
done | sort -n | awk '{a[NR]=$1*1000} END {printf "attrition API year %s, %d requests: p50 %.1f ms, p95 %.1f ms, max %.1f ms\n", '"$YEAR"', NR, a[int(NR*0.5)], a[int(NR*0.95)], a[NR]}'
curl -sf -H "Authorization: Bearer $TOKEN" "$URL" | head -c 400; echo
