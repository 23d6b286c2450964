// Screenshots of every view of the widget for the README: each view at 360 px (a phone) and
// 1280 px (a laptop), in Indonesian and English, clipped to the widget. Run by
// `cargo xtask screenshots`, which starts the real server on a fresh SQLite file with the demo
// data, a mail catcher for the sign-in codes and an invited official, and passes them here:
// PENTAHELIX_URL, PENTAHELIX_MAIL_INBOX, PENTAHELIX_OFFICIAL, and PENTAHELIX_SCREENSHOTS, the
// folder to write into. Exits 1 when any view did not render; what it saw is then beside the
// pictures (`*-failed.png`, `*.log`).
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch } from './chromium.mjs';

const URL = process.env.PENTAHELIX_URL;
const INBOX = process.env.PENTAHELIX_MAIL_INBOX;
const OFFICIAL = process.env.PENTAHELIX_OFFICIAL;
const OUT = process.env.PENTAHELIX_SCREENSHOTS;
assert.ok(URL && INBOX && OFFICIAL && OUT, 'run by `cargo xtask screenshots`');

/** A phone and a laptop. Scale 1 keeps the files small. Every view is pictured whole; the cap,
 *  above the longest view of the demo data (the dashboard on a phone, 5,200 px), only keeps a
 *  view that grew without bound from making a huge file, and the run says when it cut one. */
const SCREENS = [
  { width: 360, height: 740, maxHeight: 5600 },
  { width: 1280, height: 800, maxHeight: 3400 },
];
const LANGS = ['id', 'en'];
/** Whose records the signed-in pictures show: an initiative with two offers waiting and a
 *  partner profile of her own (the demo data's Sarah Amelia, Braga). */
const OWNER = 'sarah.amelia@contoh.id';
/** The initiative and partner shown on their own pages: one with five offers and needs still
 *  open (so suggested partners too), and the academic partner three initiatives accepted. */
const INITIATIVE = 'Festival Kopi Coblong 2027';
const PARTNER = 'Pusat Studi Ekonomi Kreatif, Universitas Sukasari Nusantara';
/** How long (ms) each part of a view may take to show before the view counts as failed. */
const TIMEOUT = 20_000;

const api = async (path, init) => {
  const reply = await fetch(`${URL}api/v1/${path}`, init);
  const text = await reply.text();
  assert.ok(reply.ok, `${init?.method ?? 'GET'} ${path}: ${reply.status} ${text}`);
  return text ? JSON.parse(text) : null;
};
const post = (path, body, headers = {}) => api(path, {
  method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body),
});

const initiativeId = (await api(`initiatives?region=32.73&q=${encodeURIComponent(INITIATIVE)}`))
  .items.find((i) => i.title === INITIATIVE).id;
const partnerId = (await api(`stakeholders?region=32.73&q=${encodeURIComponent('Pusat Studi Ekonomi Kreatif')}`))
  .items.find((s) => s.name === PARTNER).id;

/** The views, each with the browser state it needs, how to reach it and what shows it has
 *  rendered. `wait` lists test ids that must be visible; `open` runs after the page loads. */
const VIEWS = [
  { name: 'initiatives', as: 'visitor', hash: 'initiatives', wait: ['initiative-list'] },
  { name: 'initiative', as: 'visitor', hash: `initiative/${initiativeId}`, wait: ['detail-title', 'pledges', 'matches'] },
  { name: 'propose', as: 'visitor', hash: 'propose', wait: ['propose-form'] },
  { name: 'partners', as: 'visitor', hash: 'partners', wait: ['directory'] },
  { name: 'partner', as: 'visitor', hash: `partner/${partnerId}`, wait: ['partner-name', 'partner-offers', 'partner-supports'] },
  {
    name: 'partner-register', as: 'visitor', hash: 'partners', wait: ['profile-form'],
    open: (page) => page.getByTestId('partners-mine').click(),
  },
  { name: 'dashboard', as: 'visitor', hash: 'dashboard', wait: ['activated', 'achievements', 'cities'] },
  { name: 'mine', as: 'visitor', hash: 'mine', wait: ['send-code'] },
  { name: 'mine-signed-in', as: 'owner', hash: 'mine', wait: ['signed-in-as', 'offers-to-answer', 'my-initiatives', 'my-profiles', 'mail-settings'] },
  { name: 'my-profile', as: 'owner', hash: 'partners', wait: ['opportunities', 'complements'] },
  { name: 'admin', as: 'official', hash: 'admin', wait: ['official-as', 'queue-item', 'audit-entry', 'verify', 'exports'] },
];

/** The sign-in code mailed to `email`, as a person copies it from the subject. */
async function codeFor(email) {
  for (let attempt = 0; attempt < 100; attempt++) {
    const mails = await (await fetch(`${INBOX}email`)).json();
    const code = mails.filter((m) => m.to.some((to) => to.address === email))
      .map((m) => m.subject.match(/(\d{6})$/)?.[1]).filter(Boolean).pop();
    if (code) return code;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no sign-in code for ${email} arrived`);
}

/** Signs `email` in under Milik saya, as a person does, and returns the browser's storage. */
async function signIn(browser, email) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${URL}#pentahelix/mine`);
  await page.getByLabel('Alamat email').fill(email);
  await page.getByTestId('send-code').click();
  await page.getByTestId('code-sent').waitFor();
  await page.getByLabel('Kode 6 angka dari email').fill(await codeFor(email));
  await page.getByTestId('sign-in').click();
  await page.getByTestId('signed-in-as').filter({ hasText: email }).waitFor();
  const state = await context.storageState();
  await context.close();
  return state;
}

/** The session token a signed-in browser keeps, for the official's set-up calls. */
function sessionToken(state) {
  const kept = state.origins.flatMap((o) => o.localStorage).find((e) => e.name.startsWith('pentahelix:session:'));
  return JSON.parse(kept.value).token;
}

/** The workspace's queue as the README's picture shows it: a citizen's advert that three people
 *  reported (one of them twice), hidden until an official looks, and a partner reported once;
 *  and two partners verified, so the trail has entries and the directory shows the badge. */
async function stageTheWorkspace(official) {
  const advert = await post('initiatives', {
    title: 'Pinjaman Modal Cepat Cair untuk UMKM Kreatif',
    description: 'Pinjaman tanpa agunan, cair dalam satu jam. Hubungi kami lewat WhatsApp untuk bunga spesial.',
    region: '32.73.14', subsectors: ['kriya', 'kuliner'], needs: [{ resource: 'publicity' }],
    contact: { person: 'Budi Santoso', email: 'modal.cepat@contoh.id' }, contact_consent: true,
  });
  for (const [ip, category, reason] of [
    ['203.0.113.21', 'spam', 'Iklan pinjaman online, bukan kegiatan warga.'],
    ['203.0.113.22', 'spam', ''],
    ['203.0.113.22', 'spam', 'Masih iklan.'],
    ['203.0.113.23', 'misleading', 'Tidak ada kegiatan di kecamatan ini.'],
  ]) {
    await post('reports', { target: 'initiative', id: advert.record.id, category, reason }, { 'x-forwarded-for': ip });
  }
  const reported = (await api(`stakeholders?region=32.73&q=${encodeURIComponent('Kabar Kreatif')}`)).items[0];
  await post('reports', { target: 'stakeholder', id: reported.id, category: 'misleading', reason: 'Nomor teleponnya tidak aktif.' },
    { 'x-forwarded-for': '203.0.113.24' });
  const disbudpar = (await api(`stakeholders?region=32.73&q=${encodeURIComponent('Dinas Kebudayaan dan Pariwisata')}`)).items[0];
  for (const id of [partnerId, disbudpar.id]) {
    await post(`moderation/stakeholders/${id}/verify`, { verified: true }, { authorization: `Bearer ${official}` });
  }
}

/** Waits until nothing in the widget is loading, twice in a row a moment apart. */
async function settled(page) {
  let quiet = 0;
  for (let tries = 0; quiet < 2; tries++) {
    if (tries > 100) throw new Error('the view kept loading');
    const busy = await page.evaluate(() => {
      const root = document.querySelector('pentahelix-widget')?.shadowRoot;
      return !root || root.querySelector('.ph-skeleton, [aria-busy="true"]') !== null;
    });
    quiet = busy ? 0 : quiet + 1;
    await page.waitForTimeout(150);
  }
  await page.evaluate(() => document.fonts.ready);
}

/** Takes the focus off whatever has it (a view's heading takes it on arrival), so no focus ring
 *  is in the picture. */
function blur(page) {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    el?.blur?.();
  });
}

async function shoot(context, view, lang, screen) {
  const file = `${view.name}-${lang}-${screen.width}`;
  const page = await context.newPage();
  const log = [];
  page.on('console', (m) => log.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => log.push(`pageerror: ${e.message}`));
  try {
    await page.goto(`${URL}#pentahelix/${view.hash}`);
    const widget = page.locator('pentahelix-widget');
    await page.getByTestId('tab-initiatives').waitFor({ timeout: TIMEOUT });
    await view.open?.(page);
    for (const id of view.wait) {
      const shown = page.getByTestId(id).first();
      const failed = page.getByTestId('view-not-fetched');
      await Promise.race([
        shown.waitFor({ timeout: TIMEOUT }),
        failed.waitFor({ timeout: TIMEOUT }).then(() => { throw new Error('the view could not be fetched'); }),
      ]);
    }
    await settled(page);
    await blur(page);
    const errors = log.filter((line) => line.startsWith('pageerror'));
    if (errors.length) throw new Error(errors.join('\n'));
    const box = await widget.boundingBox();
    const scrollY = await page.evaluate(() => window.scrollY);
    const height = Math.min(Math.ceil(box.height), screen.maxHeight);
    await page.screenshot({
      path: join(OUT, `${file}.png`),
      fullPage: true,
      animations: 'disabled',
      clip: { x: Math.floor(box.x), y: Math.floor(box.y + scrollY), width: Math.ceil(box.width), height },
    });
    const cut = box.height > screen.maxHeight ? ` (cut from ${Math.ceil(box.height)} px)` : '';
    console.log(`${file}.png  ${Math.ceil(box.width)}×${height}${cut}`);
    return null;
  } catch (error) {
    await page.screenshot({ path: join(OUT, `${file}-failed.png`), fullPage: true }).catch(() => {});
    writeFileSync(join(OUT, `${file}.log`), log.join('\n'));
    console.log(`${file}: FAILED: ${error.message.split('\n')[0]}`);
    return `${file}: ${error.message}`;
  } finally {
    await page.close();
  }
}

mkdirSync(OUT, { recursive: true });
const browser = await launch(['--hide-scrollbars', '--font-render-hinting=none']);
const failures = [];
try {
  const states = {
    visitor: undefined,
    owner: await signIn(browser, OWNER),
    official: await signIn(browser, OFFICIAL),
  };
  await stageTheWorkspace(sessionToken(states.official));
  for (const as of Object.keys(states)) {
    for (const lang of LANGS) {
      for (const screen of SCREENS) {
        const context = await browser.newContext({
          viewport: { width: screen.width, height: screen.height },
          deviceScaleFactor: 1,
          storageState: states[as],
          reducedMotion: 'reduce',
          // Times (the audit trail's) as an official in Bandung reads them.
          timezoneId: 'Asia/Jakarta',
        });
        // The language the switch would keep, set before the widget reads it.
        await context.addInitScript((tag) => localStorage.setItem('pentahelix:lang', tag), lang);
        for (const view of VIEWS.filter((v) => v.as === as)) {
          const failed = await shoot(context, view, lang, screen);
          if (failed) failures.push(failed);
        }
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
}
if (failures.length) {
  console.error(`\n${failures.length} view(s) did not render:\n${failures.join('\n')}`);
  process.exit(1);
}
