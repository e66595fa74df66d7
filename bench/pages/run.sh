#!/usr/bin/env bash
# Public pages benchmark: rundbrief's cached pages (/, /topics/verein, an older page of /,
# /articles/{slug}, an edition's web version /editions/1, the GET of /subscribe) against nginx serving the same bytes from files, both
# on loopback, measured with wrk in the same run: full answers and 304s (If-None-Match with each
# server's own ETag). Prints a Markdown table per path with medians of ROUNDS rounds and ratios.
#
#   bench/pages/run.sh                # ROUNDS=3 DURATION=5s CONNECTIONS=50 THREADS=2 ARTICLES=60
#   ROUNDS=1 bench/pages/run.sh
#
# Needs root (or the packages already installed) for: apt-get install wrk nginx curl.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-5s}
CONNECTIONS=${CONNECTIONS:-50}
THREADS=${THREADS:-2}
APP_PORT=${APP_PORT:-18090}
NGINX_PORT=${NGINX_PORT:-18091}
SINK_PORT=${SINK_PORT:-18092}
ARTICLES=${ARTICLES:-60}
. bench/lib.sh
install_missing wrk nginx curl
[ -f target/rundbrief.jar ] || mvn -B -o -q package -DskipTests

WORK=$(mktemp -d /tmp/rundbrief-pages-bench.XXXXXX)
trap stop_servers EXIT

serve_club_site ${SERVE_JAVA_OPTS:-}
APP="http://127.0.0.1:$APP_PORT"

# --- the pages, saved byte for byte for nginx (app path -> nginx file) ---
INDEX=$(curl -sf "$APP/")
SLUG_PATH=$(grep -o 'href="/articles/[^"]*"' <<<"$INDEX" | head -1 | cut -d'"' -f2)
OLDER_PATH=$(grep -o 'href="/?before=[^"]*"' <<<"$INDEX" | head -1 | cut -d'"' -f2 | sed 's/&amp;/\&/g')
declare -A FILE=( ["/"]=index.html ["/topics/verein"]=topic.html ["$OLDER_PATH"]=older.html
                  ["$SLUG_PATH"]=article.html ["/editions/1"]=edition.html ["/subscribe"]=subscribe.html )
PATHS=("/" "/topics/verein" "$OLDER_PATH" "$SLUG_PATH" "/editions/1" "/subscribe")
for p in "${PATHS[@]}"; do
  curl -sf -o "$WORK/www/${FILE[$p]}" "$APP$p"
  chmod 644 "$WORK/www/${FILE[$p]}"
done

serve_www_with_nginx "default_type text/html;"
NGINX="http://127.0.0.1:$NGINX_PORT"

# Warm-up: JIT for the JVM, page cache for nginx.
for p in "${PATHS[@]}"; do DURATION=3s rps "$APP$p" >/dev/null; done
DURATION=2s rps "$NGINX/index.html" >/dev/null

: > "$WORK/results"
for round in $(seq 1 "$ROUNDS"); do
  for p in "${PATHS[@]}"; do
    f=${FILE[$p]}
    app_etag=$(etag_of "$APP$p"); nginx_etag=$(etag_of "$NGINX/$f")
    [ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $app_etag" "$APP$p")" = 304 ]
    echo "$f app_full $(rps "$APP$p")" >> "$WORK/results"
    echo "$f nginx_full $(rps "$NGINX/$f")" >> "$WORK/results"
    echo "$f app_304 $(rps "$APP$p" "If-None-Match: $app_etag")" >> "$WORK/results"
    echo "$f nginx_304 $(rps "$NGINX/$f" "If-None-Match: $nginx_etag")" >> "$WORK/results"
  done
  echo "round $round done" >&2
done
m() { awk -v f="$1" -v k="$2" '$1==f && $2==k{print $3}' "$WORK/results" | median; }
echo
echo "$ARTICLES articles; wrk -t$THREADS -c$CONNECTIONS -d$DURATION; median of $ROUNDS rounds; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| path | bytes | rundbrief 200 req/s | nginx 200 req/s | ratio | rundbrief 304 req/s | nginx 304 req/s | ratio |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for p in "${PATHS[@]}"; do
  f=${FILE[$p]}
  awk -v p="$p" -v b="$(stat -c %s "$WORK/www/$f")" -v af="$(m "$f" app_full)" -v nf="$(m "$f" nginx_full)" \
      -v a3="$(m "$f" app_304)" -v n3="$(m "$f" nginx_304)" \
      'BEGIN{printf "| `%s` | %d | %.0f | %.0f | %.2f | %.0f | %.0f | %.2f |\n", p, b, af, nf, af/nf, a3, n3, a3/n3}'
done
echo
echo "all rounds:"; cat "$WORK/results"
