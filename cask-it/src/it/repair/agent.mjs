// The agent and the inspector of the repair loop, with the official TypeScript SDK client: one session to
// `cask-runtime serve --proposals` (the agent) and one to `cask-runtime inspect` (what the agent may ask about its own
// governance). Runs the planned steps in order and prints one JSON line with every answer.
//
// usage: node agent.mjs '{"serve":{"command":..,"args":[..]},"inspect":{"command":..,"args":[..]},
//                          "steps":[{"call":"tool","arguments":{..},"explain":true} | {"list":true}, ...]}'
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const config = JSON.parse(process.argv[2]);

async function connect(name, target) {
  const client = new Client({ name, version: '1.0.0' }, { capabilities: {} });
  await client.connect(new StdioClientTransport({ command: target.command, args: target.args, stderr: 'inherit' }));
  return client;
}

const agent = await connect('repair-loop-agent', config.serve);
const inspect = config.inspect ? await connect('repair-loop-inspector', config.inspect) : null;
const answers = [];
for (const step of config.steps) {
  if (step.list) {
    const listing = await agent.listTools();
    answers.push({ list: listing.tools.map((tool) => tool.name) });
    continue;
  }
  const answer = { call: step.call, arguments: step.arguments };
  if (step.explain && inspect) {
    const explained = await inspect.callTool({ name: 'explain_call', arguments: { tool: step.call, arguments: step.arguments } });
    const e = explained.structuredContent ?? JSON.parse(explained.content[0].text);
    answer.explained = { decision: e.decision, reason: e.reason, rule: e.rule ?? null };
  }
  if (!step.explainOnly) {
    const result = await agent.callTool({ name: step.call, arguments: step.arguments });
    answer.decision = result._meta?.['dev.cask/decision'];
    answer.reason = result._meta?.['dev.cask/reason'];
    answer.text = result.content?.[0]?.text ?? '';
    answer.structured = result.structuredContent ?? null;
  }
  answers.push(answer);
}
await agent.close();
if (inspect) {
  await inspect.close();
}
console.log(JSON.stringify(answers));
