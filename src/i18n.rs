//! The widget's own words, in Bahasa Indonesia and English, side by side in one table: a string
//! cannot exist in one language only (the macro needs both), and a translator sees each pair in
//! context. Labels of the taxonomies, statuses and validation messages live in `pentahelix-core`
//! beside the things they name.

use pentahelix_core::Lang;

macro_rules! messages {
    ($($name:ident: $id:literal, $en:literal;)+) => {
        pub struct Messages {
            $(pub $name: &'static str,)+
        }
        pub const ID: Messages = Messages { $($name: $id,)+ };
        pub const EN: Messages = Messages { $($name: $en,)+ };
    };
}

messages! {
    app_name: "Pentahelix", "Pentahelix";
    tagline: "Kolaborasi pemerintah, akademisi, bisnis, komunitas, dan media untuk ekonomi kreatif kota.", "Government, academia, business, community and media collaborating on a city's creative economy.";
    switch_language: "English", "Bahasa Indonesia";
    switch_language_label: "Switch to English", "Ganti ke Bahasa Indonesia";
    sections: "Bagian", "Sections";
    tab_initiatives: "Inisiatif", "Initiatives";
    tab_propose: "Usulkan", "Propose";
    tab_partners: "Mitra", "Partners";
    tab_dashboard: "Dasbor", "Dashboard";
    tab_admin: "Admin", "Admin";
    loading: "Memuat…", "Loading…";
    retry: "Coba lagi", "Try again";
    error_network: "Tidak dapat terhubung ke server. Periksa koneksi Anda, lalu coba lagi.", "Cannot reach the server. Check your connection and try again.";
    error_unreadable: "Jawaban server tidak dapat dibaca. Muat ulang halaman.", "The server's answer could not be read. Reload the page.";
    filters: "Saring inisiatif", "Filter initiatives";
    filter_kecamatan: "Kecamatan", "Kecamatan";
    all_kecamatan: "Semua kecamatan", "All kecamatan";
    filter_subsector: "Subsektor", "Subsector";
    all_subsectors: "Semua subsektor", "All subsectors";
    filter_resource: "Kebutuhan", "Needs";
    all_resources: "Semua kebutuhan", "Any need";
    filter_status: "Status", "Status";
    all_statuses: "Terbuka, berjalan, selesai", "Open, active, completed";
    search: "Cari", "Search";
    search_placeholder: "Judul atau deskripsi…", "Title or description…";
    load_more: "Muat lebih banyak", "Load more";
    empty_title: "Belum ada inisiatif yang cocok.", "No matching initiatives yet.";
    empty_invite: "Punya ide untuk kecamatan Anda? Usulkan inisiatif pertama.", "Have an idea for your kecamatan? Propose the first initiative.";
    propose_cta: "Usulkan inisiatif", "Propose an initiative";
    needs: "Kebutuhan", "Needs";
    need: "Kebutuhan", "Need";
    no_date: "Tanggal belum ditentukan", "No date yet";
    back: "Kembali ke daftar", "Back to the list";
    need_fulfilled: "terpenuhi", "covered";
    need_open: "dicari", "wanted";
    from_helix: "dari", "from";
    place: "Tempat", "Place";
    when: "Waktu", "When";
    coverage: "Keterlibatan heliks", "Helix coverage";
    pledges: "Dukungan", "Support";
    no_pledges: "Belum ada dukungan. Jadilah yang pertama!", "No support yet. Be the first!";
    pledge_pending: "menunggu jawaban", "awaiting an answer";
    pledge_accepted: "diterima", "accepted";
    pledge_declined: "ditolak", "declined";
    pledge_withdrawn: "ditarik", "withdrawn";
    contact: "Kontak", "Contact";
    matches: "Calon mitra yang cocok", "Partners who could help";
    scope: "Cari di", "Look in";
    scope_kecamatan: "kecamatan ini", "this kecamatan";
    scope_city: "kota ini", "this city";
    scope_province: "provinsi ini", "this province";
    scope_network: "semua kota jaringan", "every city of the network";
    no_matches: "Belum ada yang cocok di wilayah ini. Coba perluas pencarian.", "Nobody matches in this area yet. Try looking further.";
    points: "poin", "points";
    coalition: "Usulan tim", "Suggested team";
    coalition_intro: "Tim terkecil yang memenuhi kebutuhan dan melengkapi heliks:", "The smallest team that covers the needs and the helices:";
    coalition_fills: "mengisi", "covers";
    coalition_brings: "membawa heliks", "brings the helix";
    uncovered: "Belum ada yang menawarkan:", "Nobody offers yet:";
    missing_helices: "Heliks yang masih kurang:", "Helices still missing:";
    offer: "Tawarkan dukungan", "Offer support";
    offer_need_profile: "Daftarkan profil mitra Anda dulu untuk menawarkan dukungan.", "Register your partner profile first to offer support.";
    go_partners: "Ke halaman Mitra", "Go to Partners";
    offer_as: "Sebagai", "As";
    offer_resource: "Dukungan yang ditawarkan", "Support offered";
    offer_message: "Pesan untuk pengusul", "Message to the proposer";
    offer_submit: "Kirim tawaran", "Send the offer";
    offer_sent: "Tawaran terkirim. Pengusul akan menjawabnya.", "Offer sent. The proposer will answer it.";
    manage: "Kelola inisiatif Anda", "Manage your initiative";
    accept: "Terima", "Accept";
    decline: "Tolak", "Decline";
    withdraw_pledge: "Tarik tawaran", "Withdraw the offer";
    start: "Mulai berjalan", "Mark as started";
    complete: "Tandai selesai", "Mark as completed";
    withdraw: "Tarik inisiatif", "Withdraw the initiative";
    add_to_calendar: "Tambahkan ke kalender", "Add to calendar";
    report: "Laporkan konten ini", "Report this content";
    report_reason: "Apa masalahnya?", "What is wrong?";
    report_sent: "Terima kasih. Laporan Anda diteruskan ke pengelola.", "Thank you. Your report was passed to the moderators.";
    send: "Kirim", "Send";
    propose_heading: "Usulkan inisiatif", "Propose an initiative";
    edit: "Ubah isi inisiatif", "Edit the initiative";
    edit_heading: "Ubah inisiatif", "Edit the initiative";
    save_changes: "Simpan perubahan", "Save the changes";
    cancel: "Batal", "Cancel";
    propose_intro: "Ceritakan ide Anda. Draf tersimpan otomatis di peramban ini.", "Describe your idea. The draft is saved in this browser as you type.";
    what: "Apa", "What";
    title: "Judul", "Title";
    title_hint: "8–120 karakter, misalnya “Festival Kopi Coblong”.", "8–120 characters, for example “Festival Kopi Coblong”.";
    description: "Deskripsi", "Description";
    description_hint: "Apa yang akan terjadi, untuk siapa, dan mengapa penting.", "What will happen, for whom, and why it matters.";
    where_: "Di mana", "Where";
    kecamatan: "Kecamatan", "Kecamatan";
    choose: "Pilih…", "Choose…";
    place_hint: "Opsional: gedung, taman, atau alamat.", "Optional: a hall, a park or an address.";
    subsectors: "Subsektor (1–5)", "Subsectors (1–5)";
    needs_legend: "Apa yang dibutuhkan, dari siapa", "What is needed, from whom";
    resource: "Dukungan", "Support";
    helix_optional: "Dari heliks (opsional)", "From helix (optional)";
    any_helix: "Heliks mana saja", "Any helix";
    note: "Catatan", "Note";
    add_need: "Tambah kebutuhan", "Add a need";
    remove: "Hapus", "Remove";
    when_legend: "Kapan (opsional)", "When (optional)";
    starts_on: "Mulai", "Starts";
    ends_on: "Selesai", "Ends";
    contact_legend: "Kontak Anda (privat)", "Your contact (private)";
    contact_hint: "Hanya terlihat oleh mitra yang Anda terima dan pengelola kota.", "Only partners you accept and the city's moderators see it.";
    person: "Nama", "Name";
    email: "Email", "Email";
    phone: "Telepon/WhatsApp", "Phone/WhatsApp";
    consent: "Saya setuju kontak ini disimpan dan dibagikan kepada mitra yang saya terima (UU PDP).", "I agree that this contact is stored and shared with partners I accept (Indonesian data protection law).";
    submit_proposal: "Kirim usulan", "Send the proposal";
    submitting: "Mengirim…", "Sending…";
    fix_fields: "Ada yang perlu diperbaiki. Periksa kolom yang ditandai.", "Something needs fixing. Check the marked fields.";
    draft_not_saved: "Draf tidak dapat disimpan di peramban ini; jangan tutup halaman sebelum mengirim.", "The draft cannot be saved in this browser; do not close the page before sending.";
    discard_draft: "Kosongkan formulir", "Clear the form";
    sent_heading: "Usulan terkirim!", "Proposal sent!";
    sent_pending: "Usulan akan tampil setelah disetujui pengelola kota.", "It will appear once the city's moderators approve it.";
    manage_link: "Tautan kelola pribadi", "Private manage link";
    manage_link_hint: "Simpan tautan ini. Siapa pun yang memegangnya dapat mengelola data ini; peramban ini juga mengingatnya.", "Keep this link. Whoever holds it can manage this record; this browser remembers it too.";
    copy: "Salin", "Copy";
    copied: "Tersalin", "Copied";
    view_it: "Lihat", "View it";
    propose_another: "Usulkan yang lain", "Propose another";
    partners_heading: "Mitra", "Partners";
    partners_intro: "Daftarkan apa yang bisa Anda tawarkan, lalu temukan inisiatif dan mitra yang cocok.", "Register what you can offer, then find initiatives and partners that fit.";
    my_profile: "Profil saya", "My profile";
    register_profile: "Daftarkan profil", "Register a profile";
    name: "Nama organisasi atau pribadi", "Organisation or person";
    helix: "Heliks", "Helix";
    area: "Wilayah (kota atau kecamatan)", "Area (city or kecamatan)";
    whole_city: "Seluruh kota", "The whole city";
    offers: "Yang bisa ditawarkan", "What you can offer";
    website: "Situs web (opsional)", "Website (optional)";
    save_profile: "Simpan profil", "Save the profile";
    saved: "Tersimpan.", "Saved.";
    opportunities: "Inisiatif yang membutuhkan Anda", "Initiatives that need you";
    complements: "Mitra yang melengkapi Anda", "Partners who complement you";
    my_pledges: "Tawaran saya", "My offers";
    none_yet: "Belum ada.", "None yet.";
    dashboard_heading: "Dasbor", "Dashboard";
    activated_hint: "Kecamatan dengan minimal satu inisiatif terbuka atau berjalan.", "Kecamatan with at least one open or active initiative.";
    live_initiatives: "Inisiatif aktif", "Live initiatives";
    stakeholders: "Mitra terdaftar", "Registered partners";
    pentahelix_complete: "Pentaheliks lengkap", "Pentahelix-complete";
    per_kecamatan: "Inisiatif per kecamatan", "Initiatives per kecamatan";
    by_helix: "Dukungan diterima per heliks", "Accepted support per helix";
    by_subsector: "Inisiatif per subsektor", "Initiatives per subsector";
    flagships: "Produk unggulan kecamatan", "Kecamatan flagship products";
    upcoming: "Kegiatan mendatang", "Upcoming events";
    cities: "Perbandingan kota jaringan", "The network's cities compared";
    city: "Kota", "City";
    admin_heading: "Admin", "Admin";
    admin_token: "Token admin", "Admin token";
    admin_token_hint: "Dibuat oleh operator server dengan `pentahelix-server admin create-token`.", "Made by the server's operator with `pentahelix-server admin create-token`.";
    use_token: "Gunakan", "Use";
    forget_token: "Lupakan token", "Forget the token";
    queue_proposed: "Menunggu persetujuan", "Awaiting approval";
    queue_hidden: "Disembunyikan", "Hidden";
    queue_reports: "Laporan", "Reports";
    approve: "Setujui", "Approve";
    hide: "Sembunyikan", "Hide";
    verify: "Verifikasi organisasi", "Verify an organisation";
    stakeholder_id: "Nomor mitra", "Partner number";
    verified: "Terverifikasi", "Verified";
    set_verified: "Tandai terverifikasi", "Mark as verified";
    flagship_set: "Tetapkan produk unggulan", "Set a flagship product";
    product: "Produk", "Product";
    save: "Simpan", "Save";
    exports: "Unduh data (CSV)", "Download data (CSV)";
    export_initiatives: "Inisiatif", "Initiatives";
    export_stakeholders: "Mitra", "Partners";
    nothing_to_review: "Tidak ada yang perlu ditinjau.", "Nothing to review.";
    embed_heading: "Kode sematan untuk situs kota", "Embed code for the city's website";
    embed_intro: "Pilih pengaturan, salin kodenya ke situs, dan lihat hasilnya di pratinjau.", "Choose the settings, copy the code into the site, and see the result in the preview.";
    embed_view: "Tampilan awal", "First view";
    embed_lang: "Bahasa", "Language";
    embed_colour: "Warna utama", "Main colour";
    embed_snippet: "Kode untuk situs", "Code for the site";
    embed_frame: "Tanpa skrip (iframe)", "Without scripts (iframe)";
    embed_preview: "Pratinjau", "Preview";
}

pub fn messages(lang: Lang) -> &'static Messages {
    match lang {
        Lang::Id => &ID,
        Lang::En => &EN,
    }
}

/// The sentences that hold numbers or names.
pub fn activated(lang: Lang, n: &str, of: &str) -> String {
    match lang {
        Lang::Id => format!("Kecamatan aktif: {n} dari {of}"),
        Lang::En => format!("Kecamatan activated: {n} of {of}"),
    }
}

pub fn shown(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Id => format!("{n} inisiatif ditampilkan"),
        Lang::En if n == 1 => "1 initiative shown".to_owned(),
        Lang::En => format!("{n} initiatives shown"),
    }
}

pub fn pentagon_label(lang: Lang, covered: &[&str]) -> String {
    match (lang, covered) {
        (Lang::Id, []) => "Belum ada heliks yang terlibat".to_owned(),
        (Lang::En, []) => "No helix involved yet".to_owned(),
        (Lang::Id, all) if all.len() == 5 => {
            "Pentaheliks lengkap: kelima heliks terlibat".to_owned()
        }
        (Lang::En, all) if all.len() == 5 => {
            "Pentahelix complete: all five helices involved".to_owned()
        }
        (Lang::Id, some) => format!("Heliks yang terlibat: {}", some.join(", ")),
        (Lang::En, some) => format!("Helices involved: {}", some.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_fill_every_string() {
        // The macro makes a missing translation a compile error; an empty one is caught here.
        let (id, en) = (messages(Lang::Id), messages(Lang::En));
        for (a, b) in [
            (id.tab_initiatives, en.tab_initiatives),
            (id.consent, en.consent),
            (id.nothing_to_review, en.nothing_to_review),
        ] {
            assert!(!a.is_empty() && !b.is_empty());
        }
        assert_eq!(
            activated(Lang::Id, "28", "30"),
            "Kecamatan aktif: 28 dari 30"
        );
        assert_eq!(shown(Lang::En, 1), "1 initiative shown");
    }

    /// The loader draws the widget's header, tabs and loading state before the wasm arrives,
    /// with its own copy of these words: a changed word here must change there too.
    #[test]
    fn the_loaders_stand_in_speaks_the_widgets_words() {
        let loader = include_str!("../public/embed.js");
        let block = |tag: &str| {
            let start = loader
                .find(&format!("  {tag}: {{"))
                .unwrap_or_else(|| panic!("embed.js has no `{tag}` words"));
            let end = start + loader[start..].find("\n  },").expect("the block ends");
            &loader[start..end]
        };
        for (lang, tag) in [(Lang::Id, "id"), (Lang::En, "en")] {
            let (t, words) = (messages(lang), block(tag));
            for (key, value) in [
                ("app_name", t.app_name),
                ("tagline", t.tagline),
                ("switch_language", t.switch_language),
                ("loading", t.loading),
                ("error_network", t.error_network),
                ("retry", t.retry),
            ] {
                assert!(
                    words.contains(&format!("{key}: {value:?},")),
                    "embed.js's {tag}.{key} is not {value:?}"
                );
            }
            let tabs = [
                t.tab_initiatives,
                t.tab_propose,
                t.tab_partners,
                t.tab_dashboard,
            ];
            let tabs = format!("tabs: {tabs:?},");
            assert!(
                words.contains(&tabs),
                "embed.js's {tag}.tabs are not {tabs}"
            );
        }
    }
}
