// Records OTLP/JSON traces of the shop API: an OpenTelemetry-instrumented Node client makes the page's calls against
// the app, itself instrumented (server spans carry http.route for some routes and the bodies as attributes), in one
// process, so every call yields a client span and the server span it caused (the importer must count it once).
//   node record-otel.js OUT SEMCONV MODE    SEMCONV: http (stable) | '' (legacy); MODE: jsonl | single
'use strict';
const [out, semconv, mode] = [process.argv[2], process.argv[3] || '', process.argv[4] || 'jsonl'];
if (semconv) process.env.OTEL_SEMCONV_STABILITY_OPT_IN = semconv; else delete process.env.OTEL_SEMCONV_STABILITY_OPT_IN;
const fs = require('fs');
const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node');
const { BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { resourceFromAttributes } = require('@opentelemetry/resources');
const { registerInstrumentations } = require('@opentelemetry/instrumentation');
const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http');
const { JsonTraceSerializer } = require('@opentelemetry/otlp-transformer');

// An SDK span exporter writing OTLP/JSON (the OTLP HTTP exporter's own JSON serializer) to a file.
class FileExporter {
  constructor() { this.spans = []; fs.writeFileSync(out, ''); }
  export(spans, done) {
    if (mode === 'jsonl') fs.appendFileSync(out, Buffer.from(JsonTraceSerializer.serializeRequest(spans)).toString('utf8') + '\n');
    else this.spans.push(...spans);
    done({ code: 0 });
  }
  shutdown() {
    if (mode !== 'jsonl') fs.writeFileSync(out, Buffer.from(JsonTraceSerializer.serializeRequest(this.spans)).toString('utf8'));
    return Promise.resolve();
  }
  forceFlush() { return Promise.resolve(); }
}

const provider = new NodeTracerProvider({
  resource: resourceFromAttributes({ 'service.name': 'cask-shop-recording' }),
  spanProcessors: [new BatchSpanProcessor(new FileExporter(), { maxExportBatchSize: 6, scheduledDelayMillis: 100 })],
});
provider.register();
registerInstrumentations({
  instrumentations: [new HttpInstrumentation({
    headersToSpanAttributes: {
      client: { requestHeaders: ['authorization', 'cookie', 'x-api-key', 'content-type', 'accept'], responseHeaders: ['content-type', 'set-cookie'] },
      server: { requestHeaders: ['content-type', 'authorization'], responseHeaders: ['content-type'] },
    },
  })],
});

const http = require('http');
const app = require('./app.js');

function call(port, method, path, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

(async () => {
  const port = Number(process.argv[5] || 18080);
  const server = await app.start(port);
  let token = null;
  let cookie = null;
  for (const c of require('./calls.js')(app.PLANTED, app.ORDER_ID)) {
    const headers = { accept: 'application/json' };
    let body;
    if (c.json) { headers['content-type'] = 'application/json'; body = JSON.stringify(c.json); }
    if (c.form) { headers['content-type'] = 'application/x-www-form-urlencoded'; body = c.form; }
    if (token) { headers.authorization = 'Bearer ' + token; headers['x-api-key'] = app.PLANTED.apiKeyHeader; headers.cookie = cookie; }
    if (body) headers['content-length'] = Buffer.byteLength(body);
    let res = await call(port, c.method, c.path, headers, body);
    if (res.status === 302) res = await call(port, 'GET', res.headers.location, headers); // follow like fetch does
    if (c.path === '/api/v1/login') {
      token = JSON.parse(res.text).token;
      cookie = String(res.headers['set-cookie']).split(';')[0];
    }
  }
  server.close();
  await provider.shutdown();
})().catch((e) => { console.error(e); process.exit(1); });
