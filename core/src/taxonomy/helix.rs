use super::set::bitset;
use super::taxonomy;

taxonomy! {
    /// One of the five kinds of actor whose collaboration the program is about.
    Helix as "helix", labels helices {
        Government = "government";
        Academia = "academia";
        Business = "business";
        Community = "community";
        Media = "media";
    }
}

bitset! {
    /// A set of helices: an initiative's coverage, or the helices a coalition brings.
    HelixSet of Helix in u16
}

impl HelixSet {
    /// All five helices present: the goal the coverage pentagon shows.
    pub fn is_pentahelix_complete(self) -> bool {
        self == HelixSet::all()
    }
}
