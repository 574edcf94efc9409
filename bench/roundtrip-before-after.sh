#!/usr/bin/env bash
# Question round trip (question produced -> answer consumed) of two builds of the reasoner, in alternating runs so
# that a shared machine's load falls on both alike:
#   bench/roundtrip-before-after.sh BEFORE_DIR AFTER_DIR [PAIRS] [OUT]
# BEFORE_DIR / AFTER_DIR are checkouts (e.g. `git worktree add --detach ../before <commit>`); each is built offline
# at nice BUILD_NICE (default 19; package, no install; BUILD=0 skips it), then PAIRS (default 3) before/after JVM
# pairs run at the caller's priority. Each JVM is ReasonerBenchmark with -Davqa.bench.branchPairs: sasr-small, lazy
# questions, a fixed STREAMS (default 20) streams at 1 segment/s and 10 questions/s, 2 stream threads, embedded
# broker in the JVM, four measured runs of SECONDS_MEASURED (default 20) s (without / with parallel branches, twice)
# after a WARMUP (default 30) s JIT warm-up. Results (JSON, stdout, uptime before each run) land in OUT (default a
# temp folder); the table at the end gives each JVM's median over its four runs and after/before ratios per pair.
set -euo pipefail
before="$(cd "${1:?usage: $0 BEFORE_DIR AFTER_DIR [PAIRS] [OUT]}" && pwd)"
after="$(cd "${2:?usage: $0 BEFORE_DIR AFTER_DIR [PAIRS] [OUT]}" && pwd)"
pairs="${3:-3}"
out="${4:-$(mktemp -d /tmp/roundtrip-XXXX)}"
mkdir -p "$out"

build() {
  (cd "$1" && nice -n "${BUILD_NICE:-19}" mvn -B -o -q -DskipTests package dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench-cp.txt -pl reasoner -am)
}

run() { # run LABEL DIR RUNDIR
  local dir="$2" rd="$3"
  mkdir -p "$rd"
  {
    echo "label=$1 commit=$(git -C "$dir" rev-parse --short HEAD) start=$(date -u +%FT%TZ)"
    echo "uptime before: $(uptime)"
  } > "$rd/meta.txt"
  (cd "$dir" && MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=4294967296 MALLOC_TOP_PAD_=268435456 \
    java -Xmx6g -Dai.djl.offline=true --add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED \
    --add-modules jdk.incubator.foreign --enable-native-access=ALL-UNNAMED \
    -Davqa.bench.presets=sasr-small -Davqa.bench.branchPairs="${STREAMS:-20}" \
    -Davqa.bench.jvmWarmupSeconds="${WARMUP:-30}" \
    -cp "reasoner/target/classes:reasoner/target/test-classes:$(cat reasoner/target/bench-cp.txt)" \
    io.avqa.reasoner.stream.bench.ReasonerBenchmark "$rd" "${SECONDS_MEASURED:-20}") > "$rd/stdout.txt" 2>&1
  echo "uptime after: $(uptime)" >> "$rd/meta.txt"
}

if [ "${BUILD:-1}" != 0 ]; then
  build "$before"
  build "$after"
fi
for i in $(seq 1 "$pairs"); do
  echo "pair $i: before" >&2; run before "$before" "$out/before-$i"
  echo "pair $i: after" >&2;  run after "$after" "$out/after-$i"
done

python3 - "$out" "$pairs" <<'EOF'
import json, re, statistics, sys
out, pairs = sys.argv[1], int(sys.argv[2])
def load(name):
    runs = json.load(open(f"{out}/{name}/reasoner-parallel-branches.json"))["kafka"]
    meta = open(f"{out}/{name}/meta.txt").read()
    load1 = re.search(r"load average: ([\d.]+)", meta).group(1)
    med = lambda k: statistics.median(r[k] for r in runs)
    return dict(load=load1, p50=med("roundTripMsP50"), p99=med("roundTripMsP99"),
                a50=med("askedToAnsweredMsP50"), a99=med("askedToAnsweredMsP99"),
                q=sum(r["questionsSent"] for r in runs), ans=sum(r["answers"] for r in runs),
                ok=sum(r["answersOk"] for r in runs),
                sub=" ".join(f'{r["roundTripMsP50"]:.0f}/{r["roundTripMsP99"]:.0f}' for r in runs))
print("| pair | side | load (1 min) before | questions / answers (OK) | round trip p50 / p99 ms, each of the 4 runs "
      "| median p50 / p99 ms | asked-to-answered median p50 / p99 ms | after/before p50 | after/before p99 |")
print("|---|---|---|---|---|---|---|---|---|")
r50, r99 = [], []
for i in range(1, pairs + 1):
    b, a = load(f"before-{i}"), load(f"after-{i}")
    r50.append(a["p50"] / b["p50"]); r99.append(a["p99"] / b["p99"])
    for side, x, ratio in (("before", b, ("", "")), ("after", a, (f"{r50[-1]:.2f}", f"{r99[-1]:.2f}"))):
        print(f'| {i} | {side} | {x["load"]} | {x["q"]} / {x["ans"]} ({x["ok"]}) | {x["sub"]} | {x["p50"]:.1f} / '
              f'{x["p99"]:.1f} | {x["a50"]:.1f} / {x["a99"]:.1f} | {ratio[0]} | {ratio[1]} |')
print(f"\nmedian after/before: p50 {statistics.median(r50):.2f}, p99 {statistics.median(r99):.2f}")
EOF
echo "raw results: $out" >&2
