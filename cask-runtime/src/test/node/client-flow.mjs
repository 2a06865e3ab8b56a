// The official TypeScript SDK client against cask-runtime: list tools, call a read tool, get a confirmation
// challenge for a write tool, have a person confirm it with the CLI, call again. Prints one JSON summary line on
// stdout and exits non-zero on the first broken expectation.
//
// usage: node client-flow.mjs '<json config>'
//   {"transport":"stdio","command":"java","args":[...serve...],
//    "url":"http://127.0.0.1:PORT/mcp","token":"...",            (transport "http")
//    "confirm":{"command":"java","args":[...confirm...]}}          (the challenge id is appended)
import { execFileSync } from 'node:child_process';
import { clientFor, config, expecter } from './harness.mjs';

const expect = expecter('client-flow');
const { client, transport } = clientFor('cask-it-ts-client', {});
await client.connect(transport);
const summary = { server: client.getServerVersion() };

// 1. tools/list: the SDK validates every tool against the MCP schema and rejects the whole list otherwise.
const { tools } = await client.listTools();
summary.tools = tools.map((t) => t.name);
expect(tools.some((t) => t.name === 'get_repo'), 'get_repo is not listed', summary.tools);
const getRepo = tools.find((t) => t.name === 'get_repo');
expect(getRepo.annotations?.readOnlyHint === true, 'get_repo lacks readOnlyHint', getRepo.annotations);

// The upstream's answer: structured content when the tool has an output schema, else the JSON text.
const body = (result) => result.structuredContent ?? JSON.parse(result.content[0].text);

// 2. A read tool reaches the upstream.
const read = await client.callTool({ name: 'get_repo', arguments: { owner: 'octo', repo: 'hello world' } });
expect(!read.isError, 'get_repo failed', read);
summary.read = body(read);
expect(summary.read.path === '/repos/octo/hello%20world', 'unexpected upstream path', read);

// 3. A write tool needs a confirmation first.
const args = { owner: 'octo', repo: 'hello', body: { title: 'Found a bug' } };
const challenge = await client.callTool({ name: 'create_issue', arguments: args });
expect(challenge.isError === true, 'create_issue ran without confirmation', challenge);
const id = challenge._meta?.['dev.cask/challengeId'];
expect(typeof id === 'string' && id.length > 0, 'no challenge id', challenge);
expect(challenge._meta?.['dev.cask/reason'] === 'confirmation_required', 'wrong reason', challenge._meta);
summary.challenge = id;

// 4. A person confirms out of band with the CLI.
summary.confirmOutput = execFileSync(config.confirm.command, [...config.confirm.args, id], {
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'pipe'],
}).trim();

// 5. The same call, naming the approved challenge, now runs exactly once.
const confirmed = { ...args, _cask_confirmation: id };
const written = await client.callTool({ name: 'create_issue', arguments: confirmed });
expect(!written.isError, 'confirmed create_issue failed', written);
summary.write = body(written);
expect(summary.write.method === 'POST', 'upstream did not get a POST', written);
expect(JSON.parse(summary.write.body).title === 'Found a bug', 'body not forwarded', written);

// 6. The approval was single use: replaying it is refused, and nothing is sent.
const again = await client.callTool({ name: 'create_issue', arguments: confirmed });
expect(again.isError === true, 'approval was reused', again);
summary.replayRefused = true;

await client.close();
console.log(JSON.stringify(summary));
