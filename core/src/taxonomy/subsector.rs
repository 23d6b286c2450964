use super::set::bitset;
use super::taxonomy;

taxonomy! {
    /// The seventeen creative-economy subsectors as Kemenparekraf defines them.
    Subsector as "subsector", labels subsectors {
        Aplikasi = "aplikasi";
        PengembangPermainan = "pengembang-permainan";
        Arsitektur = "arsitektur";
        DesainInterior = "desain-interior";
        DesainKomunikasiVisual = "desain-komunikasi-visual";
        DesainProduk = "desain-produk";
        Fesyen = "fesyen";
        FilmAnimasiVideo = "film-animasi-video";
        Fotografi = "fotografi";
        Kriya = "kriya";
        Kuliner = "kuliner";
        Musik = "musik";
        Penerbitan = "penerbitan";
        Periklanan = "periklanan";
        SeniPertunjukan = "seni-pertunjukan";
        SeniRupa = "seni-rupa";
        TelevisiRadio = "televisi-radio";
    }
}

bitset! {
    /// A set of subsectors, one bit each, so comparing two profiles is one AND.
    SubsectorSet of Subsector in u32
}
