use super::set::bitset;
use super::taxonomy;

taxonomy! {
    /// What a stakeholder offers and an initiative needs. Kept small and fixed so that matching
    /// compares bits rather than free text.
    Resource as "resource", labels resources {
        Venue = "venue";
        Funding = "funding";
        Mentoring = "mentoring";
        Research = "research";
        Publicity = "publicity";
        Permits = "permits";
        MarketAccess = "market-access";
        Equipment = "equipment";
        Volunteers = "volunteers";
        Technology = "technology";
    }
}

bitset! {
    /// A set of resources: what is offered, needed, or still missing.
    ResourceSet of Resource in u16
}
