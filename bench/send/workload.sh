# The send benchmarks' workload, sourced by run.sh, serve.sh and bench/dkim/run.sh: five German articles of the size a
# real digest has, N daily members, and the config that sends to smtp-sink on $PORT.

# The JVM that runs the measured `send` or `serve` and its extra flags (e.g. another JDK, an AOT
# cache): JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java JAVA_OPTS="-XX:AOTCache=rb.aot" bench/send/run.sh
JAVA=${JAVA:-java}

# prerequisites: postfix's smtp-sink and smtp-source (installed when missing) and $JAR (built when missing).
prerequisites() {
  export DEBIAN_FRONTEND=noninteractive
  command -v smtp-sink >/dev/null || { apt-get update -qq && apt-get install -y -qq postfix >/dev/null; }
  built_jar
}

# built_jar: $JAR, built when missing.
built_jar() {
  [ -f "$JAR" ] || (cd "$ROOT" && mvn -B -q package -DskipTests)
}

# start_sink: a fresh $WORK and postfix's smtp-sink on $PORT ($SINK); both go when the script ends,
# with the process in $SERVE if the caller sets one.
start_sink() {
  WORK=$(mktemp -d)
  SERVE=
  trap 'kill $SINK $SERVE 2>/dev/null || true; rm -rf "$WORK"' EXIT
  /usr/sbin/smtp-sink -u nobody 127.0.0.1:$PORT 500 >/dev/null 2>&1 &
  SINK=$!
  sleep 1
}

# postgres_database: with DB=postgresql, a PostgreSQL cluster of its own on PG_PORT (default 55490;
# .ci/test-postgres, here with fsync on as in production) and DB_URL set to its empty database;
# stopped when the script ends. Without DB, nothing (H2). PG_STATEMENTS=1 loads pg_stat_statements
# (see pg_statements below).
postgres_database() {
  [ "${DB:-h2}" = postgresql ] || return 0
  local port=${PG_PORT:-55490}
  local options=""
  [ -z "${PG_STATEMENTS:-}" ] || options="-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all"
  # PG_SLOW_PLANS=MS: auto_explain writes the plan (with its actual rows and times) of every
  # statement slower than MS into the cluster's log, which `pg_statements print` shows.
  [ -z "${PG_SLOW_PLANS:-}" ] || options="-c shared_preload_libraries=pg_stat_statements,auto_explain \
    -c pg_stat_statements.track=all -c auto_explain.log_min_duration=$PG_SLOW_PLANS -c auto_explain.log_analyze=on"
  PG_LOG="${TMPDIR:-/tmp}/rundbrief-test-pg-$port/server.log"
  DB_URL=$(PG_FSYNC=on PG_OPTIONS="$options" "$ROOT/.ci/test-postgres" start "$port")
  PSQL=(psql -q -X -h 127.0.0.1 -p "$port" -U postgres -d "$(echo "$DB_URL" | sed 's|.*/\([^?]*\).*|\1|')")
  [ -z "${PG_STATEMENTS:-}${PG_SLOW_PLANS:-}" ] || "${PSQL[@]}" -c "CREATE EXTENSION pg_stat_statements"
  trap 'kill $SINK $SERVE 2>/dev/null || true; rm -rf "$WORK"; "$ROOT/.ci/test-postgres" stop '"$port" EXIT
  echo "database: PostgreSQL $("$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/postgres" --version | awk '{print $3}') on port $port, fsync on"
}

# pg_statements reset|print: with PG_STATEMENTS=1, forget the statements counted so far, or print
# the ones that took the most time since (calls, rows, total and mean ms) and the commits; with
# PG_SLOW_PLANS also the plans of the slow statements logged so far.
pg_statements() {
  [ -n "${PG_STATEMENTS:-}${PG_SLOW_PLANS:-}" ] && [ "${DB:-h2}" = postgresql ] || return 0
  if [ "$1" = reset ]; then
    "${PSQL[@]}" -c "SELECT pg_stat_statements_reset()" >/dev/null
    "${PSQL[@]}" -c "SELECT pg_stat_reset()" >/dev/null
    return
  fi
  "${PSQL[@]}" -c "SELECT calls, rows, round(total_exec_time) AS total_ms, round(mean_exec_time::numeric, 3) AS mean_ms,
      left(regexp_replace(query, '\s+', ' ', 'g'), 110) AS query
    FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 25"
  "${PSQL[@]}" -c "SELECT xact_commit, xact_rollback, blks_hit, blks_read, tup_inserted, tup_updated FROM pg_stat_database WHERE datname = current_database()"
  "${PSQL[@]}" -c "SELECT relname, n_tup_upd, n_tup_hot_upd, n_dead_tup, autovacuum_count, autoanalyze_count FROM pg_stat_user_tables WHERE n_tup_upd > 0 ORDER BY n_tup_upd DESC"
  [ -z "${PG_SLOW_PLANS:-}" ] || awk '/LOG:  duration: .* plan:/ {p = 1} /LOG:  / && !/plan:/ {p = 0} p' "$PG_LOG"
}

# articles DIR [LABEL]: five articles; LABEL (e.g. "Runde 2, ") makes new titles, slugs and files.
articles() {
  local dir=$1 label=${2:-} file
  mkdir -p "$dir"
  for i in 1 2 3 4 5; do
    file="$dir/${label:+$(echo "$label" | tr -cd '0-9')-}a$i.md"
    cat > "$file" <<MD
---
title: "${label}Beitrag $i: Sommerfest, Mitgliederversammlung und „Neuigkeiten“ – Teil $i"
author: "Jörg Müller"
published: $(date -u +%Y-%m-%d)
summary: "Eine Zusammenfassung mit Umlauten (äöü ß), Anführungszeichen „so“ und Gedankenstrichen – damit die Nachricht realistisch groß wird und Quoted-Printable arbeiten muss."
---
$(for p in 1 2 3; do echo "Absatz $p: Liebe Mitglieder, am Samstag treffen wir uns um 9 Uhr am Vereinsheim. Für Kaffee, Brötchen und Würstchen ist gesorgt – bitte bringt Handschuhe mit. Größere Geräte stellt der Verein."; echo; done)
MD
  done
}

# config DIR [EXTRA_YAML_LINES]: DIR/rundbrief.yml with an H2 database in DIR (or DB_URL's, e.g.
# a PostgreSQL database from postgres_database below) and the articles in DIR.
config() {
  cat > "$1/rundbrief.yml" <<YML
site: { title: "Benchmark-Verein e.V.", baseUrl: "https://news.example.org" }
database: { url: "${DB_URL:-jdbc:h2:file:$1/db}" }
smtp: { host: 127.0.0.1, port: $PORT, from: "Verein <news@example.org>", connections: ${CONNECTIONS:-4}, ratePerSecond: 1000000, messagesPerConnection: 100000 }
sources: [ { type: directory, path: "$1/articles" } ]
${2:-}
YML
}

# members N FILE: N confirmed daily members as an import CSV.
members() {
  /usr/bin/python3 - "$1" > "$2" <<'PY'
import sys
n = int(sys.argv[1])
print("email,name,language,topics,frequency")
for i in range(n):
    print(f"m{i}@example.org,Mitglied Nr. {i} Müller,de,,daily")
PY
}

# message_size CONFIG: bytes of member m1's digest as it goes over SMTP (the preview's .eml).
message_size() {
  local out
  out=$(mktemp -d)
  java -jar "$JAR" preview --cadence daily --subscriber m1@example.org --out "$out" --config "$1" >/dev/null
  wc -c < "$out/digest.eml"
  rm -rf "$out"
}

# smtp_source N SIZE: the machine's limit, postfix's smtp-source sending N messages of SIZE bytes
# into the sink over 20 reused connections; prints its rate in msg/s.
smtp_source() {
  local start end
  start=$(date +%s.%N)
  /usr/sbin/smtp-source -d -s 20 -m "$1" -l "$2" -M localhost -f a@localhost -t b@localhost 127.0.0.1:$PORT >/dev/null
  end=$(date +%s.%N)
  /usr/bin/python3 -c "print(round($1/($end-$start)))"
}

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
