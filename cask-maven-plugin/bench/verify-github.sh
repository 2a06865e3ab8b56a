#!/usr/bin/env bash
# cask:verify's contracts on GitHub's API description (1,223 tools): prepare once (import, compile, sign: the gate
# benchmark's project, with the spec copied into it so provenance can hash it), then 3 fresh JVMs phase by phase and
# one whole verify run. Usage: cask-maven-plugin/bench/verify-github.sh [spec]   (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/../.."
SPEC="${1:-$HOME/.cache/cask-corpus/github/api.github.com.json}"
./mvnw -B -q -o -pl cask-runtime,cask-maven-plugin test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
CP="cask-maven-plugin/target/classes:cask-maven-plugin/target/test-classes:$(cat cask-maven-plugin/target/bench-classpath.txt)"
DIR="$(mktemp -d)"
trap 'rm -rf "$DIR"' EXIT
cp "$SPEC" "$DIR/"
java -Xmx2g -DmaxYamlCodePoints=200000000 -cp "$CP" dev.cask.maven.gate.GithubGateBenchmark prepare "$DIR" "$DIR/$(basename "$SPEC")"
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
for run in 1 2 3; do
  java -cp "$CP" dev.cask.maven.verify.GithubVerifyBenchmark "$DIR"
done
java -cp "$CP" dev.cask.maven.verify.GithubVerifyBenchmark "$DIR" whole
