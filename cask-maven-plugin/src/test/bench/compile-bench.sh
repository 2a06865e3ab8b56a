#!/usr/bin/env bash
# Compile benchmark: GitHub's REST description (13 MB, 1,223 operations) and its fully dereferenced variant (73 MB),
# each compiled in a fresh JVM exactly as the build does (import, compile, write). Prints wall time and peak RSS of the
# whole process (GNU time) and the time of each phase. Rerun it on your machine:
#   cask-maven-plugin/src/test/bench/compile-bench.sh [RUNS]
# Needs: a build of the project (./mvnw -B -DskipTests package) and the corpus (npm; fetched if missing).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
module="$(cd "$here/../../.." && pwd)"
root="$(cd "$module/.." && pwd)"
runs="${1:-3}"   # JAVA_OPTS (e.g. -Xmx512m -XX:+UseSerialGC) is passed to the JVM
corpus="$("$module/src/test/corpus/fetch-corpus.sh" | tail -1)"
cp_file="$module/target/bench.classpath"
(cd "$root" && ./mvnw -B -q -o -DskipTests -pl cask-maven-plugin -am package dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >/dev/null)
classpath="$module/target/classes:$module/target/test-classes:$root/cask-runtime/target/classes:$(cat "$cp_file")"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
for doc in api.github.com.json api.github.com.deref.json; do
  for run in $(seq 1 "$runs"); do
    /usr/bin/time -f "  wall %e s, peak RSS %M KB" java ${JAVA_OPTS:-} -cp "$classpath" \
      dev.cask.maven.bench.CompileBenchmark "$corpus/github/$doc" "$out/$doc" 2>&1 | sed "s/^/[$doc run $run] /"
  done
done
