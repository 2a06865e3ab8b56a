#!/usr/bin/env bash
# Measures what a user's build downloads for the Cask plugin: a fresh, empty local repository; a small project with the
# demo's bookshop description; `mvn <plugin>:compile` (a user who never runs mint), then `mvn <plugin>:mint` (what mint
# adds: the browser library). Maven Central is stood in for by this machine's ~/.m2 (a file: mirror, so nothing goes
# to the network and the numbers do not depend on it); this checkout's plugin and runtime come from a file repository
# the script fills. Prints the artifacts (jars, poms) and megabytes the empty local repository received, and a digest of
# the list of their paths (two checkouts that download the same files print the same digest).
# A measurement, not a test: run it by hand after a package build of this checkout (./mvnw -o -DskipTests package).
#   cask-maven-plugin/src/test/bench/plugin-download.sh [CHECKOUT]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "${1:-$here/../../../..}" && pwd)"
version="$(sed -n 's:.*<version>\(.*-SNAPSHOT\)</version>.*:\1:p' "$root/pom.xml" | head -1)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
repo="$work/cask-repo"
mvn() { "$root/mvnw" -B -ntp -q "$@"; }

# This checkout's artifacts, as a user would get them from a repository.
mvn install:install-file -DlocalRepositoryPath="$repo" -Dfile="$root/pom.xml" -DpomFile="$root/pom.xml" -Dpackaging=pom
mvn install:install-file -DlocalRepositoryPath="$repo" -Dfile="$root/cask-runtime/target/cask-runtime-$version.jar" \
  -DpomFile="$root/cask-runtime/pom.xml"
mvn install:install-file -DlocalRepositoryPath="$repo" -Dfile="$root/cask-maven-plugin/target/cask-maven-plugin-$version.jar" \
  -DpomFile="$root/cask-maven-plugin/pom.xml"

cat > "$work/settings.xml" <<EOF
<settings>
  <mirrors><mirror><id>central-here</id><mirrorOf>central</mirrorOf><url>file://$HOME/.m2/repository</url></mirror></mirrors>
  <profiles><profile><id>cask</id>
    <repositories><repository><id>cask</id><url>file://$repo</url><snapshots><enabled>true</enabled></snapshots></repository></repositories>
    <pluginRepositories><pluginRepository><id>cask</id><url>file://$repo</url><snapshots><enabled>true</enabled></snapshots></pluginRepository></pluginRepositories>
  </profile></profiles>
  <activeProfiles><activeProfile>cask</activeProfile></activeProfiles>
</settings>
EOF
mkdir -p "$work/project/src/main/cask"
cp "$root/cask-it/src/it/demo/src/main/cask/bookshop.yaml" "$work/project/src/main/cask/"
cat > "$work/project/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>example</groupId><artifactId>bookshop-tools</artifactId><version>1.0.0</version><packaging>pom</packaging>
</project>
EOF

local_repo="$work/local-repo"
count() {
  local jars poms bytes
  jars=$(find "$local_repo" -name '*.jar' | grep -v '/dev/cask/' | wc -l)
  poms=$(find "$local_repo" -name '*.pom' | grep -v '/dev/cask/' | wc -l)
  bytes=$(find "$local_repo" \( -name '*.jar' -o -name '*.pom' \) -print0 | grep -zv '/dev/cask/' | xargs -0 cat | wc -c)
  list=$(cd "$local_repo" && find . \( -name '*.jar' -o -name '*.pom' \) | grep -v '/dev/cask/' | LC_ALL=C sort | sha256sum | cut -c1-16)
  printf '%s: %d jars, %d poms, %.1f MB (besides the Cask plugin and runtime themselves); file list sha256 %s\n' \
    "$1" "$jars" "$poms" "$(echo "$bytes / 1048576" | bc -l)" "$list"
}
plugin="dev.cask:cask-maven-plugin:$version"
(cd "$work/project" && "$root/mvnw" -B -ntp -q -s "$work/settings.xml" -Dmaven.repo.local="$local_repo" "$plugin:compile")
count "a user who never runs mint (cask:compile)"
find "$local_repo" -path '*seleniumhq*' -name '*.jar' | grep -q . && echo "ERROR: Selenium was downloaded without mint" && exit 1
# mint against a port where nothing listens: it resolves the library, runs the browser, finds no call and fails.
(cd "$work/project" && "$root/mvnw" -B -ntp -q -s "$work/settings.xml" -Dmaven.repo.local="$local_repo" "$plugin:mint" \
  -Dcask.url=http://127.0.0.1:9/ -Dcask.mint.crawl=true -Dcask.mint.maxSeconds=5 >/dev/null 2>&1) || true
count "after one cask:mint (adds the browser library)"
