#!/usr/bin/env bash
# Verification benchmark: a 1,223-tool toolpack, every tool signed, verified in a fresh JVM. Prints figures.
# Usage: cask-runtime/bench/verification.sh [tool count]   (run from the repository root)
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -o -pl cask-runtime test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
java -cp "cask-runtime/target/classes:cask-runtime/target/test-classes:$(cat cask-runtime/target/bench-classpath.txt)" \
  dev.cask.runtime.verification.VerificationBenchmark "${1:-1223}"
