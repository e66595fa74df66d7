#!/usr/bin/env bash
# End-to-end send benchmark (issue 5): render and send N personalised digests to postfix's
# smtp-sink on loopback, and in the same run postfix's smtp-source into the same sink (the
# machine's limit with reused connections). Each send is followed by an smtp-source run, so the
# pair sees the same load on a shared machine. Prints both rates, the ratio per pair, the medians
# and the peak heap.
#   bench/send/run.sh [N=100000] [RUNS=1]
set -euo pipefail
N=${1:-100000}
RUNS=${2:-1}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=$ROOT/target/rundbrief.jar
PORT=${SINK_PORT:-25251}
. "$(dirname "$0")/workload.sh"
prerequisites

start_sink

articles "$WORK/articles"
config "$WORK"
members "$N" "$WORK/members.csv"

ours=(); theirs=(); ratios=()
for run in $(seq "$RUNS"); do
  rm -rf "$WORK"/db*
  java -jar "$JAR" subscribers import "$WORK/members.csv" --confirmed --consent-note bench --config "$WORK/rundbrief.yml" >/dev/null 2>&1
  java -jar "$JAR" collect --config "$WORK/rundbrief.yml" >/dev/null 2>&1
  if [ "$run" = 1 ]; then
    size=$(message_size "$WORK/rundbrief.yml")
    echo "message size: $size bytes"
  fi
  start=$(date +%s.%N)
  "$JAVA" -Xmx256m -Xlog:gc:file="$WORK/gc.log" ${JAVA_OPTS:-} -jar "$JAR" send --cadence daily --config "$WORK/rundbrief.yml" > "$WORK/send.out" 2>/dev/null
  end=$(date +%s.%N)
  rate=$(/usr/bin/python3 -c "print(round($N/($end-$start)))")
  heap=$(grep -oE '[0-9]+M->[0-9]+M' "$WORK/gc.log" | sed 's/M->.*//' | sort -n | tail -1)
  echo "rundbrief send run $run: $N messages in $(/usr/bin/python3 -c "print(round($end-$start,1))") s = $rate msg/s, peak heap before GC ${heap:-?} MB (-Xmx256m)"
  tail -2 "$WORK/send.out"
  limit=$(smtp_source "$N" "$size")
  ratio=$(/usr/bin/python3 -c "print(round($rate/$limit,2))")
  echo "smtp-source run $run: $limit msg/s; ratio of the pair $ratio"
  ours+=("$rate"); theirs+=("$limit"); ratios+=("$ratio")
done
o=$(median "${ours[@]}"); t=$(median "${theirs[@]}")
echo "median: rundbrief $o msg/s, smtp-source $t msg/s, ratio $(/usr/bin/python3 -c "print(round($o/$t,2))"); median of the pairs' ratios $(median "${ratios[@]}")"
