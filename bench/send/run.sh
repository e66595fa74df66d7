#!/usr/bin/env bash
# End-to-end send benchmark (issue 5): render and send N personalised digests to postfix's
# smtp-sink on loopback, and in the same run postfix's smtp-source into the same sink (the
# machine's limit with reused connections). Each send is followed by an smtp-source run, so the
# pair sees the same load on a shared machine. Prints both rates, the ratio per pair, the medians
# and the peak heap.
#   bench/send/run.sh [N=100000] [RUNS=1]
#   LAUNCHER=1 bench/send/run.sh 20000 3    # `send` through bin/rundbrief (quick JIT, serial GC, the
#                                           # class cache a first, untimed send of N writes)
#   LAUNCHER=1 JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bench/send/run.sh 20000 3   # on JDK 25
#   B_URL_OPTIONS=";WRITE_DELAY=500" LAUNCHER=1 bench/send/run.sh 20000 5   # each run times the send twice,
#                                           # as configured (a) and with these options added to the H2
#                                           # URL (b), each followed by its smtp-source; medians per variant
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

# The variants each run times: a (as configured) and, with B_URL_OPTIONS, b.
variants=(a)
cp "$WORK/rundbrief.yml" "$WORK/a.yml"
if [ -n "${B_URL_OPTIONS:-}" ]; then
  [ -z "${DB_URL:-}" ] || { echo "B_URL_OPTIONS is for the H2 database of this bench" >&2; exit 2; }
  sed "s|url: \"jdbc:h2:file:$WORK/db\"|url: \"jdbc:h2:file:$WORK/db${B_URL_OPTIONS}\"|" "$WORK/rundbrief.yml" > "$WORK/b.yml"
  grep -qF "db${B_URL_OPTIONS}\"" "$WORK/b.yml" || { echo "cannot add B_URL_OPTIONS to the database URL" >&2; exit 2; }
  variants=(a b)
fi

# send VARIANT: the timed command, java -jar or the launcher (whose flags come after JDK_JAVA_OPTIONS).
send() {
  if [ -n "${LAUNCHER:-}" ]; then
    JDK_JAVA_OPTIONS="-Xmx256m -Xlog:gc:file=$WORK/gc.log ${JAVA_OPTS:-}" XDG_CACHE_HOME="$WORK/cache" RB_JAR="$JAR" \
      sh "$ROOT/bin/rundbrief" send --cadence daily --config "$WORK/$1.yml"
  else
    "$JAVA" -Xmx256m -Xlog:gc:file="$WORK/gc.log" ${JAVA_OPTS:-} -jar "$JAR" send --cadence daily --config "$WORK/$1.yml"
  fi
}
fresh_database() {
  rm -rf "$WORK"/db*
  java -jar "$JAR" subscribers import "$WORK/members.csv" --confirmed --consent-note bench --config "$WORK/rundbrief.yml" >/dev/null 2>&1
  java -jar "$JAR" collect --config "$WORK/rundbrief.yml" >/dev/null 2>&1
}
if [ -n "${LAUNCHER:-}" ]; then # the launcher's first send writes its class cache: not timed
  fresh_database
  send a >/dev/null 2>&1
  echo "launcher cache: $(ls "$WORK/cache/rundbrief")"
fi
declare -A ours theirs ratios
for run in $(seq "$RUNS"); do
  for v in "${variants[@]}"; do
    fresh_database
    if [ -z "${size:-}" ]; then
      size=$(message_size "$WORK/rundbrief.yml")
      echo "message size: $size bytes"
    fi
    label="run $run"; [ "${#variants[@]}" = 1 ] || label="run $run ($v)"
    start=$(date +%s.%N)
    send "$v" > "$WORK/send.out" 2>/dev/null
    end=$(date +%s.%N)
    rate=$(/usr/bin/python3 -c "print(round($N/($end-$start)))")
    heap=$(grep -oE '[0-9]+M->[0-9]+M' "$WORK/gc.log" | sed 's/M->.*//' | sort -n | tail -1)
    echo "rundbrief send $label: $N messages in $(/usr/bin/python3 -c "print(round($end-$start,2))") s = $rate msg/s, peak heap before GC ${heap:-?} MB (-Xmx256m)"
    tail -2 "$WORK/send.out"
    limit=$(smtp_source "$N" "$size")
    ratio=$(/usr/bin/python3 -c "print(round($rate/$limit,3))")
    echo "smtp-source $label: $limit msg/s; ratio of the pair $ratio"
    ours[$v]="${ours[$v]:-} $rate"; theirs[$v]="${theirs[$v]:-} $limit"; ratios[$v]="${ratios[$v]:-} $ratio"
  done
done
for v in "${variants[@]}"; do
  o=$(median ${ours[$v]}); t=$(median ${theirs[$v]})
  label="median"
  if [ "$v" = a ] && [ "${#variants[@]}" = 2 ]; then label="median (a)"; fi
  if [ "$v" = b ]; then label="median (b: $B_URL_OPTIONS)"; fi
  echo "$label: rundbrief $o msg/s, smtp-source $t msg/s, ratio $(/usr/bin/python3 -c "print(round($o/$t,2))"); median of the pairs' ratios $(median ${ratios[$v]})"
done
