#!/usr/bin/env bash
# PostgreSQL variant of run.sh: a private cluster (.ci/test-postgres on PG_PORT, default 55491;
# fsync on, as in production, and pg_stat_statements loaded) on this machine.
#  1. `subscribers import --confirmed` of ROWS generated rows (default 1,000,000), RUNS times
#     (default 3), each into a fresh database whose schema the previous command created (so the
#     time is the import's, plus the JVM's start); prints rows/s of each run and the median, and
#     writes the statements PostgreSQL spent its time on (pg_stat_statements) to pg-statements-import<N>.txt
#     in the work folder (BENCH_DIR, default bench/results/import-postgres; step 2's: pg-statements-migrate.txt).
#  2. `migrate --to` of the same rows imported into H2 once: an H2 database of ROWS members with
#     their consent rows and topics copied into an empty PostgreSQL database under -Xmx128m;
#     prints the time, the peak heap and the per-table statements. The same import into H2 is
#     timed on the way, as the same-run reference (the machine may be shared).
# CPU seconds of the JVM (/usr/bin/time) and of the cluster (from /proc) are less sensitive to other
# load than wall time: on a quiet two-core machine the import cannot beat ROWS / ((JVM + PostgreSQL CPU) / 2)
# and, the two overlapping, may come near it.
# Usage: mvn -B -o -q package -DskipTests && bench/import/run-postgres.sh [ROWS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${1:-1000000}
RUNS=${2:-3}
PG_PORT=${PG_PORT:-55491}
WORK=${BENCH_DIR:-bench/results/import-postgres}
JAR=${JAR:-target/rundbrief.jar}
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
CSV="$WORK/members-$ROWS.csv"
[ -f "$CSV" ] || /usr/bin/python3 bench/import/generate.py "$ROWS" > "$CSV"
BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
URL=$(PG_FSYNC=on PG_OPTIONS="-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all" \
      .ci/test-postgres start "$PG_PORT")
trap '.ci/test-postgres stop "$PG_PORT"' EXIT
psql_admin() { "$BIN/psql" -q -X -h 127.0.0.1 -p "$PG_PORT" -U postgres "$@"; }
DATA="${TMPDIR:-/tmp}/rundbrief-test-pg-$PG_PORT/data"
# pg_cpu -> CPU seconds (user + system) the cluster used so far: its postmaster, its live children
# and its ended backends (a backend's CPU is added to the postmaster's children's time when it exits)
pg_cpu() {
  local pm; pm=$(head -1 "$DATA/postmaster.pid")
  { awk '{print $14 + $15 + $16 + $17}' "/proc/$pm/stat"
    for c in $(cat /proc/"$pm"/task/*/children); do awk '{print $14 + $15}' "/proc/$c/stat" 2>/dev/null || true; done
  } | awk -v hz="$(getconf CLK_TCK)" '{s += $1} END {printf "%.1f\n", s / hz}'
}
psql_admin -c "CREATE EXTENSION pg_stat_statements"
# fresh_database NAME -> a config file for an empty database NAME (schema migrated when MIGRATE=1)
fresh_database() {
  psql_admin -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1 OWNER rundbrief"
  printf 'database:\n  url: "%s"\n' "${URL%/*}/$1?user=rundbrief" > "$WORK/$1.yml"
}
# top_statements FILE: where PostgreSQL's time went since the last reset
top_statements() {
  psql_admin -c "SELECT calls, round(total_exec_time) AS total_ms, round((total_exec_time / calls)::numeric, 3) AS ms_per_call,
      rows, left(regexp_replace(query, '\s+', ' ', 'g'), 110) AS query
      FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 12" > "$1"
}
rates=()
for i in $(seq 1 "$RUNS"); do
  fresh_database bench_import
  java -jar "$JAR" subscribers list --config "$WORK/bench_import.yml" > /dev/null   # migrates the schema
  psql_admin -c "SELECT pg_stat_statements_reset()" > /dev/null
  cpu0=$(pg_cpu)
  start=$(date +%s.%N)
  /usr/bin/time -f "%U %S" -o "$WORK/cpu.txt" java -Xmx256m -Xlog:gc:file="$WORK/gc-import$i.log" ${JAVA_OPTS:-} -jar "$JAR" \
      subscribers import "$CSV" --confirmed --consent-note "bench" --config "$WORK/bench_import.yml" > "$WORK/out.txt" 2> "$WORK/err.txt"
  end=$(date +%s.%N)
  cpu1=$(pg_cpu)
  top_statements "$WORK/pg-statements-import$i.txt"
  secs=$(echo "$end - $start" | bc)
  rate=$(echo "$ROWS / $secs" | bc)
  peak=$(grep -o '[0-9]*M->[0-9]*M' "$WORK/gc-import$i.log" | cut -dM -f1 | sort -n | tail -1)
  echo "import run $i: $(cat "$WORK/out.txt") in ${secs}s wall = $rate rows/s, JVM CPU $(awk '{print $1 + $2}' "$WORK/cpu.txt")s, PostgreSQL CPU $(echo "$cpu1 - $cpu0" | bc)s, peak heap ${peak} MB, load $(cut -d' ' -f1-3 /proc/loadavg)"
  rates+=("$rate")
done
printf '%s\n' "${rates[@]}" | sort -n | awk '{a[NR]=$1} END {print "import median: " a[int((NR+1)/2)] " rows/s over " NR " runs"}'
echo "PostgreSQL's time in the last import run:"
cat "$WORK/pg-statements-import$RUNS.txt"

# --- migrate H2 -> PostgreSQL ---
rm -rf "$WORK/h2" && mkdir -p "$WORK/h2"
printf 'database:\n  url: "jdbc:h2:file:%s/db"\n' "$WORK/h2" > "$WORK/h2.yml"
start=$(date +%s.%N)
java -Xmx256m -jar "$JAR" subscribers import "$CSV" --confirmed --consent-note "bench" --config "$WORK/h2.yml" > /dev/null 2>&1
end=$(date +%s.%N)
echo "the same import into H2 (same run, for the ratio): $(echo "$ROWS / ($end - $start)" | bc) rows/s, load $(cut -d' ' -f1-3 /proc/loadavg)"
fresh_database bench_migrate
psql_admin -c "SELECT pg_stat_statements_reset()" > /dev/null
cpu0=$(pg_cpu)
start=$(date +%s.%N)
/usr/bin/time -f "%U %S" -o "$WORK/cpu.txt" java -Xmx128m -Xlog:gc:file="$WORK/gc-migrate.log" ${JAVA_OPTS:-} -jar "$JAR" \
    migrate --to "${URL%/*}/bench_migrate" --user rundbrief --config "$WORK/h2.yml" > "$WORK/out.txt" 2> "$WORK/err.txt"
end=$(date +%s.%N)
cpu1=$(pg_cpu)
top_statements "$WORK/pg-statements-migrate.txt"
peak=$(grep -o '[0-9]*M->[0-9]*M' "$WORK/gc-migrate.log" | cut -dM -f1 | sort -n | tail -1)
live=$(grep 'Pause Young' "$WORK/gc-migrate.log" | grep -o '[0-9]*M->[0-9]*M' | sed 's/.*->//; s/M//' | sort -n | tail -1)
echo "migrate: $(head -1 "$WORK/out.txt") in $(echo "$end - $start" | bc)s wall, JVM CPU $(awk '{print $1 + $2}' "$WORK/cpu.txt")s, PostgreSQL CPU $(echo "$cpu1 - $cpu0" | bc)s, -Xmx128m, peak heap ${peak} MB, at most ${live} MB live after a young GC, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "PostgreSQL's time in the migrate:"
cat "$WORK/pg-statements-migrate.txt"
