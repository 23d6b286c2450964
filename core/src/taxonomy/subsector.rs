use super::set::bitset;
use super::taxonomy;

taxonomy! {
    /// The seventeen creative-economy subsectors as Kemenparekraf defines them.
    Subsector as "subsector" {
        Aplikasi = "aplikasi", "Aplikasi", "Apps";
        PengembangPermainan = "pengembang-permainan", "Pengembang permainan", "Game development";
        Arsitektur = "arsitektur", "Arsitektur", "Architecture";
        DesainInterior = "desain-interior", "Desain interior", "Interior design";
        DesainKomunikasiVisual = "desain-komunikasi-visual", "Desain komunikasi visual", "Visual communication design";
        DesainProduk = "desain-produk", "Desain produk", "Product design";
        Fesyen = "fesyen", "Fesyen", "Fashion";
        FilmAnimasiVideo = "film-animasi-video", "Film, animasi, dan video", "Film, animation and video";
        Fotografi = "fotografi", "Fotografi", "Photography";
        Kriya = "kriya", "Kriya", "Crafts";
        Kuliner = "kuliner", "Kuliner", "Culinary";
        Musik = "musik", "Musik", "Music";
        Penerbitan = "penerbitan", "Penerbitan", "Publishing";
        Periklanan = "periklanan", "Periklanan", "Advertising";
        SeniPertunjukan = "seni-pertunjukan", "Seni pertunjukan", "Performing arts";
        SeniRupa = "seni-rupa", "Seni rupa", "Fine arts";
        TelevisiRadio = "televisi-radio", "Televisi dan radio", "Television and radio";
    }
}

bitset! {
    /// A set of subsectors, one bit each, so comparing two profiles is one AND.
    SubsectorSet of Subsector in u32
}
