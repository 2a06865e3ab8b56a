// A tiny shop API on 127.0.0.1 used to record realistic traffic fixtures (HAR and OTLP/JSON) for Cask's importers.
// Every secret and every piece of personal data in it is SYNTHETIC and planted on purpose: the importer tests assert
// that none of them reaches a compiled toolpack. Nothing here is a real credential or a real person's data.
'use strict';
const http = require('http');
const crypto = require('crypto');
let api = null;
try { api = require('@opentelemetry/api'); } catch (e) { api = null; }

const PLANTED = require('./planted.json');
const b64url = (obj) => Buffer.from(JSON.stringify(obj)).toString('base64url');
const JWT = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.' +
  b64url({ sub: '17', email: PLANTED.email, name: 'Ada Lovelace' }) + '.' + PLANTED.jwtSignature;

const users = {
  17: { id: 17, name: 'Ada Lovelace', email: PLANTED.email, phone: PLANTED.phone, ssn: PLANTED.ssn,
        backup_card: Number(PLANTED.cardDigits2), created_at: '2024-03-01T10:00:00Z',
        addresses: [{ city: 'London', line1: '12 St James Square', primary: true }], manager_id: null },
  42: { id: 42, name: 'Grace Hopper', email: PLANTED.email2, phone: PLANTED.phone2, ssn: PLANTED.ssn,
        backup_card: Number(PLANTED.cardDigits2), created_at: '2024-03-02T11:30:00Z',
        addresses: [], manager_id: 17 },
};
const products = {
  'blue-widget': { slug: 'blue-widget', name: 'Blue widget', price: 9.5, tags: ['blue', 'widget'], stock: 12 },
  'red-gadget': { slug: 'red-gadget', name: 'Red gadget', price: 12, tags: [], stock: 0 },
};
const ORDER_ID = '3f2b8c1e-9a7d-4c1b-8e2f-1a2b3c4d5e6f';

const PAGE = `<!doctype html><html><head><title>Cask shop</title><link rel="stylesheet" href="/static/style.css">
<script src="/static/app.js" defer></script></head><body><img src="/static/logo.png" alt=""><pre id="out"></pre></body></html>`;

// The page's script: a demo that logs in and performs the calls of calls.js with fetch, like a single-page app.
async function page(calls, apiKey) {
  let token = null;
  for (const call of calls) {
    const headers = { accept: 'application/json' };
    let body;
    if (call.json) { headers['content-type'] = 'application/json'; body = JSON.stringify(call.json); }
    if (call.form) { headers['content-type'] = 'application/x-www-form-urlencoded'; body = call.form; }
    if (token) { headers.authorization = 'Bearer ' + token; headers['x-api-key'] = apiKey; }
    const res = await fetch(call.path, { method: call.method, headers, body, credentials: 'same-origin' });
    const text = await res.text();
    if (call.path === '/api/v1/login') token = JSON.parse(text).token;
  }
  navigator.sendBeacon('/collect', JSON.stringify({ event: 'done' }));
  document.getElementById('out').textContent = 'done';
}

function pageScript() {
  const calls = require('./calls.js')(PLANTED, ORDER_ID);
  return '(' + page.toString() + ')(' + JSON.stringify(calls) + ', ' + JSON.stringify(PLANTED.apiKeyHeader) + ');';
}

function send(res, status, body, headers) {
  const text = body === undefined ? '' : (typeof body === 'string' ? body : JSON.stringify(body));
  const type = typeof body === 'string' ? (headers && headers['content-type']) : 'application/json; charset=utf-8';
  const span = api && api.trace.getActiveSpan();
  if (span && text && type && type.includes('json')) span.setAttribute('http.response.body', text);
  res.writeHead(status, Object.assign(type ? { 'content-type': type } : {}, headers || {}));
  res.end(text);
}

function route(span, template) { if (span) span.setAttribute('http.route', template); }

function authorized(req) {
  return (req.headers.authorization || '') === 'Bearer ' + JWT && (req.headers.cookie || '').includes('session=' + PLANTED.session)
    && req.headers['x-api-key'] === PLANTED.apiKeyHeader;
}

function handle(req, res, bodyText) {
  const url = new URL(req.url, 'http://127.0.0.1');
  const path = url.pathname;
  const span = api && api.trace.getActiveSpan();
  if (span && bodyText) span.setAttribute('http.request.body', bodyText);
  let m;
  if (path === '/' ) return send(res, 200, PAGE, { 'content-type': 'text/html; charset=utf-8' });
  if (path === '/static/app.js') return send(res, 200, pageScript(), { 'content-type': 'text/javascript' });
  if (path === '/static/style.css') return send(res, 200, 'body { font-family: sans-serif; }', { 'content-type': 'text/css' });
  if (path === '/static/logo.png') {
    res.writeHead(200, { 'content-type': 'image/png' });
    return res.end(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'));
  }
  if (path === '/collect') { res.writeHead(204); return res.end(); }
  if (path === '/api/v1/login' && req.method === 'POST') {
    const body = JSON.parse(bodyText || '{}');
    if (body.password !== PLANTED.password) return send(res, 401, { error: 'invalid credentials' });
    return send(res, 200, { token: JWT, expires_in: 3600, user: { id: 17, email: PLANTED.email } },
      { 'set-cookie': 'session=' + PLANTED.session + '; HttpOnly; Path=/' });
  }
  if (!path.startsWith('/api/')) return send(res, 404, { error: 'not found' });
  if (!authorized(req)) return send(res, 401, { error: 'unauthorized' });
  if (path === '/api/v1/me') { res.writeHead(302, { location: '/api/v1/users/17' }); return res.end(); }
  if (path === '/api/v1/users' && req.method === 'GET') {
    const limit = Number(url.searchParams.get('limit') || 10);
    return send(res, 200, { items: Object.values(users).slice(0, limit), page: Number(url.searchParams.get('page') || 1), total: 2, next: null });
  }
  if ((m = path.match(/^\/api\/v1\/users\/(\d+)$/)) && req.method === 'GET') {
    route(span, '/api/v1/users/:id');
    const user = users[m[1]];
    return user ? send(res, 200, user) : send(res, 404, { error: 'no such user', id: Number(m[1]) });
  }
  if ((m = path.match(/^\/api\/v1\/users\/(\d+)\/orders$/)) && req.method === 'POST') {
    const body = JSON.parse(bodyText || '{}');
    return send(res, 201, { id: ORDER_ID, user_id: Number(m[1]), status: 'placed', items: body.items, total: 19, placed_at: '2024-03-05T09:00:00Z' });
  }
  if ((m = path.match(/^\/api\/v1\/users\/(\d+)\/orders\/([0-9a-f-]{36})$/))) {
    if (req.method === 'DELETE') { res.writeHead(204); return res.end(); }
    return send(res, 200, { id: m[2], user_id: Number(m[1]), status: 'placed', total: 19, items: [{ sku: 'blue-widget', qty: 2 }] });
  }
  if ((m = path.match(/^\/api\/v1\/products\/([a-z-]+)$/))) {
    const product = products[m[1]];
    return product ? send(res, 200, product) : send(res, 404, { error: 'no such product' });
  }
  if (path === '/api/v1/feedback' && req.method === 'POST') return send(res, 202, { received: true, ticket: 'T-1001' });
  if (path === '/api/v1/admin/stats') return send(res, 403, { error: 'forbidden' });
  return send(res, 404, { error: 'not found' });
}

function start(port) {
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      try { handle(req, res, Buffer.concat(chunks).toString('utf8')); }
      catch (e) { send(res, 500, { error: 'server error' }); }
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

module.exports = { start, JWT, PLANTED, ORDER_ID };
