#!/usr/bin/env bash
# Runs a season on Beam's DirectRunner. With no arguments: the sample season, into ./out.
# Any option (e.g. --catalogue FILE --output DIR --overwrite) overrides pipelines/sample.properties.
set -euo pipefail
cd "$(dirname "$0")"

jar=target/lullabeam.jar
if [ ! -f "$jar" ] || [ -n "$(find src pom.xml -newer "$jar" -print -quit)" ]; then
  echo "run-direct: building $jar ..." >&2
  log=$(mktemp)
  # Maven's output (and its stray terminal codes) is shown only when the build fails.
  mvn -q -DskipTests package >"$log" 2>&1 || { cat "$log" >&2; rm -f "$log"; exit 1; }
  rm -f "$log"
fi

profile=pipelines/sample.properties
for arg in "$@"; do
  case "$arg" in --profile|--profile=*) profile="" ;; esac
done
# TensorFlow (voice tacotron2-melgan) logs only errors to stderr unless told otherwise.
export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}"
exec java -jar "$jar" season ${profile:+--profile=$profile} "$@"
