#!/usr/bin/env bash
# Runs one benchmark: bench/run.sh NAME [ARGS...]; results land in bench/results/ (bench/run.sh report then
# rewrites bench/README.md from them). Run it on a quiet machine: every benchmark records the load average.
#   ingest    ingest CPU per live stream and replay throughput   (bench module)
#   features  segments/s at batch 1..16, FLOP ratio, live streams (features test sources)
#   reasoner  model costs per preset and Kafka streams/latencies  (reasoner test sources)
#   sasr      JMH: SaSR-Net per-window and per-question cost, both presets, with FLOPs (bench module)
#   gateway   1,000 WebSocket clients for 60 s through the broker (gateway test sources; args: clients seconds root warmup)
#   paraphrase  the question classifier on bench/paraphrases/ and the real MUSIC-AVQA questions (bench module)
#   report    bench/README.md from bench/results/*.json
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
name="${1:?usage: bench/run.sh ingest|features|reasoner|sasr|gateway|paraphrase|report [ARGS...]}"; shift
case "$name" in
  ingest)   module=bench;    main=io.avqa.bench.ingest.IngestBenchmark ;;
  report)   module=bench;    main=io.avqa.bench.report.BenchReport; set -- "$root/bench" ;;
  features) module=features; main=io.avqa.features.bench.FeaturesBenchmark ;;
  reasoner) module=reasoner; main=io.avqa.reasoner.stream.bench.ReasonerBenchmark ;;
  sasr)     module=bench;    main=io.avqa.bench.sasr.SaSRNetJmh ;;
  paraphrase) module=bench;  main=io.avqa.bench.paraphrase.ParaphraseBenchmark ;;
  gateway)  module=gateway;  main=io.avqa.gateway.bench.WebSocketLoad; [ $# -gt 0 ] || set -- 1000 60 "$root" 30 ;;
  *) echo "unknown benchmark '$name' (known: ingest, features, reasoner, sasr, gateway, paraphrase, report)" >&2; exit 2 ;;
esac
mvn -B -q -DskipTests install -pl "$module" -am >&2
mvn -B -q -pl "$module" test-compile >&2
cpfile="$(mktemp)"
mvn -B -q -pl "$module" dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cpfile" >&2
cp="$(cat "$cpfile")"; rm -f "$cpfile"
# glibc hands freed tensor memory back to the kernel, so PyTorch page-faults its large activations in again on
# every forward pass; keeping up to 32 MB blocks mapped measured +10-17% ResNet-18 throughput (193 -> 226 GFLOP/s
# at batch 8) and -7% per sasr-base window on a 2-core Xeon. Set them yourself to override.
export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-33554432}"
export MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-4294967296}"
export MALLOC_TOP_PAD_="${MALLOC_TOP_PAD_:-268435456}"

# BENCH_JAVA_OPTS adds JVM flags, e.g. -Davqa.bench.precision=bf16 (the reasoner benchmark's other properties
# are listed in its class comment).
# shellcheck disable=SC2086
exec java -Xmx6g ${BENCH_JAVA_OPTS:-} -Dai.djl.offline=true --add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED \
  --add-modules jdk.incubator.foreign --enable-native-access=ALL-UNNAMED \
  -Davqa.results="$root/bench/results" -cp "$module/target/classes:$module/target/test-classes:$cp" "$main" "$@"
