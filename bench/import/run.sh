#!/usr/bin/env bash
# Times `subscribers import` of N generated rows (default 1,000,000) with the fat jar under a
# 256 MB heap, RUNS times (default 3) on a fresh H2 database each, and prints every run plus the
# median. Peak heap = the largest heap occupancy the GC log saw before a collection; CPU = user +
# system seconds of the JVM (less sensitive than wall time to other load on the machine).
# Usage: mvn -B -o -q package -DskipTests && bench/import/run.sh [ROWS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${1:-1000000}
RUNS=${2:-3}
WORK=${BENCH_DIR:-bench/results/import}
JAR=${JAR:-target/rundbrief.jar}   # e.g. a baseline copy to compare back to back
# JAVA_OPTS: extra JVM options (e.g. a JFR recording); URL_SUFFIX: appended to the H2 URL (e.g. ";CACHE_SIZE=4096")
mkdir -p "$WORK"
CSV="$WORK/members-$ROWS.csv"
[ -f "$CSV" ] || python3 bench/import/generate.py "$ROWS" > "$CSV"
times=()
for i in $(seq 1 "$RUNS"); do
  run="$WORK/run$i"
  rm -rf "$run" && mkdir -p "$run"
  printf 'database:\n  url: "jdbc:h2:file:%s/db%s"\n' "$(cd "$run" && pwd)" "${URL_SUFFIX:-}" > "$run/rundbrief.yml"
  start=$(date +%s.%N)
  /usr/bin/time -f "%U %S" -o "$run/cpu.txt" java -Xmx256m -Xlog:gc:file="$run/gc.log" ${JAVA_OPTS:-} -jar "$JAR" subscribers import "$CSV" \
      --confirmed --consent-note "bench" --config "$run/rundbrief.yml" > "$run/out.txt" 2> "$run/err.txt"
  end=$(date +%s.%N)
  secs=$(echo "$end - $start" | bc)
  peak=$(grep -o '[0-9]*M->[0-9]*M' "$run/gc.log" | cut -dM -f1 | sort -n | tail -1)
  live=$(grep -o '[0-9]*M->[0-9]*M' "$run/gc.log" | sed 's/.*->//; s/M//' | sort -n | tail -1)
  cpu=$(awk '{print $1 + $2}' "$run/cpu.txt")
  echo "run $i: $(cat "$run/out.txt") in ${secs}s wall, ${cpu}s CPU, peak heap ${peak} MB, max after GC ${live} MB, load $(cut -d' ' -f1-3 /proc/loadavg)"
  times+=("$secs")
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print "median: " a[int((NR+1)/2)] " s over " NR " runs"}'
