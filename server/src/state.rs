use std::path::PathBuf;
use std::sync::Arc;

use pentahelix_core::{RegionCode, RegionLevel, Regions};

use crate::cli::ServeArgs;
use crate::error::Error;

/// What every handler may read. Cheap to clone: one `Arc`.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    regions: Regions,
    cities: Vec<RegionCode>,
    static_dir: PathBuf,
}

impl AppState {
    pub fn new(args: &ServeArgs) -> Result<AppState, Error> {
        let regions = Regions::builtin();
        let cities = if args.cities.is_empty() {
            Regions::builtin_cities()
        } else {
            args.cities.clone()
        };
        for city in &cities {
            if city.level() != RegionLevel::City || !regions.contains(*city) {
                return Err(Error::Config(format!(
                    "--cities: `{city}` is not a known city or regency code (known: {})",
                    Regions::builtin_cities()
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
            }
        }
        Ok(AppState {
            inner: Arc::new(Inner {
                regions,
                cities,
                static_dir: args.static_dir.clone(),
            }),
        })
    }

    pub fn regions(&self) -> &Regions {
        &self.inner.regions
    }

    /// The cities this deployment serves, in the order given.
    pub fn cities(&self) -> &[RegionCode] {
        &self.inner.cities
    }

    pub fn static_dir(&self) -> &std::path::Path {
        &self.inner.static_dir
    }
}
