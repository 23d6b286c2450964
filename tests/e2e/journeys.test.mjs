// User journeys in a real browser: headless Chromium (Debian's) driven by playwright-core,
// against the real server with a fresh SQLite file and the demo data, started by
// `cargo xtask test`, which passes its address in PENTAHELIX_URL. Each journey asserts what a
// person sees. On failure a screenshot and the console log are saved and their paths printed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch } from './chromium.mjs';

const URL = process.env.PENTAHELIX_URL;
const ARTIFACTS = process.env.PENTAHELIX_E2E_ARTIFACTS ?? '/tmp/pentahelix-e2e';
// Titles unique to this run, so a rerun against the same database finds its own records.
const RUN = Date.now().toString(36);
let browser;

before(async () => {
  assert.ok(URL, 'PENTAHELIX_URL must name the running server');
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launch();
});

after(async () => { await browser?.close(); });

const open = new Map();

/** A fresh browser profile (its own localStorage) whose console is recorded. */
async function person(t, name, viewport = { width: 1000, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const log = [];
  page.on('console', (m) => log.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => log.push(`pageerror: ${e.message}`));
  if (!open.has(t)) open.set(t, []);
  open.get(t).push({ name, page, context, log });
  await page.goto(URL);
  // The widget's own tab, not the first page the loader paints before the wasm arrives
  // (first_page.test.mjs shows what a person can do with that one).
  await page.locator('pentahelix-widget .ph-app:not([data-painted])').getByTestId('tab-initiatives').waitFor();
  return page;
}

/** A journey: when it fails, every page it opened leaves a screenshot and its console log. */
function journey(title, body) {
  test(title, async (t) => {
    try {
      await body(t);
    } catch (error) {
      for (const { name, page, log } of open.get(t) ?? []) {
        const base = join(ARTIFACTS, `${title.replace(/\W+/g, '-').slice(0, 60)}-${name}`);
        await page.screenshot({ path: `${base}.png`, fullPage: true }).catch(() => {});
        writeFileSync(`${base}.log`, log.join('\n'));
        console.log(`artifacts: ${base}.png ${base}.log`);
      }
      throw error;
    } finally {
      for (const { context } of open.get(t) ?? []) await context.close();
    }
  });
}

const LABELS = {
  id: { title: 'Judul', description: 'Deskripsi', culinary: 'Kuliner', kecamatan: 'Kecamatan', support: 'Dukungan', name: 'Nama', email: 'Email', consent: /Saya setuju/ },
  en: { title: 'Title', description: 'Description', culinary: 'Culinary', kecamatan: 'Kecamatan', support: 'Support', name: 'Name', email: 'Email', consent: /I agree/ },
};

async function proposeForm(page, { title, kecamatan = '32.73.02', email = 'ani@contoh.id', lang = 'id' }) {
  const l = LABELS[lang];
  await page.getByTestId('tab-propose').click();
  // The list stays in the page (hidden) with its own "Kecamatan": the form's fields are its own.
  const form = page.getByTestId('propose-form');
  await form.getByLabel(l.title, { exact: true }).fill(title);
  await form.getByLabel(l.description, { exact: true }).fill('Pameran dan lokakarya kopi lokal untuk warga dan UMKM di sekitar kecamatan.');
  await form.getByLabel(l.culinary, { exact: true }).check();
  await form.getByLabel(l.kecamatan, { exact: true }).selectOption(kecamatan);
  await form.getByLabel(l.support, { exact: true }).selectOption('venue');
  await form.getByLabel(l.name, { exact: true }).fill('Ani Rahmawati');
  await form.getByLabel(l.email, { exact: true }).fill(email);
  await form.getByLabel(l.consent).check();
}

/** What has the keyboard focus, through the widget's shadow root: its test id, label or text. */
function focusedName(page) {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return (el?.getAttribute('data-testid') || el?.labels?.[0]?.textContent || el?.textContent || '').trim();
  });
}

async function openInitiative(page, title, search = 'Cari') {
  await page.getByTestId('tab-initiatives').click();
  await page.getByLabel(search, { exact: true }).fill(title);
  await page.getByRole('button', { name: search, exact: true }).click();
  await page.getByRole('button', { name: title, exact: true }).click();
  await page.getByTestId('detail-title').filter({ hasText: title }).waitFor();
}

journey('a citizen proposes, fixes the field the widget points at, and gets a private link', async (t) => {
  const page = await person(t, 'citizen');
  await proposeForm(page, { title: 'Kopi' });
  await page.getByTestId('submit').click();
  await page.getByText('Terlalu pendek: tulis minimal 8 karakter.').waitFor();
  assert.equal(await page.getByLabel('Judul', { exact: true }).getAttribute('aria-invalid'), 'true');

  await page.getByLabel('Judul', { exact: true }).fill(`Festival Kopi Coblong ${RUN}`);
  await page.getByTestId('submit').click();
  await page.getByTestId('sent').waitFor();
  const link = await page.getByTestId('manage-link').inputValue();
  assert.match(link, /#pentahelix-manage=initiative\.\d+\.phm_[0-9a-f]{64}$/);

  // This browser holds the manage token, so the owner's controls appear; an edit is saved.
  await page.getByRole('button', { name: 'Lihat', exact: true }).click();
  await page.getByTestId('edit').click();
  const title = page.locator('.ph-panel').getByLabel('Judul', { exact: true });
  await title.fill(`Festival Kopi Coblong ${RUN} (diperbarui)`);
  await page.getByRole('button', { name: 'Simpan perubahan' }).click();
  await page.getByTestId('detail-title').filter({ hasText: '(diperbarui)' }).waitFor();
});

journey('the private link makes another browser the manager, and leaves no token in its address bar', async (t) => {
  const title = `Pasar Kreatif Kecamatan Bojongloa Kidul ${RUN}`;
  const phone = await person(t, 'phone');
  await proposeForm(phone, { title });
  await phone.getByTestId('submit').click();
  await phone.getByTestId('sent').waitFor();
  const link = await phone.getByTestId('manage-link').inputValue();

  // A laptop that never saw the proposal: a visitor there gets no owner's controls.
  const laptop = await person(t, 'laptop');
  await openInitiative(laptop, title);
  assert.equal(await laptop.getByTestId('edit').count(), 0, 'a stranger cannot edit');
  // The link opened in a new tab of that browser, as a person would from a chat.
  const tab = await laptop.context().newPage();
  await tab.goto(link);
  await tab.getByTestId('detail-title').filter({ hasText: title }).waitFor();
  assert.ok(!tab.url().includes('phm_'), `the token left the address bar: ${tab.url()}`);
  await tab.getByTestId('edit').click();
  const field = tab.locator('.ph-panel').getByLabel('Judul', { exact: true });
  await field.fill(`${title} (dari laptop)`);
  await tab.getByRole('button', { name: 'Simpan perubahan' }).click();
  await tab.getByTestId('detail-title').filter({ hasText: '(dari laptop)' }).waitFor();
  // Still its manager after a reload, with the link gone from the address.
  await tab.reload();
  await tab.getByTestId('tab-initiatives').waitFor();
  await openInitiative(tab, `${title} (dari laptop)`);
  await tab.getByTestId('edit').waitFor();
});

journey('a citizen asks for three kinds of support from three helices, then edits the list', async (t) => {
  const title = `Galeri Kriya dan Kuliner Kecamatan Bojongloa Kaler ${RUN}`;
  const page = await person(t, 'citizen');
  await proposeForm(page, { title });
  const add = page.getByTestId('add-need');
  assert.equal((await add.textContent()).trim(), '+ Tambah kebutuhan', 'the button shows its label, not code');
  const need = (n) => page.getByRole('group', { name: `Kebutuhan ${n}`, exact: true });
  // One need at the start, and it cannot be removed: the form needs at least one.
  assert.equal(await need(1).getByRole('button', { name: 'Hapus Kebutuhan 1' }).isDisabled(), true);
  await need(1).getByLabel('Dari heliks (opsional)').selectOption('business');
  await add.click();
  await need(2).getByLabel('Dukungan', { exact: true }).selectOption('mentoring');
  await need(2).getByLabel('Dari heliks (opsional)').selectOption('academia');
  // Typed key by key, as on a phone: the field keeps the focus for the whole note.
  await need(2).getByLabel('Catatan').pressSequentially('Pelatihan foto produk');
  assert.equal(await need(2).getByLabel('Catatan').inputValue(), 'Pelatihan foto produk');
  await add.click();
  await need(3).getByLabel('Dukungan', { exact: true }).selectOption('publicity');
  await need(3).getByLabel('Dari heliks (opsional)').selectOption('media');
  await page.getByTestId('submit').click();
  await page.getByTestId('sent').waitFor();

  await page.getByRole('button', { name: 'Lihat', exact: true }).click();
  await page.getByTestId('detail-title').filter({ hasText: title }).waitFor();
  // The owner is not invited to support their own initiative.
  assert.equal((await page.getByTestId('no-pledges').textContent()).trim(), 'Belum ada dukungan. Mitra yang cocok tercantum di bawah.');
  assert.equal(await page.getByTestId('offer').count(), 0, 'no offer form for the owner');
  const needs = () => page.locator('.ph-needs li').allInnerTexts();
  const shown = await needs();
  assert.equal(shown.length, 3, shown.join(' | '));
  assert.match(shown[0], /Tempat dan ruang \(dari Bisnis\)/);
  assert.match(shown[1], /Pendampingan dan pelatihan \(dari Akademisi\)[\s\S]*Pelatihan foto produk/);
  assert.match(shown[2], /Publikasi \(dari Media\)/);

  // The owner adds a fourth need and removes the first: the rows below move up with their values.
  await page.getByTestId('edit').click();
  await page.getByText('Warga melihat perubahan setelah Anda menekan “Simpan perubahan”.').waitFor();
  await page.getByTestId('add-need').click();
  await need(4).getByLabel('Dukungan', { exact: true }).selectOption('equipment');
  await need(1).getByRole('button', { name: 'Hapus Kebutuhan 1' }).click();
  assert.equal(await need(1).getByLabel('Dukungan', { exact: true }).inputValue(), 'mentoring');
  assert.equal(await need(1).getByLabel('Catatan').inputValue(), 'Pelatihan foto produk');
  assert.equal(await need(3).getByLabel('Dukungan', { exact: true }).inputValue(), 'equipment');
  assert.equal(await need(4).count(), 0);
  await page.getByRole('button', { name: 'Simpan perubahan' }).click();
  await need(1).waitFor({ state: 'detached' });
  assert.equal((await page.getByTestId('changes-saved').textContent()).trim(), 'Perubahan tersimpan.');
  await page.locator('.ph-needs li', { hasText: 'Peralatan' }).waitFor();
  const edited = await needs();
  assert.equal(edited.length, 3, edited.join(' | '));
  assert.match(edited[0], /Pendampingan dan pelatihan/);
  assert.match(edited[1], /Publikasi/);
  assert.match(edited[2], /Peralatan/);
  assert.ok(!edited.join(' ').includes('Tempat dan ruang'), edited.join(' | '));
});

journey('a business offers its venue, the owner accepts, and only the two see each other', async (t) => {
  const title = `Bazar Kuliner Gang ${RUN}`;
  const owner = await person(t, 'owner');
  await proposeForm(owner, { title, email: 'owner.e2e@contoh.id' });
  await owner.getByTestId('submit').click();
  await owner.getByTestId('sent').waitFor();

  const business = await person(t, 'business');
  await business.getByTestId('tab-partners').click();
  await business.getByTestId('partners-mine').click();
  const form = business.getByTestId('profile-form');
  await form.getByLabel('Nama organisasi atau pribadi').fill('Kedai Ruang Temu E2E');
  await form.getByLabel('Bisnis', { exact: true }).check();
  await form.getByLabel('Wilayah (kota atau kecamatan)').selectOption('32.73.02');
  await form.getByLabel('Tempat dan ruang', { exact: true }).check();
  await form.getByLabel('Kuliner', { exact: true }).check();
  await form.getByLabel('Deskripsi', { exact: true }).fill('Kedai dengan ruang acara untuk 60 orang, terbuka untuk komunitas.');
  await form.getByLabel('Nama', { exact: true }).fill('Budi Santoso');
  await form.getByLabel('Telepon/WhatsApp').fill('0812-0000-7777');
  await form.getByLabel(/Saya setuju/).check();
  await form.getByRole('button', { name: 'Simpan profil' }).click();
  await business.getByTestId('opportunities').waitFor();

  await openInitiative(business, title);
  await business.getByLabel('Pesan untuk pengusul').fill('Ruang kami bisa dipakai gratis di akhir pekan.');
  await business.getByRole('button', { name: 'Kirim tawaran' }).click();
  await business.getByText('Tawaran terkirim.').waitFor();

  await openInitiative(owner, title);
  await owner.getByRole('button', { name: 'Terima', exact: true }).click();
  await owner.getByTestId('counterpart-contact').filter({ hasText: '0812-0000-7777' }).waitFor();
  // The coverage pentagon gains the business helix, and says so to screen readers.
  await owner.locator('.ph-detail__header svg[role=img][aria-label*="Bisnis"]').waitFor();

  await business.reload();
  await openInitiative(business, title);
  await business.getByTestId('contact').filter({ hasText: 'owner.e2e@contoh.id' }).waitFor();

  const stranger = await person(t, 'stranger');
  await openInitiative(stranger, title);
  await stranger.getByTestId('pledges').waitFor();
  assert.equal(await stranger.getByTestId('contact').count(), 0);
  assert.equal(await stranger.getByTestId('counterpart-contact').count(), 0);
  assert.equal(await stranger.getByText('owner.e2e@contoh.id').count(), 0);
});

journey('a verified partner that renames itself is told why its badge went', async (t) => {
  const bandung = process.env.PENTAHELIX_ADMIN_BANDUNG;
  assert.ok(bandung, 'admin tokens come from cargo xtask test');
  const name = `Sanggar Tari Tradisional Cicadas Berkarya ${RUN}`;
  const partner = await person(t, 'partner');
  await partner.getByTestId('tab-partners').click();
  await partner.getByTestId('partners-mine').click();
  const form = partner.getByTestId('profile-form');
  await form.getByLabel('Nama organisasi atau pribadi').fill(name);
  await form.getByLabel('Komunitas', { exact: true }).check();
  await form.getByLabel('Wilayah (kota atau kecamatan)').selectOption('32.73.02');
  await form.getByLabel('Pendampingan dan pelatihan', { exact: true }).check();
  await form.getByLabel('Seni pertunjukan', { exact: true }).check();
  await form.getByLabel('Deskripsi', { exact: true }).fill('Sanggar tari yang melatih anak dan remaja setiap akhir pekan.');
  await form.getByLabel('Nama', { exact: true }).fill('Dewi Lestari');
  await form.getByLabel('Telepon/WhatsApp').fill('0812-0000-8888');
  await form.getByLabel(/Saya setuju/).check();
  await form.getByRole('button', { name: 'Simpan profil' }).click();
  await partner.getByTestId('opportunities').waitFor();
  const list = await (await fetch(`${URL}api/v1/stakeholders?region=32.73&q=${encodeURIComponent('Cicadas Berkarya')}`)).json();
  const id = list.items.find((s) => s.name === name).id;
  const verified = await fetch(`${URL}api/v1/moderation/stakeholders/${id}/verify`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${bandung}` },
    body: JSON.stringify({ verified: true }),
  });
  assert.equal(verified.status, 200);

  await partner.reload();
  await partner.getByTestId('tab-partners').click();
  await partner.getByTestId('verified-badge').waitFor();
  await partner.getByRole('button', { name: 'Ubah profil' }).click();
  const edit = partner.getByTestId('profile-form');
  const field = edit.getByLabel('Nama organisasi atau pribadi');
  // The form fills itself from the stored profile first.
  for (let tries = 0; (await field.inputValue()) !== name; tries += 1) {
    assert.ok(tries < 100, 'the profile loads into the form');
    await partner.waitForTimeout(50);
  }
  await field.fill('Dinas Kebudayaan dan Pariwisata Kota Bandung');
  await edit.getByRole('button', { name: 'Simpan profil' }).click();
  const told = partner.getByTestId('unverified');
  await told.waitFor();
  assert.match(await told.textContent(), /Tanda terverifikasi dilepas karena nama, heliks, wilayah, atau situs web berubah/);
  await partner.getByTestId('verified-badge').waitFor({ state: 'detached' });
  const after = await (await fetch(`${URL}api/v1/stakeholders/${id}`)).json();
  assert.equal(after.verified, false);
});

/** Signs an invited official in under Milik saya with the mailed code, and opens the workspace. */
async function signInOfficial(page, email) {
  await page.getByTestId('tab-mine').click();
  await page.getByLabel('Alamat email').fill(email);
  await page.getByTestId('send-code').click();
  await page.getByTestId('code-sent').filter({ hasText: email }).waitFor();
  const code = await codeFor(email, /^Kode masuk Pentahelix: \d{6}$/);
  await page.getByLabel('Kode 6 angka dari email').fill(code);
  await page.getByTestId('sign-in').click();
  await page.getByTestId('signed-in-as').filter({ hasText: email }).waitFor();
  await page.getByTestId('tab-admin').click();
  await page.getByTestId('official-as').filter({ hasText: email }).waitFor();
}

journey('an invited official works a report from the queue: opens the record, hides it with a reason the owner receives, restores it; the trail names her; another city\'s official sees none of it', async (t) => {
  const bandung = process.env.PENTAHELIX_OFFICIAL_BANDUNG;
  const depok = process.env.PENTAHELIX_OFFICIAL_DEPOK;
  assert.ok(bandung && depok, 'officials are invited by cargo xtask test');
  // A citizen's initiative in Cibeunying Kidul; three people report it (one of them twice), which
  // hides it until an official looks.
  const title = `Pasar Kreatif Warga Kecamatan Cibeunying Kidul ${RUN}`;
  const ownerEmail = `pemilik.pasar.${RUN}@contoh.id`;
  const created = await fetch(`${URL}api/v1/initiatives`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      title, description: 'Pasar kriya dan kuliner warga setiap Minggu pagi di lapangan kecamatan.',
      region: '32.73.14', subsectors: ['kriya', 'kuliner'], needs: [{ resource: 'venue' }, { resource: 'publicity' }],
      contact: { person: 'Dewi Anggraini Kusumawardhani', email: ownerEmail }, contact_consent: true,
    }),
  });
  const answer = await created.text();
  assert.equal(created.status, 201, answer);
  const id = JSON.parse(answer).record.id;
  for (const [ip, category, reason] of [
    ['203.0.113.21', 'spam', 'Iklan pinjaman online, bukan kegiatan warga.'],
    ['203.0.113.22', 'spam', ''],
    ['203.0.113.22', 'spam', 'Masih iklan.'],
    ['203.0.113.23', 'misleading', 'Lapangannya tidak ada di alamat itu.'],
  ]) {
    const reply = await fetch(`${URL}api/v1/reports`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
      body: JSON.stringify({ target: 'initiative', id, category, reason }),
    });
    assert.equal(reply.status, 202);
  }
  assert.equal((await fetch(`${URL}api/v1/initiatives/${id}`)).status, 404, 'hidden from the public');

  const page = await person(t, 'moderator');
  await signInOfficial(page, bandung);
  await page.getByTestId('official-as').filter({ hasText: 'moderator untuk Kota Bandung' }).waitFor();
  assert.equal(await page.getByTestId('verify').count(), 0, 'verifying partners is for managers');
  const queue = page.getByTestId('queue');
  await queue.getByLabel('Kecamatan', { exact: true }).selectOption('32.73.14');
  const item = queue.getByTestId('queue-item').filter({ hasText: title });
  // One entry for the record, however many reports: how many people, and why, in Indonesian.
  await item.getByText('3 pelapor').waitFor();
  assert.equal(await item.getByText('Iklan atau spam').count(), 2);
  await item.getByText('Palsu atau menyesatkan').waitFor();
  await item.getByText('Lapangannya tidak ada di alamat itu.').waitFor();

  // The title opens the record, hidden as it is, with the official's actions.
  await item.getByRole('button', { name: title }).click();
  await page.getByTestId('detail-title').filter({ hasText: title }).waitFor();
  const actions = page.getByTestId('official-actions');
  await actions.getByTestId('decide-hide').click();
  const reasonField = actions.getByLabel(/Alasan untuk pemilik/);
  assert.equal(await reasonField.evaluate((el) => el.getRootNode().activeElement === el), true, 'the reason field takes the focus');
  assert.equal(await reasonField.getAttribute('required'), '', 'a reason is required to hide');
  const reason = 'Isinya iklan pinjaman online, bukan kegiatan warga. Silakan ganti deskripsinya.';
  await reasonField.fill(reason);
  await actions.getByTestId('confirm-decision').click();
  await actions.getByTestId('decide-restore').waitFor();

  // The owner's mailbox: the decision and the official's reason.
  const told = await mailTo(ownerEmail, /disembunyikan oleh petugas kota/);
  assert.ok(told.text.includes(reason), told.text);

  // Back in the workspace it waits among the hidden; restored from there, with a reason.
  await page.getByTestId('tab-admin').click();
  await queue.getByLabel('Tampilkan', { exact: true }).selectOption('hidden');
  const hidden = queue.getByTestId('queue-item').filter({ hasText: title });
  await hidden.getByTestId('decide-restore').click();
  await hidden.getByLabel(/Alasan untuk pemilik/).fill('Pemilik sudah menjelaskan: ini pasar warga, bukan iklan.');
  await hidden.getByTestId('confirm-decision').click();
  await page.getByTestId('decided').filter({ hasText: `Anda menampilkan lagi “${title}”.` }).waitFor();
  await hidden.waitFor({ state: 'detached' });
  await mailTo(ownerEmail, /tampil lagi/);
  assert.equal((await fetch(`${URL}api/v1/initiatives/${id}`)).status, 200, 'public again');

  // An official's edit: the owner's own form, with a reason the owner is told.
  await openInitiative(page, title);
  await page.getByTestId('official-actions').getByTestId('official-edit').click();
  const fixed = 'Pasar kriya dan kuliner warga setiap Minggu pagi. Informasi lewat pengurus RW 05.';
  await page.getByLabel('Deskripsi', { exact: true }).fill(fixed);
  await page.getByLabel('Alasan untuk pemilik', { exact: true }).fill('Nomor telepon pribadi dihapus dari deskripsi.');
  await page.getByTestId('submit').click();
  await page.locator('.ph-detail__description').filter({ hasText: fixed }).waitFor();
  const changed = await mailTo(ownerEmail, /Petugas kota mengubah/);
  assert.ok(changed.text.includes('Nomor telepon pribadi dihapus dari deskripsi.'), changed.text);
  await page.getByTestId('tab-admin').click();

  // The audit trail names her for both, newest first; filtered to hiding, the reason shows.
  const trail = page.getByTestId('audit');
  const entries = trail.getByTestId('audit-entry').filter({ hasText: title });
  await entries.filter({ hasText: `${bandung} mengubah` }).filter({ hasText: 'Yang diubah: deskripsi' }).waitFor();
  await entries.filter({ hasText: `${bandung} menampilkan lagi` }).waitFor();
  await entries.filter({ hasText: `${bandung} menyembunyikan` }).waitFor();
  await trail.getByLabel('Tampilkan', { exact: true }).selectOption('hide');
  await entries.filter({ hasText: 'menampilkan lagi' }).waitFor({ state: 'detached' });
  await entries.filter({ hasText: `Alasan: ${reason}` }).waitFor();
  await trail.getByTestId('audit-export').click();
  const csv = decodeURIComponent((await trail.getByTestId('audit-csv-link').getAttribute('href')).split(',').slice(1).join(','));
  assert.match(csv, /^\uFEFFid,at,actor,action,target/);
  assert.ok(csv.includes(`${bandung},restore,initiative,${id}`), csv.slice(0, 400));

  // Another city's official: none of it in her queue or trail, no actions on Bandung's record.
  const other = await person(t, 'other-city');
  await signInOfficial(other, depok);
  await other.locator('[data-testid=queue-empty], [data-testid=queue-item]').first().waitFor();
  assert.equal(await other.getByTestId('queue-item').filter({ hasText: title }).count(), 0);
  assert.equal(await other.getByTestId('audit-entry').filter({ hasText: title }).count(), 0);
  await openInitiative(other, title);
  await other.getByTestId('matches').waitFor();
  assert.equal(await other.getByTestId('official-actions').count(), 0);
});

journey('a hub manager verifies the right one of two partners with one name, undoes a slip, sets a flagship product, makes the embed code and exports', async (t) => {
  const bandung = process.env.PENTAHELIX_MANAGER_BANDUNG;
  const depokAdmin = process.env.PENTAHELIX_ADMIN_DEPOK;
  assert.ok(bandung && depokAdmin, 'officials and tokens come from cargo xtask test');
  const name = `Sanggar Seni Sunda Giri Harja ${RUN}`;
  const ids = [];
  for (const [region, description] of [
    ['32.73.02', 'Sanggar wayang golek dan degung yang melatih anak-anak Coblong sejak 1985.'],
    ['32.73.07', 'Akun lain dengan nama yang sama, dibuat tanpa izin sanggar.'],
  ]) {
    const reply = await fetch(`${URL}api/v1/stakeholders`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name, helix: 'community', region, subsectors: ['seni-pertunjukan'], offers: ['mentoring'], description,
        contact: { person: 'Ki Dalang Asep Sunandar', email: `sanggar.${region}.${RUN}@contoh.id` }, contact_consent: true,
      }),
    });
    const answer = await reply.text();
    assert.equal(reply.status, 201, answer);
    ids.push(JSON.parse(answer).record.id);
  }

  const page = await person(t, 'verifier');
  await signInOfficial(page, bandung);
  const verify = page.getByTestId('verify');
  await verify.getByLabel('Cari mitra menurut nama').fill('Giri Harja');
  const candidates = verify.getByTestId('verify-candidate');
  await candidates.nth(1).waitFor();
  assert.equal(await candidates.count(), 2, 'both partners of that name show, told apart by place');
  const coblong = candidates.filter({ hasText: 'Coblong' });
  await coblong.getByText('Lihat profil').click();
  await coblong.getByText('sejak 1985').waitFor();
  // A slip: the other one marked first, then undone.
  const other = candidates.filter({ hasNotText: 'Coblong' });
  await other.getByTestId('mark-verified').click();
  await verify.getByTestId('verify-status').filter({ hasText: `${name} kini terverifikasi.` }).waitFor();
  await verify.getByTestId('verify-undo').click();
  await verify.getByTestId('verify-status').filter({ hasText: `${name} tidak lagi terverifikasi.` }).waitFor();
  await coblong.getByTestId('mark-verified').click();
  await coblong.getByTestId('unverify').waitFor();
  const [right, wrong] = await Promise.all(ids.map(async (id) => (await fetch(`${URL}api/v1/stakeholders/${id}`)).json()));
  assert.equal(right.verified, true);
  assert.equal(wrong.verified, false);
  await page.getByTestId('audit-entry').filter({ hasText: `${bandung} melepas verifikasi` }).waitFor();

  // The namesake is reported; the manager reads its profile in the queue and deletes it, and
  // its owner is told why.
  const report = await fetch(`${URL}api/v1/reports`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.50' },
    body: JSON.stringify({ target: 'stakeholder', id: ids[1], category: 'misleading', reason: 'Bukan akun sanggar yang asli.' }),
  });
  assert.equal(report.status, 202);
  const queue = page.getByTestId('queue');
  await queue.getByLabel('Tampilkan', { exact: true }).selectOption('reported');
  const namesake = queue.getByTestId('queue-item').filter({ hasText: name });
  await namesake.getByText('1 pelapor').waitFor();
  await namesake.getByText('Lihat profil').click();
  await namesake.getByText('tanpa izin sanggar').waitFor();
  await namesake.getByTestId('decide-delete').click();
  await namesake.getByLabel(/Alasan untuk pemilik/).fill('Akun ganda yang memakai nama sanggar tanpa izin.');
  await namesake.getByTestId('confirm-decision').click();
  await page.getByTestId('decided').filter({ hasText: `Anda menghapus “${name}”.` }).waitFor();
  assert.equal((await fetch(`${URL}api/v1/stakeholders/${ids[1]}`)).status, 404);
  const gone = await mailTo(`sanggar.32.73.07.${RUN}@contoh.id`, /dihapus/);
  assert.ok(gone.text.includes('Akun ganda yang memakai nama sanggar tanpa izin.'), gone.text);

  // The embed-code generator: the snippet follows the choices, and the preview shows the widget.
  const embed = page.getByTestId('embed-code');
  await embed.getByLabel('Bahasa', { exact: true }).selectOption('en');
  await embed.getByLabel('Tampilan awal').selectOption('dashboard');
  const snippet = await embed.getByTestId('snippet').inputValue();
  assert.match(snippet, /<script type="module" src="http:\/\/127\.0\.0\.1:\d+\/embed\.js"><\/script>/);
  assert.match(snippet, /<pentahelix-widget region="32\.73" view="dashboard" lang="en" theme="#0b6e4f">/);
  const preview = page.frameLocator('[data-testid=embed-preview]');
  await preview.getByTestId('activated').filter({ hasText: 'Kecamatan activated' }).waitFor();
  assert.equal(await preview.getByTestId('tab-admin').count(), 0, 'the preview shows what a visitor sees');
  assert.equal(await page.getByTestId('tab-admin').count(), 1);

  const flagship = page.locator('.ph-panel', { hasText: 'Tetapkan produk unggulan' });
  await flagship.getByLabel('Kecamatan', { exact: true }).selectOption('32.73.06');
  await flagship.getByLabel('Produk', { exact: true }).fill('Kue dan oleh-oleh khas Cicendo');
  await flagship.getByRole('button', { name: 'Simpan', exact: true }).click();
  await page.getByText('Tersimpan.').waitFor();
  const stats = await (await fetch(`${URL}api/v1/stats?city=32.73`)).json();
  assert.ok(stats.flagship_products.some((f) => f.region === '32.73.06' && f.product === 'Kue dan oleh-oleh khas Cicendo'));

  // One workbook for the city's report: a real .xlsx file (a zip) saved from the link.
  await page.getByTestId('export-program.xlsx').click();
  const workbook = page.getByTestId('xlsx-link');
  assert.equal(await workbook.getAttribute('download'), 'program.xlsx');
  const [saved] = await Promise.all([page.waitForEvent('download'), workbook.click()]);
  const bytes = readFileSync(await saved.path());
  assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'an xlsx file is a zip archive');
  await page.getByTestId('export-initiatives.csv').click();
  const csv = decodeURIComponent((await page.getByTestId('csv-link').getAttribute('href')).split(',').slice(1).join(','));
  assert.match(csv, /^\uFEFFid,title,status,region,kecamatan/);

  // Another city's automation token cannot verify Bandung's partners.
  const refused = await fetch(`${URL}api/v1/moderation/stakeholders/${ids[0]}/verify`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${depokAdmin}` },
    body: JSON.stringify({ verified: false }),
  });
  assert.equal(refused.status, 403);
});

journey('the dashboard counts the kecamatan and initiatives the data holds', async (t) => {
  const before = await (await fetch(`${URL}api/v1/stats?city=32.73`)).json();
  const cicendo = (stats) => stats.by_kecamatan.find((c) => c.key === '32.73.06').count;
  // A new initiative in Cicendo, created the way a city system would (through the API).
  const body = {
    title: `Pasar Kue Cicendo ${RUN}`, description: 'Pasar kue tradisional dan kelas membuat kue untuk warga Cicendo.',
    region: '32.73.06', subsectors: ['kuliner'], needs: [{ resource: 'venue' }],
    contact: { person: 'Rina', email: 'rina@contoh.id' }, contact_consent: true,
  };
  const created = await fetch(`${URL}api/v1/initiatives`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  assert.equal(created.status, 201);
  const activated = before.kecamatan_activated + (cicendo(before) === 0 ? 1 : 0);

  const page = await person(t, 'official');
  await page.getByTestId('tab-dashboard').click();
  await page.getByTestId('activated').filter({ hasText: `Kecamatan aktif: ${activated} dari 30` }).waitFor();
  const row = page.locator('.ph-bars__row', { hasText: 'Cicendo' });
  assert.equal((await row.locator('.ph-bars__value').textContent()).trim(), String(cicendo(before) + 1));
  await page.getByTestId('cities').waitFor();

  // What the program achieved this month, for the city and for one kecamatan, as the API says.
  const achieved = await (await fetch(`${URL}api/v1/stats/achievements?city=32.73`)).json();
  const thisMonth = achieved.rows.filter((r) => !r.kecamatan).pop();
  assert.ok(thisMonth, 'the demo data offered support this month');
  const table = page.getByTestId('achievements');
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'];
  const [year, month] = thisMonth.month.split('-');
  const first = table.locator('tbody tr').first();
  await first.locator('th').filter({ hasText: `${months[Number(month) - 1]} ${year}` }).waitFor();
  const business = `${thisMonth.offered.business} / ${thisMonth.accepted.business}`;
  assert.equal((await first.locator('td').nth(2).textContent()).trim(), business);
  const kecamatan = achieved.rows.find((r) => r.kecamatan)?.kecamatan;
  await table.getByLabel('Kecamatan', { exact: true }).selectOption(kecamatan);
  const there = achieved.rows.filter((r) => r.kecamatan === kecamatan).pop();
  await table.locator('tbody tr').first().locator('td').nth(2)
    .filter({ hasText: `${there.offered.business} / ${there.accepted.business}` }).waitFor();
});

journey('the same proposal journey in English after switching language', async (t) => {
  const page = await person(t, 'visitor');
  await page.getByTestId('lang-switch').click();
  await page.getByTestId('tab-propose').filter({ hasText: 'Propose' }).waitFor();
  await proposeForm(page, { title: 'Kopi', lang: 'en' });
  await page.getByTestId('submit').click();
  await page.getByText('Too short: write at least 8 characters.').waitFor();
  await page.getByLabel('Title', { exact: true }).fill(`Coffee Festival ${RUN}`);
  await page.getByTestId('submit').click();
  await page.getByText('Proposal sent!').waitFor();
  assert.match(await page.getByTestId('manage-link').inputValue(), /#pentahelix-manage=initiative\./);
});

journey('a proposal sent while the network is down survives a reload and is created once', async (t) => {
  const title = `Kelas Batik Offline ${RUN}`;
  const page = await person(t, 'offline-citizen');
  await proposeForm(page, { title, kecamatan: '32.73.11' });
  await page.context().setOffline(true);
  await page.getByTestId('submit').click();
  await page.getByTestId('form-error').filter({ hasText: 'Tidak dapat terhubung' }).waitFor({ timeout: 15000 });
  await page.context().setOffline(false);

  // The draft, and its Idempotency-Key, come back after a reload.
  await page.reload();
  await page.getByTestId('tab-propose').click();
  assert.equal(await page.getByLabel('Judul', { exact: true }).inputValue(), title);
  await page.getByTestId('submit').click();
  await page.getByTestId('sent').waitFor();

  const found = await (await fetch(`${URL}api/v1/initiatives?q=${encodeURIComponent(title)}`)).json();
  assert.equal(found.items.filter((i) => i.title === title).length, 1, 'exactly one initiative');
});

journey('a proposal whose answers were lost, then changed and sent again, is created once with the new title and stays the citizen\'s', async (t) => {
  const title = `Kelas Tenun Ikat Terowongan Cicaheum ${RUN}`;
  const changed = `${title} untuk Remaja`;
  const page = await person(t, 'tunnel-citizen');
  await proposeForm(page, { title, kecamatan: '32.73.11' });
  // Every attempt reaches the server, which makes the initiative, and every answer is lost on
  // the way back: a train entering a tunnel.
  let arrived = 0;
  await page.route('**/api/v1/initiatives', async (route) => {
    if (route.request().method() !== 'POST') return route.fallback();
    await route.fetch();
    arrived += 1;
    return route.abort('connectionreset');
  });
  await page.getByTestId('submit').click();
  await page.getByTestId('form-error').filter({ hasText: 'Tidak dapat terhubung' }).waitFor({ timeout: 15000 });
  assert.ok(arrived >= 1, 'the proposal reached the server');
  await page.unroute('**/api/v1/initiatives');

  // Out of the tunnel, the citizen improves the title and sends again.
  await page.getByLabel('Judul', { exact: true }).fill(changed);
  await page.getByTestId('submit').click();
  await page.getByTestId('sent').waitFor();
  assert.equal(await page.getByTestId('sent-outdated').count(), 0, 'nothing to apologise for');

  const found = await (await fetch(`${URL}api/v1/initiatives?q=${encodeURIComponent(title)}`)).json();
  assert.deepEqual(found.items.map((i) => i.title), [changed], 'one initiative, with the new title');
  // It is theirs: its page offers the owner's edit.
  await page.getByTestId('sent').getByRole('button', { name: 'Lihat', exact: true }).click();
  await page.getByTestId('detail-title').filter({ hasText: changed }).waitFor();
  await page.getByTestId('edit').waitFor();
});

journey('a partner whose registration answers were lost, then renamed, is registered once and keeps its profile', async (t) => {
  const name = `Sanggar Tari Jaipong Cibeunying Kidul ${RUN}`;
  const renamed = `${name} dan Kawan-kawan`;
  const page = await person(t, 'tunnel-partner');
  await page.getByTestId('tab-partners').click();
  await page.getByTestId('partners-mine').click();
  const form = page.getByTestId('profile-form');
  await form.getByLabel('Nama organisasi atau pribadi').fill(name);
  await form.getByLabel('Komunitas', { exact: true }).check();
  await form.getByLabel('Wilayah (kota atau kecamatan)').selectOption({ label: 'Cibeunying Kidul' });
  await form.getByLabel('Relawan dan talenta', { exact: true }).check();
  await form.getByLabel('Seni pertunjukan', { exact: true }).check();
  await form.getByLabel('Deskripsi', { exact: true }).fill('Sanggar tari tradisional yang melatih anak dan remaja setiap akhir pekan.');
  await form.getByLabel('Nama', { exact: true }).fill('Euis Komalasari');
  await form.getByLabel('Telepon/WhatsApp').fill('0812-0000-8888');
  await form.getByLabel(/Saya setuju/).check();
  await page.route('**/api/v1/stakeholders', async (route) => {
    if (route.request().method() !== 'POST') return route.fallback();
    await route.fetch();
    return route.abort('connectionreset');
  });
  await form.getByRole('button', { name: 'Simpan profil' }).click();
  await page.getByTestId('form-error').filter({ hasText: 'Tidak dapat terhubung' }).waitFor({ timeout: 15000 });
  await page.unroute('**/api/v1/stakeholders');

  await form.getByLabel('Nama organisasi atau pribadi').fill(renamed);
  await form.getByRole('button', { name: 'Simpan profil' }).click();
  await page.getByTestId('opportunities').waitFor();
  const found = await (await fetch(`${URL}api/v1/stakeholders?q=${encodeURIComponent(name)}`)).json();
  assert.deepEqual(found.items.map((s) => s.name), [renamed], 'one profile, with the new name');
});

journey('keyboard only: a proposal from the first Tab to the private link', async (t) => {
  const title = `Festival Angklung Keyboard ${RUN}`;
  const page = await person(t, 'keyboard-citizen');
  const focused = () => page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return (el?.getAttribute('data-testid') || el?.labels?.[0]?.textContent || el?.textContent || '').trim();
  });
  // Presses Tab until the focused control's name matches: the route a keyboard user takes.
  const tabTo = async (name, max = 40) => {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      if (name.test(await focused())) return;
    }
    assert.fail(`Tab never reached ${name} (stuck at "${await focused()}")`);
  };
  await page.locator('body').click({ position: { x: 1, y: 1 } });
  await tabTo(/^lang-switch$/, 3);
  await tabTo(/^tab-propose$/, 3);
  await page.keyboard.press('Enter');
  await page.getByTestId('propose-form').waitFor();
  // The view's heading takes the focus: a screen reader says where the person is, and the next
  // Tab goes into the form.
  await page.waitForFunction(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el?.textContent?.trim() === 'Usulkan inisiatif';
  });

  await tabTo(/^Judul$/);
  await page.keyboard.type(title);
  await tabTo(/^Deskripsi$/, 2);
  await page.keyboard.type('Pertunjukan dan lokakarya angklung untuk anak-anak dan orang tua di Regol.');
  await tabTo(/^Kuliner$/);
  await page.keyboard.press('Space');
  await tabTo(/^Kecamatan$/);
  await page.keyboard.press('ArrowDown');
  await tabTo(/^Dukungan$/);
  await page.keyboard.press('ArrowDown');
  await tabTo(/^Nama$/);
  await page.keyboard.type('Dewi Lestari');
  await tabTo(/^Email$/, 2);
  await page.keyboard.type('dewi@contoh.id');
  await tabTo(/^Saya setuju/);
  await page.keyboard.press('Space');
  await tabTo(/^submit$/);
  await page.keyboard.press('Enter');
  await page.getByTestId('sent').waitFor();
  assert.match(await page.getByTestId('manage-link').inputValue(), /#pentahelix-manage=initiative\./);
});

// ---- Sign-in by email and notifications, through the real mail catcher `cargo xtask test`
// starts (MailDev): its JSON API at PENTAHELIX_MAIL_INBOX is what a person's mailbox shows.

const INBOX = process.env.PENTAHELIX_MAIL_INBOX;

/** The newest mail to `address` whose subject matches, waiting for it to arrive. */
async function mailTo(address, subject) {
  assert.ok(INBOX, 'PENTAHELIX_MAIL_INBOX must name the mail catcher');
  for (let attempt = 0; attempt < 150; attempt++) {
    const mails = await (await fetch(`${INBOX}email`)).json();
    const found = mails
      .filter((m) => m.to.some((to) => to.address.toLowerCase() === address.toLowerCase()))
      .filter((m) => subject.test(m.subject))
      .pop();
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no mail to ${address} with a subject like ${subject}`);
}

/** The code of the newest sign-in mail to `address`, as a person copies it from the subject. */
async function codeFor(address, subject) {
  const mail = await mailTo(address, subject);
  return mail.subject.match(/(\d{6})$/)[1];
}

const MAIL_JOURNEY = {
  id: {
    phone: 'Telepon/WhatsApp', orgName: 'Nama organisasi atau pribadi', business: 'Bisnis',
    area: 'Wilayah (kota atau kecamatan)', venue: 'Tempat dan ruang', culinary: 'Kuliner',
    description: 'Deskripsi', person: 'Nama', consent: /Saya setuju/, save: 'Simpan profil',
    search: 'Cari', offerMessage: 'Pesan untuk pengusul', sendOffer: 'Kirim tawaran', offerSent: 'Tawaran terkirim.',
    offeredSubject: /menawarkan dukungan/, codeSubject: /^Kode masuk Pentahelix: \d{6}$/,
    email: 'Alamat email', code: 'Kode 6 angka dari email', wrongCode: 'Kode salah atau sudah tidak berlaku.',
    acceptedSubject: /diterima/, open: 'Buka', stop: 'Ya, berhenti',
    stopped: /Selesai\. Anda tidak akan menerima email tentang tawaran baru lagi/,
  },
  en: {
    phone: 'Phone/WhatsApp', orgName: 'Organisation or person', business: 'Business',
    area: 'Area (city or kecamatan)', venue: 'Venue and space', culinary: 'Culinary',
    description: 'Description', person: 'Name', consent: /I agree/, save: 'Save the profile',
    search: 'Search', offerMessage: 'Message to the proposer', sendOffer: 'Send the offer', offerSent: 'Offer sent.',
    offeredSubject: /offers support/, codeSubject: /^Your Pentahelix sign-in code: \d{6}$/,
    email: 'Email address', code: 'The 6-digit code from the email', wrongCode: 'The code is wrong or no longer valid.',
    acceptedSubject: /was accepted/, open: 'Open', stop: 'Yes, stop them',
    stopped: /Done\. You will get no more emails about new offers/,
  },
};

async function inLanguage(page, lang) {
  if (lang === 'en') await page.getByTestId('lang-switch').click();
  return page;
}

for (const lang of ['id', 'en']) {
  const w = MAIL_JOURNEY[lang];
  journey(`(${lang}) an owner hears of an offer by mail, signs in on another browser with the mailed code, accepts, and the partner gets the contact and a WhatsApp link`, async (t) => {
    const title = `Lokakarya Batik Tulis Kecamatan Cibeunying Kaler ${lang} ${RUN}`;
    const ownerEmail = `siti.${lang}.${RUN}@contoh.id`;
    const partnerEmail = `kedai.${lang}.${RUN}@contoh.id`;
    const owner = await inLanguage(await person(t, 'owner-phone'), lang);
    await proposeForm(owner, { title, email: ownerEmail, lang });
    await owner.getByLabel(w.phone).fill('0812-3456-7890');
    await owner.getByTestId('submit').click();
    await owner.getByTestId('sent').waitFor();

    const business = await inLanguage(await person(t, 'business'), lang);
    await business.getByTestId('tab-partners').click();
    await business.getByTestId('partners-mine').click();
    const form = business.getByTestId('profile-form');
    await form.getByLabel(w.orgName).fill(`Koperasi Kriya Nusantara Sejahtera Bersama ${lang} ${RUN}`);
    await form.getByLabel(w.business, { exact: true }).check();
    await form.getByLabel(w.area).selectOption('32.73.02');
    await form.getByLabel(w.venue, { exact: true }).check();
    await form.getByLabel(w.culinary, { exact: true }).check();
    await form.getByLabel(w.description, { exact: true }).fill('Koperasi perajin dengan ruang kerja bersama untuk 40 orang di Cibeunying.');
    await form.getByLabel(w.person, { exact: true }).fill('Budi Santoso');
    await form.getByLabel('Email', { exact: true }).fill(partnerEmail);
    await form.getByLabel(w.consent).check();
    await form.getByRole('button', { name: w.save }).click();
    await business.getByTestId('opportunities').waitFor();
    await openInitiative(business, title, w.search);
    await business.getByLabel(w.offerMessage).fill('Ruang kerja kami bisa dipakai gratis setiap Sabtu.');
    await business.getByRole('button', { name: w.sendOffer }).click();
    await business.getByText(w.offerSent, { exact: false }).waitFor();

    // The owner's mailbox: the offer, in her language, with a one-click unsubscribe.
    const offered = await mailTo(ownerEmail, w.offeredSubject);
    assert.match(offered.text, /Ruang kerja kami bisa dipakai gratis setiap Sabtu\./);
    assert.match(offered.headers['list-unsubscribe'], /^<http:\/\/127\.0\.0\.1:\d+\/mail\/unsubscribe\?token=/);

    // Her laptop: a browser that never saw the proposal.
    const laptop = await inLanguage(await person(t, 'owner-laptop'), lang);
    await laptop.getByTestId('tab-mine').click();
    await laptop.getByLabel(w.email).fill(ownerEmail);
    await laptop.getByTestId('send-code').click();
    await laptop.getByTestId('code-sent').filter({ hasText: ownerEmail }).waitFor();
    const code = await codeFor(ownerEmail, w.codeSubject);
    const wrong = String((Number(code) + 1) % 1000000).padStart(6, '0');
    await laptop.getByLabel(w.code).fill(wrong);
    await laptop.getByTestId('sign-in').click();
    await laptop.getByText(w.wrongCode, { exact: false }).waitFor();
    assert.equal(await laptop.getByLabel(w.code).getAttribute('aria-invalid'), 'true');
    await laptop.getByLabel(w.code).fill(code);
    await laptop.getByTestId('sign-in').click();
    await laptop.getByTestId('signed-in-as').filter({ hasText: ownerEmail }).waitFor();
    await laptop.getByTestId('my-initiatives').getByText(title).waitFor();
    const offer = laptop.getByTestId('offer-to-answer');
    await offer.filter({ hasText: 'Koperasi Kriya Nusantara' }).waitFor();
    await offer.getByTestId('accept-offer').click();
    await laptop.getByTestId('no-offers').waitFor();

    // The partner's mailbox: the acceptance with the owner's contact and a WhatsApp link.
    const accepted = await mailTo(partnerEmail, w.acceptedSubject);
    assert.match(accepted.text, /Ani Rahmawati/);
    assert.match(accepted.text, new RegExp(ownerEmail.replace(/\./g, '\\.')));
    assert.match(accepted.html, /href="https:\/\/wa\.me\/6281234567890"/);

    // The session manages the initiative everywhere in the widget, not just in Milik saya.
    await laptop.getByTestId('my-initiatives').getByRole('button', { name: w.open }).click();
    await laptop.getByTestId('edit').waitFor();

    // The unsubscribe link of the offer mail asks, then stops that kind of mail.
    const unsubscribe = offered.text.match(/(http:\/\/\S+\/mail\/unsubscribe\?token=\S+)/)[1];
    const mailbox = await laptop.context().newPage();
    await mailbox.goto(unsubscribe);
    await mailbox.getByRole('button', { name: w.stop }).click();
    await mailbox.getByText(w.stopped).waitFor();
    await mailbox.close();
    await laptop.getByTestId('tab-mine').click();
    const offers = laptop.getByTestId('notify-pledge_offered');
    await offers.waitFor();
    assert.equal(await offers.isChecked(), false);
    // Settings: that kind back on, the weekly digest on, mails in the other language; saved.
    await offers.check();
    await laptop.getByTestId('notify-weekly_digest').check();
    await laptop.getByTestId('mail-lang').selectOption(lang === 'id' ? 'en' : 'id');
    await laptop.getByTestId('save-mail-settings').click();
    await laptop.getByTestId('mail-settings-saved').waitFor();

    // Signing out everywhere ends this session too.
    await laptop.getByTestId('sign-out-everywhere').click();
    await laptop.getByTestId('send-code').waitFor();
  });
}

journey('on a 320 px phone in English: sign in, another address, a new code, and sign out', async (t) => {
  const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  open.set(t, [{ name: 'phone', page, context, log: [] }]);
  await page.goto(URL);
  await page.getByTestId('lang-switch').click();
  await page.getByTestId('tab-mine').click();
  await page.getByText('Sign in with the email address you gave as a contact', { exact: false }).waitFor();
  const first = `typo.${RUN}@contoh.id`;
  const email = `jane.${RUN}@example.org`;
  await page.getByLabel('Email address').fill('not an address');
  await page.getByTestId('send-code').click();
  await page.getByText('Not a valid email address', { exact: false }).waitFor();
  await page.getByLabel('Email address').fill(first);
  await page.getByTestId('send-code').click();
  await page.getByTestId('code-sent').filter({ hasText: first }).waitFor();
  await page.getByTestId('other-address').click();
  await page.getByLabel('Email address').fill(email);
  await page.getByTestId('send-code').click();
  await page.getByTestId('code-sent').filter({ hasText: email }).waitFor();
  await mailTo(email, /^Your Pentahelix sign-in code: \d{6}$/);
  // A new code within the minute is refused with the reason.
  await page.getByTestId('send-new-code').click();
  await page.getByText('A new code can be asked for one minute after the last one.').waitFor();
  const code = await codeFor(email, /^Your Pentahelix sign-in code: \d{6}$/);
  await page.getByLabel('The 6-digit code from the email').fill(code);
  await page.getByTestId('sign-in').click();
  await page.getByTestId('signed-in-as').filter({ hasText: email }).waitFor();
  await page.getByText('Nothing has this email address as its contact yet.').waitFor();
  // Nothing wider than the screen.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(overflow <= 320, `the page is ${overflow} px wide on a 320 px screen`);
  await page.getByTestId('sign-out').click();
  await page.getByTestId('send-code').waitFor();
});

journey('on a 360 px phone the 10th card opens at its title, Back returns to that card, and the browser walks the views', async (t) => {
  const page = await person(t, 'phone-citizen', { width: 360, height: 740 });
  const cards = page.getByTestId('initiative-list').locator('li');
  await cards.nth(9).waitFor();
  const link = cards.nth(9).getByRole('button');
  const title = (await link.textContent()).trim();
  // By keyboard: the focus scrolls the card into sight, Enter opens it.
  await link.focus();
  const before = await link.boundingBox();
  await page.keyboard.press('Enter');
  const heading = page.getByTestId('detail-title');
  await heading.filter({ hasText: title }).waitFor();
  await page.waitForFunction(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el?.getAttribute('data-testid') === 'detail-title';
  });
  const box = await heading.boundingBox();
  assert.ok(box.y >= 0 && box.y + box.height <= 740, `the title is on the screen (top at ${box.y} px)`);
  // The next Tab starts below the title, not at the report link at the bottom.
  await page.keyboard.press('Tab');
  assert.doesNotMatch(await focusedName(page), /Laporkan/);

  // "Kembali ke daftar" puts the card back where it was, with the focus on it.
  await page.getByRole('button', { name: /Kembali ke daftar/ }).click();
  await page.waitForFunction((name) => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el?.textContent?.trim() === name;
  }, title);
  const after = await link.boundingBox();
  assert.ok(Math.abs(after.y - before.y) <= 2, `the card is where it was (${before.y} → ${after.y} px)`);

  // Back and Forward walk exactly the views that were shown.
  await page.goBack();
  await heading.filter({ hasText: title }).waitFor();
  await page.goBack();
  await heading.waitFor({ state: 'hidden' });
  assert.ok(await cards.nth(9).isVisible(), 'the first Back from the first opened initiative shows the list');
  await page.goForward();
  await heading.filter({ hasText: title }).waitFor();

  // "Tambahkan ke kalender" saves this event alone, not the kecamatan's.
  await openInitiative(page, 'Mural Partisipatif Gang Antapani');
  const calendar = page.getByTestId('calendar-link');
  const id = page.url().match(/initiative\/(\d+)/)[1];
  const href = await calendar.getAttribute('href');
  assert.match(href, new RegExp(`/api/v1/initiatives/${id}/event\\.ics$`));
  const ics = await (await fetch(href)).text();
  assert.equal(ics.split('BEGIN:VEVENT').length - 1, 1, 'one event');
  assert.ok(ics.includes(`UID:initiative-${id}@pentahelix`));
  assert.ok(ics.includes('SUMMARY:Mural Partisipatif Gang Antapani'));

  // "Bagikan": a WhatsApp message with the title and the share page's link, which shows a
  // preview card in chat apps and sends a browser on to this page, opened at this initiative.
  const shared = `${URL}share/initiatives/${id}?page=${encodeURIComponent(URL)}`;
  const whatsapp = await page.getByTestId('share-whatsapp').getAttribute('href');
  assert.ok(whatsapp.startsWith('https://wa.me/?text='), whatsapp);
  assert.equal(decodeURIComponent(whatsapp.slice('https://wa.me/?text='.length)), `Mural Partisipatif Gang Antapani\n${shared}`);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new globalThis.URL(URL).origin });
  await page.getByTestId('copy-link').click();
  await page.getByTestId('share').getByText('Tautan tersalin.').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), shared);
  const card = await (await fetch(shared)).text();
  assert.match(card, /<meta property="og:title" content="Mural Partisipatif Gang Antapani">/);
  const image = card.match(/<meta property="og:image" content="([^"]+)">/)[1];
  const picture = await fetch(image);
  assert.equal(picture.headers.get('content-type'), 'image/png');
  assert.ok((await picture.arrayBuffer()).byteLength > 1000, 'the pentagon is drawn');
  await page.goto(shared);
  await page.getByTestId('detail-title').filter({ hasText: 'Mural Partisipatif Gang Antapani' }).waitFor();
  assert.equal(page.url(), `${URL}#pentahelix/initiative/${id}`);
});

journey('on a 320 px phone the tabs fit one row, filters wait behind "Saring" with their count and a clear-all, every control is a 44 px target, and the language chosen stays', async (t) => {
  const page = await person(t, 'small-phone', { width: 320, height: 640 });
  const cards = page.getByTestId('initiative-list').locator('li');
  await cards.first().waitFor();
  const layout = () => page.evaluate(() => {
    const root = document.querySelector('pentahelix-widget').shadowRoot;
    const nav = root.querySelector('.ph-tabs');
    // The row may scroll sideways: its last tab must come fully into sight.
    nav.scrollLeft = nav.scrollWidth;
    const tabs = [...root.querySelectorAll('.ph-tabs__tab')].map((el) => el.getBoundingClientRect());
    const last = tabs[tabs.length - 1];
    const end = nav.getBoundingClientRect().right;
    nav.scrollLeft = 0;
    const small = [...root.querySelectorAll('button, select, input, summary, a')]
      .filter((el) => el.getClientRects().length > 0 && !el.closest('p, dd, li.ph-need'))
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.height < 44 || box.width < 44)
      .map(({ el, box }) => `${el.tagName} "${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 30)}" ${Math.round(box.width)}×${Math.round(box.height)}`);
    return {
      rows: new Set(tabs.map((b) => Math.round(b.top))).size,
      overlaps: tabs.slice(1).filter((b, i) => b.left < tabs[i].right - 0.5).length,
      lastCut: last.right - end,
      pageWidth: document.documentElement.scrollWidth,
      small,
    };
  });
  for (const lang of ['id', 'en']) {
    const measured = await layout();
    assert.equal(measured.rows, 1, `(${lang}) the tabs sit on one row`);
    assert.equal(measured.overlaps, 0, `(${lang}) no tab label runs into the next`);
    assert.ok(measured.lastCut <= 0.5, `(${lang}) the last tab scrolls fully into sight (${measured.lastCut} px cut)`);
    assert.ok(measured.pageWidth <= 320, `(${lang}) the page is ${measured.pageWidth} px wide`);
    assert.deepEqual(measured.small, [], `(${lang}) touch targets under 44 px`);
    if (lang === 'id') await page.getByTestId('lang-switch').click();
  }
  await page.getByTestId('lang-switch').click();

  // The first screen shows initiatives, not filters.
  const toggle = page.getByTestId('filters-toggle');
  const subsector = page.getByLabel('Subsektor', { exact: true });
  assert.equal(await subsector.isVisible(), false, 'the filters are folded away');
  assert.ok((await cards.first().boundingBox()).y < 640, 'the first card is on the first screen');
  assert.equal((await toggle.textContent()).trim(), 'Saring');
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  await subsector.selectOption('kuliner');
  await page.getByLabel('Status', { exact: true }).selectOption('open');
  await toggle.filter({ hasText: '2 aktif' }).waitFor();
  const kecamatan = page.getByLabel('Kecamatan', { exact: true });
  const wide = await kecamatan.boundingBox();
  const panel = await page.getByTestId('filters').boundingBox();
  assert.ok(wide.width >= panel.width - 1, `the kecamatan select takes the row (${wide.width} of ${panel.width} px): its names are not cut`);
  await page.getByTestId('filters-clear').click();
  await toggle.filter({ hasText: /^Saring$/ }).waitFor();
  assert.equal(await subsector.inputValue(), '');

  // A search that finds nothing offers to clear it, and clearing brings the list back.
  await page.getByLabel('Cari', { exact: true }).fill('zzzz tidak ada yang seperti ini');
  await page.getByRole('button', { name: 'Cari', exact: true }).click();
  const empty = page.getByTestId('empty');
  await empty.waitFor();
  assert.match(await empty.textContent(), /Coba hapus saringan/);
  await page.getByTestId('empty-clear').click();
  await cards.first().waitFor();
  assert.equal(await page.getByLabel('Cari', { exact: true }).inputValue(), '');

  // The language chosen outlasts a reload.
  await page.getByTestId('lang-switch').click();
  await page.getByTestId('tab-initiatives').filter({ hasText: 'Initiatives' }).waitFor();
  await page.reload();
  await page.getByTestId('tab-initiatives').filter({ hasText: 'Initiatives' }).waitFor();
  assert.equal((await page.getByTestId('filters-toggle').textContent()).trim(), 'Filters');
});

journey('every view, in both languages, shows words and never code or a catalogue key', async (t) => {
  const page = await person(t, 'guard');
  const code = /move \||::|=>|\.update\(|\b[a-z]+(?:_[a-z]+)+\b|\{[a-z_]+\}/;
  const visible = () => page.evaluate(() => document.querySelector('pentahelix-widget').shadowRoot.querySelector('.ph-app').innerText);
  const check = async (where) => {
    const text = await visible();
    const found = text.match(code);
    assert.equal(found, null, `${where}: "${found?.[0]}" in ${JSON.stringify(text.slice(Math.max(0, (found?.index ?? 0) - 60), (found?.index ?? 0) + 60))}`);
  };
  for (const lang of ['id', 'en']) {
    if (lang === 'en') await page.getByTestId('lang-switch').click();
    await page.getByTestId('tab-initiatives').click();
    await page.getByTestId('initiative-list').locator('li').first().waitFor();
    await page.getByTestId('filters-toggle').click().catch(() => {});
    await check(`${lang} list`);
    await page.getByTestId('initiative-list').locator('li').first().getByRole('button').click();
    await page.getByTestId('matches').waitFor();
    await page.locator('.ph-report summary').click();
    await check(`${lang} initiative`);
    await page.getByTestId('tab-propose').click();
    await page.getByTestId('submit').click();
    await page.getByTestId('form-error').waitFor();
    await check(`${lang} propose, with every error`);
    await page.getByTestId('tab-partners').click();
    await page.getByTestId('directory').locator('li').first().waitFor();
    await check(`${lang} partner directory`);
    await page.getByTestId('directory').locator('.ph-partner-name').first().click();
    await page.getByTestId('partner-offers').waitFor();
    await check(`${lang} a partner's page`);
    await page.getByTestId('tab-partners').click();
    await page.getByTestId('partners-mine').click();
    await page.getByTestId('profile-form').waitFor();
    await check(`${lang} partners`);
    await page.getByTestId('tab-dashboard').click();
    await page.getByTestId('achievements').locator('tbody tr').first().waitFor();
    await check(`${lang} dashboard`);
    await page.getByTestId('tab-mine').click();
    await page.getByTestId('send-code').waitFor();
    await check(`${lang} mine`);
    await page.evaluate(() => { location.hash = '#pentahelix/admin'; });
    await page.getByTestId('workspace-sign-in').waitFor();
    await check(`${lang} admin`);
  }
});

journey('a citizen looks a suggested partner up: from the matches to its page and back, then the directory with its filters', async (t) => {
  const bandung = process.env.PENTAHELIX_ADMIN_BANDUNG;
  const academic = 'Pusat Studi Ekonomi Kreatif, Universitas Sukasari Nusantara';
  const found = await (await fetch(`${URL}api/v1/stakeholders?region=32.73&q=${encodeURIComponent('Pusat Studi Ekonomi Kreatif')}`)).json();
  const id = found.items.find((s) => s.name === academic).id;
  const verified = await fetch(`${URL}api/v1/moderation/stakeholders/${id}/verify`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${bandung}` },
    body: JSON.stringify({ verified: true }),
  });
  assert.equal(verified.status, 200);

  const page = await person(t, 'citizen');
  await openInitiative(page, 'Mural Partisipatif Gang Antapani');
  const suggested = page.getByTestId('matches').locator('.ph-partner-name').first();
  const name = (await suggested.textContent()).trim();
  await suggested.click();
  const heading = page.getByTestId('partner-name');
  await heading.filter({ hasText: name }).waitFor();
  assert.match(page.url(), /#pentahelix\/partner\/\d+$/);
  assert.notEqual((await page.getByTestId('partner-offers').textContent()).trim(), '');
  assert.equal(await focusedName(page), 'partner-name', "the page's heading takes the focus");
  await page.getByTestId('partner-page').getByRole('button', { name: '← Kembali' }).click();
  await page.getByTestId('detail-title').filter({ hasText: 'Mural Partisipatif Gang Antapani' }).waitFor();

  // The directory: helix and "verified only" narrow it; the page lists what the partner supports.
  await page.getByTestId('tab-partners').click();
  const directory = page.getByTestId('directory');
  await directory.locator('li').first().waitFor();
  const before = await directory.locator('li').count();
  await page.getByLabel('Heliks', { exact: true }).selectOption('academia');
  await page.getByText('Hanya yang terverifikasi').click();
  await directory.locator('li', { hasText: academic }).waitFor();
  await page.waitForFunction(() => {
    const root = document.querySelector('pentahelix-widget').shadowRoot;
    const rows = [...root.querySelectorAll('[data-testid=directory] li')];
    return rows.length > 0 && rows.every((li) => li.querySelector('[data-testid=verified-badge]') && li.textContent.includes('Akademisi'));
  });
  assert.ok((await directory.locator('li').count()) < before, 'the filters narrow the list');
  await directory.locator('li', { hasText: academic }).locator('.ph-partner-name').click();
  await heading.filter({ hasText: academic }).waitFor();
  await page.getByTestId('verified-badge').first().waitFor();
  const supports = page.getByTestId('partner-supports').locator('li');
  await supports.first().waitFor();
  assert.equal(await supports.count(), 3, 'the three initiatives that accepted its support');
  await page.getByTestId('partner-page').getByRole('button', { name: '← Kembali' }).click();
  await directory.locator('li').first().waitFor();

  // A search that finds nobody offers to clear the filters.
  const search = page.getByRole('search', { name: 'Direktori mitra' });
  await search.getByLabel('Cari', { exact: true }).fill('tidak ada mitra seperti ini');
  await search.getByRole('button', { name: 'Cari', exact: true }).click();
  await page.getByTestId('directory-empty').waitFor();
  await page.getByTestId('directory-empty').getByRole('button').click();
  await directory.locator('li').first().waitFor();
});

journey('while proposing, an initiative like it is offered to join instead, and the draft waits', async (t) => {
  const page = await person(t, 'citizen');
  await page.getByTestId('tab-propose').click();
  const title = page.getByTestId('propose-form').getByLabel('Judul', { exact: true });
  await title.fill('Mural partisipatif di gang kampung');
  const similar = page.getByTestId('similar');
  const link = similar.getByRole('link', { name: 'Mural Partisipatif Gang Antapani' });
  await link.waitFor();
  assert.match(await similar.textContent(), /Sudah ada yang mirip — bergabung saja\?/);
  assert.match(await similar.textContent(), /Antapani · Berjalan/);
  await link.click();
  await page.getByTestId('detail-title').filter({ hasText: 'Mural Partisipatif Gang Antapani' }).waitFor();
  await page.getByTestId('tab-propose').click();
  assert.equal(await title.inputValue(), 'Mural partisipatif di gang kampung', 'the draft is still there');
  // A title like nothing open shows no panel.
  await title.fill('Lomba layang-layang raksasa');
  await page.waitForTimeout(1500);
  assert.equal(await similar.count(), 0);
});

journey('an owner invites a suggested partner, who is mailed, sees the invitation on a phone, opens the initiative and declines', async (t) => {
  const title = `Siaran Festival Kuliner Gang Coblong ${RUN}`;
  const partnerName = `Radio Komunitas Suara Warga Cibeunying Kaler ${RUN}`;
  const partnerEmail = `radio.${RUN}@contoh.id`;
  const partner = await person(t, 'partner-phone', { width: 360, height: 780 });
  await partner.getByTestId('tab-partners').click();
  await partner.getByTestId('partners-mine').click();
  const form = partner.getByTestId('profile-form');
  await form.getByLabel('Nama organisasi atau pribadi').fill(partnerName);
  await form.getByLabel('Media', { exact: true }).check();
  await form.getByLabel('Wilayah (kota atau kecamatan)').selectOption('32.73.02');
  await form.getByLabel('Publikasi', { exact: true }).check();
  await form.getByLabel('Kuliner', { exact: true }).check();
  await form.getByLabel('Deskripsi', { exact: true }).fill('Radio komunitas yang menyiarkan kegiatan warga setiap pagi.');
  await form.getByLabel('Nama', { exact: true }).fill('Sari Wulandari');
  await form.getByLabel('Email', { exact: true }).fill(partnerEmail);
  await form.getByLabel(/Saya setuju/).check();
  await form.getByRole('button', { name: 'Simpan profil' }).click();
  await partner.getByTestId('no-invitations').waitFor();

  const owner = await person(t, 'owner', { width: 1280, height: 900 });
  await proposeForm(owner, { title, email: `owner.${RUN}@contoh.id` });
  await owner.getByTestId('propose-form').getByLabel('Dukungan', { exact: true }).selectOption('publicity');
  await owner.getByTestId('submit').click();
  await owner.getByTestId('sent').waitFor();
  await owner.getByRole('button', { name: 'Lihat', exact: true }).click();
  await owner.getByText('Undang mitra yang cocok').waitFor();
  const row = owner.getByTestId('matches').locator('li.ph-match', { hasText: partnerName });
  await row.getByRole('button', { name: `Undang ${partnerName}` }).click();
  await row.getByTestId('invited').filter({ hasText: 'Diundang' }).waitFor();
  assert.equal(await row.getByTestId('invite').count(), 0, 'the button gives way to its result');
  // The invitation is the server's: after a reload the partner still shows as invited.
  await owner.reload();
  await openInitiative(owner, title);
  await owner.getByTestId('matches').locator('li.ph-match', { hasText: partnerName }).getByTestId('invited').waitFor();

  const mail = await mailTo(partnerEmail, /diundang mendukung/);
  assert.match(mail.text, /Publikasi|publikasi/, 'the mail names what the initiative needs');
  assert.match(mail.text, /#pentahelix\/initiative\/\d+/, 'and links to it');

  await partner.reload();
  await partner.getByTestId('tab-partners').click();
  const invitation = partner.getByTestId('invitation').filter({ hasText: title });
  await invitation.getByTestId('invitation-status').filter({ hasText: 'Menunggu jawaban Anda' }).waitFor();
  await invitation.getByTestId('invitation-open').click();
  await partner.getByTestId('detail-title').filter({ hasText: title }).waitFor();
  await partner.getByTestId('tab-partners').click();
  await invitation.getByTestId('invitation-decline').click();
  await invitation.getByTestId('invitation-status').filter({ hasText: 'Anda menolak' }).waitFor();
  assert.equal(await invitation.getByTestId('invitation-decline').count(), 0, 'a declined invitation asks nothing more');
  const width = await partner.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `the long names do not widen the phone's page (${width} px)`);
});

journey('a widget embedded for Kota Semarang, outside the seed cities, names its kecamatan in its filters, its form, its cards and an initiative\'s page', async (t) => {
  const page = await person(t, 'semarang', { width: 360, height: 740 });
  // The host page's own script points the widget at another city this server serves.
  await page.evaluate(() => document.querySelector('pentahelix-widget').setAttribute('region', '33.74'));
  await page.getByTestId('filters-toggle').click();
  const filter = page.getByTestId('filters').getByLabel('Kecamatan', { exact: true });
  await filter.locator('option', { hasText: 'Tembalang' }).waitFor({ state: 'attached' });
  const names = (await filter.locator('option').allTextContents()).map((n) => n.trim());
  assert.equal(names.length, 17, `every kecamatan of Semarang and "all": ${names}`);
  assert.ok(names.includes('Semarang Tengah') && names.includes('Tugu'));
  assert.ok(!names.includes('Coblong'), 'no kecamatan of Bandung');

  const title = `Festival Lumpia Tembalang ${RUN}`;
  await proposeForm(page, { title, kecamatan: '33.74.10', email: 'sri.lestari@contoh.id' });
  const chosen = page.getByTestId('propose-form').getByLabel('Kecamatan', { exact: true });
  assert.equal(await chosen.locator('option:checked').textContent(), 'Tembalang');
  await page.getByTestId('submit').click();
  await page.getByTestId('sent').waitFor();

  await page.getByTestId('tab-initiatives').click();
  await filter.selectOption({ label: 'Tembalang' });
  const card = page.getByTestId('initiative-list').locator('li', { hasText: title });
  await card.waitFor();
  assert.match(await card.locator('.ph-card__meta').textContent(), /^Tembalang · /);
  await card.getByRole('button', { name: title }).click();
  const detail = page.getByTestId('detail-title');
  await detail.filter({ hasText: title }).waitFor();
  assert.match(await detail.locator('xpath=following-sibling::p').textContent(), /^Tembalang · /);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(overflow <= 360, `the page is ${overflow} px wide on a 360 px screen`);
});
