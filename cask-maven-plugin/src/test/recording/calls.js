// The API calls the shop's page makes, in order, as data: the browser page (page.js) and the OpenTelemetry client
// (record-otel.js) both perform exactly these, so that both recordings describe the same API.
'use strict';
module.exports = (P, ORDER_ID) => [
  { method: 'POST', path: '/api/v1/login', json: { email: P.email, password: P.password, remember: true } },
  { method: 'GET', path: '/api/v1/users?limit=2&page=1&api_key=' + P.apiKeyQuery },
  { method: 'GET', path: '/api/v1/users?limit=1&api_key=' + P.apiKeyQuery },
  { method: 'GET', path: '/api/v1/users/17' },
  { method: 'GET', path: '/api/v1/users/42' },
  { method: 'GET', path: '/api/v1/users/9999' },
  { method: 'GET', path: '/api/v1/me' },
  { method: 'POST', path: '/api/v1/users/17/orders', json: {
      items: [{ sku: 'blue-widget', qty: 2, gift_card: { code: 'GC-1', pin: P.giftPin } }, { sku: 'red-gadget', qty: 1 }],
      payment: { card_number: P.card, cvv: P.cvv, holder: 'Ada Lovelace', billing: { email: P.email, phone: P.phone3 } },
      coupon: { secret: P.couponSecret }, notes: 'call me at ' + P.phone3 + ' or ' + P.email } },
  { method: 'GET', path: '/api/v1/users/17/orders/' + ORDER_ID },
  { method: 'GET', path: '/api/v1/products/blue-widget' },
  { method: 'GET', path: '/api/v1/products/red-gadget' },
  { method: 'POST', path: '/api/v1/feedback', form: 'email=' + encodeURIComponent(P.email3) + '&message=' +
      encodeURIComponent('Great shop, my card ' + P.card + ' worked') + '&rating=5&password=' + encodeURIComponent(P.formPassword) },
  { method: 'GET', path: '/api/v1/admin/stats' },
  { method: 'DELETE', path: '/api/v1/users/17/orders/' + ORDER_ID },
];
