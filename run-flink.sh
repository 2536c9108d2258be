#!/usr/bin/env bash
# Runs a season on a Flink 1.19 session cluster.
#   ./run-flink.sh --flinkMaster HOST:PORT [season options]
#   ./run-flink.sh --local-cluster [--taskmanagers N] [--slots N] [--taskmanager-memory 2g]
#                  [--rest-port 8081] [--rpc-port 6123] [season options]
# Season options as for run-direct.sh (pipelines/sample.properties unless --profile is given),
# plus FlinkRunner's, e.g. --parallelism=2. The local cluster is stopped when the season ends,
# fails or is interrupted (Ctrl-C).
set -euo pipefail
cd "$(dirname "$0")"

jar=target/lullabeam.jar
job_jar=target/lullabeam-flink-job.jar
cluster_classpath=target/flink-cluster.classpath

if [ ! -f "$jar" ] || [ ! -f "$job_jar" ] || [ -n "$(find src pom.xml -newer "$job_jar" -print -quit)" ]; then
  echo "run-flink: building $jar and $job_jar ..." >&2
  mvn -q -Pflink-job -DskipTests package >&2
fi

local_cluster=false
for arg in "$@"; do
  case "$arg" in --local-cluster) local_cluster=true ;; esac
done
if $local_cluster && { [ ! -f "$cluster_classpath" ] || [ flink/pom.xml -nt "$cluster_classpath" ]; }; then
  echo "run-flink: resolving the Flink cluster's jars (flink/pom.xml) ..." >&2
  mvn -q -f flink/pom.xml dependency:build-classpath -Dmdep.outputFile="$PWD/$cluster_classpath" >&2
fi

profile=pipelines/sample.properties
for arg in "$@"; do
  case "$arg" in --profile|--profile=*) profile="" ;; esac
done

# TensorFlow (voice tacotron2-melgan) logs only errors to stderr; the local cluster's TaskManagers
# inherit this.
export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}"

# The java process owns the local cluster; pass Ctrl-C and kill on to it and wait, so that it
# stops the JobManager and TaskManagers it started before this script returns.
java -jar "$jar" flink --job-jar "$job_jar" --cluster-classpath "$cluster_classpath" \
  ${profile:+--profile=$profile} "$@" &
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null || true; wait "$pid"; exit 130' INT TERM
wait "$pid"
