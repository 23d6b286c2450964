//! The names of regions: a widget embedded for a city other than the seed cities asks its
//! server for that city's kecamatan.

use super::{Empty, Endpoint, Method};
use crate::Region;
use crate::api::query::RegionQuery;

endpoints! {
    /// Regions of the served cities, in code order.
    ListRegions { query: RegionQuery }
        = Get "/regions" => |_e| "/regions".into();
        query: query as RegionQuery;
        -> Vec<Region>;
}
