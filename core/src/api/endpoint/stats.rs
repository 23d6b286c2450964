//! A city's figures for the dashboard.

use super::{Empty, Endpoint, Method};
use crate::api::query::CityQuery;
use crate::api::{Achievements, CityStats};

endpoints! {
    Stats { query: CityQuery }
        = Get "/stats" => |_e| "/stats".into();
        query: query as CityQuery;
        -> CityStats;
    /// What a city's program achieved, per month and kecamatan.
    CityAchievements { query: CityQuery }
        = Get "/stats/achievements" => |_e| "/stats/achievements".into();
        query: query as CityQuery;
        -> Achievements;
    /// Every served city's stats, for comparing them.
    StatsOfCities {}
        = Get "/stats/cities" => |_e| "/stats/cities".into();
        -> Vec<CityStats>;
}
