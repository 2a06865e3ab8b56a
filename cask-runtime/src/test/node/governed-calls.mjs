// The official TypeScript SDK client, declaring the elicitation capability, against cask-runtime: a call of a tool
// that does not exist for the agent and a tools/call without a tool name are denied as tool results (and audited by
// the server). Then a write tool:
// - "mode": "client" (a server started with --elicitation): the person is asked in the client (MCP elicitation):
//   accepted (the box ticked) it runs once, declined it does not run;
// - "mode": "out-of-band" (the default server): the client is never asked, whatever it declared; the agent gets the
//   challenge, a person approves it with the confirm command, and the call runs once.
// Prints one JSON summary line on stdout and exits non-zero on the first broken expectation.
//
// usage: node governed-calls.mjs '<json config>'
//   {"mode":"client"|"out-of-band","transport":"stdio","command":"java","args":[...serve...],
//    "confirm":{"command":"java","args":[...confirm...]}}          (out-of-band: the challenge id is appended)
//   {"mode":...,"transport":"http","url":"http://127.0.0.1:PORT/mcp","token":"...","confirm":...}
import { execFileSync } from 'node:child_process';
import { CallToolResultSchema, ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { clientFor, config, expecter } from './harness.mjs';

const expect = expecter('governed-calls');
const { client, transport } = clientFor('cask-it-governed-calls', { elicitation: {} });

// The person in the client: each prompt is recorded and answered with the next planned answer.
const prompts = [];
const answers = [];
client.setRequestHandler(ElicitRequestSchema, async (request) => {
  prompts.push(request.params);
  const answer = answers.shift();
  expect(answer !== undefined, 'an elicitation nobody planned for', request.params);
  return answer;
});

await client.connect(transport);
const summary = {};
const reason = (result) => result._meta?.['dev.cask/reason'];

// 1. A tool that does not exist for the agent: a denial it can read, not a protocol error.
const unknown = await client.callTool({ name: 'delete_everything', arguments: { owner: 'octo' } });
expect(unknown.isError === true, 'an unknown tool did not fail', unknown);
expect(reason(unknown) === 'unknown_tool', 'wrong reason for an unknown tool', unknown._meta);
summary.unknown = { reason: reason(unknown), text: unknown.content[0].text };

// 2. A tools/call without a tool name (sent raw: the SDK's callTool would not let us).
const nameless = await client.request({ method: 'tools/call', params: { arguments: {} } }, CallToolResultSchema);
expect(nameless.isError === true, 'a nameless call did not fail', nameless);
summary.nameless = { reason: reason(nameless) };

const args = { owner: 'octo', repo: 'hello', body: { title: 'Found a bug' } };
const approvedResult = (approved) => {
  expect(!approved.isError, 'the approved call failed', approved);
  expect(reason(approved) === 'ok', 'wrong reason for the approved call', approved._meta);
  const written = approved.structuredContent ?? JSON.parse(approved.content[0].text);
  expect(written.method === 'POST', 'upstream did not get a POST', approved);
  expect(JSON.parse(written.body).title === 'Found a bug', 'body not forwarded', approved);
  return { reason: reason(approved), method: written.method, path: written.path };
};

if (config.mode === 'client') {
  // 3. A write tool: the person is asked in the client, ticks the box, and the call runs once.
  answers.push({ action: 'accept', content: { approve: true } });
  summary.approved = approvedResult(await client.callTool({ name: 'create_issue', arguments: args }));

  // 4. The same call again: a new prompt (the approval was used up); declined, nothing runs.
  answers.push({ action: 'decline' });
  const declined = await client.callTool({ name: 'create_issue', arguments: args });
  expect(declined.isError === true, 'the declined call ran', declined);
  summary.declined = { reason: reason(declined), text: declined.content[0].text };
} else {
  // 3. A write tool: no prompt, although the client declared elicitation; the agent gets the challenge.
  const challenge = await client.callTool({ name: 'create_issue', arguments: args });
  expect(challenge.isError === true, 'create_issue ran without confirmation', challenge);
  const id = challenge._meta?.['dev.cask/challengeId'];
  expect(typeof id === 'string' && id.length > 0, 'no challenge id', challenge);
  summary.challenge = { reason: reason(challenge), id, text: challenge.content[0].text };

  // 4. A person approves it out of band; the same call naming the challenge runs once.
  summary.confirmOutput = execFileSync(config.confirm.command, [...config.confirm.args, id], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
  summary.approved = approvedResult(
    await client.callTool({ name: 'create_issue', arguments: { ...args, _cask_confirmation: id } }));
}

summary.prompts = prompts.map((p) => ({
  message: p.message,
  mode: p.mode ?? 'form',
  fields: Object.keys(p.requestedSchema?.properties ?? {}),
  required: p.requestedSchema?.required ?? [],
}));
expect(answers.length === 0, 'a planned answer was never asked for', answers);

await client.close();
console.log(JSON.stringify(summary));
