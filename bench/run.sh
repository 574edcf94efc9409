#!/usr/bin/env bash
# Runs one benchmark from the bench module: bench/run.sh NAME [ARGS...]; results land in bench/results/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
name="${1:?usage: bench/run.sh ingest [ARGS...]}"; shift
case "$name" in
  ingest) main=io.avqa.bench.ingest.IngestBenchmark ;;
  report) main=io.avqa.bench.report.BenchReport; set -- "$root/bench" ;;
  *) echo "unknown benchmark '$name' (known: ingest, report)" >&2; exit 2 ;;
esac
mvn -B -q -DskipTests install -pl bench -am >&2
cpfile="$(mktemp)"
mvn -B -q -pl bench dependency:build-classpath -Dmdep.outputFile="$cpfile" >&2
cp="$(cat "$cpfile")"; rm -f "$cpfile"
exec java -Xmx4g -Dai.djl.offline=true --add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED \
  -Davqa.results="$root/bench/results" -cp "bench/target/classes:$cp" "$main" "$@"
