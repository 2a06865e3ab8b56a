// Cold start as the official TypeScript SDK client sees it (run by ClientStartBenchmark, never by verify): for each
// variant (a server command), one start per round, the variants taking turns so that changing load on a shared
// machine hits them alike. Per start: launch to `initialize` answered (client.connect), launch to the whole
// `tools/list` answered (client.listTools), the server's peak RSS (VmHWM of the process the client launched, read
// before it is closed; a launcher script that execs java keeps its pid) and the tool count.
//
//   node client-cold-start.mjs NPM_DIR CONFIG_JSON_FILE
//   config: {"runs": N, "variants": [{"name": "...", "command": "...", "args": [...], "env": {...}, "tools": 1223,
//     "validate": true}]}
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const [npmDir, configFile] = process.argv.slice(2);
const sdk = join(npmDir, 'node_modules', '@modelcontextprotocol', 'sdk', 'dist', 'esm', 'client');
const { Client } = await import(pathToFileURL(join(sdk, 'index.js')).href);
const { StdioClientTransport } = await import(pathToFileURL(join(sdk, 'stdio.js')).href);
const { z } = await import(pathToFileURL(join(npmDir, 'node_modules', 'zod', 'index.js')).href);
const config = JSON.parse(readFileSync(configFile, 'utf8'));
// The official client's listTools() checks every tool against the MCP schema (and rejects the peer's GitHub list:
// some of its inputSchemas lack type "object"); a variant with "validate": false lists with a plain request instead.
const anyResult = z.object({ tools: z.array(z.any()) }).passthrough();

const load = () => readFileSync('/proc/loadavg', 'utf8').trim();
const peakRssMiB = (pid) => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'));
  return Number(line.split(/\s+/)[1]) / 1024;
};

async function start(variant) {
  const started = performance.now();
  const transport = new StdioClientTransport({
    command: variant.command,
    args: variant.args,
    env: { ...process.env, ...(variant.env ?? {}) },
    stderr: 'ignore',
  });
  const client = new Client({ name: 'cask-bench', version: '1.0.0' }, { capabilities: {} });
  await client.connect(transport);
  const initialized = performance.now() - started;
  const listed =
    variant.validate === false
      ? await client.request({ method: 'tools/list', params: {} }, anyResult)
      : await client.listTools();
  const ready = performance.now() - started;
  const rss = peakRssMiB(transport.pid);
  await client.close();
  if (variant.tools >= 0 && listed.tools.length !== variant.tools) {
    throw new Error(`${variant.name}: expected ${variant.tools} tools, got ${listed.tools.length}`);
  }
  return { initialized, ready, rss };
}

const results = new Map(config.variants.map((v) => [v.name, { initialized: [], ready: [], rss: [], load: [] }]));
for (let round = 0; round < config.runs; round++) {
  for (const variant of config.variants) {
    const result = results.get(variant.name);
    result.load.push(load().split(' ')[0]);
    const run = await start(variant);
    result.initialized.push(run.initialized);
    result.ready.push(run.ready);
    result.rss.push(run.rss);
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const min = (values) => Math.min(...values);
const max = (values) => Math.max(...values);
for (const variant of config.variants) {
  const r = results.get(variant.name);
  console.log(
    `${config.label}, ${variant.name}: tools/list median ${median(r.ready).toFixed(0)} ms (min ${min(r.ready).toFixed(0)},` +
      ` max ${max(r.ready).toFixed(0)}); initialize median ${median(r.initialized).toFixed(0)} ms;` +
      ` peak RSS median ${median(r.rss).toFixed(0)} MiB; ${variant.tools} tools` +
      `${variant.validate === false ? ' (listed without the client\'s schema check)' : ''}, ${config.runs} runs;` +
      ` 1-min load average at its starts ${min(r.load.map(Number))}-${max(r.load.map(Number))}`,
  );
}
