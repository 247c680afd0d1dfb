// The first load, measured in Chromium against a running release server (BASE_URL): bytes on the
// wire (what the network layer received: compressed bodies and headers) for the first screen and
// for each other page's first visit, and how long signed-in pages take to be ready with their
// data on a cold cache, at full speed and with the CPU slowed 4×. Run by scripts/measure-load.sh,
// which builds and starts the server; prints a Markdown table.
import { chromium } from '@playwright/test';

const base = process.env.BASE_URL;
if (!base) throw new Error('BASE_URL is not set (run scripts/measure-load.sh)');
const RUNS = Number(process.env.RUNS ?? 5);
const admin = { email: 'admin@northwind.example', password: 'demo-admin-1' };

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});

/** A fresh browser profile (empty cache) that counts the bytes received, files apart from API. */
async function freshPage(cpuSlowdown = 1) {
  const context = await browser.newContext({ baseURL: base, locale: 'en-US' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (cpuSlowdown > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
  const urls = new Map();
  const bytes = { files: 0, api: 0, requests: 0 };
  const fromCache = new Set();
  cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
  cdp.on('Network.requestServedFromCache', (e) => fromCache.add(e.requestId));
  cdp.on('Network.loadingFinished', (e) => {
    // Nothing crossed the network for a file the browser already had (the icon, asked for again
    // on each navigation, comes from its memory cache: 0 bytes).
    if (fromCache.has(e.requestId) || e.encodedDataLength === 0) return;
    const url = new URL(urls.get(e.requestId) ?? base, base);
    if (url.pathname.startsWith('/v1/')) bytes.api += e.encodedDataLength;
    else {
      bytes.files += e.encodedDataLength;
      bytes.requests += 1;
    }
  });
  return { context, page, bytes };
}

/** Waits until the page shows its heading with no spinner and the network is quiet; returns
 * when it was ready (ms since navigation): the later of that sight and the last API answer. */
async function ready(page) {
  const shown = await page.waitForFunction(
    () =>
      document.querySelector('main h1') && !document.querySelector('.loading, [aria-busy="true"]')
        ? performance.now()
        : false,
    null,
    { polling: 10, timeout: 60_000 },
  );
  const shownAt = await shown.jsonValue();
  await page.waitForLoadState('networkidle');
  const lastAnswer = await page.evaluate(() =>
    Math.max(
      0,
      ...performance
        .getEntriesByType('resource')
        .filter((entry) => new URL(entry.name).pathname.startsWith('/v1/'))
        .map((entry) => entry.responseEnd),
    ),
  );
  return Math.max(shownAt, lastAnswer);
}

async function signIn(page) {
  await page.goto('/signin');
  await page.getByLabel('Email address').fill(admin.email);
  await page.getByLabel('Password', { exact: true }).fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  await ready(page);
}

const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// The first screen, then each page reached from the navigation (its chunks, nothing else).
const first = await freshPage();
await signIn(first.page);
const rows = [['first screen (sign-in, then overview): files', kb(first.bytes.files), `${first.bytes.requests} requests`]];
rows.push(['first screen: API answers', kb(first.bytes.api), '']);
for (const path of ['/customers', '/pricing', '/cart', '/orders', '/subscriptions', '/usage', '/invoices', '/azure-stack', '/settings/api-keys']) {
  const before = { ...first.bytes };
  await first.page.evaluate((to) => {
    history.pushState({}, '', to);
    dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await ready(first.page);
  rows.push([`then ${path}: additional files`, kb(first.bytes.files - before.files), `${first.bytes.requests - before.requests} requests`]);
}
await first.context.close();

// Signed-in pages opened directly with an empty cache: the session cookie is all that is kept.
const login = await freshPage();
await signIn(login.page);
const cookies = await login.context.cookies();
await login.context.close();
for (const cpu of [1, 4]) {
  for (const path of ['/pricing', '/usage', '/invoices']) {
    const times = [];
    for (let run = 0; run < RUNS; run++) {
      const { context, page } = await freshPage(cpu);
      await context.addCookies(cookies);
      await page.goto(path);
      times.push(await ready(page));
      await context.close();
    }
    rows.push([`${path} ready with data, cold cache, CPU ${cpu}×`, `${(median(times) / 1000).toFixed(2)} s`, `median of ${RUNS}`]);
  }
}
await browser.close();

console.log('| figure | measured | |\n|---|---|---|');
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
