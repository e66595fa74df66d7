#!/usr/bin/env bash
# Collect benchmark: one 5,000-item (~10 MB) RSS feed served on loopback, collected by the real
# jar into a fresh H2 database, RUNS times under -Xmx128m. Prints each run, the median wall time
# of the whole `collect` process (JVM start + Flyway + fetch + parse + clean + store) and the peak
# heap used after any GC (from the unified GC log).
# Usage: bench/collect/run.sh [RUNS] [ITEMS]     (from the repository root; builds the jar if missing)
#        JAVA_OPTS="-XX:TieredStopAtLevel=1" bench/collect/run.sh 5   (extra JVM flags for the CLI runs)
set -euo pipefail
RUNS=${1:-5}
ITEMS=${2:-5000}
HEAP=${HEAP:-128m}
JAVA_OPTS=${JAVA_OPTS:-}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=$ROOT/target/rundbrief.jar
WORK=$(mktemp -d)
trap 'kill $SERVER_PID 2>/dev/null || true; rm -rf "$WORK"' EXIT

[ -f "$JAR" ] || (cd "$ROOT" && mvn -B -o -q package -DskipTests)
python3 "$ROOT/bench/collect/make_feed.py" "$ITEMS" "$WORK/feed.xml"
SIZE=$(stat -c %s "$WORK/feed.xml")

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$WORK" >/dev/null 2>&1 &
SERVER_PID=$!
for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/feed.xml" && break; sleep 0.1; done

echo "feed: $ITEMS items, $SIZE bytes; heap limit -Xmx$HEAP; CLI flags: ${JAVA_OPTS:-none}; $(nproc) cores; $(java -version 2>&1 | head -1)"
times=()
peaks=()
for run in $(seq "$RUNS"); do
  DIR=$WORK/run$run
  mkdir -p "$DIR"
  cat > "$DIR/rundbrief.yml" <<YML
database: { url: "jdbc:h2:file:$DIR/db;AUTO_SERVER=FALSE" }
collect: { allowPrivateNetworks: true, timeoutSeconds: 30, maxBytes: 50000000 }
sources:
  - { type: feed, url: "http://127.0.0.1:$PORT/feed.xml" }
YML
  start=$(date +%s%N)
  java -Xmx$HEAP $JAVA_OPTS -Xlog:gc:file="$DIR/gc.log" -jar "$JAR" collect --config "$DIR/rundbrief.yml" > "$DIR/out.txt" 2>&1
  end=$(date +%s%N)
  ms=$(( (end - start) / 1000000 ))
  # peak = largest heap occupancy after a collection ("Pause Young ... 60M->12M(128M)")
  peak=$(grep -o '[0-9]*M->[0-9]*M' "$DIR/gc.log" | sed 's/.*->//; s/M//' | sort -n | tail -1)
  times+=("$ms"); peaks+=("${peak:-0}")
  echo "CLI run $run: ${ms} ms process wall, heap after GC max ${peak:-0} MB: $(grep -o 'new .*' "$DIR/out.txt" | head -1)"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "CLI median: $(median "${times[@]}") ms wall for the whole collect process; heap after GC max $(printf '%s\n' "${peaks[@]}" | sort -n | tail -1) MB"

# The same work in one JVM through the public API: collectAll() alone, cold and warm.
java -Xmx$HEAP -cp "$JAR" "$ROOT/bench/collect/CollectBench.java" "$WORK/run1/rundbrief.yml" "$WORK" "$((RUNS + 1))" 2>/dev/null
SMALL=${SMALL_HEAP:-64m}
mkdir -p "$WORK/small" && sed "s|$WORK/run1/db|$WORK/small/db|" "$WORK/run1/rundbrief.yml" > "$WORK/small/rundbrief.yml"
if java -Xmx$SMALL -jar "$JAR" collect --config "$WORK/small/rundbrief.yml" > "$WORK/small/out.txt" 2>&1; then
  echo "CLI run with -Xmx$SMALL: ok, $(grep -o 'new .*' "$WORK/small/out.txt" | head -1)"
else
  echo "CLI run with -Xmx$SMALL: FAILED: $(tail -2 "$WORK/small/out.txt")"
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) (on $(nproc) cores)"
