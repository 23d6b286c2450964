//! The mails' words in Bahasa Indonesia.

use crate::words::{Mail, Notice};

pub(in crate::words) const MAIL: Mail = Mail {
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
    open_pentahelix: "Buka Pentahelix",
    why: "Anda menerima email ini karena alamat ini tercatat sebagai kontak di Pentahelix.",
    unsubscribe: "Berhenti menerima email jenis ini",
    unsubscribe_title: "Berhenti menerima email",
    unsubscribe_confirm: "Berhenti menerima email {kind} di alamat ini?",
    unsubscribe_button: "Ya, berhenti",
    unsubscribed: "Selesai. Anda tidak akan menerima email {kind} lagi. Anda bisa mengaktifkannya kembali di Milik saya.",
    unsubscribe_invalid: "Tautan ini tidak lengkap atau tidak berlaku. Atur email Anda di Milik saya.",
    kinds: [
        "tentang tawaran baru",
        "tentang tawaran yang ditarik",
        "tentang tawaran yang diterima",
        "tentang tawaran yang tidak diterima",
        "tentang inisiatif yang disetujui",
        "tentang inisiatif yang disembunyikan",
        "ringkasan mingguan inisiatif baru",
        "ringkasan harian antrean moderasi",
    ],
};
