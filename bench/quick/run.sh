#!/usr/bin/env bash
# Quick commands (issue 26): commands with nothing to do, through bin/rundbrief, against
# `java -version` of the same JDK, with hyperfine (mean and range of RUNS runs after one warm-up).
# Set-up: 5 articles collected from a directory source, then one confirmed member (who joined
# after them: nothing is new for `daily`). Each command's first run, which writes the launcher's
# class cache, runs before the timed ones and is not counted.
#   bench/quick/run.sh [RUNS=9]
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bench/quick/run.sh   # JDK 25: the launcher's AOT cache
#   JAR=/tmp/other.jar bench/quick/run.sh                             # another build
set -euo pipefail
RUNS=${1:-9}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=${JAR:-$ROOT/target/rundbrief.jar}
PORT=${SINK_PORT:-25271} # in the config only: with nothing new, `send` never connects
. "$ROOT/bench/send/workload.sh"
. "$ROOT/bench/lib.sh"
built_jar
install_missing hyperfine

WORK=$(mktemp -d /tmp/rundbrief-quick.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export XDG_CACHE_HOME=$WORK/cache RB_JAR=$JAR
java=java
[ -n "${JAVA_HOME:-}" ] && java=$JAVA_HOME/bin/java
articles "$WORK/articles" "Kurz, "
config "$WORK"
members 1 "$WORK/members.csv"
"$java" -jar "$JAR" collect --config "$WORK/rundbrief.yml" >/dev/null
"$java" -jar "$JAR" subscribers import "$WORK/members.csv" --confirmed --consent-note bench --config "$WORK/rundbrief.yml" >/dev/null
echo "JDK: $("$java" -version 2>&1 | head -1)"

launcher="sh $ROOT/bin/rundbrief"
commands=("send --cadence daily" "collect" "subscribers list")
for c in "${commands[@]}"; do $launcher $c --config "$WORK/rundbrief.yml" >/dev/null; done # writes each command's cache
ls "$WORK/cache/rundbrief" | sed 's/^/cache: /'
runs=("$java -version")
for c in "${commands[@]}"; do runs+=("$launcher $c --config $WORK/rundbrief.yml"); done
hyperfine -N -w 1 -r "$RUNS" --export-markdown "$WORK/table.md" "${runs[@]}" >/dev/null
sed "s|$WORK/||g; s|$ROOT/||g" "$WORK/table.md"
