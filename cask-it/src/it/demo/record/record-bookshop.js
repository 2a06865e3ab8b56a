// Records the demo's traffic: an OpenTelemetry-instrumented bookshop (the same answers as the demo's upstream,
// cask-it/src/it-support/bookshop-upstream.groovy, plus the operations it leaves out) and an instrumented client
// making a reader's and an editor's calls, in one process, exported as OTLP/JSON lines (stable HTTP semantic
// conventions; the server spans carry http.route and the JSON bodies). The demo compiles the bookshop's spec together
// with this file: the spec defines the tools, the traffic is the evidence cask:verify replays.
//   node record-bookshop.js OUT [PORT]
'use strict';
process.env.OTEL_SEMCONV_STABILITY_OPT_IN = 'http';
const fs = require('fs');
const out = process.argv[2];
const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node');
const { SimpleSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { resourceFromAttributes } = require('@opentelemetry/resources');
const { registerInstrumentations } = require('@opentelemetry/instrumentation');
const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http');
const { JsonTraceSerializer } = require('@opentelemetry/otlp-transformer');
const api = require('@opentelemetry/api');

// Writes each finished span as one OTLP/JSON export request line, in the order spans end.
class FileExporter {
  constructor() { fs.writeFileSync(out, ''); }
  export(spans, done) {
    fs.appendFileSync(out, Buffer.from(JsonTraceSerializer.serializeRequest(spans)).toString('utf8') + '\n');
    done({ code: 0 });
  }
  shutdown() { return Promise.resolve(); }
  forceFlush() { return Promise.resolve(); }
}

const provider = new NodeTracerProvider({
  resource: resourceFromAttributes({ 'service.name': 'cask-demo-bookshop' }),
  spanProcessors: [new SimpleSpanProcessor(new FileExporter())],
});
provider.register();
registerInstrumentations({
  instrumentations: [new HttpInstrumentation({
    headersToSpanAttributes: {
      client: { requestHeaders: ['content-type', 'accept'], responseHeaders: ['content-type'] },
      server: { requestHeaders: ['content-type'], responseHeaders: ['content-type'] },
    },
  })],
});
const http = require('http');

const BOOKS = {
  dune: { id: 'dune', title: 'Dune', author: 'Frank Herbert', year: 1965 },
  solaris: { id: 'solaris', title: 'Solaris', author: 'Stanisław Lem', year: 1961 },
};

function send(res, route, status, body) {
  const span = api.trace.getActiveSpan();
  if (span) span.setAttribute('http.route', route);
  const text = body === undefined ? '' : JSON.stringify(body);
  if (span && text) span.setAttribute('http.response.body', text);
  res.writeHead(status, text ? { 'content-type': 'application/json' } : {});
  res.end(text);
}

function handle(req, res, bodyText) {
  const span = api.trace.getActiveSpan();
  if (span && bodyText) span.setAttribute('http.request.body', bodyText);
  const url = new URL(req.url, 'http://127.0.0.1');
  const path = url.pathname;
  let m;
  if (req.method === 'GET' && path === '/v2/books') {
    const author = url.searchParams.get('author');
    const limit = Number(url.searchParams.get('limit') || 20);
    const items = Object.values(BOOKS).filter((b) => !author || b.author === author).slice(0, limit);
    return send(res, '/v2/books', 200, { items, next: null });
  }
  if (req.method === 'POST' && path === '/v2/books') {
    const book = JSON.parse(bodyText);
    return send(res, '/v2/books', 201, { id: 'the-left-hand-of-darkness', ...book });
  }
  if ((m = path.match(/^\/v2\/books\/([^/]+)$/))) {
    const book = BOOKS[decodeURIComponent(m[1])];
    if (req.method === 'GET') return book ? send(res, '/v2/books/:bookId', 200, book) : send(res, '/v2/books/:bookId', 404, { error: 'not found' });
    if (req.method === 'DELETE') return send(res, '/v2/books/:bookId', 204);
  }
  if (req.method === 'POST' && path === '/v2/orders') {
    const order = JSON.parse(bodyText);
    return send(res, '/v2/orders', 201, { id: 1001, status: 'placed', bookId: order.bookId, quantity: order.quantity });
  }
  if (req.method === 'POST' && (m = path.match(/^\/v2\/orders\/(\d+)\/cancel$/))) {
    return send(res, '/v2/orders/:orderId/cancel', 200, { id: Number(m[1]), status: 'cancelled', bookId: 'dune', quantity: 1 });
  }
  return send(res, path, 404, { error: 'not found' });
}

function call(port, method, path, json) {
  return new Promise((resolve, reject) => {
    const body = json === undefined ? undefined : JSON.stringify(json);
    const headers = { accept: 'application/json' };
    if (body) { headers['content-type'] = 'application/json'; headers['content-length'] = Buffer.byteLength(body); }
    const req = http.request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

(async () => {
  const port = Number(process.argv[3] || 18080);
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const calls = [
    ['GET', '/v2/books?limit=2'],
    ['GET', '/v2/books?author=Frank%20Herbert'],
    ['GET', '/v2/books/dune'],
    ['GET', '/v2/books/the-mote-in-gods-eye'],
    ['POST', '/v2/books', { title: 'The Left Hand of Darkness', author: 'Ursula K. Le Guin', year: 1969, tags: ['classic'] }],
    ['POST', '/v2/orders', { bookId: 'dune', quantity: 1 }],
    ['POST', '/v2/orders/1001/cancel'],
    ['DELETE', '/v2/books/solaris'],
  ];
  for (const [method, path, json] of calls) {
    const status = await call(port, method, path, json);
    console.log(method, path, status);
  }
  server.close();
  await provider.shutdown();
})().catch((e) => { console.error(e); process.exit(1); });
