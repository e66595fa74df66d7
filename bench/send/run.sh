#!/usr/bin/env bash
# End-to-end send benchmark (issue 5): render and send N personalised digests to postfix's
# smtp-sink on loopback, and in the same run postfix's smtp-source into the same sink (the
# machine's limit with reused connections). Prints both rates, their ratio and the peak heap.
#   bench/send/run.sh [N=100000] [RUNS=1]
set -euo pipefail
N=${1:-100000}
RUNS=${2:-1}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=$ROOT/target/rundbrief.jar
PORT=${SINK_PORT:-25251}
. "$(dirname "$0")/workload.sh"
prerequisites

WORK=$(mktemp -d)
trap 'kill $SINK 2>/dev/null || true; rm -rf "$WORK"' EXIT
/usr/sbin/smtp-sink -u nobody 127.0.0.1:$PORT 500 >/dev/null 2>&1 &
SINK=$!
sleep 1

articles "$WORK/articles"
config "$WORK"
members "$N" "$WORK/members.csv"

ours=()
for run in $(seq "$RUNS"); do
  rm -rf "$WORK"/db*
  java -jar "$JAR" subscribers import "$WORK/members.csv" --confirmed --consent-note bench --config "$WORK/rundbrief.yml" >/dev/null 2>&1
  java -jar "$JAR" collect --config "$WORK/rundbrief.yml" >/dev/null 2>&1
  if [ "$run" = 1 ]; then
    size=$(message_size "$WORK/rundbrief.yml")
    echo "message size: $size bytes"
  fi
  start=$(date +%s.%N)
  java -Xmx256m -Xlog:gc:file="$WORK/gc.log" -jar "$JAR" send --cadence daily --config "$WORK/rundbrief.yml" > "$WORK/send.out" 2>/dev/null
  end=$(date +%s.%N)
  rate=$(python3 -c "print(round($N/($end-$start)))")
  heap=$(grep -oE '[0-9]+M->[0-9]+M' "$WORK/gc.log" | sed 's/M->.*//' | sort -n | tail -1)
  echo "rundbrief send run $run: $N messages in $(python3 -c "print(round($end-$start,1))") s = $rate msg/s, peak heap before GC ${heap:-?} MB (-Xmx256m)"
  tail -2 "$WORK/send.out"
  ours+=("$rate")
done

theirs=()
for run in $(seq "$RUNS"); do
  rate=$(smtp_source "$N" "$size")
  echo "smtp-source run $run: $rate msg/s"
  theirs+=("$rate")
done
o=$(median "${ours[@]}"); t=$(median "${theirs[@]}")
echo "median: rundbrief $o msg/s, smtp-source $t msg/s, ratio $(python3 -c "print(round($o/$t,2))")"
