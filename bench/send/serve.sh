#!/usr/bin/env bash
# Steady-state send benchmark (issue 5): the same digests as run.sh, sent by a running `serve`
# (where scheduled editions go out) instead of a fresh `send` process. ROUNDS editions, each to
# all N members with 5 new articles (the size run.sh sends); round 1 pays the JIT warm-up that
# every `send` command pays, later rounds show the warmed-up server. Per round: wall time from
# triggering the daily job to the last "sent" in /metrics, and the CPU time of the serve process;
# after each round postfix's smtp-source into the same sink (as run.sh) for the ratio of the pair.
#   bench/send/serve.sh [N=100000] [ROUNDS=4]
#   DB=postgresql bench/send/serve.sh 100000 4            # on a PostgreSQL cluster of its own
#   DB=postgresql NODES=2 bench/send/serve.sh 100000 4    # two serve nodes on that database share
#                                                          # each edition (rates count both nodes;
#                                                          # the SMTP connections are split between them)
#   DB=postgresql PG_STATEMENTS=1 bench/send/serve.sh 20000 2   # and what PostgreSQL did in the last round
#   DB=postgresql NODES=2 PG_SLOW_PLANS=500 bench/send/serve.sh   # and the plans of statements slower than 500 ms
#   DB=postgresql EXTRA_SQL="ALTER TABLE delivery SET (fillfactor = 70)" bench/send/serve.sh   # one statement
#                                                          # per line, run on the database after the import
#   JAR=/tmp/other.jar bench/send/serve.sh                 # another build (same-hour A/B)
#   FROM=4 DB=postgresql NODES=2 bench/send/serve.sh 100000 6   # medians of rounds 4-6 only (each
#                                                          # node's JIT still compiles in rounds 2-3)
#   THREADS=1 NODES=2 DB=postgresql bench/send/serve.sh   # and the CPU of each node's threads in the
#                                                          # last round, summed by name ("GC Thread#0"
#                                                          # and "GC Thread#1" count as "GC Thread#"),
#                                                          # read once a second: a thread that ends loses
#                                                          # at most its last second
# Per round it also prints the CPU seconds of the sink and (with DB=postgresql) of PostgreSQL's
# processes, and how busy the machine's cores were.
set -euo pipefail
N=${1:-100000}
ROUNDS=${2:-4}
FROM=${FROM:-2} # the first round counted in the medians
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=${JAR:-$ROOT/target/rundbrief.jar}
PORT=${SINK_PORT:-25251}
HTTP=${HTTP_PORT:-18931}
TOKEN=bench-token-0123456789abcdef0123
. "$(dirname "$0")/workload.sh"
prerequisites

NODES=${NODES:-1}
# CONNECTIONS (default 4) counts the SMTP connections of all nodes together, as a relay's limit per
# client would: each node opens CONNECTIONS / NODES (bench/README, 2026-12-07: with four each, two
# nodes on these two cores were ~15 % slower than one; with two each, ~10 %).
CONNECTIONS=$(( ${CONNECTIONS:-4} / NODES > 0 ? ${CONNECTIONS:-4} / NODES : 1 ))
start_sink
postgres_database

articles "$WORK/articles"
config "$WORK" "http: { port: $HTTP }
security: { adminToken: \"$TOKEN\" }"
members "$N" "$WORK/members.csv"
java -jar "$JAR" subscribers import "$WORK/members.csv" --confirmed --consent-note bench --config "$WORK/rundbrief.yml" >/dev/null 2>&1
java -jar "$JAR" collect --config "$WORK/rundbrief.yml" >/dev/null 2>&1
[ -z "${EXTRA_SQL:-}" ] || while IFS= read -r q; do "${PSQL[@]}" -c "$q"; done <<< "$EXTRA_SQL"
size=$(message_size "$WORK/rundbrief.yml")
echo "message size: $size bytes"

# node I: serve on HTTP+I-1 (node 1 is the one the jobs are triggered on); PIDs in NODE_PIDS.
NODE_PIDS=()
node() {
  local i=$1 dir="$WORK/node$1"
  mkdir -p "$dir"
  sed "s|port: $HTTP }|port: $((HTTP + i - 1)) }|" "$WORK/rundbrief.yml" > "$dir/rundbrief.yml"
  "$JAVA" -Xmx256m -Xlog:gc:file="$dir/gc.log" ${JAVA_OPTS:-} -jar "$JAR" serve --config "$dir/rundbrief.yml" > "$dir/serve.out" 2>&1 &
  NODE_PIDS+=("$!")
  SERVE="${NODE_PIDS[*]}"
  until curl -sf "localhost:$((HTTP + i - 1))/health" >/dev/null; do sleep 0.3; done
}
for i in $(seq "$NODES"); do node "$i"; done
echo "serve nodes: $NODES"
auth="Authorization: Bearer $TOKEN"
sent() { # messages sent by all nodes
  local i total=0 n
  for i in $(seq "$NODES"); do
    n=$(curl -sf -H "$auth" "localhost:$((HTTP + i - 1))/metrics" | awk '/^rundbrief_deliveries_total.*outcome="sent"/ {printf "%d", $2}')
    total=$((total + ${n:-0}))
  done
  echo "$total"
}
machine() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8, $5 + $6}' /proc/stat; } # busy and idle ticks of all cores
ticks_of() { local p t=0; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done; echo "$t"; }
others() { echo "$(ticks_of $SINK) $(ticks_of $(pgrep -x postgres))"; } # CPU ticks of the sink and of PostgreSQL's processes
cpu() { local p t=0; for p in "${NODE_PIDS[@]}"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo "$t"; } # user + system, in clock ticks
ticks=$(getconf CLK_TCK)
# "node, stat file, name, ticks" (tab-separated) for every thread of every node: one awk for all, so a snapshot costs little.
# A thread's name sits in parentheses and may hold spaces; its user and system ticks are the 12th and
# 13th fields after the closing one.
thread_ticks() {
  local i=0 p
  for p in "${NODE_PIDS[@]}"; do
    i=$((i + 1))
    awk -v node="$i" '{ o = index($0, "("); c = length($0); while (substr($0, c, 1) != ")") c--
      name = substr($0, o + 1, c - o - 1); split(substr($0, c + 2), f, " ")
      print node "\t" FILENAME "\t" name "\t" f[12] + f[13] }' /proc/"$p"/task/*/stat 2>/dev/null || true
  done
}
# Per node, the CPU seconds of its threads between the first snapshot and the last one that saw each
# (a send's threads end with it), summed by name without a trailing number.
thread_report() {
  /usr/bin/python3 - "$1" "$2" "$ticks" <<'PY'
import collections, re, sys
def load(path):
    rows = {}
    for line in open(path, encoding="utf-8"):
        node, stat, name, t = line.rstrip("\n").split("\t")
        rows[(node, stat)] = (name, max(int(t), rows.get((node, stat), (name, 0))[1]))
    return rows
before, after, hz = load(sys.argv[1]), load(sys.argv[2]), int(sys.argv[3])
per = collections.defaultdict(collections.Counter)
for k, (name, t) in after.items():
    per[k[0]][re.sub(r"[0-9]+$", "", name)] += t - before.get(k, (name, 0))[1]
for node in sorted(per):
    top = [f"{n} {v / hz:.1f}" for n, v in per[node].most_common(12) if v > 0]
    print(f"threads of node {node}, CPU s: " + ", ".join(top))
PY
}
rates=(); theirs=(); ratios=()
for round in $(seq "$ROUNDS"); do
  if [ "$round" -gt 1 ]; then
    articles "$WORK/articles" "Runde $round, "
    curl -sf -X POST -H "$auth" "localhost:$HTTP/api/collect" >/dev/null
  fi
  [ "$round" != "$ROUNDS" ] || pg_statements reset
  [ -z "${THREADS:-}" ] || [ "$round" != "$ROUNDS" ] || thread_ticks > "$WORK/threads.before"
  m0=($(machine)); o0=($(others)); c0=$(cpu); start=$(date +%s.%N); deadline=$(( $(date +%s) + 900 ))
  curl -sf -X POST -H "$auth" "localhost:$HTTP/api/jobs/send-daily/run" >/dev/null
  # While a round is timed only curl, awk and shell built-ins run beside the server. Until stop 18
  # this loop started python3 for the timeout test: 0.03 s of CPU each, but 0.4 s through pyenv's
  # shim (this workplace's python3), which took ~0.6 of the machine's 2 cores from the server. Until
  # 2026-12-07 it asked every 0.2 s: perf showed curl, awk and bash at ~13 % of both cores with two
  # nodes (a curl and an awk per node per look). Now it looks once a second until the round is about
  # two seconds from its end, then every 0.1 s, so the clock still stops within 0.1 s of the last mail.
  done_so_far=$(( (round - 1) * N )); looked=${EPOCHREALTIME/./}
  while now_sent=$(sent); [ "$now_sent" -lt $((round * N)) ]; do
    t=${EPOCHREALTIME/./}
    pace=$(( (now_sent - done_so_far) * 1000000 / (t - looked + 1) )) # messages per second since the last look
    if [ "$pace" -gt 0 ] && [ $(( (round * N - now_sent) / pace )) -lt 2 ]; then sleep 0.1; else sleep 1; fi
    done_so_far=$now_sent; looked=$t
    [ ! -f "$WORK/threads.before" ] || [ "$round" != "$ROUNDS" ] || thread_ticks >> "$WORK/threads.after"
    if [ "$EPOCHSECONDS" -gt "$deadline" ]; then
      echo "round $round: not all sent after 900 s; see $WORK/node1/serve.out" >&2; tail -20 "$WORK/node1/serve.out" >&2; exit 1
    fi
  done
  end=$(date +%s.%N); c1=$(cpu); o1=($(others)); m1=($(machine))
  [ ! -f "$WORK/threads.before" ] || [ "$round" != "$ROUNDS" ] || { thread_ticks >> "$WORK/threads.after"; thread_report "$WORK/threads.before" "$WORK/threads.after"; }
  busy=$(( (m1[0] - m0[0]) * 100 / (m1[0] - m0[0] + m1[1] - m0[1]) ))
  [ "$round" != "$ROUNDS" ] || pg_statements print
  rate=$(/usr/bin/python3 -c "print(round($N/($end-$start)))")
  echo "serve round $round: $N messages in $(/usr/bin/python3 -c "print(round($end-$start,1))") s = $rate msg/s, serve CPU $(( (c1 - c0) / ticks )) s, sink CPU $(( (o1[0] - o0[0]) / ticks )) s${DB_URL:+, PostgreSQL CPU $(( (o1[1] - o0[1]) / ticks )) s}, machine busy $busy %"
  # The machine's limit right after the round (the server idles meanwhile): the pair sees the same load.
  limit=$(smtp_source "$N" "$size")
  ratio=$(/usr/bin/python3 -c "print(round($rate/$limit,2))")
  echo "smtp-source after round $round: $limit msg/s; ratio of the pair $ratio"
  if [ "$round" -ge "$FROM" ] || [ "$ROUNDS" = 1 ]; then
    rates+=("$rate"); theirs+=("$limit"); ratios+=("$ratio")
  fi
done
heap=$(cat "$WORK"/node*/gc.log | grep -oE '[0-9]+M->[0-9]+M' | sed 's/M->.*//' | sort -n | tail -1)
kill $SERVE; for p in "${NODE_PIDS[@]}"; do wait "$p" 2>/dev/null || true; done; SERVE=
o=$(median "${rates[@]}"); t=$(median "${theirs[@]}")
echo "median: rundbrief serve (rounds $FROM–$ROUNDS) $o msg/s, smtp-source $t msg/s, ratio $(/usr/bin/python3 -c "print(round($o/$t,2))"); median of the pairs' ratios $(median "${ratios[@]}"); peak heap before GC ${heap:-?} MB (-Xmx256m)"
