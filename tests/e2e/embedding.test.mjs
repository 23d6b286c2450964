// Embedding on someone else's page: two instances side by side, a page with hostile CSS, a page
// under a strict Content-Security-Policy, and removal without leftovers. The demo host pages
// are the ones in public/, served by the real server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './chromium.mjs';

const URL = process.env.PENTAHELIX_URL;
let browser;

before(async () => {
  // `gc()` in pages, to collect garbage on demand.
  browser = await launch(['--js-flags=--expose-gc']);
});

after(async () => { await browser?.close(); });

/** Opens a host page; `init` runs in the page before any of its scripts, so it sees everything,
 * and `routes(page)` installs request routes before navigation, so none of its requests escapes
 * them. */
async function open(path, init, routes) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  const page = await context.newPage();
  if (init) await page.addInitScript(init);
  if (routes) await routes(page);
  return { context, page, ready: page.goto(`${URL}${path}`) };
}

/** Computed styles of the widget's key elements, read inside its shadow root. */
function widgetStyles(page) {
  return page.evaluate(() => {
    const root = document.querySelector('pentahelix-widget').shadowRoot;
    const pick = (selector, props) => {
      const style = getComputedStyle(root.querySelector(selector));
      return Object.fromEntries(props.map((p) => [p, style.getPropertyValue(p)]));
    };
    const text = ['font-family', 'font-size', 'color', 'letter-spacing', 'text-transform', 'line-height'];
    return {
      title: pick('.ph-header__title', [...text, 'text-decoration-line']),
      button: pick('[data-testid=lang-switch]', [...text, 'background-color', 'border-top-style', 'padding-top', 'border-radius']),
      input: pick('select.ph-input', ['font-size', 'border-top-width', 'border-top-color']),
      card: pick('.ph-card', ['padding-top', 'box-sizing', 'margin-top']),
      pentagon: pick('svg.ph-pentagon', ['display']),
    };
  });
}

test('two instances on one page load the wasm once and work independently', async () => {
  const { context, page, ready } = await open('two.html');
  let wasmFetches = 0;
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasmFetches += 1; });
  await ready;
  // Each instance's own list, read in its own shadow root.
  const cards = (id) => page.evaluate((id) => document.getElementById(id).shadowRoot.querySelectorAll('[data-testid=initiative-list] li').length, id);
  // The tab bar is rebuilt when the language changes, so a read may find it mid-rebuild.
  const tab = (id) => page.evaluate((id) => document.getElementById(id).shadowRoot.querySelector('[data-testid=tab-propose]')?.textContent.trim(), id);
  // The widgets' own lists, not the first pages painted before the wasm.
  await page.waitForFunction(() => ['coblong', 'ujungberung'].every((id) => document.getElementById(id).shadowRoot?.querySelector('.ph-app:not([data-painted]) [data-testid=initiative-list] li')));
  assert.ok((await cards('coblong')) <= 3 && (await cards('ujungberung')) <= 3, 'limit="3" and data-limit="3"');
  await page.evaluate(() => document.getElementById('coblong').shadowRoot.querySelector('[data-testid=lang-switch]').click());
  await page.waitForFunction(() => document.getElementById('coblong').shadowRoot.querySelector('[data-testid=tab-propose]')?.textContent.trim() === 'Propose');
  assert.equal(await tab('ujungberung'), 'Usulkan', 'the other instance keeps its language');
  assert.equal(wasmFetches, 1);
  await context.close();
});

test('both embedding forms keep rendering after the browser collects garbage', async () => {
  const { context, page, ready } = await open('two.html');
  await ready;
  const text = () => page.evaluate(() => ['coblong', 'ujungberung'].map((id) => document.getElementById(id).shadowRoot?.querySelector('.ph-root')?.innerText.trim().length ?? 0));
  await page.waitForFunction(() => ['coblong', 'ujungberung'].every((id) => document.getElementById(id).shadowRoot?.querySelector('[data-testid=initiative-list] li')));
  // A freed instance unmounts in a finalizer, which runs after the collection: give it time.
  for (let i = 0; i < 5; i++) {
    await page.evaluate(() => { gc(); });
    await page.waitForTimeout(100);
  }
  const [custom, div] = await text();
  assert.ok(custom > 200, `the <pentahelix-widget> still shows its list (${custom} characters)`);
  assert.ok(div > 200, `the div[data-pentahelix] still shows its list (${div} characters)`);
  // It still answers: a tab opens its view.
  await page.evaluate(() => document.getElementById('ujungberung').shadowRoot.querySelector('[data-testid=tab-propose]').click());
  await page.waitForFunction(() => document.getElementById('ujungberung').shadowRoot.querySelector('form'));
  await context.close();
});

test('a div[data-pentahelix] follows its attributes, mounts when added later and unmounts when removed', async () => {
  const { context, page, ready } = await open('two.html');
  await ready;
  const shadow = (id, selector) => page.evaluate(([id, selector]) => document.getElementById(id)?.shadowRoot?.querySelector(selector)?.textContent.trim() ?? null, [id, selector]);
  await page.waitForFunction(() => document.getElementById('ujungberung').shadowRoot?.querySelector('[data-testid=initiative-list] li'));
  await page.evaluate(() => document.getElementById('ujungberung').setAttribute('data-lang', 'en'));
  await page.waitForFunction(() => document.getElementById('ujungberung').shadowRoot.querySelector('[data-testid=tab-propose]')?.textContent.trim() === 'Propose');

  await page.evaluate(() => {
    const div = document.createElement('div');
    div.id = 'later';
    div.dataset.pentahelix = '';
    div.dataset.region = '32.73.01';
    div.dataset.view = 'dashboard';
    document.querySelector('main').append(div);
  });
  await page.waitForFunction(() => document.getElementById('later').shadowRoot?.querySelector('[data-testid=tab-dashboard][aria-current=page]'));
  assert.equal(await shadow('later', '[data-testid=tab-propose]'), 'Usulkan');

  const removed = await page.evaluate(() => {
    const div = document.getElementById('ujungberung');
    div.remove();
    window.__removed = div;
    return true;
  });
  assert.ok(removed);
  await page.waitForFunction(() => !window.__removed.shadowRoot.querySelector('.ph-root')?.children.length);
  await context.close();
});

test('markup that names another api cannot make the widget send its tokens there', async () => {
  const evil = [];
  const { context, page, ready } = await open('two.html', () => {
    // Once, in the page itself (not again in a frame it opens, such as the embed preview): an
    // official signed in on this page's API, and an admin token an older version kept.
    if (window.top !== window) return;
    localStorage.setItem(`pentahelix:session:${location.origin}`, JSON.stringify({
      token: 'phs_' + '0'.repeat(64), email: 'petugas@contoh.id', initiatives: [], stakeholders: [],
      official: [{ region: '32.73', role: 'manager' }],
    }));
    localStorage.setItem('pentahelix:admin-token', JSON.stringify('pha_' + '0'.repeat(64)));
  }, async (page) => {
    await page.route('https://evil.example/**', (route) => { evil.push(route.request()); route.abort(); });
  });
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await ready;
  const sent = [];
  page.on('request', (r) => { if (r.url().includes('/api/v1/')) sent.push([new globalThis.URL(r.url()).origin, r.headers().authorization ?? '']); });
  await page.evaluate(() => {
    const div = document.createElement('div');
    div.id = 'planted';
    div.dataset.pentahelix = '';
    div.dataset.api = 'https://evil.example';
    div.dataset.view = 'admin';
    document.querySelector('main').append(div);
  });
  await page.waitForFunction(() => document.getElementById('planted').shadowRoot?.querySelector('[data-testid=tab-admin]'));
  // The workspace asks this page's API for the queue with the session, is told the session is
  // not valid there, and asks to sign in again.
  await page.waitForFunction(() => document.getElementById('planted').shadowRoot.querySelector('[data-testid=workspace-sign-in]'));
  assert.ok(sent.some(([, auth]) => auth.startsWith('Bearer phs_')), 'the session was sent');
  assert.equal(evil.length, 0, 'nothing went to the named origin');
  const origin = new globalThis.URL(URL).origin;
  assert.ok(sent.length > 0 && sent.every(([o]) => o === origin), `every API request went to ${origin}: ${JSON.stringify(sent)}`);
  assert.ok(warnings.some((w) => w.includes('ignoring api="https://evil.example"')), 'the host is told why');
  assert.equal(await page.evaluate(() => localStorage.getItem('pentahelix:admin-token')), null, 'an old admin token is forgotten');
  await context.close();
});

test('markup may name a server this one lists, and the widget sends it none of this server\'s credentials', async () => {
  const OTHER = process.env.PENTAHELIX_OTHER_API;
  const origin = new globalThis.URL(URL).origin;
  const other = [];
  const { context, page, ready } = await open('two.html', () => {
    if (window.top !== window) return;
    // Signed in here as an official, and the manager of initiative 1 here.
    localStorage.setItem(`pentahelix:session:${location.origin}`, JSON.stringify({
      token: 'phs_' + '1'.repeat(64), email: 'petugas@contoh.id', initiatives: [1], stakeholders: [],
      official: [{ region: '32.73', role: 'manager' }],
    }));
    localStorage.setItem(`pentahelix:token:${location.origin}:initiative:1`, JSON.stringify('phm_' + '1'.repeat(64)));
  }, async (page) => {
    // The listed server, played by this one under the listed name.
    await page.route(`${OTHER}/**`, async (route) => {
      const request = route.request();
      other.push({
        url: request.url(),
        authorization: request.headers().authorization ?? '',
        preflight: request.headers()['access-control-request-headers'] ?? '',
      });
      const cors = { 'access-control-allow-origin': origin, vary: 'Origin' };
      if (request.method() === 'OPTIONS') return route.fulfill({ status: 204, headers: cors });
      const response = await route.fetch({ url: request.url().replace(OTHER, origin) });
      return route.fulfill({ response, headers: { ...response.headers(), ...cors } });
    });
  });
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await ready;
  await page.evaluate((api) => {
    const div = document.createElement('div');
    div.id = 'listed';
    div.dataset.pentahelix = '';
    div.dataset.api = api;
    div.dataset.view = 'admin';
    document.querySelector('main').append(div);
  }, OTHER);
  // Nobody is signed in at the other server, so its workspace asks to sign in...
  await page.waitForFunction(() => document.getElementById('listed').shadowRoot?.querySelector('[data-testid=workspace-sign-in]'));
  // ...and its list comes from there.
  await page.evaluate(() => document.getElementById('listed').shadowRoot.querySelector('[data-testid=tab-initiatives]').click());
  await page.waitForFunction(() => document.getElementById('listed').shadowRoot.querySelector('[data-testid=initiative-list] li'));
  assert.ok(other.some((r) => r.url.includes('/api/v1/initiatives')), `the listed server was asked: ${JSON.stringify(other)}`);
  assert.deepEqual(other.filter((r) => r.authorization || /authorization/i.test(r.preflight)), [], 'no credential went to the other server');
  assert.ok(!warnings.some((w) => w.includes(`ignoring api="${OTHER}"`)), `a listed server is believed: ${warnings}`);
  // This server's own widgets still use the session here.
  const own = page.waitForRequest((r) => r.url().startsWith(`${origin}/api/v1/`) && (r.headers().authorization ?? '').startsWith('Bearer phs_1'));
  await page.evaluate(() => document.getElementById('ujungberung').shadowRoot.querySelector('[data-testid=tab-mine]').click());
  await own;
  await context.close();
});

test('hostile host CSS changes nothing in the widget, and the widget changes nothing in the host', async () => {
  const plain = await open('index.html');
  await plain.ready;
  await plain.page.getByTestId('initiative-list').locator('li').first().waitFor();
  const expected = await widgetStyles(plain.page);
  await plain.context.close();

  const hostile = await open('hostile.html', () => {
    document.addEventListener('DOMContentLoaded', () => {
      window.__headBefore = document.head.innerHTML;
      const h1 = getComputedStyle(document.querySelector('h1'));
      window.__hostBefore = [h1.fontSize, h1.color, h1.fontFamily, getComputedStyle(document.querySelector('button')).backgroundColor].join('|');
    });
  });
  await hostile.ready;
  await hostile.page.getByTestId('initiative-list').locator('li').first().waitFor();
  assert.equal(
    await hostile.page.evaluate(() => getComputedStyle(document.querySelector('.navbar')).display),
    'flex',
    'Bootstrap itself is loaded on the hostile page',
  );
  assert.deepEqual(await widgetStyles(hostile.page), expected);
  const host = await hostile.page.evaluate(() => {
    const h1 = getComputedStyle(document.querySelector('h1'));
    return {
      before: window.__hostBefore,
      after: [h1.fontSize, h1.color, h1.fontFamily, getComputedStyle(document.querySelector('button')).backgroundColor].join('|'),
      headUnchanged: window.__headBefore === document.head.innerHTML,
      globals: Object.keys(window).filter((k) => /pentahelix|wasm/i.test(k)),
      lang: document.documentElement.lang,
      hash: location.hash,
    };
  });
  assert.equal(host.after, host.before, "the host page's own elements look the same");
  assert.ok(host.headUnchanged, 'nothing added to <head>');
  assert.deepEqual(host.globals, []);
  assert.equal(host.lang, 'id');
  assert.equal(host.hash, '');
  await hostile.context.close();
});

test('the first view loads only its own fingerprinted files, cached for a year, and a loader cached for minutes', async () => {
  const { context, page, ready } = await open('two.html');
  const caching = new Map();
  page.on('response', (r) => {
    const path = new globalThis.URL(r.url()).pathname;
    if (path === '/embed.js' || path.startsWith('/assets/')) caching.set(path, r.headers()['cache-control']);
  });
  await ready;
  await page.waitForFunction(() => document.getElementById('coblong').shadowRoot?.querySelector('.ph-app:not([data-painted]) [data-testid=initiative-list] li'));
  assert.equal(caching.get('/embed.js'), 'public, max-age=300');
  const assets = [...caching].filter(([path]) => path.startsWith('/assets/'));
  const hashed = () => [...caching.keys()]
    .filter((path) => path.startsWith('/assets/'))
    .map((path) => path.replace(/\.[0-9a-f]{12}\./, '.HASH.'))
    .sort();
  // Only the list's code: the other views' files are fetched when first shown.
  assert.deepEqual(hashed(), [
    '/assets/pentahelix.HASH.js', '/assets/pentahelix_bg.HASH.wasm',
    '/assets/pentahelix_split.HASH.js', '/assets/widget.HASH.css',
  ]);
  await page.evaluate(() => document.getElementById('coblong').shadowRoot.querySelector('[data-testid=tab-propose]').click());
  await page.waitForFunction(() => document.getElementById('coblong').shadowRoot.querySelector('[data-testid=propose-form]'));
  assert.ok(hashed().includes('/assets/split_propose.HASH.wasm'), hashed().join(' '));
  for (const [path, cache] of caching) {
    if (path.startsWith('/assets/')) assert.equal(cache, 'public, max-age=31536000, immutable', path);
  }
  await context.close();
});

test('a view whose code cannot be fetched says so, and its retry button fetches it', async () => {
  let blocked = 0;
  const { context, page, ready } = await open('index.html', undefined, (page) =>
    page.route('**/assets/split_propose.*', (route) => { blocked += 1; return route.abort('internetdisconnected'); }));
  await ready;
  await page.getByTestId('initiative-list').waitFor();
  await page.getByTestId('tab-propose').click();
  const alert = page.getByTestId('view-not-fetched');
  await alert.waitFor();
  assert.match(await alert.textContent(), /Tidak dapat terhubung ke server/);
  assert.ok(blocked >= 1);
  await page.unroute('**/assets/split_propose.*');
  await alert.getByRole('button').click();
  await page.getByTestId('propose-form').waitFor();
  assert.equal(await alert.count(), 0);
  await context.close();
});

test('a view fetched on demand updates in place when its data reloads, keeping the focus', async () => {
  const { context, page, ready } = await open('index.html#pentahelix/initiative/1');
  await ready;
  const scope = page.getByTestId('scope');
  await scope.waitFor();
  await page.getByTestId('matches').waitFor();
  await scope.evaluate((el) => { el.dataset.marked = 'yes'; });
  await scope.focus();
  await scope.selectOption('province');
  // The matches reload: wait until the province's answer is shown.
  await page.waitForFunction(() => !document.querySelector('pentahelix-widget').shadowRoot.querySelector('.ph-skeletons'));
  await page.getByTestId('matches').waitFor();
  // Still the same element, still focused: the view was not swapped for placeholders and rebuilt.
  assert.equal(await scope.getAttribute('data-marked'), 'yes');
  assert.ok(await scope.evaluate((el) => el.getRootNode().activeElement === el), 'the select keeps the focus');
  await context.close();
});

test('before its code arrives, and without the first page (first_page.test.mjs), the widget shows its header and placeholders, then the list replaces them', async () => {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  const { context, page, ready } = await open('index.html', undefined, async (page) => {
    await page.route('**/assets/pentahelix_bg.*.wasm', async (route) => { await held; await route.continue(); });
    await page.route('**/api/v1/embed/first-page?*', (route) => route.abort('internetdisconnected'));
  });
  await ready;
  const tagline = page.locator('pentahelix-widget .ph-header__tagline');
  await tagline.waitFor();
  assert.match(await tagline.textContent(), /^Kolaborasi pemerintah/);
  assert.equal(await page.locator('pentahelix-widget [aria-busy=true]').count(), 1);
  assert.equal(await page.getByRole('status').textContent(), 'Memuat…');
  assert.equal(await page.locator('pentahelix-widget button').count(), 0, 'nothing to press before it works');
  release();
  await page.getByTestId('initiative-list').locator('li').first().waitFor();
  assert.equal(await page.locator('pentahelix-widget .ph-header').count(), 1, 'the stand-in is replaced, not kept beside');
  assert.equal(await page.locator('pentahelix-widget [aria-busy=true]').count(), 0);
  await context.close();
});

test('when the widget\'s code cannot be fetched the loader says so, and its retry button loads it', async () => {
  let failures = 0;
  const { context, page, ready } = await open('index.html', undefined, (page) =>
    page.route('**/assets/pentahelix_bg.*.wasm', (route) => {
      if (failures > 0) return route.continue();
      failures += 1;
      return route.abort('internetdisconnected');
    }));
  await ready;
  const alert = page.locator('pentahelix-widget').getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /Tidak dapat terhubung ke server/);
  // Above the first page, which stays there to read.
  assert.ok(await page.locator('pentahelix-widget .ph-app[data-painted] .ph-card').count() > 0);
  await alert.getByRole('button', { name: 'Coba lagi' }).click();
  await page.getByTestId('initiative-list').locator('li').first().waitFor();
  assert.equal(await alert.count(), 0);
  assert.equal(failures, 1);
  await context.close();
});

test('with deeplink, the page hash opens a view, follows the widget and walks back', async () => {
  const { context, page, ready } = await open('index.html#pentahelix/dashboard');
  await ready;
  await page.getByTestId('activated').waitFor();
  await page.getByTestId('tab-propose').click();
  await page.waitForFunction(() => location.hash === '#pentahelix/propose');
  await page.goBack();
  await page.getByTestId('activated').waitFor();
  assert.equal(await page.evaluate(() => location.hash), '#pentahelix/dashboard');
  // A host's own anchor is left alone.
  await page.evaluate(() => { location.hash = '#kontak'; });
  await page.waitForTimeout(100);
  await page.getByTestId('activated').waitFor();
  assert.equal(await page.evaluate(() => location.hash), '#kontak');
  await context.close();
});

test('under a strict Content-Security-Policy the widget runs with no violation', async () => {
  const { context, page, ready } = await open('csp.html', () => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await ready;
  await page.getByTestId('initiative-list').locator('li').first().waitFor();
  await page.getByTestId('tab-dashboard').click();
  await page.getByTestId('activated').waitFor();
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  const colour = await page.evaluate(() => getComputedStyle(document.querySelector('pentahelix-widget').shadowRoot.querySelector('.ph-app')).getPropertyValue('--ph-primary').trim());
  assert.equal(colour, '#1f5fa8', 'the theme colour applies without inline styles');
  await context.close();
});

test('removing the element unmounts the widget and leaves no listeners behind', async () => {
  const { context, page, ready } = await open('index.html');
  const cdp = await context.newCDPSession(page);
  await cdp.send('Debugger.enable');
  const scripts = new Map();
  cdp.on('Debugger.scriptParsed', (e) => scripts.set(e.scriptId, e.url));
  // Listeners on window and document registered by the widget's own scripts (the loader, the
  // glue, the wasm), not by the test harness.
  const ours = async () => {
    const found = [];
    for (const target of ['window', 'document']) {
      const { result } = await cdp.send('Runtime.evaluate', { expression: target });
      const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId });
      found.push(...listeners.filter((l) => (scripts.get(l.scriptId) ?? '').startsWith(URL)).map((l) => `${target}:${l.type}`));
    }
    return found;
  };
  await ready;
  await page.getByTestId('initiative-list').locator('li').first().waitFor();
  await page.getByTestId('tab-dashboard').click();
  await page.getByTestId('activated').waitFor();
  const mounted = await ours();
  await page.evaluate(() => {
    window.__removed = document.querySelector('pentahelix-widget');
    window.__removed.remove();
  });
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.__removed.shadowRoot.querySelector('.ph-app')), null, 'unmounted');
  assert.deepEqual(await ours(), [], `no listeners left on window or document (while mounted: ${mounted.join(', ') || 'none'})`);
  await context.close();
});

test('the iframe fallback configures itself from its query and tells the host its height', async () => {
  const { context, page, ready } = await open('frame-host.html');
  await ready;
  const frame = page.frameLocator('#pentahelix-frame');
  await frame.getByTestId('initiative-list').locator('li').first().waitFor();
  // The host sized the frame to the reported height: nothing scrolls inside it.
  await page.waitForFunction(() => {
    const iframe = document.getElementById('pentahelix-frame');
    const inner = iframe.contentDocument.documentElement;
    return iframe.style.height !== '' && inner.scrollHeight <= iframe.clientHeight + 1;
  });
  const cards = await frame.getByTestId('initiative-list').locator('li').count();
  assert.ok(cards >= 1 && cards <= 3, `limit=3 from the query string, got ${cards}`);
  await context.close();
});
