//! The mails' words in Bahasa Indonesia.

use crate::words::{Decisions, Mail, Notice};

pub(in crate::words) static MAIL: Mail = Mail {
    code_subject: "Kode masuk Pentahelix: {code}",
    code_body: "Kode masuk Anda: {code}. Kode ini berlaku {minutes} menit dan hanya bisa dipakai sekali.",
    code_ignore: "Jika Anda tidak sedang masuk ke Pentahelix, abaikan email ini: tanpa kode ini tidak ada yang bisa masuk.",
    pledge_offered: Notice {
        subject: "{stakeholder} menawarkan dukungan untuk \u{201c}{initiative}\u{201d}",
        body: "{stakeholder} menawarkan {resource} untuk inisiatif Anda \u{201c}{initiative}\u{201d}. Masuk ke Pentahelix dengan alamat email ini untuk menerima atau menolak tawarannya.",
    },
    pledge_message: "Pesan mereka: \u{201c}{message}\u{201d}",
    pledge_withdrawn: Notice {
        subject: "{stakeholder} menarik tawarannya untuk \u{201c}{initiative}\u{201d}",
        body: "{stakeholder} menarik tawaran {resource} untuk inisiatif Anda \u{201c}{initiative}\u{201d}.",
    },
    pledge_accepted: Notice {
        subject: "Tawaran Anda untuk \u{201c}{initiative}\u{201d} diterima",
        body: "Pemilik inisiatif \u{201c}{initiative}\u{201d} menerima tawaran {resource} Anda. Hubungi mereka untuk mulai bekerja sama:",
    },
    contact_person: "Kontak: {person}",
    contact_email: "Email: {email}",
    contact_phone: "Telepon: {phone}",
    whatsapp: "Chat di WhatsApp",
    pledge_declined: Notice {
        subject: "Tawaran Anda untuk \u{201c}{initiative}\u{201d} tidak diterima",
        body: "Pemilik inisiatif \u{201c}{initiative}\u{201d} tidak menerima tawaran {resource} Anda kali ini. Inisiatif lain mungkin membutuhkannya: lihat yang cocok di Pentahelix.",
    },
    initiative_approved: Notice {
        subject: "\u{201c}{initiative}\u{201d} sudah tampil di Pentahelix",
        body: "Petugas kota menyetujui inisiatif Anda \u{201c}{initiative}\u{201d}: sekarang semua orang bisa melihatnya dan menawarkan dukungan.",
    },
    initiative_hidden: Notice {
        subject: "\u{201c}{initiative}\u{201d} disembunyikan sementara",
        body: "Inisiatif Anda \u{201c}{initiative}\u{201d} disembunyikan sampai petugas kota memeriksanya, karena dilaporkan oleh beberapa orang atau oleh petugas. Anda akan mendapat email jika inisiatif tampil lagi.",
    },
    weekly_digest: Notice {
        subject: "{n} inisiatif baru membutuhkan yang Anda tawarkan",
        body: "Minggu ini ada {n} inisiatif baru di kota Anda yang membutuhkan apa yang Anda tawarkan. Buka Pentahelix untuk menawarkan dukungan:",
    },
    moderation_digest: Notice {
        subject: "{proposed} usulan dan {hidden} inisiatif tersembunyi menunggu Anda",
        body: "Di wilayah Anda, {proposed} usulan menunggu persetujuan dan {hidden} inisiatif disembunyikan sampai diperiksa. Buka tab Admin di Pentahelix untuk memeriksanya.",
    },
    decisions: Decisions {
        approve: Notice {
            subject: "\u{201c}{title}\u{201d} kini tampil di Pentahelix",
            body: "Petugas kota menyetujui \u{201c}{title}\u{201d}: semua orang kini dapat melihatnya dan menawarkan dukungan.",
        },
        reject: Notice {
            subject: "\u{201c}{title}\u{201d} belum disetujui",
            body: "Petugas kota belum menyetujui \u{201c}{title}\u{201d}, sehingga tidak ditampilkan. Anda dapat mengubahnya dan meminta petugas meninjaunya kembali.",
        },
        hide: Notice {
            subject: "\u{201c}{title}\u{201d} disembunyikan oleh petugas kota",
            body: "Petugas kota menyembunyikan \u{201c}{title}\u{201d}: kini tidak ada orang lain yang dapat melihatnya. Anda tetap dapat mengubahnya, dan membalas petugas jika menurut Anda ini keliru.",
        },
        restore: Notice {
            subject: "\u{201c}{title}\u{201d} tampil lagi",
            body: "Petugas kota telah meninjau \u{201c}{title}\u{201d} dan menampilkannya lagi: semua orang dapat melihatnya dan menawarkan dukungan.",
        },
        edit: Notice {
            subject: "Petugas kota mengubah \u{201c}{title}\u{201d}",
            body: "Petugas kota mengubah isi \u{201c}{title}\u{201d}. Buka di Pentahelix untuk melihat isinya sekarang.",
        },
        delete: Notice {
            subject: "\u{201c}{title}\u{201d} dihapus",
            body: "Petugas kota menghapus \u{201c}{title}\u{201d} dari Pentahelix, beserta data pribadi di dalamnya.",
        },
    },
    decision_reason: "Alasan petugas: \u{201c}{reason}\u{201d}",
    official_invited: Notice {
        subject: "Anda diundang ke ruang kerja petugas Pentahelix",
        body: "Anda kini menjadi {role} Pentahelix untuk {regions}. Anda dapat meninjau laporan dan usulan, memverifikasi mitra, dan melihat capaian program.",
    },
    partner_invited: Notice {
        subject: "{stakeholder} diundang mendukung \u{201c}{initiative}\u{201d}",
        body: "Pemilik inisiatif \u{201c}{initiative}\u{201d} melihat {stakeholder} sebagai mitra yang cocok dan mengundang Anda bergabung. Yang dibutuhkan: {needs}. Buka inisiatifnya untuk menawarkan dukungan, atau tolak undangan di Milik saya.",
    },
    invitation_message: "Pesan pemilik: \u{201c}{message}\u{201d}",
    see_initiative: "Lihat inisiatif",
    official_sign_in: "Untuk mulai, buka Pentahelix, pilih Milik saya, lalu masuk dengan {email}: kode akan dikirim ke alamat ini. Setelah itu tab Admin muncul.",
    roles: ["moderator", "pengelola"],
    open_pentahelix: "Buka Pentahelix",
    why: "Anda menerima email ini karena alamat ini tercatat sebagai kontak di Pentahelix.",
    unsubscribe: "Berhenti menerima email jenis ini",
    unsubscribe_title: "Berhenti menerima email",
    unsubscribe_confirm: "Berhenti menerima email {kind} di alamat ini?",
    unsubscribe_button: "Ya, berhenti",
    unsubscribed: "Selesai. Anda tidak akan menerima email {kind} lagi. Anda bisa mengaktifkannya kembali di Milik saya.",
    unsubscribe_invalid: "Tautan ini tidak lengkap atau tidak berlaku. Atur email Anda di Milik saya.",
    share_opening: "Membuka inisiatif ini di halaman kota…",
    kinds: [
        "tentang tawaran baru",
        "tentang tawaran yang ditarik",
        "tentang tawaran yang diterima",
        "tentang tawaran yang tidak diterima",
        "tentang inisiatif yang disetujui",
        "tentang inisiatif yang disembunyikan",
        "ringkasan mingguan inisiatif baru",
        "ringkasan harian antrean moderasi",
        "tentang keputusan petugas kota atas data Anda",
        "undangan ke ruang kerja petugas",
        "tentang undangan untuk mendukung inisiatif",
    ],
};
