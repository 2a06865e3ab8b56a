// Records shop.har: Playwright's recordHar driving Debian's Chromium against the shop app on 127.0.0.1.
'use strict';
const { chromium } = require('playwright-core');
const app = require('./app.js');

(async () => {
  const out = process.argv[2];
  const port = Number(process.argv[3] || 18080);
  const server = await app.start(port);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const context = await browser.newContext({ recordHar: { path: out, content: 'embed' } });
    const page = await context.newPage();
    await page.goto('http://127.0.0.1:' + port + '/');
    await page.waitForFunction(() => document.getElementById('out') && document.getElementById('out').textContent === 'done', null, { timeout: 20000 });
    await page.waitForTimeout(300);
    await context.close();
  } finally {
    await browser.close();
    server.close();
  }
})().catch((e) => { console.error(e); process.exit(1); });
