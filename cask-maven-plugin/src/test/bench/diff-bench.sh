#!/usr/bin/env bash
# Diff benchmark on GitHub's REST description (1,223 tools), each run in a fresh JVM: load both toolpacks (digests
# verified), diff, render all four reports. Prints phase times, change counts and report sizes, plus wall time and peak
# RSS of the process (GNU time). Cases:
#   same       the toolpack against itself (every tool matched, digests equal)
#   deref      api.github.com.json against its fully dereferenced variant: same API, every $ref inlined, so every
#              schema is compared through references on one side and inline on the other
#   rewrite    every tool with a rewritten description and a new required argument (the worst case)
#   cask-maven-plugin/src/test/bench/diff-bench.sh [RUNS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
module="$(cd "$here/../../.." && pwd)"
root="$(cd "$module/.." && pwd)"
runs="${1:-3}"
corpus="$("$module/src/test/corpus/fetch-corpus.sh" | tail -1)"
cp_file="$module/target/bench.classpath"
(cd "$root" && ./mvnw -B -q -o -DskipTests -pl cask-maven-plugin -am package dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >/dev/null)
classpath="$module/target/classes:$module/target/test-classes:$root/cask-runtime/target/classes:$(cat "$cp_file")"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
for doc in api.github.com.json api.github.com.deref.json; do
  java -cp "$classpath" dev.cask.maven.bench.CompileBenchmark "$corpus/github/$doc" "$out/$doc" >/dev/null
done
bench() {
  local name="$1"; shift
  for run in $(seq 1 "$runs"); do
    /usr/bin/time -f "  wall %e s, peak RSS %M KB" java ${JAVA_OPTS:-} -cp "$classpath" \
      dev.cask.maven.bench.DiffBenchmark "$@" 2>&1 | sed "s/^/[$name run $run] /"
  done
}
bench same "$out/api.github.com.json" "$out/api.github.com.json"
bench deref "$out/api.github.com.json" "$out/api.github.com.deref.json"
bench rewrite "$out/api.github.com.json" "$out/api.github.com.json" --rewrite-all
