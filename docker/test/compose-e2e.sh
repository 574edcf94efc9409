#!/usr/bin/env bash
# The container deployment, built and run for real on one Docker host with no image registry:
#   1. images: a Debian base from Debian packages (docker/offline/base), the avqa service images from their own
#      Dockerfiles (JRE_IMAGE=that base, JAR=host: app/target/avqa.jar), a Kafka broker from Kafka's Maven Central
#      artifacts, HAProxy and Prometheus from Debian packages;
#   2. the whole compose stack (docker/compose.yml + compose.offline.yml + test/compose.e2e.yml, ingest profile:
#      its one stream looping the clip), every service's /ready asked from inside the compose network;
#   3. the fault run (app/src/test/java/io/avqa/app/scale/ComposeFaults.java): WebSocket clients ask 20
#      questions/s through HAProxy while the broker leading most of the stream's partitions, then the reasoner
#      owning its task, then the features instance embedding it is killed and started again; questions without a
#      terminal reply, duplicates, seconds published twice and segments without a committed embedding must be 0,
#      every stream must answer OK again from a window newer than each kill;
#   4. segments ingested vs embedded (Kafka's end offsets), Prometheus targets up;
#   5. `down -v` and removal of the images, build cache and build contexts it made, so a next run starts clean.
#
#   bash docker/test/compose-e2e.sh           # needs a running Docker engine (.ci/run starts one), root
#   AVQA_E2E_KEEP=1 bash docker/test/compose-e2e.sh     # leave the stack up afterwards (project avqa-e2e)
#   AVQA_E2E_FAULT_ARGS="--settle-s 60 --clients 20" ...  # more ComposeFaults options (its Settings)
#
# Kept between runs as caches: app/target/avqa.jar (built here when missing), the Debian root file system tarball
# (/var/cache/avqa-docker), the clip (app/target/compose-e2e/media). Output: app/target/compose-e2e/ (summary.md,
# compose.log with every container's log, timings). Traffic: the compose project's bridge networks and loopback
# only; the balancer, Prometheus and each broker's test listener are published on 127.0.0.1 at free ports.
set -euo pipefail
cd "$(dirname "$0")/../.."

project=avqa-e2e
export AVQA_TAG=e2e
out=app/target/compose-e2e
ctx=$out/context
base_image=avqa/base:bookworm
images=(avqa/features:e2e avqa/reasoner:e2e avqa/gateway:e2e avqa/ingest:e2e avqa/kafka:e2e avqa/haproxy:e2e
        avqa/prometheus:e2e)
streams=stage   # the ingest profile's stream (compose.yml)
start=$(date +%s)
mkdir -p "$out"
: > "$out/timings.txt"

say() { echo "compose-e2e $(date -u +%T) [$(( $(date +%s) - start )) s] $*"; }
die() { say "FAILED: $*" >&2; exit 1; }
timed() { # timed LABEL COMMAND...: runs it, logs its duration to timings.txt
  local label=$1 t0; shift; t0=$(date +%s)
  "$@"
  echo "$label $(( $(date +%s) - t0 )) s" | tee -a "$out/timings.txt"
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# ---- tools ---------------------------------------------------------------------------------------------------
command -v docker >/dev/null || die "no docker CLI (apt-get install docker.io)"
docker info >/dev/null 2>&1 || die "no Docker engine answers (start one: nice -n 19 dockerd --storage-driver=overlay2 &)"
# BuildKit builds only the stages the runtime needs (the Maven stage is skipped with JAR=host). Debian's CLI has
# it built in; a newer CLI needs its buildx plugin.
build_cli=docker
[ -x /usr/bin/docker ] && build_cli=/usr/bin/docker
export DOCKER_BUILDKIT=1
compose_file=docker/compose.yml
if docker compose version >/dev/null 2>&1; then
  compose_cmd=(docker compose)
elif command -v docker-compose >/dev/null; then
  # Debian bookworm's docker-compose 1.29 predates the top-level `name:` (the project name is -p anyway).
  compose_cmd=(docker-compose)
  compose_file=docker/.compose-v1.generated.yml
  sed '/^name: /d' docker/compose.yml > "$compose_file"
else
  die "neither 'docker compose' nor docker-compose (apt-get install docker-compose)"
fi
# docker-compose 1.29 gives up on an engine call after 60 s, which a busy 2-core host exceeds when creating 15 containers.
export COMPOSE_HTTP_TIMEOUT=600
compose() {
  "${compose_cmd[@]}" -p "$project" -f "$compose_file" -f docker/compose.offline.yml -f docker/test/compose.e2e.yml \
    --profile ingest "$@"
}
id_of() { compose ps -q "$1"; }

teardown() {
  local rc=$?
  if [ "${AVQA_E2E_KEEP:-0}" = 1 ]; then
    say "AVQA_E2E_KEEP=1: the stack stays up (${compose_cmd[*]} -p $project ... down -v to remove it)"
    exit $rc
  fi
  say "teardown: logs to $out/compose.log, down -v, images and build cache removed"
  compose logs --no-color --timestamps > "$out/compose.log" 2>&1 || true
  compose down -v --remove-orphans > "$out/down.log" 2>&1 || true
  docker rmi -f "${images[@]}" "$base_image" > /dev/null 2>&1 || true
  docker builder prune -af > /dev/null 2>&1 || true
  rm -rf "$ctx" docker/.compose-v1.generated.yml
  left=$(docker ps -aq --filter "label=com.docker.compose.project=$project" | wc -l)
  say "teardown done ($left containers of $project left); total $(( $(date +%s) - start )) s"
  exit $rc
}
trap teardown EXIT

# A stack of an earlier run that was killed before its teardown.
compose down -v --remove-orphans > /dev/null 2>&1 || true

# ---- inputs: the jar, the clip, a token ---------------------------------------------------------------------
if [ ! -s app/target/avqa.jar ] || [ ! -f app/target/test-classes/io/avqa/app/scale/ComposeFaults.class ] || [ ! -d broker/target/test-classes ]; then
  say "building app/target/avqa.jar (mvn package)"
  timed "jar-build" nice -n 19 mvn -B -o -q -DskipTests package -pl app -am
fi
media=$out/media
if [ -s docker/media/stage.mp4 ]; then
  media=docker/media
elif [ ! -s "$media/stage.mp4" ]; then
  say "rendering a 30 s synthetic concert clip for the ingest profile"
  rm -rf "$out/clip" && mkdir -p "$media"
  # (java, not ./avqa: the launcher rebuilds the jar when any source is newer)
  timed "clip" nice -n 19 java -Xmx1g --add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED -jar app/target/avqa.jar \
    dataset synth --out "$out/clip" --clips 1 --clip-seconds 30 --threads 1 > "$out/clip.log" 2>&1
  cp "$(find "$out/clip/videos" -name '*.mp4' | head -1)" "$media/stage.mp4"
  rm -rf "$out/clip"
fi
export AVQA_E2E_MEDIA=$PWD/$media
token="e2e-$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
export AVQA_E2E_TOKENS=$PWD/$out/gateway-tokens.txt
echo "$token=*" > "$AVQA_E2E_TOKENS"
chmod 644 "$AVQA_E2E_TOKENS"   # the gateway runs as uid 10001

# ---- images ----------------------------------------------------------------------------------------------------
say "images: base (Debian packages)"
timed "image-base" nice -n 19 docker/offline/base/make-base.sh "$base_image"

rm -rf "$ctx" && mkdir -p "$ctx/app/target" "$ctx/models" "$ctx/kafka/libs" "$ctx/empty"
cp -l app/target/avqa.jar "$ctx/app/target/avqa.jar" 2>/dev/null || cp app/target/avqa.jar "$ctx/app/target/avqa.jar"
cp -r models/sasr-synth models/backbone-synth "$ctx/models/"
say "images: Kafka's jars from Maven Central (docker/offline/kafka/pom.xml)"
timed "kafka-jars" nice -n 19 mvn -B -q -f docker/offline/kafka/pom.xml \
  org.apache.maven.plugins:maven-dependency-plugin:3.9.0:copy-dependencies \
  -DincludeScope=runtime -DoutputDirectory="$PWD/$ctx/kafka/libs"
cp docker/offline/kafka/kafka-start docker/offline/kafka/logback.xml "$ctx/kafka/"

build() { # build IMAGE DOCKERFILE CONTEXT [ARGS...]
  local image=$1 file=$2 context=$3; shift 3
  nice -n 19 "$build_cli" build -q -f "$file" -t "$image" "$@" "$context" > "$out/build-${image//[\/:]/-}.log" 2>&1 \
    || { tail -30 "$out/build-${image//[\/:]/-}.log" >&2; die "docker build of $image"; }
}
for svc in features reasoner gateway ingest; do
  # The context holds only the jar and the models; the Dockerfile's .dockerignore travels beside it.
  mkdir -p "$ctx/docker/$svc" && cp "docker/$svc/Dockerfile" "docker/$svc/Dockerfile.dockerignore" "$ctx/docker/$svc/"
  say "images: avqa/$svc:e2e"
  timed "image-$svc" build "avqa/$svc:e2e" "$ctx/docker/$svc/Dockerfile" "$ctx" \
    --build-arg JRE_IMAGE="$base_image" --build-arg JAR=host
done
say "images: Kafka, HAProxy, Prometheus"
timed "image-kafka" build avqa/kafka:e2e docker/offline/kafka/Dockerfile "$ctx/kafka" --build-arg JRE_IMAGE="$base_image"
timed "image-haproxy" build avqa/haproxy:e2e docker/offline/haproxy/Dockerfile "$ctx/empty" --build-arg BASE_IMAGE="$base_image"
timed "image-prometheus" build avqa/prometheus:e2e docker/offline/prometheus/Dockerfile "$ctx/empty" \
  --build-arg BASE_IMAGE="$base_image"
docker images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep -E '^avqa/' | sed 's/^/  /'

# ---- up --------------------------------------------------------------------------------------------------------
lb_port=$(free_port)
prom_port=$(free_port)
export AVQA_HTTP_PUBLISH=127.0.0.1:$lb_port AVQA_PROMETHEUS_PUBLISH=127.0.0.1:$prom_port
# each broker's HOST listener (test/compose.e2e.yml), for the fault run's questions to the cluster
export AVQA_E2E_KAFKA_1=$(free_port) AVQA_E2E_KAFKA_2=$(free_port) AVQA_E2E_KAFKA_3=$(free_port)
host_bootstrap=127.0.0.1:$AVQA_E2E_KAFKA_1,127.0.0.1:$AVQA_E2E_KAFKA_2,127.0.0.1:$AVQA_E2E_KAFKA_3
say "up: 3 brokers, topics, 2 features, 2 reasoners, 2 gateways, HAProxy on 127.0.0.1:$lb_port, Prometheus on 127.0.0.1:$prom_port, ingest"
timed "up" compose up -d --no-build > "$out/up.log" 2>&1 || { tail -30 "$out/up.log" >&2; die "compose up"; }

# /ready of every service, asked from inside the compose network (the gateway image has curl), then the
# balancer and Prometheus through their loopback ports.
ready_from_inside() {
  local probe target deadline=$(( $(date +%s) + 300 ))
  probe=$(id_of gateway-1)
  for target in gateway-1:8080 gateway-2:8080 features-1:9102 features-2:9102 reasoner-1:9103 reasoner-2:9103 ingest:9101; do
    until docker exec "$probe" curl -fsS -o /dev/null "http://$target/ready" 2>/dev/null; do
      [ "$(date +%s)" -lt "$deadline" ] || die "$target not ready within 300 s (see $out/compose.log)"
      sleep 3
    done
    say "ready: $target"
  done
  until curl -fsS -o /dev/null "http://127.0.0.1:$lb_port/ready" && curl -fsS -o /dev/null "http://127.0.0.1:$prom_port/-/ready"; do
    [ "$(date +%s)" -lt "$deadline" ] || die "HAProxy or Prometheus not ready within 300 s"
    sleep 3
  done
  say "ready: lb (HAProxy -> gateways) and prometheus"
}
timed "ready" ready_from_inside

# ---- faults under load -----------------------------------------------------------------------------------------
say "fault run: 20 questions/s through HAProxy; kill and restart a broker, a reasoner, a features container"
containers=()
for svc in kafka-1 kafka-2 kafka-3 reasoner-1 reasoner-2 features-1 features-2; do
  containers+=(--container "$svc=$(id_of "$svc")")
done
set +e
timed "fault-run" nice -n 10 java -Dlogback.configurationFile=app/target/test-classes/logback-test.xml \
  -cp app/target/test-classes:broker/target/test-classes:app/target/avqa.jar io.avqa.app.scale.ComposeFaults \
  --port "$lb_port" --token "$token" --streams "$streams" --bootstrap "$host_bootstrap" --model models/sasr-synth \
  --out "$out" "${containers[@]}" ${AVQA_E2E_FAULT_ARGS:-}
faults_rc=$?

# ---- what went through: segments vs embeddings, Prometheus targets ---------------------------------------------
kafka_tool() { docker exec "$(id_of kafka-1)" java -cp '/opt/kafka/libs/*' "$@" 2>/dev/null; }
end_offsets() { kafka_tool org.apache.kafka.tools.GetOffsetShell --bootstrap-server localhost:9092 --topic "$1" \
  | grep -E "^$1:[0-9]+:[0-9]+$" | awk -F: '{ n += $NF } END { print n + 0 }'; }   # the tool's own log lines share stdout
segments=$(end_offsets avqa.segments)
embeddings=$(end_offsets avqa.embeddings)
replication=$(kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server localhost:9092 --describe \
  --topic avqa.embeddings | grep -m1 '^Topic:' | grep -oE 'ReplicationFactor: [0-9]+|min.insync.replicas=[0-9]+' \
  | tr '\n' ' ')
prom() { curl -fsS "http://127.0.0.1:$prom_port/api/v1/$1"; }
features_outcomes=$(prom 'query?query=round(sum%20by%20(outcome)%20(increase(avqa_features_segments_total%5B30m%5D)))' \
  | python3 -c 'import json,sys; r=json.load(sys.stdin)["data"]["result"]; print(", ".join(x["metric"]["outcome"]+" "+x["value"][1] for x in r))')
targets_check() {
  prom targets | python3 -c '
import json, sys
active = json.load(sys.stdin)["data"]["activeTargets"]
# features-gpu runs only with the gpu profile, which this run does not start
down = [t["labels"]["instance"] for t in active if t["health"] != "up" and not t["labels"]["instance"].startswith("features-gpu")]
up = [t["labels"]["instance"] for t in active if t["health"] == "up"]
print("%d up: %s; down: %s (features-gpu: gpu profile, not started)" % (len(up), " ".join(sorted(up)), " ".join(sorted(down)) or "none"))
sys.exit(1 if down else 0)'
}
targets=""
for _ in $(seq 1 12); do   # a restarted container is scraped again within one 15 s interval
  if targets=$(targets_check); then targets_ok=0; break; else targets_ok=1; sleep 5; fi
done

{
  echo
  echo "## stack"
  echo
  echo "| segments ingested (avqa.segments end offsets) | embeddings (avqa.embeddings end offsets) | features outcomes (Prometheus, 30 min) | avqa.embeddings | Prometheus targets |"
  echo "|---:|---:|---|---|---|"
  echo "| $segments | $embeddings | $features_outcomes | $replication | $targets |"
  echo
  echo "timings (s): $(tr '\n' ';' < "$out/timings.txt")"
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(uptime | sed 's/.*load/load/')"
} | tee -a "$out/summary.md"

set -e   # (the figures above are reported as found; the checks are these two)
[ "$faults_rc" = 0 ] || die "the fault run's checks failed (summary above, $out/summary.md)"
[ "$targets_ok" = 0 ] || die "Prometheus targets down: $targets"
say "PASSED"
