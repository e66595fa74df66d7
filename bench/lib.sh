# Shared by the benchmarks (bench/feed, bench/pages, bench/footprint): sourced, not run.
# rps URL [HEADER] -> requests/s of one wrk run (THREADS, CONNECTIONS, DURATION from the caller).
rps() {
  local args=(-t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -s "$(dirname "${BASH_SOURCE[0]}")/clients.lua") out
  [ $# -gt 1 ] && args+=(-H "$2")
  out=$(wrk "${args[@]}" "$1")
  # Only answers that are not errors count: wrk's Requests/sec includes 4xx/5xx answers.
  if grep -q -e "Non-2xx" -e "Socket errors" <<<"$out"; then
    echo "rps $1: $(grep -e "Non-2xx" -e "Socket errors" <<<"$out" | tr -s ' ' | tr '\n' ';')" >&2
  fi
  awk '/requests in/ {n=$1; t=$4; sub(/,$/, "", t); if (t ~ /ms$/) {sub(/ms$/, "", t); t/=1000} else if (t ~ /m$/) {sub(/m$/, "", t); t*=60} else sub(/s$/, "", t)}
       /Non-2xx/ {bad=$5} END {printf "%.0f\n", (n-bad)/t}' <<<"$out"
}
# median of the numbers on stdin, one a line
median() { sort -n | awk '{a[NR]=$1} END{print (NR%2)? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
# install_missing TOOL... : apt-get install what is not on PATH (needs root)
install_missing() {
  local need=()
  for tool in "$@"; do command -v "$tool" >/dev/null || need+=("$tool"); done
  if [ ${#need[@]} -gt 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
}
# etag_of URL -> the ETag header of a HEAD
etag_of() { curl -sfI "$1" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}'; }

# --- a club site served by rundbrief and the same bytes by nginx (bench/feed, bench/pages) ---
# Callers set WORK (a fresh temp folder), APP_PORT, NGINX_PORT, ARTICLES, and call
# `trap stop_servers EXIT` before starting anything.
APP_PID=""
stop_servers() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  rm -rf "$WORK"
}

# serve_club_site [JAVA_OPTION...]: ARTICLES Markdown articles with German text in a directory
# source, collected once, one member sent edition 1 (into smtp-sink on SINK_PORT), then `serve` on
# APP_PORT (APP_PID) once "/" answers.
serve_club_site() {
  mkdir -p "$WORK/articles" "$WORK/www" "$WORK/logs"
  chmod 755 "$WORK" "$WORK/www"   # nginx workers run as an unprivileged user
  local i day
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
http: { port: $APP_PORT, trustedProxies: "127.0.0.1" }
smtp: { host: 127.0.0.1, port: ${SINK_PORT:-18092}, from: "Verein <news@example.org>" }
sources:
  - { type: directory, path: "$WORK/articles" }
YML
  java -jar target/rundbrief.jar collect --config "$WORK/rundbrief.yml" >"$WORK/logs/collect.log" 2>&1
  # One member and one sent edition (into postfix's smtp-sink), so /editions/1 has a web version.
  /usr/sbin/smtp-sink -u nobody 127.0.0.1:${SINK_PORT:-18092} 10 >/dev/null 2>&1 &
  local sink=$!
  printf 'email,name\nmitglied@example.org,Jörg Müller\n' > "$WORK/member.csv"
  java -jar target/rundbrief.jar subscribers import "$WORK/member.csv" --confirmed --consent-note bench \
    --config "$WORK/rundbrief.yml" >>"$WORK/logs/collect.log" 2>&1
  java -jar target/rundbrief.jar send --cadence weekly --include-recent 7d --config "$WORK/rundbrief.yml" \
    >>"$WORK/logs/collect.log" 2>&1
  kill $sink
  java "$@" -jar target/rundbrief.jar serve --config "$WORK/rundbrief.yml" >"$WORK/logs/serve.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 120); do
    curl -sf -o /dev/null "http://127.0.0.1:$APP_PORT/" && return 0
    sleep 0.5
  done
  echo "serve did not answer on port $APP_PORT; its log:" >&2
  cat "$WORK/logs/serve.log" >&2
  return 1
}

# serve_www_with_nginx TYPES: nginx on NGINX_PORT serving $WORK/www, TYPES an nginx `types`/
# `default_type` line for what is served.
serve_www_with_nginx() {
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
  $1
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/www;
  }
}
NGINX
  nginx -c "$WORK/nginx.conf" -p "$WORK"
  sleep 0.5
}
