#!/usr/bin/env bash
# Re-records the demo's traffic (src/main/cask/bookshop-traffic.otlp.jsonl) with the real OpenTelemetry Node SDK.
# The demo uses the committed file; run this only to record it again. Needs node 20+ and npm.
#   record.sh [output-file]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/../src/main/cask/bookshop-traffic.otlp.jsonl}"
out="$(cd "$(dirname "$out")" && pwd)/$(basename "$out")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$here/record-bookshop.js" "$work/"
cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --silent \
  @opentelemetry/api@1.9.1 @opentelemetry/sdk-trace-node@2.1.0 @opentelemetry/sdk-trace-base@2.1.0 \
  @opentelemetry/resources@2.1.0 @opentelemetry/instrumentation@0.205.0 @opentelemetry/instrumentation-http@0.205.0 \
  @opentelemetry/otlp-transformer@0.205.0
node record-bookshop.js "$out" 18080
echo "recorded $out"
