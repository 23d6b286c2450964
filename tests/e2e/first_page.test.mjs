// The list's first page, painted by the loader from the server's markup before the wasm has
// arrived: what a citizen on a slow link sees first, that it is the widget's own markup (so the
// wasm takes over without moving anything), and that what they do with it meanwhile is not lost.
// The wasm is held back by a request route until each test lets it through.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './chromium.mjs';

const URL = process.env.PENTAHELIX_URL;
let browser;

before(async () => {
  browser = await launch();
});

after(async () => { await browser?.close(); });

/** The demo page with every wasm request held until `release()`; layout shifts are recorded
 * from the start, as the CLS metric counts them. */
async function held({ width, lang, hash = '', region }) {
  const context = await browser.newContext({ viewport: { width, height: 800 } });
  const page = await context.newPage();
  await page.addInitScript((lang) => {
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shifts.push(entry.value);
    }).observe({ type: 'layout-shift', buffered: true });
    if (lang) localStorage.setItem('pentahelix:lang', lang);
  }, lang);
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  let wasmAnswered = 0;
  await page.route('**/*.wasm', async (route) => {
    await gate;
    await route.continue();
    wasmAnswered += 1;
  });
  // The demo page embedding another city (as a city's own page would).
  if (region) {
    await page.route(`${URL}`, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, body: (await response.text()).replace('region="32.73"', `region="${region}"`) });
    });
  }
  const firstPages = [];
  page.on('request', (r) => { if (r.url().includes('/embed/first-page')) firstPages.push(r.url()); });
  await page.goto(`${URL}${hash}`);
  return { context, page, release, wasmAnswered: () => wasmAnswered, firstPages };
}

const painted = (page) => page.locator('pentahelix-widget .ph-app[data-painted]');
const widget = (page) => page.locator('pentahelix-widget .ph-app:not([data-painted])');

/** The widget's tree as a reader meets it: elements, their attributes and their text, without
 * what differs by design (the ids each instance makes up, the painted marker, the selected
 * option's attribute) or means nothing (comments, runs of white space). */
function tree(page) {
  return page.evaluate(() => {
    const skip = new Set(['id', 'for', 'aria-controls', 'style', 'data-painted', 'selected']);
    const walk = (node) => {
      if (node.nodeType === Node.TEXT_NODE) return node.data;
      if (node.nodeType !== Node.ELEMENT_NODE) return '';
      const attrs = [...node.attributes].filter((a) => !skip.has(a.name))
        .map((a) => `${a.name}="${a.value}"`).sort().join(' ');
      return `<${node.localName}${attrs ? ` ${attrs}` : ''}>${[...node.childNodes].map(walk).join('')}</${node.localName}>`;
    };
    const root = document.querySelector('pentahelix-widget').shadowRoot.querySelector('.ph-root');
    return walk(root.firstElementChild).replace(/\s+/g, ' ').replace(/> </g, '><');
  });
}

const OPENINGS = [
  { width: 1280, tab: 'Inisiatif', cards: true },
  { width: 360, lang: 'en', tab: 'Initiatives', cards: true },
  // A city the widget does not know built in: its kecamatan come with the first page.
  { width: 360, region: '33.74', tab: 'Inisiatif', kecamatan: 'Tembalang' },
];

for (const { width, lang, region, tab, cards, kecamatan } of OPENINGS) {
  test(`at ${width} px in ${lang ?? 'id'} for ${region ?? 'Kota Bandung'}, the first page is painted before the wasm, is the widget's own markup, and the wasm takes over without a jump`, async () => {
    const { context, page, release, wasmAnswered, firstPages } = await held({ width, lang, region });
    await painted(page).getByTestId('initiative-list').waitFor({ state: 'attached' });
    assert.equal(wasmAnswered(), 0, 'painted while the wasm was still held back');
    assert.equal(firstPages.length, 1);
    assert.equal((await painted(page).getByTestId('tab-initiatives').textContent()).trim(), tab);
    if (cards) {
      const count = await painted(page).locator('.ph-card').count();
      assert.ok(count >= 2, `${count} cards painted`);
    }
    if (kecamatan) {
      await painted(page).locator('option', { hasText: kecamatan }).waitFor({ state: 'attached' });
    }
    const before = await tree(page);

    release();
    await widget(page).getByTestId('initiative-list').waitFor({ state: 'attached' });
    const after = await tree(page);
    assert.equal(after, before, 'the widget draws element for element what was painted');
    // Late shifts (a font, an image) would come within a frame or two.
    await page.waitForTimeout(500);
    const cls = await page.evaluate(() => window.__shifts.reduce((sum, v) => sum + v, 0));
    assert.ok(cls <= 0.01, `cumulative layout shift ${cls}`);
    // The widget did not ask again for the page it was given.
    assert.equal(firstPages.length, 1);
    await context.close();
  });
}

test('on a 320 px phone, a card clicked before the wasm arrives opens once it runs, at its own address', async () => {
  const { context, page, release } = await held({ width: 320 });
  const link = painted(page).locator('[data-card] .ph-link').nth(1);
  await link.waitFor();
  const title = (await link.textContent()).trim();
  const id = await painted(page).locator('[data-card]').nth(1).getAttribute('data-card');
  await link.click();
  // The page shows that the click was taken.
  assert.equal(await painted(page).evaluate((el) => getComputedStyle(el).cursor), 'progress');

  release();
  await page.getByTestId('detail-title').filter({ hasText: title }).waitFor();
  assert.equal(new globalThis.URL(page.url()).hash, `#pentahelix/initiative/${id}`);
  await context.close();
});

test('on a 360 px phone, a search typed and sent and a filter chosen before the wasm arrives are all there once it runs, with the focus where it was', async () => {
  const { context, page, release } = await held({ width: 360 });
  await painted(page).locator('[data-card]').first().waitFor();
  // An open initiative's title: the search and the status filter together find it.
  const first = painted(page).locator('[data-card]').filter({ has: page.locator('.ph-status--open') }).first().locator('.ph-link');
  const title = (await first.textContent()).trim();
  await painted(page).getByTestId('filters-toggle').click();
  await painted(page).getByLabel('Status', { exact: true }).selectOption('open');
  const search = painted(page).getByLabel('Cari', { exact: true });
  await search.fill(title);
  await search.press('Enter');
  // The painted form sent the host page nowhere.
  assert.equal(new globalThis.URL(page.url()).search, '');
  const asked = page.waitForRequest((r) => r.url().includes('/api/v1/initiatives?') && r.url().includes('status=open') && new globalThis.URL(r.url()).searchParams.get('q') === title);

  release();
  await asked;
  const app = widget(page);
  await app.locator('[data-card] .ph-link').filter({ hasText: title }).first().waitFor();
  assert.equal(await app.getByLabel('Cari', { exact: true }).inputValue(), title);
  assert.equal(await app.getByLabel('Status', { exact: true }).inputValue(), 'open');
  assert.equal(await app.getByTestId('filters-toggle').getAttribute('aria-expanded'), 'true');
  assert.match(await app.getByTestId('filters-toggle').textContent(), /2/);
  const focused = await page.evaluate(() => document.querySelector('pentahelix-widget').shadowRoot.activeElement?.getAttribute('type'));
  assert.equal(focused, 'search');
  await context.close();
});

test('a widget opening on another view through its address keeps the placeholders until the wasm draws that view', async () => {
  const { context, page, release, firstPages } = await held({ width: 360, hash: '#pentahelix/propose' });
  await page.locator('pentahelix-widget .ph-skeleton').first().waitFor();
  assert.equal(await page.locator('pentahelix-widget .ph-card').count(), 0);
  release();
  await page.getByTestId('propose-form').waitFor();
  assert.deepEqual(firstPages, [], 'no first page was asked for');
  await context.close();
});
