// Stored XSS: payloads that run script in careless renderers (script tags, event handlers,
// javascript: URLs, SVG, template syntax) are stored through the public API, then every view
// that shows them is opened in Chromium. Nothing may execute, and each payload must appear as
// the plain text it is.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './chromium.mjs';

const URL = process.env.PENTAHELIX_URL;
const ADMIN = process.env.PENTAHELIX_ADMIN_BANDUNG;
let browser;

const PAYLOADS = [
  '<script>window.__xss="script"</script>',
  '<img src=x onerror="window.__xss=\'img\'">',
  '<svg onload="window.__xss=\'svg\'"><script>window.__xss="svg-script"</script></svg>',
  '"><svg/onload=window.__xss="attr-break">',
  '<a href="javascript:window.__xss=\'href\'">klik</a>',
  '<iframe srcdoc="<script>parent.__xss=\'srcdoc\'</script>"></iframe>',
  '<details open ontoggle="window.__xss=\'toggle\'">',
  '<style>@import "javascript:window.__xss=1"</style>',
  '{{constructor.constructor("window.__xss=\'template\'")()}}',
  'javascript:window.__xss="bare"',
];

async function api(method, path, body, token) {
  const response = await fetch(`${URL}api/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  assert.ok(response.ok, `${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

const stored = { initiatives: [] };

before(async () => {
  assert.ok(URL && ADMIN, 'PENTAHELIX_URL and PENTAHELIX_ADMIN_BANDUNG must be set');
  browser = await launch();
  const partner = await api('POST', '/stakeholders', {
    name: `Mitra uji ${PAYLOADS[1]}`,
    helix: 'community',
    region: '32.73.21',
    subsectors: ['seni-pertunjukan'],
    offers: ['venue', 'publicity'],
    description: `Profil untuk uji keamanan: ${PAYLOADS[2]} ${PAYLOADS[4]}`,
    contact: { person: 'Penguji', email: 'uji@contoh.id' },
    contact_consent: true,
  });
  for (const [i, payload] of PAYLOADS.entries()) {
    const created = await api('POST', '/initiatives', {
      title: `Uji XSS ${i} ${payload}`.slice(0, 120),
      description: `Deskripsi uji keamanan nomor ${i}: ${payload}`,
      region: '32.73.21',
      subsectors: ['seni-pertunjukan'],
      needs: [{ resource: 'venue' }, { resource: 'publicity' }],
      place: payload.slice(0, 100),
      contact: { person: 'Penguji XSS', email: 'uji@contoh.id' },
      contact_consent: true,
    });
    stored.initiatives.push(created.record.id);
  }
  await api('POST', `/initiatives/${stored.initiatives[0]}/pledges`,
    { stakeholder_id: partner.record.id, resource: 'venue', message: `Pesan ${PAYLOADS[0]} ${PAYLOADS[3]}` },
    partner.manage_token);
  await api('PUT', '/moderation/flagships/32.73.21', { product: PAYLOADS[1] }, ADMIN);
});

after(async () => { await browser?.close(); });

/** Opens a view, waits for `ready` inside the widget, and reports whether anything ran. */
async function visit(hash, ready, routes) {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (routes) await routes(page);
  const dialogs = [];
  page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  await page.goto(`${URL}index.html${hash}`);
  await ready(page);
  await page.waitForTimeout(300);
  const result = await page.evaluate(() => ({
    xss: window.__xss,
    text: document.querySelector('pentahelix-widget').shadowRoot.textContent,
    injected: document.querySelector('pentahelix-widget').shadowRoot.querySelectorAll('script, iframe, img[src="x"], details[ontoggle], [onload], [onerror]').length,
  }));
  await context.close();
  return { ...result, dialogs };
}

function assertInert(result, where) {
  assert.equal(result.xss, undefined, `${where}: a payload executed (${result.xss})`);
  assert.deepEqual(result.dialogs, [], `${where}: a dialog opened`);
  assert.equal(result.injected, 0, `${where}: payload markup became elements`);
}

test('the list shows every payload as text and runs none', async () => {
  const result = await visit('#pentahelix/initiatives', async (page) => {
    await page.getByTestId('initiative-list').locator('li').first().waitFor();
    await page.getByLabel(/Cari/).first().fill('Uji XSS');
    await page.getByLabel(/Cari/).first().press('Enter');
    await page.getByText('Uji XSS 0').waitFor();
  });
  assertInert(result, 'list');
  assert.ok(result.text.includes('<script>window.__xss="script"</script>'), 'the script tag shows as text');
});

test('the first page the server paints before the wasm shows the payloads as text and runs none', async () => {
  const result = await visit('', async (page) => {
    await page.locator('pentahelix-widget .ph-app[data-painted] .ph-card', { hasText: 'Uji XSS' }).first().waitFor();
  }, (page) => page.route('**/*.wasm', () => {}));
  assertInert(result, 'first page');
  assert.ok(result.text.includes('Uji XSS'), 'the stored records are on the painted page');
  assert.ok(PAYLOADS.some((payload) => result.text.includes(payload.slice(0, 20))), 'a payload shows as text');
});

test('each initiative page (details, pledges, matches) runs no payload', async () => {
  for (const [i, id] of stored.initiatives.entries()) {
    const result = await visit(`#pentahelix/initiative/${id}`, async (page) => {
      await page.getByTestId('detail-title').filter({ hasText: `Uji XSS ${i}` }).waitFor();
      await page.getByTestId('matches').or(page.getByText(/Belum ada mitra|tidak ada/)).first().waitFor().catch(() => {});
    });
    assertInert(result, `initiative ${id}`);
    assert.ok(result.text.includes(PAYLOADS[i].slice(0, 20)), `payload ${i} is shown as text`);
  }
});

test('the dashboard shows a payload flagship product as text', async () => {
  const result = await visit('#pentahelix/dashboard', async (page) => {
    await page.getByTestId('activated').waitFor();
  });
  assertInert(result, 'dashboard');
  assert.ok(result.text.includes(PAYLOADS[1]), 'the flagship product shows as text');
});
