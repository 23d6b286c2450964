//! What a city's operator runs on the command line besides `serve`: officials, admin tokens,
//! webhooks, backups and restores of the SQLite file, and the move of a city's data from SQLite
//! to PostgreSQL.

pub mod admin;
pub mod backup;
pub mod migrate;
pub mod officials;
pub mod webhooks;
