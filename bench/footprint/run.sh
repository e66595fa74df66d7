#!/usr/bin/env bash
# Footprint benchmark (issue 26): resident memory (VmRSS now, VmHWM = peak) of
#   1. `serve` idle, with 1,000 articles and 10,000 daily members;
#   2. the same `serve` under page load (wrk on /, an article and /subscribe) while it sends an
#      edition to the 10,000 members (into postfix's smtp-sink on loopback);
#   3. a one-shot `send` of 20,000 digests (peak RSS from /usr/bin/time);
# once with the JVM's defaults and once with the small-host flags of README's production section
# (FLAGS below). Native Memory Tracking (summary) is on in both, so jcmd can say where the memory
# goes: heap, metaspace (class), threads, code cache, GC, H2's cache lives in the heap.
#
#   bench/footprint/run.sh                 # LOAD=30s WRK_CONNECTIONS=20 MODES="defaults flags"
#   MODES=flags bench/footprint/run.sh     # only with the flags
#   FLAGS="-Xmx128m ..." bench/footprint/run.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=$ROOT/target/rundbrief.jar
PORT=${SINK_PORT:-25261}
HTTP=${HTTP_PORT:-18941}
LOAD=${LOAD:-30s}
WRK_CONNECTIONS=${WRK_CONNECTIONS:-20}
TOKEN=bench-token-0123456789abcdef0123
# Keep in step with README.md, "Production".
FLAGS=${FLAGS:-"-Xms16m -Xmx96m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=32m -XX:MaxDirectMemorySize=32m"}
# glibc's malloc arenas for the flags' run (README's systemd unit sets the same): 2 instead of 8 per core.
ARENAS=${ARENAS:-2}
. "$ROOT/bench/send/workload.sh"
. "$ROOT/bench/lib.sh"
prerequisites
install_missing wrk curl

WORK=$(mktemp -d /tmp/rundbrief-footprint.XXXXXX)
SERVE=""; SINK=""; WRK=""
trap 'kill $SINK $SERVE $WRK 2>/dev/null || true; rm -rf "$WORK"' EXIT
/usr/sbin/smtp-sink -u nobody 127.0.0.1:$PORT 500 >/dev/null 2>&1 &
SINK=$!

# --- workload: 1,000 articles (200 rounds of workload.sh's five), 10,000 and 20,000 members ---
mkdir -p "$WORK/serve" "$WORK/send"
for r in $(seq 1 200); do articles "$WORK/serve/articles" "Runde $r, "; done
cp -r "$WORK/serve/articles" "$WORK/send/articles"
config "$WORK/serve" "http: { port: $HTTP, trustedProxies: \"127.0.0.1\" }
security: { adminToken: \"$TOKEN\" }"
config "$WORK/send"
members 10000 "$WORK/serve/members.csv"
members 20000 "$WORK/send/members.csv"
for d in serve send; do
  java -jar "$JAR" subscribers import "$WORK/$d/members.csv" --confirmed --consent-note bench --config "$WORK/$d/rundbrief.yml" >/dev/null 2>&1
done
mb() { awk -v k="$2:" '$1==k {printf "%d", $2/1024}' "/proc/$1/status"; }   # PID FIELD -> MB
nmt() { # PID -> where the committed memory goes (Native Memory Tracking summary, one line)
  jcmd "$1" VM.native_memory summary scale=MB 2>/dev/null | awk '
    /^Total:/ {match($0, /committed=[0-9]+/); printf "total %s MB:", substr($0, RSTART+10, RLENGTH-10)}
    /^-/ {line=$0; sub(/^- */, "", line); name=line; sub(/ *\(.*/, "", name);
          if (match(line, /committed=[0-9]+/)) printf " %s %s,", name, substr(line, RSTART+10, RLENGTH-10)}
    /\(thread #/ {match($0, /#[0-9]+/); printf " (%s threads)", substr($0, RSTART+1, RLENGTH-1)}'
  echo
}

results=()
for mode in ${MODES:-defaults flags}; do
  opts=""; arenas=""
  [ "$mode" = flags ] && opts=$FLAGS && arenas="MALLOC_ARENA_MAX=$ARENAS"
  # A fresh copy of the databases for each mode: the same edition is sent in both.
  rm -rf "$WORK/run" && mkdir -p "$WORK/run"
  for d in serve send; do
    cp -r "$WORK/$d" "$WORK/run/$d"
    sed -i "s|$WORK/$d|$WORK/run/$d|g" "$WORK/run/$d/rundbrief.yml"
    java -jar "$JAR" collect --config "$WORK/run/$d/rundbrief.yml" >/dev/null 2>&1
  done

  env $arenas JDK_JAVA_OPTIONS="$opts -XX:NativeMemoryTracking=summary" java -jar "$JAR" serve --config "$WORK/run/serve/rundbrief.yml" > "$WORK/run/serve.out" 2>&1 &
  SERVE=$!
  until curl -sf "localhost:$HTTP/health" >/dev/null; do sleep 0.5; done
  slug=$(curl -sf "localhost:$HTTP/" | grep -o 'href="/articles/[^"]*"' | head -1 | cut -d'"' -f2)
  for p in / "$slug" /subscribe /feed.atom; do curl -sf -o /dev/null "localhost:$HTTP$p"; done
  sleep 20
  idle="$(mb $SERVE VmRSS) MB"
  idle_nmt=$(nmt $SERVE)

  THREADS=2 CONNECTIONS=$WRK_CONNECTIONS DURATION=$LOAD rps "http://localhost:$HTTP/" >/dev/null & WRK="$!"
  THREADS=1 CONNECTIONS=$WRK_CONNECTIONS DURATION=$LOAD rps "http://localhost:$HTTP$slug" >/dev/null & WRK="$WRK $!"
  THREADS=1 CONNECTIONS=$WRK_CONNECTIONS DURATION=$LOAD rps "http://localhost:$HTTP/subscribe" >/dev/null & WRK="$WRK $!"
  curl -sf -X POST -H "Authorization: Bearer $TOKEN" "localhost:$HTTP/api/jobs/send-daily/run" >/dev/null
  deadline=$(( $(date +%s) + 900 ))
  until [ "$(curl -sf -H "Authorization: Bearer $TOKEN" "localhost:$HTTP/metrics" | awk '/^rundbrief_deliveries_total.*outcome="sent"/ {printf "%d", $2}')" -ge 10000 ] 2>/dev/null; do
    sleep 1
    [ "$(date +%s)" -lt "$deadline" ] || { echo "send did not finish; see $WORK/run/serve.out" >&2; exit 1; }
  done
  for w in $WRK; do wait "$w" || true; done
  WRK=""
  load_now="$(mb $SERVE VmRSS) MB"; load_peak="$(mb $SERVE VmHWM) MB"
  load_nmt=$(nmt $SERVE)
  kill $SERVE; wait $SERVE 2>/dev/null || true; SERVE=""

  env $arenas JDK_JAVA_OPTIONS="$opts" /usr/bin/time -f "%M" -o "$WORK/run/time" \
    java -jar "$JAR" send --cadence daily --config "$WORK/run/send/rundbrief.yml" > "$WORK/run/send.out" 2>&1
  send_peak="$(( $(cat "$WORK/run/time") / 1024 )) MB"

  results+=("| $mode | $idle | $load_now (peak $load_peak) | $send_peak |")
  echo "$mode: serve idle: $idle_nmt" >&2
  echo "$mode: serve after load + send: $load_nmt" >&2
done
echo
echo "1,000 articles; serve: 10,000 members, wrk $LOAD on 3 pages while sending; one-shot send: 20,000 members; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "flags: $FLAGS, MALLOC_ARENA_MAX=$ARENAS"
echo
echo "| JVM options | serve idle (RSS) | serve under load + send (RSS, peak) | one-shot send of 20,000 (peak RSS) |"
echo "|---|---:|---:|---:|"
printf '%s\n' "${results[@]}"
