#!/usr/bin/env bash
# Puts the real-world API descriptions that OpenApiCorpusIT imports into a cache directory, from the npm registry.
#
#   fetch-corpus.sh [DIR]        DIR defaults to ${CASK_CORPUS:-$HOME/.cache/cask-corpus}
#
# Layout (the same one the team's shared corpus uses, so an existing cache is reused):
#   DIR/github/api.github.com.json         GitHub's REST description (@octokit/openapi)
#   DIR/github/api.github.com.deref.json   the same, fully dereferenced
#   DIR/github/ghec.json                   GitHub Enterprise Cloud's description (same package)
#   DIR/oas-examples/{2.0,3.0,3.1}/...     ReadMe's example documents (@readme/oas-examples)
#
# A part already present is not fetched again. Each part is unpacked beside its final place and renamed into it,
# so an interrupted run leaves no half-filled directory that a later run would mistake for a complete one.
# Needs only npm and tar; prints the directory on its last line.
set -euo pipefail

readonly GITHUB_PACKAGE='@octokit/openapi@23.0.2'
readonly EXAMPLES_PACKAGE='@readme/oas-examples@8.2.2'

corpus="${1:-${CASK_CORPUS:-$HOME/.cache/cask-corpus}}"
mkdir -p "$corpus"

has_github() {
  [ -s "$corpus/github/api.github.com.json" ] && [ -s "$corpus/github/api.github.com.deref.json" ] \
    && [ -s "$corpus/github/ghec.json" ]
}

has_examples() {
  [ -d "$corpus/oas-examples/2.0" ] && [ -d "$corpus/oas-examples/3.0" ] && [ -d "$corpus/oas-examples/3.1" ]
}

# Unpacks an npm package into a fresh temporary directory and prints the path of its "package" folder.
unpack() {
  local spec="$1" scratch
  if ! command -v npm >/dev/null 2>&1; then
    echo "fetch-corpus.sh: npm is needed to fetch $spec (install Node.js 20 or later)" >&2
    exit 1
  fi
  scratch="$(mktemp -d "$corpus/.fetch.XXXXXX")"
  (cd "$scratch" && npm pack --silent "$spec" >/dev/null && tar -xzf ./*.tgz)
  echo "$scratch"
}

# Moves a fully prepared directory into place (replacing an incomplete one).
install_dir() {
  local prepared="$1" final="$2"
  rm -rf "$final"
  mv "$prepared" "$final"
}

if ! has_github; then
  echo "fetching $GITHUB_PACKAGE" >&2
  scratch="$(unpack "$GITHUB_PACKAGE")"
  mkdir "$scratch/github"
  cp "$scratch/package/generated/api.github.com.json" "$scratch/package/generated/api.github.com.deref.json" \
    "$scratch/package/generated/ghec.json" "$scratch/github/"
  install_dir "$scratch/github" "$corpus/github"
  rm -rf "$scratch"
fi

if ! has_examples; then
  echo "fetching $EXAMPLES_PACKAGE" >&2
  scratch="$(unpack "$EXAMPLES_PACKAGE")"
  mkdir "$scratch/oas-examples"
  for version in 2.0 3.0 3.1; do
    cp -R "$scratch/package/$version" "$scratch/oas-examples/"
  done
  install_dir "$scratch/oas-examples" "$corpus/oas-examples"
  rm -rf "$scratch"
fi

echo "$corpus"
