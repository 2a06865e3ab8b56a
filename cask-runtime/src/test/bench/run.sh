#!/usr/bin/env bash
# Reruns the runtime benchmark: cold start to tools/list for 1,223 tools (without and with the AppCDS archive),
# per-call added latency against a direct call to the same local upstream, calls/s with 8 in flight over stdio and
# with 32 in flight over Streamable HTTP. Run it on a quiet machine: it prints the load average first.
#
#   cask-runtime/src/test/bench/run.sh            (from the repository root)
#   BENCH_CALLS=50000 cask-runtime/src/test/bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/../../../.."
./mvnw -B -q -pl cask-runtime -am package -DskipTests
module=cask-runtime/target
out=$module/bench
rm -rf "$out" && mkdir -p "$out"
java -cp "$module/cask-runtime.jar:$module/test-classes" \
  -Dbench.calls="${BENCH_CALLS:-20000}" -Dbench.coldRuns="${BENCH_COLD_RUNS:-10}" \
  dev.cask.runtime.server.bench.RuntimeBenchmark \
  "$module/cask-runtime.jar" "$module/test-classes" "$out" "$module/cask-runtime-bench.jsa" | tee "$out/results.txt"
