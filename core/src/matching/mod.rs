//! The matching engine: who can help an initiative, which initiatives a stakeholder can help,
//! which stakeholders complement each other, and the smallest team that covers an initiative.
//!
//! Profiles are reduced to [`features`]: a few integers and bit sets, so a score is a handful of
//! ANDs and popcounts and a million candidates rank in milliseconds. Every score is a sum of
//! named terms ([`Reason`]), and the terms are what the widget shows as "why this match".

mod coalition;
mod features;
mod rank;
mod reason;
mod score;
mod scorer;

pub use coalition::coalition;
pub use features::{InitiativeFeatures, StakeholderFeatures};
pub use rank::{
    Ranked, rank_initiatives, rank_partners, rank_stakeholders, rank_stakeholders_with_coalition,
};
pub use reason::{Reason, ScoredReason};
pub use score::{Score, partner_score, partner_score_total, score, score_total, weights};
pub use scorer::Scorer;
