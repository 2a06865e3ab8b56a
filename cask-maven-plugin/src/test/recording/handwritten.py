#!/usr/bin/env python3
"""Writes the hand-written traffic fixtures (one per importer rule) into ../resources/traffic/{har,otel,bad}.

Each fixture exercises quirks real recorders produce (Chrome DevTools, Firefox, chrome-har-capturer, OTLP encodings)
and plants synthetic secrets and personal data (see planted.json) that must never reach a toolpack. Deterministic:
re-running writes identical bytes.
"""
import base64, gzip, json, os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'resources', 'traffic')
P = json.load(open(os.path.join(HERE, 'planted.json')))
JWT = ('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.'
       + base64.urlsafe_b64encode(json.dumps({'sub': '17', 'email': P['email']}).encode()).decode().rstrip('=')
       + '.' + P['jwtSignature'])

def h(name, value): return {'name': name, 'value': value}

def entry(method, url, status, rtype=None, req_headers=(), post=None, mime='application/json', text=None,
          encoding=None, resp_headers=(), redirect='', extra=None, response=True, http2=False):
    headers = list(req_headers)
    if http2:
        from urllib.parse import urlsplit
        u = urlsplit(url)
        headers = [h(':authority', u.netloc), h(':method', method), h(':path', u.path + ('?' + u.query if u.query else '')),
                   h(':scheme', u.scheme)] + headers
    e = {'startedDateTime': '2026-01-01T00:00:00.000Z', 'time': 12.5,
         'request': {'method': method, 'url': url, 'httpVersion': 'http/2.0' if http2 else 'HTTP/1.1', 'cookies': [],
                     'headers': headers, 'queryString': [], 'headersSize': -1, 'bodySize': -1},
         'cache': {}, 'timings': {'send': 0, 'wait': 10, 'receive': 2.5}}
    if post is not None:
        e['request']['postData'] = post
    if response:
        content = {'size': -1, 'mimeType': mime}
        if text is not None:
            content['text'] = text
        if encoding:
            content['encoding'] = encoding
        e['response'] = {'status': status, 'statusText': '', 'httpVersion': 'HTTP/1.1', 'cookies': [],
                         'headers': [h('Content-Type', mime)] + list(resp_headers), 'content': content,
                         'redirectURL': redirect, 'headersSize': -1, 'bodySize': -1, '_transferSize': -1}
    if rtype:
        e['_resourceType'] = rtype
    if extra:
        e.update(extra)
    return e

def b64(data): return base64.b64encode(data).decode()
def gz(text): return gzip.compress(text.encode(), mtime=0)

AUTH = [h('authorization', 'Bearer ' + JWT), h('accept', 'application/json'), h('cookie', 'sid=' + P['session'] + '; _ga=GA1.2.3')]
item = lambda i, owner=None: {'id': '65a1b2c3d4e5f6a7b8c9d0e%d' % i, 'title': 'Item %d' % i, 'price': 10 + i,
                               'owner': owner, 'tags': ['a'], 'created': '2024-01-0%dT10:00:00Z' % (i + 1)}

def write(path, data, raw=False):
    full = os.path.join(OUT, path)
    with open(full, 'w', encoding='utf-8', newline='\n') as f:
        f.write(data if raw else json.dumps(data, indent=2, ensure_ascii=False) + '\n')

chrome = {'log': {'version': '1.2', 'creator': {'name': 'WebInspector', 'version': '537.36'},
  'pages': [{'startedDateTime': '2026-01-01T00:00:00.000Z', 'id': 'page_1', 'title': 'https://app.example.com/', 'pageTimings': {}}],
  'entries': [
    entry('GET', 'https://app.example.com/', 200, 'document', mime='text/html', text='<html>' + P['email'] + '</html>'),
    entry('GET', 'https://app.example.com/assets/main.3f2a9c.js', 200, 'script', mime='application/javascript', text='var k="' + P['apiKeyHeader'] + '"'),
    entry('GET', 'https://fonts.gstatic.com/s/inter/v12/x.woff2', 200, 'font', mime='font/woff2', text=b64(b'\x00\x01wOF2'), encoding='base64'),
    entry('OPTIONS', 'https://api.example.com/v2/items', 204, 'preflight', req_headers=[h('Access-Control-Request-Method', 'POST')], mime='x-unknown'),
    entry('GET', 'https://api.example.com/v2/items?page=1&per_page=20', 200, 'fetch', req_headers=AUTH, http2=True,
          text=b64(json.dumps({'items': [item(1, 'ada'), item(2)], 'next': 'https://api.example.com/v2/items?page=2'}).encode()), encoding='base64'),
    entry('GET', 'https://api.example.com/v2/items?page=2&per_page=20&include=tags&include=owner', 200, 'xhr', req_headers=AUTH, http2=True,
          text=json.dumps({'items': [], 'next': None})),
    entry('POST', 'https://api.example.com/v2/items', 201, 'fetch', req_headers=AUTH + [h('content-type', 'application/json')],
          post={'mimeType': 'application/json', 'text': json.dumps({'title': 'New', 'price': 3.5, 'owner': {'email': P['email2'], 'phone': P['phone2']},
                'credentials': [{'kind': 'db', 'password': P['password']}, {'kind': 'api', 'api_key': P['apiKeyQuery']}],
                'variants': [{'sku': 'n-1', 'secret': P['couponSecret']}]})},
          text=b64(gz(json.dumps(item(3)))), encoding='base64', resp_headers=[h('content-encoding', 'gzip')]),
    entry('GET', 'https://api.example.com/v2/items/65a1b2c3d4e5f6a7b8c9d0e1', 200, 'fetch', req_headers=AUTH, text=json.dumps(item(1, None))),
    entry('GET', 'https://api.example.com/v2/items/65a1b2c3d4e5f6a7b8c9d0e2/comments/2024-02-03', 200, 'fetch', req_headers=AUTH,
          text=json.dumps([{'by': P['email'], 'text': 'card ' + P['card']}])),
    entry('GET', 'https://www.google-analytics.com/g/collect?v=2&tid=G-1&cid=' + P['email'], 204, 'ping', mime='x-unknown'),
    entry('GET', 'wss://api.example.com/v2/live', 101, 'websocket', req_headers=[h('Upgrade', 'websocket')], mime='x-unknown'),
    entry('GET', 'https://api.example.com/v2/events', 200, 'eventsource', req_headers=AUTH + [h('accept', 'text/event-stream')],
          mime='text/event-stream', text='data: {"token":"' + JWT + '"}\n\n'),
    entry('GET', 'data:image/png;base64,iVBORw0KGgo=', 200, 'image', mime='image/png'),
    entry('GET', 'blob:https://app.example.com/4b4e1f3a-0000-4000-8000-000000000000', 200, 'other', mime='application/json', text='{}'),
    entry('GET', 'chrome-extension://abcdefghijklmnop/inject.js', 200, 'script', mime='text/javascript', text=''),
    entry('GET', 'https://api.example.com/v2/items/99', 0, 'fetch', req_headers=AUTH, mime='x-unknown',
          extra={'_error': 'net::ERR_ABORTED'}),
    entry('GET', 'https://api.example.com/v2/old-items', 301, 'fetch', req_headers=AUTH, mime='x-unknown',
          redirect='https://api.example.com/v2/items', resp_headers=[h('location', 'https://api.example.com/v2/items')]),
    entry('POST', 'https://api.example.com/v2/uploads', 200, 'fetch', req_headers=AUTH,
          post={'mimeType': 'image/png', 'text': '\u0089PNG\r\n\u001a\n\u0000\u0000'},
          text=b64(b'\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe'), encoding='base64'),
    entry('GET', 'https://cdn.thirdparty.net/api/v1/widgets', 200, 'xhr', text=json.dumps({'w': [1]})),
    entry('GET', 'https://api.example.com/v2/users/' + P['email'].replace('@', '%40') + '/profile', 200, 'fetch', req_headers=AUTH,
          text=json.dumps({'email': P['email'], 'ssn': P['ssn'], 'phone': P['phone']})),
    entry('GET', 'https://api.example.com/v2/reports/daily', 200, 'xhr', req_headers=AUTH, text=json.dumps({'total': 5})),
    entry('POST', 'https://api.example.com/v2/session', 200, 'fetch', req_headers=[h('content-type', 'application/x-www-form-urlencoded')],
          post={'mimeType': 'application/x-www-form-urlencoded', 'params': [h('username', 'ada'), h('password', P['formPassword']),
                h('otp', '123456')]}, text=json.dumps({'access_token': JWT, 'token_type': 'bearer'})),
    entry('PUT', 'https://api.example.com/v2/items/65a1b2c3d4e5f6a7b8c9d0e1', 200, 'fetch', req_headers=AUTH + [h('content-type', 'application/json')],
          post={'mimeType': 'application/json', 'text': json.dumps({'title': 'Renamed', 'price': 4, 'owner': None})}, text=json.dumps(item(1))),
    entry('GET', 'https://api.example.com/v2/admin/audit', 500, 'fetch', req_headers=AUTH, text=json.dumps({'error': 'boom'})),
  ]}}
write('har/chrome.har', chrome)

firefox = {'log': {'version': '1.2', 'creator': {'name': 'Firefox', 'version': '128.0'}, 'browser': {'name': 'Firefox', 'version': '128.0'},
  'pages': [{'startedDateTime': '2026-01-01T00:00:00.000+00:00', 'id': 'page_1', 'title': 'Shop', 'pageTimings': {'onContentLoad': 10, 'onLoad': 20}}],
  'entries': [
    entry('GET', 'https://shop.example.org/', 200, mime='text/html; charset=utf-8', text='<html></html>', extra={'pageref': 'page_1'}),
    entry('GET', 'https://shop.example.org/static/app.css', 200, mime='text/css', text='body{}'),
    entry('GET', 'https://shop.example.org/api/carts/8f14e45f-ceea-467f-a0e6-0f2c3b7a2a11?currency=EUR', 200,
          req_headers=[h('X-Auth-Token', P['apiKeyHeader'])], mime='application/json; charset=utf-8',
          text=json.dumps({'id': '8f14e45f-ceea-467f-a0e6-0f2c3b7a2a11', 'lines': [{'sku': 'a', 'qty': 1}], 'total': 9.99})),
    entry('POST', 'https://shop.example.org/api/carts/8f14e45f-ceea-467f-a0e6-0f2c3b7a2a11/lines', 201,
          req_headers=[h('X-Auth-Token', P['apiKeyHeader']), h('Content-Type', 'application/x-www-form-urlencoded')],
          post={'mimeType': 'application/x-www-form-urlencoded', 'params': [h('sku', 'b'), h('qty', '2')], 'text': 'sku=b&qty=2'},
          mime='application/json', text=json.dumps({'ok': True})),
    entry('GET', 'https://shop.example.org/api/carts/0c2a9d4e-1111-4a2b-9c3d-000000000002', 200,
          req_headers=[h('X-Auth-Token', P['apiKeyHeader'])], mime='application/json', text=json.dumps({'id': '0c2a9d4e-1111-4a2b-9c3d-000000000002', 'lines': [], 'total': 0})),
  ]}}
write('har/firefox.har', firefox)

capturer = {'log': {'version': '1.2', 'creator': {'name': 'chrome-har-capturer', 'version': '0.14.1'},
  'pages': [{'id': 'page_1', 'title': 'http://localhost:8080/', 'startedDateTime': '2026-01-01T00:00:00.000Z', 'pageTimings': {}}],
  'entries': [
    dict(entry('GET', 'http://localhost:8080/', 200, mime='text/html', text='<html></html>'), _requestId='1000.1'),
    dict(entry('GET', 'http://localhost:8080/rest/2024-01-01/accounts/1/transactions?from=2024-01-01&limit=50', 200,
               req_headers=[h('Authorization', 'Basic ' + b64(b'ada:' + P['password'].encode()))], mime='application/json',
               text=json.dumps({'transactions': [{'id': 1, 'amount': 12.5, 'iban': 'DE89370400440532013000'}]})), _requestId='1000.2'),
    dict(entry('GET', 'http://localhost:8080/rest/2024-01-01/accounts/2/transactions?from=2024-02-01&limit=10', 200,
               req_headers=[h('Authorization', 'Basic ' + b64(b'ada:' + P['password'].encode()))], mime='application/json',
               text=json.dumps({'transactions': []})), _requestId='1000.3'),
  ]}}
write('har/capturer.har', capturer)

# OTLP/JSON with every AnyValue encoding and both conventions, hand-written.
def attr(k, v):
    if isinstance(v, bool): return {'key': k, 'value': {'boolValue': v}}
    if isinstance(v, int): return {'key': k, 'value': {'intValue': str(v)}}          # int64 as a JSON string
    if isinstance(v, float): return {'key': k, 'value': {'doubleValue': v}}
    if isinstance(v, list): return {'key': k, 'value': {'arrayValue': {'values': [{'stringValue': x} for x in v]}}}
    return {'key': k, 'value': {'stringValue': v}}

def span(trace, sid, parent, kind, name, attrs):
    return {'traceId': trace, 'spanId': sid, 'parentSpanId': parent, 'name': name, 'kind': kind,
            'startTimeUnixNano': '1767225600000000000', 'endTimeUnixNano': '1767225600100000000',
            'attributes': [attr(k, v) for k, v in attrs], 'status': {}}

T1, T2, T3, T4, T5 = ('0af7651916cd43dd8448eb211c80319c', '4bf92f3577b34da6a3ce929d0e0e4736', '5bf92f3577b34da6a3ce929d0e0e4736',
                      '6bf92f3577b34da6a3ce929d0e0e4736', '7bf92f3577b34da6a3ce929d0e0e4736')
otlp = {'resourceSpans': [
  {'resource': {'attributes': [attr('service.name', 'orders-client')]},
   'scopeSpans': [{'scope': {'name': 'io.opentelemetry.java-http-client', 'version': '2.9.0'}, 'spans': [
     # stable client span, paired below with its server span (legacy attributes): one call
     span(T1, 'b7ad6b7169203331', '', 'SPAN_KIND_CLIENT', 'GET', [
       ('http.request.method', 'GET'), ('url.full', 'https://orders.example.com/api/v3/orders/1042?expand=lines&token=' + P['apiKeyQuery']),
       ('server.address', 'orders.example.com'), ('server.port', 443), ('http.response.status_code', 200),
       ('http.request.header.authorization', ['Bearer ' + JWT])]),
     # stable client span, no server span, status as int string, query params
     span(T2, '00f067aa0ba902b7', '', 3, 'GET', [
       ('http.request.method', 'GET'), ('url.full', 'https://orders.example.com/api/v3/orders/1043?expand=lines'),
       ('http.response.status_code', 200), ('http.request.header.authorization', ['Bearer ' + JWT]),
       ('http.response.header.content-type', ['application/json']),
       ('http.response.body', json.dumps({'id': 1043, 'customer': {'email': P['email3'], 'phone': P['phone']}, 'lines': [{'sku': 'x', 'qty': 1}]}))]),
     # a non-HTTP span (database) is ignored
     span(T2, '00f067aa0ba902b8', '00f067aa0ba902b7', 1, 'SELECT orders', [('db.system', 'postgresql'), ('db.statement', 'select * from orders where email = \'' + P['email'] + '\'')]),
   ]}]},
  {'resource': {'attributes': [attr('service.name', 'orders-api')]},
   'scopeSpans': [{'scope': {'name': 'io.opentelemetry.servlet', 'version': '1.0'}, 'spans': [
     # legacy server span whose parent is the first client span: merged into it (not a second call)
     span(T1, '53995c3f42cd8ad8', 'b7ad6b7169203331', 2, 'GET /api/v3/orders/{id}', [
       ('http.method', 'GET'), ('http.scheme', 'https'), ('http.host', 'orders.example.com'), ('http.target', '/api/v3/orders/1042?expand=lines'),
       ('http.route', '/api/v3/orders/{id}'), ('http.status_code', 200), ('http.response.header.content_type', ['application/json']),
       ('http.response.body', json.dumps({'id': 1042, 'customer': {'email': P['email'], 'phone': P['phone2']}, 'lines': []}))]),
     # legacy server span with a useless route "/" and net.host.* address: the route is ignored, the URL templated
     span(T3, '1111111111111111', '', 2, 'POST', [
       ('http.method', 'POST'), ('net.host.name', 'orders.example.com'), ('net.host.port', 443), ('http.scheme', 'https'),
       ('http.target', '/api/v3/orders/1042/refunds'), ('http.route', '/'), ('http.status_code', 201),
       ('http.request.header.content_type', ['application/json']),
       ('http.request.body', json.dumps({'amount': 5.0, 'reason': 'damaged', 'card_number': P['cardDigits']})),
       ('http.response.header.content_type', ['application/json']), ('http.response.body', json.dumps({'refund_id': 'rf_1', 'amount': 5.0}))]),
     span(T4, '2222222222222222', '', 2, 'POST', [
       ('http.method', 'POST'), ('http.url', 'https://orders.example.com/api/v3/orders/1043/refunds'), ('http.status_code', 201),
       ('http.request.header.content-type', ['application/json']), ('http.request.body', json.dumps({'amount': 2, 'reason': None}))]),
     # a span with a double attribute and a bool, and a failing call (kept as evidence only)
     span(T5, '3333333333333333', '', 2, 'DELETE', [
       ('http.request.method', 'DELETE'), ('url.scheme', 'https'), ('server.address', 'orders.example.com'),
       ('url.path', '/api/v3/orders/1042'), ('http.response.status_code', 409), ('http.server.request.duration', 0.25), ('error', True)]),
   ]}]}]}
write('otel/quirks.otlp.json', otlp)

# Base64 ids (protobuf JSON mapping) and JSON Lines with two requests.
line1 = {'resourceSpans': [{'resource': {}, 'scopeSpans': [{'spans': [
  dict(span(base64.b64encode(bytes.fromhex(T1)).decode(), base64.b64encode(bytes.fromhex('aaaaaaaaaaaaaaaa')).decode(), '', 3, 'GET',
            [('http.request.method', 'GET'), ('url.full', 'http://127.0.0.1:9090/health/live'), ('http.response.status_code', 200)]))]}]}]}
line2 = {'resourceSpans': [{'scopeSpans': [{'spans': [
  span(T2, 'bbbbbbbbbbbbbbbb', '', 3, 'GET', [('http.method', 'GET'), ('http.url', 'http://127.0.0.1:9090/health/ready'), ('http.status_code', '200')])]}]}]}
write('otel/lines.otlp.jsonl', json.dumps(line1) + '\n' + json.dumps(line2) + '\n', raw=True)

# Bad input.
shop = open(os.path.join(OUT, 'recorded', 'shop.har'), encoding='utf-8').read()
write('bad/truncated.har', shop[: len(shop) // 2], raw=True)
write('bad/no-entries.har', {'log': {'version': '1.2', 'creator': {'name': 'x', 'version': '1'}, 'pages': []}})
write('bad/not-a-har.har', {'openapi': '3.1.0', 'info': {'title': 'x', 'version': '1'}})
write('bad/static-only.har', {'log': {'version': '1.2', 'creator': {'name': 'x', 'version': '1'}, 'entries': [
    entry('GET', 'https://example.com/', 200, 'document', mime='text/html', text='<p>'),
    entry('GET', 'https://example.com/app.js', 200, mime='text/javascript', text=''),
    entry('GET', 'https://example.com/logo.svg', 200, mime='image/svg+xml', text='<svg/>')]}})
write('bad/binary-bodies.har', {'log': {'version': '1.2', 'creator': {'name': 'x', 'version': '1'}, 'entries': [
    entry('POST', 'https://api.example.com/blobs', 200, req_headers=[h('content-type', 'application/json')],
          post={'mimeType': 'application/json', 'text': b64(b'\xff\xd8\xff\xe0' + P['password'].encode()), 'encoding': 'base64'},
          text=b64(b'\x00\x01\x02' + P['email'].encode() + b'\xff'), encoding='base64'),
    entry('GET', 'https://api.example.com/blobs/1', 200, text='{"a": "unterminated ' + P['password'] + '"')]}})
write('bad/duplicate-keys.har', '{"log": {"entries": [], "entries": []}}', raw=True)
write('bad/trailing.har', '{"log": {"entries": []}} {"x": 1}', raw=True)
write('bad/no-http.otlp.json', {'resourceSpans': [{'scopeSpans': [{'spans': [
    span(T1, '1111111111111111', '', 1, 'work', [('db.system', 'redis')])]}]}]})
stable = open(os.path.join(OUT, 'recorded', 'shop-stable.otlp.jsonl'), encoding='utf-8').read()
write('bad/truncated.otlp.jsonl', stable[: len(stable) * 2 // 3], raw=True)
write('bad/failing-only.har', {'log': {'version': '1.2', 'creator': {'name': 'x', 'version': '1'}, 'entries': [
    entry('GET', 'https://api.example.com/secret-things', 403, text='{"error":"forbidden"}'),
    entry('POST', 'https://api.example.com/secret-things', 500, text='{"error":"boom"}')]}})
