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
APP_PID=""
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# --- articles: a directory source of Markdown files, collected once ---
mkdir -p "$WORK/articles" "$WORK/www" "$WORK/logs"
chmod 755 "$WORK" "$WORK/www"   # nginx workers run as an unprivileged user
for i in $(seq 1 "$ARTICLES"); do
  day=$(date -u -d "-$i day" +%Y-%m-%dT09:00:00+00:00)
  cat > "$WORK/articles/artikel-$i.md" <<MD
---
title: "Mitteilung $i: Arbeitseinsatz „Frühjahr“ – bitte vormerken"
author: "Jörg Müller"
published: $day
topics: [verein]
summary: "Kurzfassung der Mitteilung $i mit Umlauten: Grünschnitt, Wasseruhr, Gemeinschaftsfläche."
---
Liebe Gartenfreundinnen und Gartenfreunde, am **Samstag** treffen wir uns zum Arbeitseinsatz $i.
Wir schneiden die Hecken am Hauptweg, räumen den Grünschnitt ab und prüfen die Wasseruhren.

Bitte bringt Handschuhe, Astscheren und gute Laune mit. Für Kaffee und Kuchen ist gesorgt; wer
etwas beisteuern möchte, meldet sich bitte im Vereinsheim. Die Stunden werden wie üblich auf die
Gemeinschaftsarbeit angerechnet – wer verhindert ist, sagt bitte bis Donnerstag Bescheid.
MD
done
cat > "$WORK/rundbrief.yml" <<YML
site: { title: "Kleingartenverein Sonnenhang", baseUrl: "http://127.0.0.1:$APP_PORT" }
database: { url: "jdbc:h2:file:$WORK/data/rundbrief" }
http: { port: $APP_PORT }
sources:
  - { type: directory, path: "$WORK/articles" }
YML
java -jar target/rundbrief.jar collect --config "$WORK/rundbrief.yml" >"$WORK/logs/collect.log" 2>&1
java -Xmx512m -jar target/rundbrief.jar serve --config "$WORK/rundbrief.yml" >"$WORK/logs/serve.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 60); do
  curl -sf -o /dev/null "http://127.0.0.1:$APP_PORT/feed.atom" && break
  sleep 0.5
done
APP_URL="http://127.0.0.1:$APP_PORT/feed.atom"
curl -sf -o "$WORK/www/feed.atom" "$APP_URL"
chmod 644 "$WORK/www/feed.atom"
BYTES=$(stat -c %s "$WORK/www/feed.atom")

# --- nginx with its own config serving the same bytes from a file ---
cat > "$WORK/nginx.conf" <<NGINX
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/logs/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  types { application/atom+xml atom; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/www;
  }
}
NGINX
nginx -c "$WORK/nginx.conf" -p "$WORK"
NGINX_URL="http://127.0.0.1:$NGINX_PORT/feed.atom"
sleep 0.5

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
