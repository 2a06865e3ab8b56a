#!/usr/bin/env bash
# Cold start to tools/list of GitHub's toolpack (1,223 tools, compiled with its toolsets, approved with the test keys):
# served whole, and with --toolset readonly, taking turns, one start each. Run on a quiet machine.
#
#   cask-maven-plugin/src/test/bench/toolset-startup.sh            # launcher flags (archive beside the jar, C1, SerialGC)
#   BENCH_COLD_RUNS=21 BENCH_FLAGS=default cask-maven-plugin/src/test/bench/toolset-startup.sh
#   SKIP_BUILD=1 ... (reuse the jars and classpath already built)
set -euo pipefail
cd "$(dirname "$0")/../../../.."
root=$PWD
corpus=${CASK_CORPUS:-$HOME/.cache/cask-corpus}
out=$root/cask-maven-plugin/target/bench-toolset-startup
if [[ -z ${SKIP_BUILD:-} ]]; then
  ./mvnw -B -q -o -pl cask-maven-plugin -am package -DskipTests
  ./mvnw -B -q -o -pl cask-maven-plugin -am test-compile dependency:build-classpath -Dcask.cds.skip \
    -Dmdep.includeScope=test -Dmdep.outputFile="$root/cask-maven-plugin/target/bench-classpath.txt"
fi
rm -rf "$out" && mkdir -p "$out"
tests_jar=$(ls "$root"/cask-runtime/target/cask-runtime-*-tests.jar)
java -cp "$root/cask-maven-plugin/target/test-classes:$root/cask-maven-plugin/target/classes:$tests_jar:$(cat "$root/cask-maven-plugin/target/bench-classpath.txt")" \
  -Dbench.coldRuns="${BENCH_COLD_RUNS:-11}" -Dbench.flags="${BENCH_FLAGS:-launcher}" \
  dev.cask.runtime.server.bench.ToolsetStartupBenchmark "$root/cask-runtime/target/cask-runtime.jar" "$out" \
  "$corpus/github/api.github.com.json" | tee "$out/results.txt"
