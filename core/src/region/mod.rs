//! Kemendagri region codes and the names behind them.
//!
//! A code such as `32.73.01` reads province `32` (Jawa Barat), city `32.73` (Kota Bandung),
//! kecamatan `32.73.01` (Sukasari). Every stakeholder and initiative carries one; the prefix
//! relation between codes is what scopes a deployment, an admin token and a match search.

mod code;
mod directory;
mod import;
#[cfg(feature = "national")]
mod national;
mod seed;

pub use code::{InvalidRegionCode, Nearness, RegionCode, RegionLevel};
pub use directory::{Region, Regions};
pub use import::RegionImportError;
