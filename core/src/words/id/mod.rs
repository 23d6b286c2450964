//! The words in Bahasa Indonesia, the first language: most readers are citizens of Indonesian cities.

mod mail;
mod widget;

pub(super) use mail::MAIL;
pub(super) use widget::WIDGET;

use super::{Labels, Problem, Problems, Reasons, Rules, Words};

pub static ID: Words = Words {
    widget: &WIDGET,
    labels: &LABELS,
    rules: &RULES,
    reasons: &REASONS,
    problems: &PROBLEMS,
    mail: &MAIL,
};

pub(super) static LABELS: Labels = Labels {
    helices: ["Pemerintah", "Akademisi", "Bisnis", "Komunitas", "Media"],
    subsectors: [
        "Aplikasi",
        "Pengembang permainan",
        "Arsitektur",
        "Desain interior",
        "Desain komunikasi visual",
        "Desain produk",
        "Fesyen",
        "Film, animasi, dan video",
        "Fotografi",
        "Kriya",
        "Kuliner",
        "Musik",
        "Penerbitan",
        "Periklanan",
        "Seni pertunjukan",
        "Seni rupa",
        "Televisi dan radio",
    ],
    resources: [
        "Tempat dan ruang",
        "Pendanaan",
        "Pendampingan dan pelatihan",
        "Riset dan data",
        "Publikasi",
        "Perizinan dan dukungan kebijakan",
        "Akses pasar",
        "Peralatan",
        "Relawan dan talenta",
        "Teknologi",
    ],
    statuses: [
        "Diusulkan",
        "Terbuka",
        "Berjalan",
        "Selesai",
        "Ditarik",
        "Disembunyikan",
    ],
};

pub(super) static RULES: Rules = Rules {
    required: "Wajib diisi.",
    too_short: "Terlalu pendek: tulis minimal {min} karakter.",
    too_long: "Terlalu panjang: maksimal {max} karakter.",
    control_characters: "Berisi karakter kontrol tersembunyi; silakan ketik ulang.",
    too_many: "Pilih paling banyak {max}.",
    duplicate: "Sudah tercantum di atas.",
    outside_scope: "Wilayah ini di luar kota yang dilayani situs ini.",
    not_a_kecamatan: "Pilih kecamatan, bukan seluruh kota atau provinsi.",
    not_a_city_or_kecamatan: "Pilih kota atau kecamatan, bukan seluruh provinsi.",
    unknown_region: "Wilayah ini tidak ada dalam daftar wilayah.",
    dates_out_of_order: "Tanggal selesai harus sama dengan atau sesudah tanggal mulai.",
    invalid_email: "Alamat email tidak valid, contoh: nama@contoh.id.",
    invalid_phone: "Nomor telepon tidak valid, contoh: 0812 3456 7890.",
    invalid_website: "Alamat web diawali https:// atau http://.",
    contact_missing: "Isi alamat email atau nomor telepon.",
    consent_required: "Centang kotak ini agar kontak Anda boleh disimpan dan dibagikan ke mitra yang diterima.",
    not_offered: "Profil Anda belum menawarkan dukungan ini; tambahkan dulu di profil.",
    not_needed: "Inisiatif ini tidak membutuhkan dukungan jenis ini.",
    date_out_of_range: "Pilih tanggal antara tahun 2000 dan 2100.",
    wrong_code: "Kode salah atau sudah tidak berlaku. Periksa email terbaru dari Pentahelix, atau minta kode baru.",
};

pub(super) static REASONS: Reasons = Reasons {
    fills_need: "Mengisi kebutuhan: {label}",
    asked_helix: "Heliks yang diminta: {label}",
    brings_helix: "Melengkapi heliks: {label}",
    other_helix: "Dari heliks lain: {label}",
    shares_subsector: "Subsektor sama: {label}",
    same_district: "Di kecamatan yang sama",
    same_city: "Di kota yang sama",
    same_province: "Di provinsi yang sama",
    far: "Dari kota lain",
    verified: "Organisasi terverifikasi",
};

pub(super) static PROBLEMS: Problems = Problems {
    not_found: Problem {
        title: "Tidak ditemukan",
        detail: "Alamat ini tidak ada di API Pentahelix.",
    },
    method_not_allowed: Problem {
        title: "Metode tidak diizinkan",
        detail: "Alamat ini tidak menerima metode HTTP tersebut.",
    },
    validation: Problem {
        title: "Data belum valid",
        detail: "Periksa kolom yang ditandai.",
    },
    unauthorized: Problem {
        title: "Perlu tautan kelola atau token admin",
        detail: "Tindakan ini memerlukan tautan kelola pribadi dari data ini atau token admin wilayahnya.",
    },
    forbidden: Problem {
        title: "Tidak diizinkan",
        detail: "Token ini tidak berlaku untuk data atau wilayah ini.",
    },
    conflict: Problem {
        title: "Sudah ada",
        detail: "Penawaran yang sama sudah ada dan masih berlaku.",
    },
    unsupported_media_type: Problem {
        title: "Jenis konten tidak didukung",
        detail: "Kirim isi permintaan sebagai JSON (Content-Type: application/json).",
    },
    payload_too_large: Problem {
        title: "Isi permintaan terlalu besar",
        detail: "Isi permintaan melebihi batas ukuran API.",
    },
    rate_limited: Problem {
        title: "Terlalu banyak permintaan",
        detail: "Terlalu banyak permintaan dari alamat Anda. Tunggu sebentar lalu coba lagi.",
    },
    unavailable: Problem {
        title: "Layanan sedang sibuk",
        detail: "Server sedang sibuk atau belum siap. Coba lagi sebentar lagi.",
    },
    idempotency_mismatch: Problem {
        title: "Kunci idempotensi dipakai ulang",
        detail: "Kunci Idempotency-Key ini sudah dipakai untuk permintaan lain dalam 24 jam terakhir.",
    },
    idempotency_in_progress: Problem {
        title: "Masih diproses",
        detail: "Permintaan yang sama sedang diproses. Coba lagi sebentar lagi.",
    },
    internal: Problem {
        title: "Kesalahan server",
        detail: "Terjadi kesalahan di server. Silakan coba lagi.",
    },
    bad_request: "Permintaan tidak valid",
    state_conflict: "Tidak dapat diubah",
};
