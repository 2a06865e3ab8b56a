#!/usr/bin/env bash
# Reruns the replica benchmark: calls/s and per-call latency (p50, p99) of `serve --http` with local state against the
# same server with its state on a local redis-server (--state), 32 calls in flight and one at a time, and three
# replicas on one Redis; the variants take turns in each round and the load average is printed (the machine may be
# shared). Needs redis-server (the Debian package).
#
#   cask-runtime/src/test/bench/replicas.sh
#   BENCH_ROUNDS=5 BENCH_CALLS=10000 SKIP_BUILD=1 cask-runtime/src/test/bench/replicas.sh
set -euo pipefail
cd "$(dirname "$0")/../../../.."
root=$PWD
module=$root/cask-runtime/target
if [[ -z ${SKIP_BUILD:-} ]]; then
  ./mvnw -B -q -pl cask-runtime -am package -DskipTests
fi
out=$module/bench-replicas
rm -rf "$out" && mkdir -p "$out"
tests_jar=$(ls "$module"/cask-runtime-*-tests.jar)
java -cp "$module/cask-runtime.jar:$tests_jar" -Dbench.rounds="${BENCH_ROUNDS:-3}" -Dbench.calls="${BENCH_CALLS:-5000}" \
  dev.cask.runtime.server.bench.ReplicasBenchmark "$module/cask-runtime.jar" "$out" | tee "$out/results.txt"
