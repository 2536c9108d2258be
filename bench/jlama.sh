#!/usr/bin/env bash
# Side-by-side decoding benchmark: Jlama 0.8.4 (pure Java, Vector API, JDK 21+) against lullabeam's
# bench-lm (DJL / PyTorch, Java 17), same machine, same run, fp32, greedy, 32-token prompts.
#
#   bench/jlama.sh [--new-tokens N] [--batch-sizes 1,16,32] [--threads N]
#   LULLABEAM_JAVA_OPTS=-Dlullabeam.lm.splitLinear=true bench/jlama.sh   # extra JVM options for bench-lm
#
# Needs JDK 21+ for Jlama: found under /usr/lib/jvm, or set JAVA21_HOME=/path/to/jdk. The project itself
# stays on Java 17 (the `java` on PATH, or JAVA_HOME). Jlama's jars are fetched with Maven from Maven
# Central into bench/jlama/target/lib (bench/jlama/pom.xml; benchmark-only, not a project dependency).
# Jlama runs a random GPT-2-124M-shaped checkpoint (lullabeam make-checkpoint --shape gpt2-124m),
# lullabeam a random GPT-Neo-125M-shaped one (bench-lm's default): the same work per token at these
# lengths (GPT-Neo's local window of 256 never binds with 32+32 tokens). Jlama decodes one sequence
# at a time, so only its batch 1 is measured. The last lines print the ratios the targets of issue 13
# are stated in. Keep the machine quiet: every figure is only as good as the load average printed.
set -euo pipefail
cd "$(dirname "$0")/.."
NEW_TOKENS=32
BATCHES=1,16,32
THREADS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --new-tokens) NEW_TOKENS="$2"; shift 2 ;;
    --batch-sizes) BATCHES="$2"; shift 2 ;;
    --threads) THREADS=(--threads "$2"); shift 2 ;;
    *) echo "bench/jlama.sh: unknown option $1 (use --new-tokens N, --batch-sizes N,N, --threads N)" >&2; exit 2 ;;
  esac
done

java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
JDK21="${JAVA21_HOME:-}"
if [ -z "$JDK21" ]; then
  for candidate in /usr/lib/jvm/*; do
    if [ -x "$candidate/bin/java" ] && [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null; then
      JDK21="$candidate"
    fi
  done
fi
if [ -z "$JDK21" ] || [ ! -x "$JDK21/bin/java" ] || [ "$(java_major "$JDK21")" -lt 21 ]; then
  echo "bench/jlama.sh: no JDK 21+ found under /usr/lib/jvm; install one (e.g. Temurin 21 or 25) and set JAVA21_HOME=/path/to/jdk" >&2
  exit 2
fi

echo "== $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
mvn -B -q -f bench/jlama/pom.xml dependency:copy-dependencies -DoutputDirectory=target/lib >/dev/null
JLAMA_CP="$(ls bench/jlama/target/lib/*.jar | tr '\n' ':')"
mvn -B -o -q compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
LB_CP="target/classes:$(cat target/bench-classpath.txt)"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
java -cp "$LB_CP" dev.lullabeam.app.Lullabeam make-checkpoint --shape gpt2-124m --output "$WORK/gpt2"

echo "== Jlama ($("$JDK21/bin/java" -version 2>&1 | head -1)), load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$JDK21/bin/java" --add-modules jdk.incubator.vector -Xmx4g -cp "$JLAMA_CP" \
    bench/jlama/JlamaBench.java "$WORK/gpt2" "$NEW_TOKENS" 32 3 2>&1 | grep -v -i "WARNING" | tee "$WORK/jlama.txt"
rm -rf "$WORK/gpt2"

echo "== lullabeam bench-lm, load average $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx6g ${LULLABEAM_JAVA_OPTS:-} -cp "$LB_CP" dev.lullabeam.app.Lullabeam bench-lm --batch-sizes "$BATCHES" --new-tokens "$NEW_TOKENS" \
    --skip-kv "${THREADS[@]}" | tee "$WORK/lullabeam.txt"
echo "== done, load average $(cut -d' ' -f1-3 /proc/loadavg)"

JLAMA=$(sed -n 's/^RESULT jlama batch1_tokens_per_s=//p' "$WORK/jlama.txt")
awk -v jlama="$JLAMA" '
  /^RESULT lullabeam/ {
    for (i = 3; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
  }
  END {
    b1 = v["batch1_tokens_per_s"]
    printf "Same run: lullabeam batch 1 %.1f tokens/s, Jlama %.1f -> %.2fx (target >= 1.0x)\n", b1, jlama, b1 / jlama
    if ("batch16_tokens_per_s" in v)
      printf "Same run: lullabeam batch 16 %.1f tokens/s = %.1fx its batch 1 (target >= 8x)\n", v["batch16_tokens_per_s"], v["batch16_tokens_per_s"] / b1
    if ("batch32_of_square_ceiling" in v)
      printf "Same run: lullabeam batch 32 decode at %.0f%% of the square-matmul ceiling (target >= 35%%)\n", 100 * v["batch32_of_square_ceiling"]
  }' "$WORK/lullabeam.txt"
