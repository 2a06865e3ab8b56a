// The start-up floor for ClientStartBenchmark: an MCP server on the official TypeScript SDK's low-level Server over
// stdio that lists no tools and checks nothing, so that a start is Node, the SDK and the MCP handshake alone.
//
//   node null-server.mjs NPM_DIR
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

const sdk = join(process.argv[2], 'node_modules', '@modelcontextprotocol', 'sdk', 'dist', 'esm');
const { Server } = await import(pathToFileURL(join(sdk, 'server', 'index.js')).href);
const { StdioServerTransport } = await import(pathToFileURL(join(sdk, 'server', 'stdio.js')).href);
const { ListToolsRequestSchema } = await import(pathToFileURL(join(sdk, 'types.js')).href);

const server = new Server({ name: 'null', version: '1.0.0' }, { capabilities: { tools: {} } });
server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: [] }));
await server.connect(new StdioServerTransport());
