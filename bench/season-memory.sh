#!/usr/bin/env bash
# Memory and time of a season as it grows (docs/performance.md, "Memory as the season grows").
#   bench/season-memory.sh N [FOLDER]
# makes a catalogue of N short written stories (three sentences each, every sentence different)
# and runs the season on the DirectRunner with -Xmx512m under /usr/bin/time -v, keeping the speech
# store (--keepWork) so that its size can be measured. Prints wall time, peak RSS, store size and
# the report's totals; everything stays in FOLDER (default: /tmp/lullabeam-memory-N).
set -euo pipefail
cd "$(dirname "$0")/.."

n=${1:?usage: bench/season-memory.sh N [FOLDER]}
dir=${2:-/tmp/lullabeam-memory-$n}
jar=target/lullabeam.jar
[ -f "$jar" ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }
mkdir -p "$dir"

animals=(fox owl hedgehog otter badger rabbit mouse deer)
places=("under an old oak" "by a quiet river" "in a mossy hollow" "beside the sea" "on a windy hill" "near a warm hearth")
topics=(night-forest rain ocean wind fireplace thunderstorm)
{
  echo "id,topic,title,story"
  for ((i = 1; i <= n; i++)); do
    a=${animals[i % ${#animals[@]}]}
    p=${places[i % ${#places[@]}]}
    t=${topics[i % ${#topics[@]}]}
    echo "ep-$i,$t,Story $i,\"Once upon a time, a little $a lived $p, in house number $i. Every evening the $a counted $i stars before bed. Tonight, after star number $i, the sleepy $a yawned and closed its eyes.\""
  done
} >"$dir/catalogue.csv"

rm -rf "$dir/out"
echo "season-memory: $n episodes, load average $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -v -o "$dir/time.txt" \
  java -Xmx512m -jar "$jar" season --catalogue "$dir/catalogue.csv" --output "$dir/out" \
  --keepWork --progressSeconds 0 >"$dir/season.log" 2>&1 || { tail -20 "$dir/season.log"; exit 1; }
echo "season-memory: load average at end $(cut -d' ' -f1-3 /proc/loadavg)"
grep -E "Elapsed \(wall clock\)|Maximum resident set size" "$dir/time.txt"
echo "store: $(du -sh "$dir/out/.work" | cut -f1), $(find "$dir/out/.work" -name '*.wav' | wc -l) sentences"
python3 -c 'import json,sys; t=json.load(open(sys.argv[1]))["totals"]; print({k: t[k] for k in ("ok","failed","sentences","sentences_spoken","sentences_reused","audio_seconds","wall_seconds")})' "$dir/out/report.json"
