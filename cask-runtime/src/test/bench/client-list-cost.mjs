// What the official TypeScript SDK client does with a tools/list answer once it has the bytes (run by
// ClientStartBenchmark): JSON.parse, the check of every tool against the MCP schema (zod, listTools()), and the
// validator it compiles for every output schema (ajv, cacheToolMetadata in listTools()).
//
//   node client-list-cost.mjs NPM_DIR ANSWER.json...   (each file: one JSON-RPC tools/list answer)
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join, basename } from 'node:path';
import { performance } from 'node:perf_hooks';

const [npmDir, ...files] = process.argv.slice(2);
const sdk = join(npmDir, 'node_modules', '@modelcontextprotocol', 'sdk', 'dist', 'esm');
const { ListToolsResultSchema } = await import(pathToFileURL(join(sdk, 'types.js')).href);
const { AjvJsonSchemaValidator } = await import(pathToFileURL(join(sdk, 'validation', 'ajv-provider.js')).href);
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  let at = performance.now();
  const answer = JSON.parse(text);
  const parsed = performance.now() - at;
  at = performance.now();
  const checked = ListToolsResultSchema.safeParse(answer.result);
  const zod = performance.now() - at;
  const tools = checked.success ? checked.data.tools : answer.result.tools;
  at = performance.now();
  const validators = new AjvJsonSchemaValidator();
  let schemas = 0;
  for (const tool of tools) {
    if (tool.outputSchema) {
      validators.getValidator(tool.outputSchema);
      schemas++;
    }
  }
  const ajv = performance.now() - at;
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
  console.log(`${basename(file)}: ${Buffer.byteLength(text)} bytes; JSON.parse ${parsed.toFixed(0)} ms;` +
    ` MCP schema check ${zod.toFixed(0)} ms${checked.success ? '' : ' (REJECTED by listTools())'};` +
    ` ajv compile of ${schemas} output schemas ${ajv.toFixed(0)} ms; 1-min load average ${load}`);
}
