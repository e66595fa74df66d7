#!/usr/bin/env bash
# The office desk at a million members (issue #22, item 7): loads MEMBERS members (default
# 1,000,000; a quarter chose the topic "verein", one in 50 unsubscribed, one in 100 pending) and a
# sent edition with one delivery per member (one in 1,000 failed) into a fresh H2 database or a
# PostgreSQL database, with SQL (H2's SYSTEM_RANGE, PostgreSQL's generate_series: a minute, where
# the CSV import would take several), starts `serve`, logs in with the bootstrap token and times
# REQUESTS requests (default 20, after 3 warm-up requests) of each admin page or API call with curl:
# median and p95 in ms. Goal: <= 200 ms each.
#
#   bench/admin/run.sh                                  # H2, 1,000,000 members
#   DB=postgresql PG_PORT=55472 bench/admin/run.sh      # a cluster of .ci/test-postgres on that port
#   MEMBERS=100000 REQUESTS=10 bench/admin/run.sh
#
# KEEP=1 keeps the loaded database in $WORK (printed at the end); WORK=that folder runs again on it
# without loading; LOAD_ONLY=1 stops after the load. JAR: the jar to serve (default target/rundbrief.jar).
set -euo pipefail
cd "$(dirname "$0")/../.."
MEMBERS=${MEMBERS:-1000000}
REQUESTS=${REQUESTS:-20}
DB=${DB:-h2}
APP_PORT=${APP_PORT:-18095}
TOKEN=bench-token-0123456789abcdefghijkl
. bench/lib.sh
JAR=${JAR:-target/rundbrief.jar}
[ -f "$JAR" ] || mvn -B -o -q package -DskipTests
H2_JAR=$(ls ~/.m2/repository/com/h2database/h2/2.4.240/h2-2.4.240.jar)

WORK=${WORK:-$(mktemp -d /tmp/rundbrief-admin-bench.XXXXXX)}
APP_PID=""
finish() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  if [ -n "${KEEP:-}" ]; then echo "kept: WORK=$WORK" >&2; else rm -rf "$WORK"; fi
}
trap finish EXIT
mkdir -p "$WORK/logs"

if [ "$DB" = postgresql ]; then
  URL="jdbc:postgresql://127.0.0.1:${PG_PORT:?set PG_PORT to a cluster started by .ci/test-postgres}/rundbrief_bench?user=rundbrief"
  sql() { psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U rundbrief rundbrief_bench; }
  SERIES="generate_series(1, $MEMBERS) AS g(x)"
  MOD() { echo "($1 % $2)"; }
else
  URL="jdbc:h2:file:$WORK/data/rundbrief"
  sql() { cat > "$WORK/load.sql"; java -cp "$H2_JAR" org.h2.tools.RunScript -url "$URL;AUTO_SERVER=TRUE" -user sa -script "$WORK/load.sql"; }
  SERIES="SYSTEM_RANGE(1, $MEMBERS) AS g"
  MOD() { echo "MOD($1, $2)"; }
fi
cat > "$WORK/rundbrief.yml" <<YML
site: { title: "Kleingartenverein Sonnenhang", baseUrl: "http://127.0.0.1:$APP_PORT", language: de }
database: { url: "$URL" }
http: { port: $APP_PORT }
security: { adminToken: "$TOKEN" }
topics:
  - { id: verein, de: "Vereinsleben", en: "Club life" }
  - { id: termine, de: "Termine", en: "Dates" }
YML

if [ ! -f "$WORK/loaded" ]; then
  if [ "$DB" = postgresql ]; then
    psql -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -c "DROP DATABASE IF EXISTS rundbrief_bench" \
      -c "CREATE DATABASE rundbrief_bench OWNER rundbrief"
  fi
  # the schema: any command migrates an empty database
  java -jar "$JAR" subscribers list --config "$WORK/rundbrief.yml" > /dev/null
  start=$(date +%s)
  X=x; [ "$DB" = postgresql ] || X=X
  sql <<SQL
INSERT INTO subscriber (email, name, status, cadence, language, created_at, updated_at, confirmed_at, delivered_until)
SELECT 'mitglied' || $X || '@beispiel-verein.de', 'Mitglied Nummer ' || $X,
       CASE WHEN $(MOD $X 50) = 0 THEN 'unsubscribed' WHEN $(MOD $X 100) = 1 THEN 'pending' ELSE 'confirmed' END,
       CASE $(MOD $X 3) WHEN 0 THEN 'daily' WHEN 1 THEN 'weekly' ELSE 'immediate' END,
       CASE WHEN $(MOD $X 10) = 0 THEN 'en' ELSE 'de' END,
       CURRENT_TIMESTAMP - INTERVAL '30' DAY, CURRENT_TIMESTAMP - INTERVAL '30' DAY,
       CURRENT_TIMESTAMP - INTERVAL '30' DAY, CURRENT_TIMESTAMP - INTERVAL '1' DAY
FROM $SERIES ORDER BY $X;
INSERT INTO subscriber_topic (subscriber_id, topic) SELECT id, 'verein' FROM subscriber WHERE $(MOD id 4) = 0;
-- the member search's words, as org.rundbrief.subscriber.SearchWords makes them for these members:
-- the address's pieces mitgliedX, beispiel, verein, de and the name's mitglied, nummer, X
INSERT INTO subscriber_word (word, subscriber_id) SELECT 'mitglied' || CAST(id AS VARCHAR(20)), id FROM subscriber;
INSERT INTO subscriber_word (word, subscriber_id) SELECT CAST(id AS VARCHAR(20)), id FROM subscriber;
INSERT INTO subscriber_word (word, subscriber_id) SELECT w.word, s.id FROM subscriber s
CROSS JOIN (VALUES ('beispiel'), ('verein'), ('de'), ('mitglied'), ('nummer')) AS w(word);
-- written up to the last member (SearchWordsCatchUp would otherwise write them again after serve starts)
UPDATE setting SET setting_value = (SELECT CAST(MAX(id) AS VARCHAR(20)) FROM subscriber) WHERE name = 'search-words-until';
INSERT INTO edition (id, cadence, topic, status, cutoff, created_at, finished_at, planned_at)
VALUES (1, 'weekly', NULL, 'done', CURRENT_TIMESTAMP - INTERVAL '1' DAY, CURRENT_TIMESTAMP - INTERVAL '1' DAY,
        CURRENT_TIMESTAMP - INTERVAL '1' HOUR, CURRENT_TIMESTAMP - INTERVAL '1' DAY);
INSERT INTO delivery (edition_id, subscriber_id, since, status, attempts, next_attempt_at, last_error, message_id, sent_at)
SELECT 1, id, CURRENT_TIMESTAMP - INTERVAL '8' DAY,
       CASE WHEN $(MOD id 1000) = 7 THEN 'failed' ELSE 'sent' END, 1, CURRENT_TIMESTAMP - INTERVAL '1' DAY,
       CASE WHEN $(MOD id 1000) = 7 THEN '550 5.1.1 mailbox unknown' END, '<' || id || '.1@bench>',
       CASE WHEN $(MOD id 1000) = 7 THEN NULL ELSE CURRENT_TIMESTAMP - INTERVAL '20' HOUR END
FROM subscriber ORDER BY id;
SQL
  [ "$DB" = postgresql ] && echo "ANALYZE subscriber, subscriber_topic, subscriber_word, edition, delivery;" | sql
  touch "$WORK/loaded"
  echo "loaded $MEMBERS members and $MEMBERS deliveries into $DB in $(( $(date +%s) - start )) s" >&2
fi
[ -z "${LOAD_ONLY:-}" ] || exit 0

java ${SERVE_JAVA_OPTS:-} -jar "$JAR" serve --config "$WORK/rundbrief.yml" > "$WORK/logs/serve.log" 2>&1 &
APP_PID=$!
APP="http://127.0.0.1:$APP_PORT"
for _ in $(seq 1 240); do curl -sf -o /dev/null "$APP/admin/login" && break; sleep 0.5; done

# log in as the bootstrap admin (no email, the token as password), keeping the session cookie
COOKIES="$WORK/cookies"; rm -f "$COOKIES"
csrf=$(curl -sf -c "$COOKIES" -b "$COOKIES" "$APP/admin/login" | grep -o 'name="csrf" value="[^"]*"' | head -1 | cut -d'"' -f4)
curl -sf -o /dev/null -c "$COOKIES" -b "$COOKIES" --data-urlencode "csrf=$csrf" --data-urlencode "email=" \
  --data-urlencode "password=$TOKEN" "$APP/admin/login"

AFTER=$(( MEMBERS * 9 / 10 ))
RARE=$(( AFTER + 7 ))  # a number no other member's number begins with: one member has the word
declare -a NAMES=("member list page" "member list, a later page" "member search (a whole address)"
  "member search (a name, many hits)" "member search (a word one member has)" "member search (a prefix every member has)"
  "dashboard" "GET /api/subscribers (first page)" "GET /api/subscribers (a later page)")
declare -a PATHS=("/admin/subscribers" "/admin/subscribers?after=$AFTER" "/admin/subscribers?q=mitglied$AFTER%40beispiel-verein.de"
  "/admin/subscribers?q=Nummer+12" "/admin/subscribers?q=Nummer+$RARE" "/admin/subscribers?q=mitgl"
  "/admin" "/api/subscribers?limit=50" "/api/subscribers?limit=50&after=$AFTER")
time_ms() {  # time_ms PATH -> ms of one request (fails on a status other than 200)
  local auth=(-b "$COOKIES"); [[ $1 == /api/* ]] && auth=(-H "Authorization: Bearer $TOKEN")
  local out; out=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' "${auth[@]}" "$APP$1")
  [ "${out%% *}" = 200 ] || { echo "$1 answered ${out%% *}" >&2; return 1; }
  awk -v t="${out#* }" 'BEGIN{printf "%.1f\n", t * 1000}'
}
echo
echo "$MEMBERS members, $MEMBERS deliveries, $DB; $REQUESTS requests each after 3 warm-up; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| request | path | median ms | p95 ms |"
echo "|---|---|---:|---:|"
for i in "${!PATHS[@]}"; do
  p=${PATHS[$i]}
  for _ in 1 2 3; do time_ms "$p" > /dev/null; done
  for _ in $(seq 1 "$REQUESTS"); do time_ms "$p"; done > "$WORK/t"
  p95=$(sort -n "$WORK/t" | awk '{a[NR]=$1} END{i=int(NR*0.95+0.999); if(i>NR)i=NR; print a[i]}')
  echo "| ${NAMES[$i]} | \`$p\` | $(median < "$WORK/t") | $p95 |"
done
