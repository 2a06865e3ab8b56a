#!/usr/bin/env bash
# Gate verification on GitHub's API description (1,223 tools): prepare once, then verify in 3 fresh JVMs.
# Usage: cask-maven-plugin/bench/gate-github.sh [spec]   (run from the repository root; default spec: the corpus cache)
set -euo pipefail
cd "$(dirname "$0")/../.."
SPEC="${1:-$HOME/.cache/cask-corpus/github/api.github.com.json}"
# One reactor invocation, so cask-runtime resolves to its freshly compiled classes (nothing is installed).
./mvnw -B -q -o -pl cask-runtime,cask-maven-plugin test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
CP="cask-maven-plugin/target/classes:cask-maven-plugin/target/test-classes:$(cat cask-maven-plugin/target/bench-classpath.txt)"
DIR="$(mktemp -d)"
trap 'rm -rf "$DIR"' EXIT
java -Xmx2g -DmaxYamlCodePoints=200000000 -cp "$CP" dev.cask.maven.gate.GithubGateBenchmark prepare "$DIR" "$SPEC"
java -cp "$CP" dev.cask.maven.gate.GithubGateBenchmark phases "$DIR"
for run in 1 2 3; do
  java -cp "$CP" dev.cask.maven.gate.GithubGateBenchmark verify "$DIR"
done
