#!/usr/bin/env bash
# Statistics benchmark (issue 7 §7): a database of SURVIVORS survivors (default 1,000,000) and PROCEEDINGS proceedings
# (default 100,000) filled by bench/reporting/fill.sql, the reporting summaries refreshed once (timed), then the
# national statistics and the dashboards requested over HTTP as a signed-in analyst (bearer token from
# /api/v1/auth/token), REQUESTS times each after a warm-up; prints p50/p95/max in milliseconds.
#
# Usage: bench/reporting/stats.sh [survivors=1000000] [proceedings=100000] [requests=50]
#   Needs target/haven.jar (mvn -o -DskipTests package) and psql (Debian: postgresql-client). Uses its own data
#   directory and port; REUSE=1 keeps an existing filled data directory.
# Identity columns of the filled rows hold dummy ciphertext (see fill.sql): statistics never read them.
set -euo pipefail
SURVIVORS=${1:-1000000}
PROCEEDINGS=${2:-100000}
REQUESTS=${3:-50}
PORT=${BENCH_PORT:-18655}
DATA=${BENCH_DATA:-/tmp/report-dash-bench-data}
JAR=${BENCH_JAR:-target/haven.jar}
HERE=$(cd "$(dirname "$0")" && pwd)
export HAVEN_BENCH_PASSWORD=${HAVEN_BENCH_PASSWORD:-"Bench-Analyst-$(date +%s)-Qx7!"}
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GB," \
  "$(uname -r), $(java -version 2>&1 | head -1); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "${REUSE:-0}" != 1 ]; then
  rm -rf "$DATA"
fi
# (Re)create the analyst each run so that the password is known.
USERNAME="bench.analyst.$(date +%s)"
HAVEN_NEW_USER_PASSWORD="$HAVEN_BENCH_PASSWORD" java -jar "$JAR" users create --username "$USERNAME" \
  --organisation "Bench Ministry $USERNAME" --organisation-type MINISTRY --country KH --role DATA_ANALYST \
  --haven.data-dir="$DATA" | tail -1
# The scheduled summary refresh and the linkage reconciliation are deferred: the first statistics request builds
# the summaries (they were never refreshed), which is the refresh this script times.
java -Xmx1g -jar "$JAR" --server.port="$PORT" --haven.data-dir="$DATA" \
  --haven.reporting.summary-initial-delay-ms=86400000 \
  --haven.linkage.reconcile-initial-delay-ms=86400000 >/tmp/report-dash-bench-app.log 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
for i in $(seq 1 300); do curl -sf "http://localhost:$PORT/actuator/health" >/dev/null && break; sleep 1; done
PGPORT=$(sed -n 4p "$DATA/postgres/postmaster.pid")
PSQL=(psql -h localhost -p "$PGPORT" -U postgres -d haven -v ON_ERROR_STOP=1 -q)
if [ "${REUSE:-0}" != 1 ]; then
  START=$(date +%s)
  "${PSQL[@]}" -v survivors="$SURVIVORS" -v proceedings="$PROCEEDINGS" -f "$HERE/fill.sql"
  echo "bulk fill: $(( $(date +%s) - START )) s"
else
  "${PSQL[@]}" -c "delete from rpt_refresh"
fi
TOKEN=$(curl -sf -H 'Content-Type: application/json' \
  -d "{\"username\":\"$USERNAME\",\"password\":\"$HAVEN_BENCH_PASSWORD\"}" \
  "http://localhost:$PORT/api/v1/auth/token" | sed -E 's/.*"token":"([^"]+)".*/\1/')
# Pages: a browser-like session (form sign-in with the CSRF token of the sign-in page; analysts need no second
# factor). The API: the bearer token.
JAR_COOKIES=/tmp/report-dash-bench-cookies.txt
rm -f "$JAR_COOKIES"
CSRF=$(curl -sf -c "$JAR_COOKIES" -b "$JAR_COOKIES" "http://localhost:$PORT/login" \
  | grep -o 'name="_csrf"[^>]*value="[^"]*"' | sed -E 's/.*value="([^"]*)"/\1/' | head -1)
curl -s -o /dev/null -c "$JAR_COOKIES" -b "$JAR_COOKIES" --data-urlencode "username=$USERNAME" \
  --data-urlencode "password=$HAVEN_BENCH_PASSWORD" --data-urlencode "_csrf=$CSRF" "http://localhost:$PORT/login"
YEAR=$(( $(date +%Y) - 1 ))
BASE="http://localhost:$PORT"
echo "--- first request: builds the summaries (never refreshed yet)"
curl -sf -o /dev/null -w 'summary refresh via first /api/v1/reports/national: %{time_total} s\n' \
  -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/reports/national?year=$YEAR"
"${PSQL[@]}" -At -c "select 'refresh took ' || duration_ms || ' ms (measured inside the transaction), summary rows: ' ||
  (select count(*) from rpt_victim_year) + (select count(*) from rpt_service_year) + (select count(*) from rpt_caseload)
  + (select count(*) from rpt_identified_month) + (select count(*) from rpt_service_month)
  + (select count(*) from rpt_follow_up_month) + (select count(*) from rpt_proceeding_month)
  + (select count(*) from rpt_outreach_month) from rpt_refresh"
measure() { # name url: pages with the session cookie, /api/ with the bearer token
  local name=$1 url=$2 code
  local auth=(-b "$JAR_COOKIES")
  case "$url" in *"/api/"*) auth=(-H "Authorization: Bearer $TOKEN") ;; esac
  code=$(curl -s -o /dev/null -w '%{http_code}' "${auth[@]}" "$url")
  [ "$code" = 200 ] || { echo "$name: HTTP $code for $url"; return; }
  for i in $(seq 1 5); do curl -sf -o /dev/null "${auth[@]}" "$url"; done
  for i in $(seq 1 "$REQUESTS"); do
    curl -sf -o /dev/null -w '%{time_total}\n' "${auth[@]}" "$url"
  done | sort -n | awk -v n="$name" '{a[NR]=$1*1000} END {printf "%-48s %d requests: p50 %6.1f ms, p95 %6.1f ms, max %6.1f ms\n", n, NR, a[int(NR*0.5)], a[int(NR*0.95)], a[NR]}'
}
FIRST_SHELTER=$("${PSQL[@]}" -At -c "select id from organisation where name = 'Bench SHELTER 0'")
FIRST_POLICE=$("${PSQL[@]}" -At -c "select id from organisation where name = 'Bench POLICE 0'")
FROM="$YEAR-01"; TO="$YEAR-12"
echo "--- $REQUESTS requests each, after 5 warm-up requests (load now: $(cut -d' ' -f1-3 /proc/loadavg))"
measure "national statistics page $YEAR" "$BASE/reports/national?year=$YEAR"
measure "national statistics API $YEAR" "$BASE/api/v1/reports/national?year=$YEAR"
measure "national statistics API $YEAR province 01" "$BASE/api/v1/reports/national?year=$YEAR&region=01"
measure "dashboard page, all organisations" "$BASE/reports/dashboard?from=$FROM&to=$TO"
measure "dashboard API, all organisations" "$BASE/api/v1/reports/dashboard?from=$FROM&to=$TO"
measure "dashboard page, one shelter, province 01" "$BASE/reports/dashboard?from=$FROM&to=$TO&organisation=$FIRST_SHELTER&province=01"
measure "dashboard page, one police unit, 60 months" "$BASE/reports/dashboard?from=$(( YEAR - 4 ))-01&to=$TO&organisation=$FIRST_POLICE"
measure "home page (aggregate panel)" "$BASE/"
echo "--- for comparison: the live queries the summaries replace (psql, one run each)"
"${PSQL[@]}" -c '\timing on' -c "select count(*) from (select sc.id, (select count(distinct e.form) from case_episode e
  where e.case_id = sc.id) from survivor_case sc join survivor s on s.id = sc.survivor_id
  where sc.identified_on >= make_date($YEAR, 1, 1) and sc.identified_on < make_date($YEAR + 1, 1, 1)) t" \
  -c "select sv.service_type, count(distinct sc.survivor_id) from case_service sv join survivor_case sc on sc.id = sv.case_id
  where sv.started_on <= make_date($YEAR, 12, 31) and (sv.ended_on is null or sv.ended_on >= make_date($YEAR, 1, 1)) group by 1" \
  | grep -i '^Time'
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
