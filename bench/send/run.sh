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
export DEBIAN_FRONTEND=noninteractive
command -v smtp-sink >/dev/null || { apt-get update -qq && apt-get install -y -qq postfix >/dev/null; }
[ -f "$JAR" ] || (cd "$ROOT" && mvn -B -q package -DskipTests)

WORK=$(mktemp -d)
trap 'kill $SINK 2>/dev/null || true; rm -rf "$WORK"' EXIT
/usr/sbin/smtp-sink -u nobody 127.0.0.1:$PORT 500 >/dev/null 2>&1 &
SINK=$!
sleep 1

mkdir -p "$WORK/articles"
for i in 1 2 3 4 5; do
  cat > "$WORK/articles/a$i.md" <<MD
---
title: "Beitrag $i: Sommerfest, Mitgliederversammlung und „Neuigkeiten“ – Teil $i"
author: "Jörg Müller"
published: $(date -u +%Y-%m-%d)
summary: "Eine Zusammenfassung mit Umlauten (äöü ß), Anführungszeichen „so“ und Gedankenstrichen – damit die Nachricht realistisch groß wird und Quoted-Printable arbeiten muss."
---
$(for p in 1 2 3; do echo "Absatz $p: Liebe Mitglieder, am Samstag treffen wir uns um 9 Uhr am Vereinsheim. Für Kaffee, Brötchen und Würstchen ist gesorgt – bitte bringt Handschuhe mit. Größere Geräte stellt der Verein."; echo; done)
MD
done
cat > "$WORK/rundbrief.yml" <<YML
site: { title: "Benchmark-Verein e.V.", baseUrl: "https://news.example.org" }
database: { url: "jdbc:h2:file:$WORK/db" }
smtp: { host: 127.0.0.1, port: $PORT, from: "Verein <news@example.org>", connections: 2, ratePerSecond: 1000000, messagesPerConnection: 100000 }
sources: [ { type: directory, path: "$WORK/articles" } ]
YML
python3 - "$N" > "$WORK/members.csv" <<'PY'
import sys
n = int(sys.argv[1])
print("email,name,language,topics,frequency")
for i in range(n):
    print(f"m{i}@example.org,Mitglied Nr. {i} Müller,de,,daily")
PY

ours=()
for run in $(seq "$RUNS"); do
  rm -rf "$WORK"/db*
  java -jar "$JAR" subscribers import "$WORK/members.csv" --confirmed --consent-note bench --config "$WORK/rundbrief.yml" >/dev/null 2>&1
  java -jar "$JAR" collect --config "$WORK/rundbrief.yml" >/dev/null 2>&1
  if [ "$run" = 1 ]; then
    java -jar "$JAR" preview --cadence daily --subscriber m1@example.org --out "$WORK/preview" --config "$WORK/rundbrief.yml" >/dev/null
    size=$(wc -c < "$WORK/preview/digest.eml")
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
  start=$(date +%s.%N)
  /usr/sbin/smtp-source -d -s 20 >/dev/null -m "$N" -l "$size" -M localhost -f a@localhost -t b@localhost 127.0.0.1:$PORT
  end=$(date +%s.%N)
  rate=$(python3 -c "print(round($N/($end-$start)))")
  echo "smtp-source run $run: $rate msg/s"
  theirs+=("$rate")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
o=$(median "${ours[@]}"); t=$(median "${theirs[@]}")
echo "median: rundbrief $o msg/s, smtp-source $t msg/s, ratio $(python3 -c "print(round($o/$t,2))")"
