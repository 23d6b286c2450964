//! Sets of taxonomy members packed into one integer. Matching compares millions of profiles, and
//! an AND of two integers is what keeps that within milliseconds.

/// Declares a set type for a taxonomy. It serialises as a list of slugs (the API never exposes
/// the bit layout), in taxonomy order, without duplicates.
macro_rules! bitset {
    ($(#[$meta:meta])* $set:ident of $member:ident in $bits:ty) => {
        $(#[$meta])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
        pub struct $set($bits);

        impl serde::Serialize for $set {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_seq(self.iter())
            }
        }

        impl<'de> serde::Deserialize<'de> for $set {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                Vec::<$member>::deserialize(deserializer).map(Self::from)
            }
        }

        const _: () = assert!(
            <$member as $crate::taxonomy::Taxonomy>::ALL.len() <= <$bits>::BITS as usize
        );

        impl $set {
            pub const fn empty() -> Self {
                $set(0)
            }

            pub fn all() -> Self {
                Self::from_bits(<$bits>::MAX)
            }

            /// Keeps only bits that name a member, so a stored value can never smuggle in ghosts.
            pub fn from_bits(bits: $bits) -> Self {
                let n = <$member as $crate::taxonomy::Taxonomy>::ALL.len();
                let mask: $bits = if n as u32 == <$bits>::BITS { <$bits>::MAX } else { (1 << n) - 1 };
                $set(bits & mask)
            }

            pub const fn bits(self) -> $bits {
                self.0
            }

            pub fn of(member: $member) -> Self {
                $set(1 << (member as u8))
            }

            pub fn contains(self, member: $member) -> bool {
                self.0 & (1 << (member as u8)) != 0
            }

            pub fn insert(&mut self, member: $member) {
                self.0 |= 1 << (member as u8);
            }

            pub fn remove(&mut self, member: $member) {
                self.0 &= !(1 << (member as u8));
            }

            pub const fn union(self, other: Self) -> Self {
                $set(self.0 | other.0)
            }

            pub const fn intersection(self, other: Self) -> Self {
                $set(self.0 & other.0)
            }

            pub const fn difference(self, other: Self) -> Self {
                $set(self.0 & !other.0)
            }

            pub const fn is_empty(self) -> bool {
                self.0 == 0
            }

            pub const fn is_subset(self, other: Self) -> bool {
                self.0 & !other.0 == 0
            }

            pub const fn len(self) -> u32 {
                self.0.count_ones()
            }

            /// Members in taxonomy order.
            pub fn iter(self) -> impl Iterator<Item = $member> {
                <$member as $crate::taxonomy::Taxonomy>::ALL
                    .iter()
                    .copied()
                    .filter(move |m| self.contains(*m))
            }
        }

        impl FromIterator<$member> for $set {
            fn from_iter<I: IntoIterator<Item = $member>>(iter: I) -> Self {
                let mut set = $set::empty();
                for m in iter {
                    set.insert(m);
                }
                set
            }
        }

        impl From<Vec<$member>> for $set {
            fn from(members: Vec<$member>) -> Self {
                members.into_iter().collect()
            }
        }

        impl From<$set> for Vec<$member> {
            fn from(set: $set) -> Self {
                set.iter().collect()
            }
        }

        impl std::fmt::Debug for $set {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_set().entries(self.iter()).finish()
            }
        }
    };
}
pub(crate) use bitset;

#[cfg(test)]
mod tests {
    use crate::taxonomy::{Helix, HelixSet, Resource, ResourceSet, Subsector, SubsectorSet};

    #[test]
    fn sets_serialise_as_slug_lists_in_taxonomy_order() {
        let set: HelixSet = [Helix::Media, Helix::Government, Helix::Media]
            .into_iter()
            .collect();
        assert_eq!(
            serde_json::to_string(&set).unwrap(),
            r#"["government","media"]"#
        );
        let back: HelixSet = serde_json::from_str(r#"["media","government"]"#).unwrap();
        assert_eq!(back, set);
    }

    #[test]
    fn all_contains_exactly_the_taxonomy() {
        assert_eq!(HelixSet::all().len(), 5);
        assert_eq!(SubsectorSet::all().len(), 17);
        assert_eq!(ResourceSet::all().len(), 10);
        assert!(HelixSet::all().is_pentahelix_complete());
        assert_eq!(HelixSet::from_bits(u16::MAX), HelixSet::all());
    }

    #[test]
    fn set_algebra_matches_membership() {
        let a: ResourceSet = [Resource::Venue, Resource::Funding].into_iter().collect();
        let b: ResourceSet = [Resource::Funding, Resource::Publicity]
            .into_iter()
            .collect();
        assert_eq!(
            a.intersection(b).iter().collect::<Vec<_>>(),
            vec![Resource::Funding]
        );
        assert_eq!(
            a.difference(b).iter().collect::<Vec<_>>(),
            vec![Resource::Venue]
        );
        assert_eq!(a.union(b).len(), 3);
        assert!(ResourceSet::of(Resource::Venue).is_subset(a));
        assert!(!b.is_subset(a));
        let mut s = SubsectorSet::empty();
        s.insert(Subsector::TelevisiRadio);
        assert!(s.contains(Subsector::TelevisiRadio));
        s.remove(Subsector::TelevisiRadio);
        assert!(s.is_empty());
    }
}
