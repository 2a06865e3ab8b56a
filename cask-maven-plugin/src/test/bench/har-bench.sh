#!/usr/bin/env bash
# Measures the streaming HAR import: generates a realistic HAR of SIZE_MB (default 200), then imports it in a JVM with
# a small heap (-Xmx, default 256m: the import must not need memory in proportion to the file) under /usr/bin/time -v,
# and prints entries/s, MB/s and peak RSS. A benchmark, not a test: run it by hand.
#   cask-maven-plugin/src/test/bench/har-bench.sh [SIZE_MB] [XMX]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../../.." && pwd)"
size="${1:-200}"
xmx="${2:-256m}"
cd "$root"
./mvnw -B -q -o -pl cask-maven-plugin -am test-compile dependency:build-classpath -DskipTests \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
cp="cask-maven-plugin/target/test-classes:cask-maven-plugin/target/classes:cask-runtime/target/classes:$(cat cask-maven-plugin/target/bench.classpath)"
har="$(mktemp -d)/bench.har"
trap 'rm -rf "$(dirname "$har")"' EXIT
java -cp "$cp" dev.cask.maven.importers.har.HarBench generate "$har" "$size"
/usr/bin/time -v java -Xmx"$xmx" -cp "$cp" dev.cask.maven.importers.har.HarBench import "$har" 2> "$har.time"
grep -E "Maximum resident set size|Elapsed \(wall clock\)|User time|System time|Percent of CPU" "$har.time"
