// What both client scripts share: reading the config argument, failing on the first broken expectation, and
// connecting the official TypeScript SDK client over stdio or Streamable HTTP (bearer token).
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

export const config = JSON.parse(process.argv[2]);

export function expecter(script) {
  return (condition, message, detail) => {
    if (!condition) {
      console.error(`${script}: ${message}`, detail === undefined ? '' : JSON.stringify(detail));
      process.exit(1);
    }
  };
}

/** A client (not connected yet) and the transport the config names; connect with client.connect(transport). */
export function clientFor(name, capabilities) {
  const transport =
    config.transport === 'http'
      ? new StreamableHTTPClientTransport(new URL(config.url), {
          requestInit: { headers: { Authorization: `Bearer ${config.token}` } },
        })
      : new StdioClientTransport({ command: config.command, args: config.args, stderr: 'inherit' });
  return { client: new Client({ name, version: '1.0.0' }, { capabilities }), transport };
}
