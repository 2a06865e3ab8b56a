// The official TypeScript SDK client against two servers at once: `cask-runtime serve` (the agent's server) and
// `cask-runtime inspect` (the read-only governance server) on the same toolpack and audit log. For each planned call,
// inspect's explain_call is asked first, then the same call is made to serve; both answers are recorded. Then the
// other inspect tools are called once. Prints one JSON summary line; exits non-zero on a broken expectation.
//
// usage: node inspect-parity.mjs '{"serve":{"command":..,"args":[..]},"inspect":{"command":..,"args":[..]},
//                                  "calls":[{"tool":..,"arguments":{..}}, ...]}'
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { config, expecter } from './harness.mjs';

const expect = expecter('inspect-parity');

async function connect(name, target) {
  const client = new Client({ name, version: '1.0.0' }, { capabilities: {} });
  await client.connect(new StdioClientTransport({ command: target.command, args: target.args, stderr: 'inherit' }));
  return client;
}

const serve = await connect('cask-it-agent', config.serve);
const inspect = await connect('cask-it-inspector', config.inspect);
const summary = {};

summary.inspectTools = (await inspect.listTools()).tools.map((tool) => ({
  name: tool.name,
  readOnly: tool.annotations?.readOnlyHint === true,
}));

summary.results = [];
for (const call of config.calls) {
  const explained = await inspect.callTool({ name: 'explain_call', arguments: { tool: call.tool, arguments: call.arguments } });
  expect(!explained.isError, 'explain_call failed', explained);
  const explanation = explained.structuredContent ?? JSON.parse(explained.content[0].text);
  const served = await serve.callTool({ name: call.tool, arguments: call.arguments });
  summary.results.push({
    tool: call.tool,
    explained: { decision: explanation.decision, reason: explanation.reason, rule: explanation.rule ?? null },
    served: { decision: served._meta?.['dev.cask/decision'], reason: served._meta?.['dev.cask/reason'] },
  });
}

const structured = async (name, args = {}) => {
  const result = await inspect.callTool({ name, arguments: args });
  expect(!result.isError, `${name} failed`, result);
  return result.structuredContent ?? JSON.parse(result.content[0].text);
};
summary.approved = await structured('list_approved_tools');
summary.confirmations = await structured('pending_confirmations');
summary.proposals = await structured('pending_proposals');
summary.denials = await structured('recent_denials', { limit: 3 });
summary.risk = await structured('risk_summary');
const bad = await inspect.callTool({ name: 'recent_denials', arguments: { limit: 1000 } });
summary.badLimit = { isError: bad.isError === true, reason: bad._meta?.['dev.cask/reason'] };

await serve.close();
await inspect.close();
console.log(JSON.stringify(summary));
