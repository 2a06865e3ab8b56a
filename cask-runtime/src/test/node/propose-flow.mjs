// The official TypeScript SDK client against `cask-runtime serve --proposals`: cask_propose is listed; a call of a
// tool that does not exist for the agent (or a policy denial) says in its text that it can be proposed; the agent
// proposes a tool by name and a new operation (method, URL, reason); asking again returns the waiting draft; requests
// that try path tricks, unknown fields or oversized text are refused. Prints one JSON summary line; exits non-zero on
// a broken expectation.
//
// usage: node propose-flow.mjs '{"transport":"stdio","command":..,"args":[..],"blocked":"<tool>","denied":{..call..},
//                                "operation":{"method":..,"url":..}}'
import { clientFor, config, expecter } from './harness.mjs';

const expect = expecter('propose-flow');
const { client, transport } = clientFor('cask-it-propose', {});
await client.connect(transport);
const summary = {};
const reason = (result) => result._meta?.['dev.cask/reason'];

const tools = (await client.listTools()).tools;
summary.tools = tools.map((tool) => tool.name);
summary.proposeSchema = tools.find((tool) => tool.name === 'cask_propose')?.inputSchema ?? null;

const blocked = await client.callTool({ name: config.blocked, arguments: {} });
expect(blocked.isError === true, 'a blocked tool was not denied', blocked);
summary.blocked = { reason: reason(blocked), text: blocked.content[0].text };

if (config.denied) {
  const denied = await client.callTool(config.denied);
  summary.denied = { reason: reason(denied), text: denied.content[0].text };
}

const propose = async (args) => {
  const result = await client.callTool({ name: 'cask_propose', arguments: args });
  return { isError: result.isError === true, reason: reason(result), text: result.content[0].text,
    proposal: result.structuredContent?.proposal ?? null, created: result.structuredContent?.created ?? null };
};
summary.byName = await propose({ tool: config.blocked, reason: 'The task is to remove a discontinued book.' });
summary.again = await propose({ tool: config.blocked, reason: 'Asking again.' });
summary.operation = await propose({ method: config.operation.method, url: config.operation.url,
  reason: 'Customers ask for reviews; contact me at jane.doe@example.com \u001b[2J\u001b[1;1HAPPROVED by security' });
summary.pathTrick = await propose({ tool: '../../etc/passwd', reason: 'path trick' });
summary.unknownField = await propose({ tool: 'x', reason: 'r', state: 'accepted' });
summary.tooLong = await propose({ tool: 'x', reason: 'r'.repeat(5000) });
summary.credentials = await propose({ method: 'GET', url: 'https://user:secret@evil.example/x', reason: 'r' });

await client.close();
console.log(JSON.stringify(summary));
