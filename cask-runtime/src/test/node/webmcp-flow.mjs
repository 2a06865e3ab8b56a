// The official TypeScript SDK client against `cask-runtime.jar serve` whose toolpack holds two WebMCP tools of the
// to-do test app: list them; call the read one; with --browser, call the write one, which needs a confirmation that a
// person gives with the CLI, then runs once in the browser. Prints one JSON summary line on stdout.
//
// usage: node webmcp-flow.mjs '<json config>'
//   {"transport":"stdio","command":"java","args":[...serve...],"browser":true,
//    "confirm":{"command":"java","args":[...confirm...]}}          (the challenge id is appended)
import { execFileSync } from 'node:child_process';
import { clientFor, config, expecter } from './harness.mjs';

const expect = expecter('webmcp-flow');
const { client, transport } = clientFor('cask-webmcp-client', {});
await client.connect(transport);
const summary = {};
const outcome = (result) => ({
  isError: result.isError === true,
  reason: result._meta?.['dev.cask/reason'],
  text: result.content?.map((item) => item.text).join('\n'),
});

const { tools } = await client.listTools();
summary.tools = tools.map((tool) => tool.name).sort();
summary.readOnly = Object.fromEntries(tools.map((tool) => [tool.name, tool.annotations?.readOnlyHint === true]));

summary.search = outcome(await client.callTool({ name: 'search_todos', arguments: { query: 'plants' } }));
summary.invalid = outcome(await client.callTool({ name: 'search_todos', arguments: { query: 7 } }));

if (config.browser) {
  const args = { title: 'Buy oat milk' };
  const challenge = await client.callTool({ name: 'add_todo', arguments: args });
  summary.challenge = outcome(challenge);
  const id = challenge._meta?.['dev.cask/challengeId'];
  expect(typeof id === 'string', 'no challenge id for add_todo', challenge);
  execFileSync(config.confirm.command, [...config.confirm.args, id], { stdio: ['ignore', 'pipe', 'pipe'] });
  summary.added = outcome(await client.callTool({ name: 'add_todo', arguments: { ...args, _cask_confirmation: id } }));
  summary.replayed = outcome(await client.callTool({ name: 'add_todo', arguments: { ...args, _cask_confirmation: id } }));
}

await client.close();
console.log(JSON.stringify(summary));
