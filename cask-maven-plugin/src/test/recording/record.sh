#!/usr/bin/env bash
# Records the realistic traffic fixtures of the HAR and OpenTelemetry importers from one small app (app.js) on
# 127.0.0.1: shop.har (Playwright recordHar + Debian's Chromium), shop-stable.otlp.jsonl (stable HTTP semantic
# conventions, JSON Lines) and shop-legacy.otlp.json (legacy conventions, one ExportTraceServiceRequest).
# The tests use the committed files; run this only to re-record. Needs: node 20+, npm, chromium
# (apt-get install -y chromium). Every secret in the traffic is synthetic (planted.json).
#   record.sh [output-dir]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/../resources/traffic/recorded}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$here"/*.js "$here"/planted.json "$work"/
cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --silent \
  playwright-core@1.58.2 @opentelemetry/api@1.9.1 @opentelemetry/sdk-trace-node@2.1.0 @opentelemetry/sdk-trace-base@2.1.0 \
  @opentelemetry/resources@2.1.0 @opentelemetry/instrumentation@0.205.0 @opentelemetry/instrumentation-http@0.205.0 \
  @opentelemetry/otlp-transformer@0.205.0
node record-har.js "$out/shop.har" 18080
node record-otel.js "$out/shop-stable.otlp.jsonl" http jsonl 18080
node record-otel.js "$out/shop-legacy.otlp.json" '' single 18080
echo "recorded into $out:"
ls -l "$out"
