#!/usr/bin/env bash
# Attack scans against a Haven running on loopback with demo data (issue 9, API-1 and AUTH-4):
#   sqlmap on the search and list endpoints of the JSON API (with a demo user's bearer token),
#   wapiti (sql, xss, exec, file, crlf, redirect modules) on the pages, with a signed-in session,
#   a bounded brute force of the sign-in that must hit the lockout.
# Zero findings required: exits non-zero on any finding. Every tool is bounded in time.
# Usage: bench/security/scan.sh [BASE_URL]   (default http://127.0.0.1:8080; Haven must be running with
#        --spring.profiles.active=demo and HAVEN_DEMO_PASSWORD set in this environment)
set -euo pipefail
BASE=${1:-http://127.0.0.1:8080}
PASSWORD=${HAVEN_DEMO_PASSWORD:?set HAVEN_DEMO_PASSWORD to the demo users password}
OUT=${SCAN_OUT:-target/security-scan}
mkdir -p "$OUT"
findings=0

token=$(curl -sf -X POST "$BASE/api/v1/auth/token" -H 'Content-Type: application/json' \
  -d "{\"username\":\"shelter.supervisor\",\"password\":\"$PASSWORD\",\"totp\":\"\"}" | sed -E 's/.*"token":"([^"]+)".*/\1/')
[ -n "$token" ] || { echo "could not get an API token"; exit 1; }

# 1. sqlmap on every search/list endpoint with query parameters.
urls=(
  "$BASE/api/v1/cases?q=sok&status=ACTIVE&page=0&size=5"
  "$BASE/api/v1/places?q=Battambang&level=province"
  "$BASE/api/v1/admin/users?page=0&size=5"
  "$BASE/api/v1/admin/organisations?page=0&size=5"
)
for extra in "$BASE/api/v1/services?q=legal" "$BASE/api/v1/referrals?status=SENT" "$BASE/api/v1/proceedings?stage=TRIAL" \
             "$BASE/api/v1/outreach/activities?from=2026-01-01"; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$extra")
  [ "$code" != 404 ] && urls+=("$extra")
done
for url in "${urls[@]}"; do
  name=$(echo "$url" | sed -E 's#https?://[^/]+/##; s#[^a-zA-Z0-9]+#_#g' | cut -c1-60)
  echo "sqlmap: $url"
  timeout 300 sqlmap -u "$url" --batch --level 1 --risk 1 --threads 2 --timeout 10 --retries 1 \
      --headers "Authorization: Bearer $token" --output-dir "$OUT/sqlmap" --disable-coloring \
      > "$OUT/sqlmap-$name.log" 2>&1 || true
  if grep -qiE "identified the following injection point|is vulnerable" "$OUT/sqlmap-$name.log"; then
    echo "  FINDING (see $OUT/sqlmap-$name.log)"; findings=$((findings + 1))
  else
    echo "  no injection found"
  fi
done

# 2. wapiti on the pages with a signed-in session cookie.
jar="$OUT/cookies.txt"; rm -f "$jar"
csrf=$(curl -s -c "$jar" "$BASE/login" | sed -nE 's/.*name="_csrf" value="([^"]+)".*/\1/p' | head -1)
curl -s -b "$jar" -c "$jar" -o /dev/null -X POST "$BASE/login" \
  --data-urlencode "username=shelter.caseworker" --data-urlencode "password=$PASSWORD" --data-urlencode "_csrf=$csrf"
session=$(awk '$6=="JSESSIONID"{print $7}' "$jar" | tail -1)
wapiti_json="$OUT/wapiti.json"
timeout 420 wapiti -u "$BASE/" -m sql,xss,exec,file,crlf,redirect --scope folder --max-scan-time 300 \
    --max-links-per-page 40 -d 3 --flush-session \
    -H "Cookie: JSESSIONID=$session" -f json -o "$wapiti_json" > "$OUT/wapiti.log" 2>&1 || true
if [ -f "$wapiti_json" ]; then
  vulns=$(python3 -c "import json,sys; d=json.load(open('$wapiti_json')); print(sum(len(v) for v in d.get('vulnerabilities',{}).values()))")
  echo "wapiti: $vulns vulnerabilities"
  [ "$vulns" = 0 ] || findings=$((findings + vulns))
else
  echo "wapiti produced no report (see $OUT/wapiti.log)"; findings=$((findings + 1))
fi

# 3. Brute force: a small word list against one account must end in the lockout, not a sign-in.
lockout_seen=0
for guess in 123456 password qwerty letmein admin123 welcome1 iloveyou monkey dragon sunshine; do
  body=$(curl -s -X POST "$BASE/api/v1/auth/token" -H 'Content-Type: application/json' \
    -d "{\"username\":\"donor.viewer\",\"password\":\"$guess\",\"totp\":\"\"}")
  if echo "$body" | grep -q '"token"'; then echo "brute force: signed in with a word-list password!"; findings=$((findings + 1)); fi
done
body=$(curl -s -X POST "$BASE/api/v1/auth/token" -H 'Content-Type: application/json' \
  -d "{\"username\":\"donor.viewer\",\"password\":\"$PASSWORD\",\"totp\":\"\"}")
if echo "$body" | grep -q '"token"'; then
  echo "brute force: the right password still works after 10 failures: no lockout"; findings=$((findings + 1))
else
  echo "brute force: locked out after the word list (the right password is refused too)"
fi

echo "security scan: $findings findings"
[ "$findings" = 0 ]
