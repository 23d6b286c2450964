// Accessibility: axe-core (from the npm registry) injected into the plain host page, run on
// every view of the widget (inside its shadow root) against the WCAG 2.1 A and AA rules.
// Zero violations is the bar; a failure lists each rule, its help text and the offending nodes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { launch } from './chromium.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const URL = process.env.PENTAHELIX_URL;
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
let browser;

before(async () => {
  browser = await launch();
});

after(async () => { await browser?.close(); });

async function audit(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return r.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  }, TAGS);
  return result;
}

async function view(name, prepare) {
  test(`no WCAG 2.1 A/AA violations: ${name}`, async () => {
    const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
    const page = await context.newPage();
    try {
      await page.goto(URL);
      await page.getByTestId('tab-initiatives').waitFor();
      await prepare(page);
      const violations = await audit(page);
      assert.deepEqual(violations, []);
    } finally {
      await context.close();
    }
  });
}

view('initiatives', async (page) => {
  await page.getByTestId('initiative-list').locator('li').first().waitFor();
});

view('initiative detail', async (page) => {
  await page.getByTestId('initiative-list').locator('li').first().getByRole('button').click();
  await page.getByTestId('detail-title').waitFor();
  await page.getByTestId('matches').waitFor();
});

view('propose, with the errors shown', async (page) => {
  await page.getByTestId('tab-propose').click();
  await page.getByTestId('submit').click();
  await page.getByTestId('form-error').waitFor();
});

view('partners: registering a profile', async (page) => {
  await page.getByTestId('tab-partners').click();
  await page.getByTestId('partners-mine').click();
  await page.getByTestId('profile-form').waitFor();
});

view('partners: the directory', async (page) => {
  await page.getByTestId('tab-partners').click();
  await page.getByTestId('directory').locator('li').first().waitFor();
});

view('a partner\'s page', async (page) => {
  await page.getByTestId('tab-partners').click();
  await page.getByTestId('directory').locator('.ph-partner-name').first().click();
  await page.getByTestId('partner-offers').waitFor();
});

view('dashboard', async (page) => {
  await page.getByTestId('tab-dashboard').click();
  await page.getByTestId('activated').waitFor();
  await page.getByTestId('cities').waitFor();
});

view('admin, not signed in', async (page) => {
  await page.evaluate(() => document.querySelector('pentahelix-widget').setAttribute('view', 'admin'));
  await page.getByTestId('workspace-sign-in').waitFor();
});

view('admin, an official working the queue and the trail', async (page) => {
  const inbox = process.env.PENTAHELIX_MAIL_INBOX;
  const email = process.env.PENTAHELIX_OFFICIAL_A11Y;
  assert.ok(inbox && email, 'the mail catcher and an invited official come from cargo xtask test');
  await page.getByTestId('tab-mine').click();
  await page.getByLabel('Alamat email').fill(email);
  await page.getByTestId('send-code').click();
  let code;
  for (let attempt = 0; attempt < 100 && !code; attempt++) {
    const mails = await (await fetch(`${inbox}email`)).json();
    code = mails.filter((m) => m.to.some((to) => to.address === email) && /^Kode masuk/.test(m.subject))
      .pop()?.subject.match(/(\d{6})$/)[1];
    if (!code) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await page.getByLabel('Kode 6 angka dari email').fill(code);
  await page.getByTestId('sign-in').click();
  await page.getByTestId('tab-admin').click();
  await page.getByTestId('audit').waitFor();
  await page.locator('[data-testid=queue-empty], [data-testid=queue-item]').first().waitFor();
  // A decision's reason form open, as an official fills it.
  const decide = page.getByTestId('queue-item').first().locator('[data-testid^=decide-]').first();
  if (await decide.count()) {
    await decide.click();
    await page.getByTestId('confirm-decision').waitFor();
  }
  await page.getByTestId('verify').getByLabel('Cari mitra menurut nama').fill('Dinas');
  await page.getByTestId('verify').locator('[data-testid=verify-results], .ph-muted').first().waitFor();
});

view('milik saya, the code step with a wrong code', async (page) => {
  await page.getByTestId('tab-mine').click();
  await page.getByLabel('Alamat email').fill(`a11y.code.${Date.now()}@contoh.id`);
  await page.getByTestId('send-code').click();
  await page.getByTestId('code-sent').waitFor();
  await page.getByLabel('Kode 6 angka dari email').fill('000000');
  await page.getByTestId('sign-in').click();
  await page.locator('.ph-field__error').waitFor();
});

view('milik saya, signed in', async (page) => {
  const inbox = process.env.PENTAHELIX_MAIL_INBOX;
  assert.ok(inbox, 'PENTAHELIX_MAIL_INBOX must name the mail catcher');
  const email = `a11y.signed.${Date.now()}@contoh.id`;
  await page.getByTestId('tab-mine').click();
  await page.getByLabel('Alamat email').fill(email);
  await page.getByTestId('send-code').click();
  let code;
  for (let attempt = 0; attempt < 100 && !code; attempt++) {
    const mails = await (await fetch(`${inbox}email`)).json();
    code = mails.find((m) => m.to.some((to) => to.address === email))?.subject.match(/(\d{6})$/)[1];
    if (!code) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await page.getByLabel('Kode 6 angka dari email').fill(code);
  await page.getByTestId('sign-in').click();
  await page.getByTestId('mail-settings').waitFor();
});
