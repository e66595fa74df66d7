#!/usr/bin/env bash
# DKIM benchmark (issue 21): the send rate of the same digests unsigned, signed with RSA (2048 bits)
# and signed with RSA + Ed25519, each a whole `send --cadence daily` of N members into postfix's
# smtp-sink on loopback (the workload of bench/send). The three variants run in turn RUNS times, so
# each round sees the same load on a shared machine. Prints each rate with the send's CPU time (user +
# system, and per message), the medians and the ratios signed / unsigned (goal: RSA at least 0.8).
#   bench/dkim/run.sh [N=100000] [RUNS=3]
set -euo pipefail
N=${1:-100000}
RUNS=${2:-3}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=$ROOT/target/rundbrief.jar
PORT=${SINK_PORT:-25252}
. "$ROOT/bench/send/workload.sh"
prerequisites

start_sink

articles "$WORK/articles"
members "$N" "$WORK/members.csv"
java -jar "$JAR" dkim keygen --selector bench --domain example.org --out "$WORK/rsa.pem" >/dev/null
java -jar "$JAR" dkim keygen --selector bench-ed25519 --domain example.org --algorithm ed25519 --out "$WORK/ed.pem" >/dev/null
declare -A DKIM=(
  [unsigned]=""
  [rsa]="dkim: { domain: example.org, selector: bench, privateKeyFile: \"$WORK/rsa.pem\" }"
  [rsa+ed25519]="dkim: { domain: example.org, selector: bench, privateKeyFile: \"$WORK/rsa.pem\", ed25519KeyFile: \"$WORK/ed.pem\" }"
)
VARIANTS=(unsigned rsa rsa+ed25519)
declare -A RATES

for run in $(seq "$RUNS"); do
  for v in "${VARIANTS[@]}"; do
    mkdir -p "$WORK/$v"
    rm -rf "$WORK/$v"/db*
    config "$WORK/$v" "${DKIM[$v]}"
    sed -i "s|path: \"$WORK/$v/articles\"|path: \"$WORK/articles\"|" "$WORK/$v/rundbrief.yml"
    java -jar "$JAR" subscribers import "$WORK/members.csv" --confirmed --consent-note bench --config "$WORK/$v/rundbrief.yml" >/dev/null 2>&1
    java -jar "$JAR" collect --config "$WORK/$v/rundbrief.yml" >/dev/null 2>&1
    if [ "$run" = 1 ]; then
      echo "$v: message size $(message_size "$WORK/$v/rundbrief.yml") bytes"
    fi
    TIMEFORMAT='%R %U %S' # wall, user and system CPU of the send (bash's own timer)
    { time "$JAVA" -Xmx256m ${JAVA_OPTS:-} -jar "$JAR" send --cadence daily --config "$WORK/$v/rundbrief.yml" > "$WORK/send.out" 2>/dev/null ; } 2> "$WORK/time"
    read -r wall user sys < "$WORK/time"
    rate=$(/usr/bin/python3 -c "print(round($N/$wall))")
    cpu=$(/usr/bin/python3 -c "print(round($user+$sys,1), 'CPU s,', round(($user+$sys)/$N*1000,2), 'ms per message')")
    echo "run $run, $v: $N messages in $wall s = $rate msg/s, $cpu (load $(cut -d' ' -f1 /proc/loadavg))"
    RATES[$v]="${RATES[$v]:-} $rate"
  done
done
base=$(median ${RATES[unsigned]})
for v in "${VARIANTS[@]}"; do
  m=$(median ${RATES[$v]})
  echo "median $v: $m msg/s, ratio to unsigned $(/usr/bin/python3 -c "print(round($m/$base,2))")"
done
