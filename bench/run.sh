#!/usr/bin/env bash
# The hub's benchmarks: builds the jar, starts the hub on its embedded defaults (H2 file database, persistent
# Artemis, durability as shipped) in a fresh hub home, loads it with Gatling over mutual TLS with signed
# requests, measures the per-stage baselines with JMH, checks that nothing was lost, and prints one Markdown
# table, also written with a PNG chart to bench/results/. `--smoke` runs every part briefly (CI).
set -euo pipefail
cd "$(dirname "$0")/.."

SMOKE=false
[[ "${1:-}" == "--smoke" ]] && SMOKE=true
RESULTS=bench/results
WORK=$(mktemp -d /tmp/lmi-bench.XXXXXX)
HUB_PID=""
SUB_PID=""
cleanup() {
  [[ -n "$HUB_PID" ]] && kill "$HUB_PID" 2>/dev/null || true
  [[ -n "$SUB_PID" ]] && kill "$SUB_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  # the hubs' databases and journals run to gigabytes; logs and results stay
  rm -rf "$WORK/home" "$WORK/home-fast"
}
trap cleanup EXIT

if $SMOKE; then
  DURATION=1; SHORT=1; INGEST_CONCURRENCY="4"; BATCHES="100:2"; SOAP_C=2; PULL_C=2; PLAIN_C=4
  JMH=(-f 1 -wi 0 -i 1 -r 1s -p signer=partners/npsp -p dataset=dossier-status)
else
  DURATION=20; SHORT=10; INGEST_CONCURRENCY="1 8 32 64"; BATCHES="100:4 1000:2"; SOAP_C=8; PULL_C=16; PLAIN_C=32
  JMH=(-f 1 -wi 1 -w 2s -i 2 -r 3s)
fi

echo "== build (hub jar, benchmark classes)"
if ! $SMOKE || [[ ! -f target/lmi-hub.jar.original ]]; then
  mvn -B -q -DskipTests package
fi
# the benchmark module is built again only when a file of it changed since its last build
if [[ ! -f bench/target/classpath.txt ]] || [[ -n "$(find bench/pom.xml bench/src -newer bench/target/classpath.txt | head -1)" ]]; then
  (cd bench && mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test)
fi
CP="bench/target/test-classes:$(cat bench/target/classpath.txt)"

echo "== three REST subscribers, a route workspace subscribing them to dossier-status"
java -cp "$CP" vn.gov.lmi.hub.bench.Subscribers 3 "$WORK/ports" &
SUB_PID=$!
for _ in $(seq 100); do [[ -f "$WORK/ports" ]] && break; sleep 0.1; done
CONTROL=$(grep '^control=' "$WORK/ports" | cut -d= -f2)
mkdir -p "$WORK/routes"
cat > "$WORK/routes/partners.yaml" <<YAML
partners:
  - id: npsp
    name: the partner that submits and pulls
    certificates: [certs-example/partners/npsp.crt.pem]
    grants:
      - dataset: dossier-status
        operations: [submit, pull]
$(for p in molisa-portal dolisa-hanoi ngsp; do printf '  - id: %s\n    name: subscriber %s\n    certificates: [certs-example/partners/%s.crt.pem]\n    grants:\n      - dataset: dossier-status\n        operations: [subscribe]\n' "$p" "$p" "$p"; done)
operators:
  - id: ops-admin
    name: operator
    certificates: [certs-example/operators/ops-admin.crt.pem]
YAML
i=0
for p in molisa-portal dolisa-hanoi ngsp; do
  i=$((i + 1))
  port=$(grep "^subscriber$i=" "$WORK/ports" | cut -d= -f2)
  mkdir -p "$WORK/routes/$p"
  cat > "$WORK/routes/$p/dossier-status.yaml" <<YAML
- templatedRoute:
    routeTemplateRef: rest-push
    routeId: $p.dossier-status
    parameters:
      - {name: partner, value: $p}
      - {name: dataset, value: dossier-status}
      - {name: url, value: "http://127.0.0.1:$port/lmi/dossier-status"}
      - {name: concurrency, value: "4"}
YAML
done

# start_hub <home> <log> <java options and jar...>: starts a hub on the bench workspace, sets HUB_PID and READY
# (milliseconds from the java command to readiness)
start_hub() {
  local home=$1 log=$2 start
  shift 2
  start=$(date +%s%N)
  java "$@" --hub.home="$home" --hub.routes-dir="$WORK/routes" --hub.trust.partners-file="$WORK/routes/partners.yaml" \
    --hub.events.allow-plain-http-delivery=true > "$log" 2>&1 &
  HUB_PID=$!
  until curl -sf http://127.0.0.1:8081/actuator/health/readiness > /dev/null; do
    kill -0 "$HUB_PID" 2>/dev/null || { echo "the hub did not start: $log"; exit 1; }
    sleep 0.05
  done
  READY=$(( ($(date +%s%N) - start) / 1000000 ))
  echo "ready in ${READY} ms"
}

echo "== hub: fresh home $WORK/home"
start_hub "$WORK/home" "$WORK/hub.log" -jar target/lmi-hub.jar
READY_JAR=$READY

: > "$WORK/runs.tsv"
gatling() { # name workload concurrency records duration
  echo "== $1"
  java -Xms512m -Xmx1g --add-opens=java.base/java.lang=ALL-UNNAMED -cp "$CP" \
    -Dgatling.ssl.keyStore.file=certs-example/partners/npsp.p12 -Dgatling.ssl.keyStore.password=lmi-demo \
    -Dgatling.ssl.keyStore.type=PKCS12 -Dgatling.data.console.light=true \
    -Dbench.name="$1" -Dbench.workload="$2" -Dbench.concurrency="$3" -Dbench.batch="$4" -Dbench.duration="$5" \
    io.gatling.app.Gatling -s vn.gov.lmi.hub.bench.HubLoadSimulation -rf "$WORK/gatling/$1" > "$WORK/gatling-$1.log" 2>&1 \
    || { echo "Gatling run $1 failed: $WORK/gatling-$1.log"; tail -30 "$WORK/gatling-$1.log"; exit 1; }
  printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >> "$WORK/runs.tsv"
}
gatling plain-c$PLAIN_C plain "$PLAIN_C" 1 "$SHORT"
for c in $INGEST_CONCURRENCY; do gatling ingest-c$c ingest "$c" 1 "$DURATION"; done
gatling soap-c$SOAP_C soap "$SOAP_C" 1 "$SHORT"

# Deliveries lag behind ingest: the backlog left when the load stops is drained with nothing else running, and
# that drain, first to last delivery, is each subscriber's fan-out rate. It also proves none of them was lost.
echo "== fan-out: draining the backlog to the three subscribers"
curl -sf -X POST "http://127.0.0.1:$CONTROL/window" > /dev/null
java -cp "$CP" vn.gov.lmi.hub.bench.BenchReport await "$WORK" "$CONTROL" 900
curl -sf "http://127.0.0.1:$CONTROL/stats" > "$WORK/fanout.json"

# Batches add records far faster than three subscribers take them (a backlog of hours): the subscribers'
# route files are removed first (their queues keep every event), so batches and pulls measure the hub alone.
echo "== subscribers unsubscribed: batches and pulls run without deliveries"
rm -rf "$WORK/routes/molisa-portal" "$WORK/routes/dolisa-hanoi" "$WORK/routes/ngsp"
until [[ $(grep -c 'removed: its routes stopped' "$WORK/hub.log") -ge 3 ]]; do
  kill -0 "$HUB_PID" 2>/dev/null || { echo "the hub stopped: $WORK/hub.log"; exit 1; }
  sleep 0.2
done
for b in $BATCHES; do gatling "batch${b%%:*}-c${b##*:}" ingest "${b##*:}" "${b%%:*}" "$SHORT"; done
gatling pull-c$PULL_C pull "$PULL_C" 1 "$SHORT"
PEAK_RSS=$(awk '/VmHWM/ {print int($2/1024)}' "/proc/$HUB_PID/status")
echo "== every accepted record stored"
java -cp "$CP" vn.gov.lmi.hub.bench.BenchReport stored "$WORK" certs-example

kill "$HUB_PID"; wait "$HUB_PID" 2>/dev/null || true; HUB_PID=""

READY_FAST=""
if ! $SMOKE; then
  echo "== start-up of the production layout (scripts/fast-start.sh), fresh hub home"
  bash scripts/fast-start.sh > /dev/null
  start_hub "$WORK/home-fast" "$WORK/hub-fast.log" -XX:SharedArchiveFile=target/lmi-hub/lmi-hub.jsa -jar target/lmi-hub/lmi-hub.jar
  READY_FAST=$READY
  kill "$HUB_PID"; wait "$HUB_PID" 2>/dev/null || true; HUB_PID=""
fi
echo "== JMH baselines (hub stopped)"
java -cp "$CP" org.openjdk.jmh.Main -rf json -rff "$WORK/jmh.json" "${JMH[@]}" \
  SignatureBenchmark SchemaValidationBenchmark ArtemisBenchmark > "$WORK/jmh.log" 2>&1 \
  || { tail -30 "$WORK/jmh.log"; exit 1; }

{
  echo "date=$(date -u +%Y-%m-%dT%H:%MZ)"
  echo "machine=$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
  echo "readySeconds=$(awk "BEGIN {print $READY_JAR / 1000}")"
  [[ -n "$READY_FAST" ]] && echo "readyFastSeconds=$(awk "BEGIN {print $READY_FAST / 1000}")"
  echo "peakRssMb=$PEAK_RSS"
  $SMOKE && echo "mode=smoke run: figures are not meaningful"
} > "$WORK/hub.txt"
echo
if $SMOKE; then
  java -cp "$CP" vn.gov.lmi.hub.bench.BenchReport report "$WORK" "$WORK/results"
else
  java -cp "$CP" vn.gov.lmi.hub.bench.BenchReport report "$WORK" "$RESULTS" bench/README.md
fi
ERRORS=$(awk -F'|' '/error responses, all runs/ {gsub(/ /, "", $3); print $3}' "$( $SMOKE && echo "$WORK/results" || echo "$RESULTS")/latest.md")
[[ "$ERRORS" == "0" ]] || { echo "error responses: $ERRORS (see $WORK/gatling-*.log)"; exit 1; }
echo "work files: $WORK"
