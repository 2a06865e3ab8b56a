// The official TypeScript SDK client against one `cask-runtime.jar serve --http` (bearer token): tools/list, then
// tools/call of the named tools. Prints one JSON summary line on stdout and exits 0 whenever it could talk to the
// server, so the Java test asserts on the summary (a refused list is a finding, reported with each refused tool and why).
//
// usage: node list-and-call.mjs <npm dir> '<json config>'
//   {"url":"http://127.0.0.1:PORT/mcp","token":"...","calls":[{"name":"t","arguments":{...}}]}
// The SDK is loaded from the npm directory the build fills (~/.cache/cask-npm), wherever this script lives.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const [npmDir, configText] = process.argv.slice(2);
const config = JSON.parse(configText);
// A ceiling, not a measurement: a busy build machine may take long to list GitHub's 13 MB (the SDK's default is 60 s).
const LIMIT = 300_000;
// The SDK's CommonJS build, resolved from there (its own package exports pick the files).
const require = createRequire(`${npmDir}/package.json`);
const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
const { StreamableHTTPClientTransport } = require('@modelcontextprotocol/sdk/client/streamableHttp.js');
const { AjvJsonSchemaValidator } = require('@modelcontextprotocol/sdk/validation/ajv');
const types = require('@modelcontextprotocol/sdk/types.js');
const sdkVersion = JSON.parse(readFileSync(`${npmDir}/node_modules/@modelcontextprotocol/sdk/package.json`, 'utf8')).version;

const client = new Client({ name: 'cask-outschema-it', version: '1.0.0' }, { capabilities: {} });
// A connection per request: compiling GitHub's output schemas keeps this thread busy for longer than the server keeps
// an idle connection open, and reusing one the server has closed fails the next request ("fetch failed").
await client.connect(
  new StreamableHTTPClientTransport(new URL(config.url), {
    requestInit: { headers: { Authorization: `Bearer ${config.token}`, Connection: 'close' } },
  }),
);
const summary = { sdk: sdkVersion, calls: [] };

try {
  const started = Date.now();
  // listTools() validates every tool against the MCP schema (one bad tool refuses the whole list) and compiles every
  // output schema with the SDK's JSON Schema validator, which callTool() then applies to structured content.
  const { tools } = await client.listTools(undefined, { timeout: LIMIT });
  summary.listMillis = Date.now() - started;
  summary.tools = tools.length;
  summary.withOutputSchema = tools.filter((t) => t.outputSchema).length;
} catch (error) {
  summary.listError = String(error?.message ?? error).slice(0, 2000);
  // Which tools, and why: the raw list checked with the SDK's own tool schema and validator, one tool at a time.
  const raw = await client.request({ method: 'tools/list' }, types.ResultSchema, { timeout: LIMIT });
  const validator = new AjvJsonSchemaValidator();
  summary.tools = raw.tools.length;
  summary.refused = [];
  for (const tool of raw.tools) {
    const parsed = types.ToolSchema.safeParse(tool);
    let problem = parsed.success ? null : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    if (!problem && tool.outputSchema) {
      try {
        validator.getValidator(tool.outputSchema);
      } catch (compileError) {
        problem = `outputSchema does not compile: ${compileError.message}`;
      }
    }
    if (problem) {
      summary.refused.push({ tool: tool.name, problem: problem.slice(0, 300) });
    }
  }
}

for (const call of config.calls ?? []) {
  const entry = { name: call.name };
  try {
    const started = Date.now();
    const result = await client.callTool({ name: call.name, arguments: call.arguments }, undefined, { timeout: LIMIT });
    entry.millis = Date.now() - started;
    entry.isError = result.isError === true;
    entry.structuredContent = result.structuredContent;
    entry.text = result.content?.[0]?.text;
    // callTool() has validated the structured content already; say so only if the SDK had a validator for the tool.
    const validate = client.getToolOutputValidator(call.name);
    entry.validatedByClient = typeof validate === 'function' && validate(result.structuredContent).valid === true;
  } catch (error) {
    entry.error = String(error?.message ?? error).slice(0, 1000);
  }
  summary.calls.push(entry);
}

console.log(JSON.stringify(summary));
await client.close();
