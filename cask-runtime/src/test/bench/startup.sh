#!/usr/bin/env bash
# Cold start to tools/list only: the generated 1,223-tool toolpack and GitHub's real toolpack (compiled by
# ToolpackCompiler when the corpus is present), under default flags, C1 + SerialGC, the archive shipped beside the jar
# (cask-runtime.jsa, built by `train` at package time) and an archive trained on the toolpack itself; with the
# server's phase breakdown. Prints the load average before each variant: run it on a quiet machine.
#
#   cask-runtime/src/test/bench/startup.sh
#   BENCH_COLD_RUNS=21 BENCH_VARIANTS=shipped,trained cask-runtime/src/test/bench/startup.sh
#   SKIP_BUILD=1 ... (reuse the jars and toolpacks already built)
#   BASELINE_JAR=/tmp/before/cask-runtime.jar ... (A/B: every variant also on that build, with the cask-runtime.jsa beside
#   it; the variants take turns, one start each)
set -euo pipefail
cd "$(dirname "$0")/../../../.."
root=$PWD
module=$root/cask-runtime/target
out=$module/bench-startup
if [[ -z ${SKIP_BUILD:-} ]]; then
  ./mvnw -B -q -pl cask-maven-plugin -am package -DskipTests
  ./mvnw -B -q -pl cask-maven-plugin -am test-compile dependency:build-classpath -Dcask.cds.skip \
    -Dmdep.includeScope=test -Dmdep.outputFile="$root/cask-maven-plugin/target/bench-classpath.txt"
fi
mkdir -p "$out"

github_flag=()
corpus=${CASK_CORPUS:-$HOME/.cache/cask-corpus}
if [[ -f $corpus/github/api.github.com.json ]]; then
  if [[ ! -f $out/github-compiled/tools.json ]]; then
    java -cp "$root/cask-maven-plugin/target/test-classes:$root/cask-maven-plugin/target/classes:$(cat "$root/cask-maven-plugin/target/bench-classpath.txt")" \
      dev.cask.maven.bench.CompileToolpack github "$corpus/github/api.github.com.json" "$out/github-compiled"
  fi
  github_flag=(-Dbench.githubToolpack="$out/github-compiled")
fi

tests_jar=$(ls "$module"/cask-runtime-*-tests.jar)
java -cp "$module/cask-runtime.jar:$tests_jar" "${github_flag[@]}" \
  ${BASELINE_JAR:+-Dbench.baselineJar="$BASELINE_JAR"} -Dbench.toolpacks="${BENCH_TOOLPACKS:-generated,github}" -Dbench.coldRuns="${BENCH_COLD_RUNS:-11}" -Dbench.variants="${BENCH_VARIANTS:-default,c1,c1-young,shipped,recommended,trained}" \
  dev.cask.runtime.server.bench.StartupBenchmark "$module/cask-runtime.jar" "$out" | tee "$out/results.txt"
