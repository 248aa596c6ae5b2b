#!/usr/bin/env bash
# Lays out the built hub for a fast start: extracts target/lmi-hub.jar into target/lmi-hub/ (the application jar
# plus lib/, loaded by the JDK's own class loader instead of the nested-jar one) and records a class-data-sharing
# archive (target/lmi-hub/lmi-hub.jsa) from one training start on a throwaway hub home. Run it once per build,
# then start the hub with the command it prints (same options as `java -jar target/lmi-hub.jar`).
# The archive belongs to this JDK build: with another JDK the JVM ignores it and starts as usual.
set -euo pipefail
cd "$(dirname "$0")/.."

[[ -f target/lmi-hub.jar ]] || { echo "build the hub first: mvn -B package -DskipTests" >&2; exit 1; }
rm -rf target/lmi-hub
java -Djarmode=tools -jar target/lmi-hub.jar extract --destination target/lmi-hub > /dev/null

TRAINING_HOME=$(mktemp -d)
trap 'rm -rf "$TRAINING_HOME"' EXIT
# the training start stops as soon as the application context is up (Spring Boot's spring.context.exit)
java -XX:ArchiveClassesAtExit=target/lmi-hub/lmi-hub.jsa -Dspring.context.exit=onRefresh \
  -jar target/lmi-hub/lmi-hub.jar --hub.home="$TRAINING_HOME" "$@" > target/lmi-hub/training.log 2>&1 \
  || { echo "the training start failed: target/lmi-hub/training.log" >&2; exit 1; }
[[ -f target/lmi-hub/lmi-hub.jsa ]] || { echo "no archive was written: target/lmi-hub/training.log" >&2; exit 1; }

echo "java -XX:SharedArchiveFile=target/lmi-hub/lmi-hub.jsa -jar target/lmi-hub/lmi-hub.jar"
