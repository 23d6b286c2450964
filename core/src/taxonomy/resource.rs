use super::set::bitset;
use super::taxonomy;

taxonomy! {
    /// What a stakeholder offers and an initiative needs. Kept small and fixed so that matching
    /// compares bits rather than free text.
    Resource as "resource" {
        Venue = "venue", "Tempat dan ruang", "Venue and space";
        Funding = "funding", "Pendanaan", "Funding";
        Mentoring = "mentoring", "Pendampingan dan pelatihan", "Mentoring and training";
        Research = "research", "Riset dan data", "Research and data";
        Publicity = "publicity", "Publikasi", "Publicity";
        Permits = "permits", "Perizinan dan dukungan kebijakan", "Permits and policy support";
        MarketAccess = "market-access", "Akses pasar", "Market access";
        Equipment = "equipment", "Peralatan", "Equipment";
        Volunteers = "volunteers", "Relawan dan talenta", "Volunteers and talent";
        Technology = "technology", "Teknologi", "Technology";
    }
}

bitset! {
    /// A set of resources: what is offered, needed, or still missing.
    ResourceSet of Resource in u16
}
