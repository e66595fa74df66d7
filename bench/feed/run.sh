#!/usr/bin/env bash
# Feed serving benchmark: rundbrief's /feed.atom (~50 KB) against nginx serving the same bytes
# from a file, both on loopback, measured with wrk in the same run: full answers and 304s
# (If-None-Match). Prints a Markdown table with medians of ROUNDS rounds and the ratios.
#
#   bench/feed/run.sh                 # ROUNDS=3 DURATION=10s CONNECTIONS=50 THREADS=2
#   ROUNDS=5 DURATION=20s bench/feed/run.sh
#
# Needs root (or the packages already installed) for: apt-get install wrk nginx curl.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-50}
THREADS=${THREADS:-2}
APP_PORT=${APP_PORT:-18080}
NGINX_PORT=${NGINX_PORT:-18081}
ARTICLES=${ARTICLES:-60}

. bench/lib.sh
install_missing wrk nginx curl
[ -f target/rundbrief.jar ] || mvn -B -o -q package -DskipTests

WORK=$(mktemp -d /tmp/rundbrief-feed-bench.XXXXXX)
trap stop_servers EXIT

serve_club_site -Xmx512m
APP_URL="http://127.0.0.1:$APP_PORT/feed.atom"
curl -sf -o "$WORK/www/feed.atom" "$APP_URL"
chmod 644 "$WORK/www/feed.atom"
BYTES=$(stat -c %s "$WORK/www/feed.atom")

serve_www_with_nginx "types { application/atom+xml atom; }"
NGINX_URL="http://127.0.0.1:$NGINX_PORT/feed.atom"

APP_ETAG=$(etag_of "$APP_URL")
NGINX_ETAG=$(etag_of "$NGINX_URL")
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $APP_ETAG" "$APP_URL")" = 304 ]
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $NGINX_ETAG" "$NGINX_URL")" = 304 ]


# Warm-up: JIT for the JVM, page cache for nginx.
DURATION=5s rps "$APP_URL" >/dev/null; DURATION=5s rps "$APP_URL" "If-None-Match: $APP_ETAG" >/dev/null
DURATION=2s rps "$NGINX_URL" >/dev/null

: > "$WORK/results"
for round in $(seq 1 "$ROUNDS"); do
  echo "app_full $(rps "$APP_URL")" >> "$WORK/results"
  echo "nginx_full $(rps "$NGINX_URL")" >> "$WORK/results"
  echo "app_304 $(rps "$APP_URL" "If-None-Match: $APP_ETAG")" >> "$WORK/results"
  echo "nginx_304 $(rps "$NGINX_URL" "If-None-Match: $NGINX_ETAG")" >> "$WORK/results"
  echo "round $round done" >&2
done
m() { awk -v k="$1" '$1==k{print $2}' "$WORK/results" | median; }
AF=$(m app_full); NF=$(m nginx_full); A3=$(m app_304); N3=$(m nginx_304)
echo
echo "feed.atom: $BYTES bytes, $ARTICLES articles; wrk -t$THREADS -c$CONNECTIONS -d$DURATION; median of $ROUNDS rounds; $(nproc) cores"
echo
echo "| answer | rundbrief req/s | nginx req/s | ratio |"
echo "|---|---:|---:|---:|"
awk -v a="$AF" -v n="$NF" 'BEGIN{printf "| 200 full | %.0f | %.0f | %.2f |\n", a, n, a/n}'
awk -v a="$A3" -v n="$N3" 'BEGIN{printf "| 304 (If-None-Match) | %.0f | %.0f | %.2f |\n", a, n, a/n}'
echo
echo "all rounds:"; cat "$WORK/results"
