//! The files an admin downloads, and the calendar links a citizen follows.

use super::{Empty, Endpoint, Format, Method};
use crate::api::InitiativeId;
use crate::api::query::EventsQuery;

/// The CSV exports an admin may download.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Export {
    Initiatives,
    Stakeholders,
    /// The officials' actions (any official's regions).
    Audit,
    /// One workbook for people: initiatives, partners and what the program achieved.
    Program,
}

impl Export {
    pub const ALL: [Export; 4] = [
        Export::Initiatives,
        Export::Stakeholders,
        Export::Audit,
        Export::Program,
    ];

    pub fn file(self) -> &'static str {
        match self {
            Export::Initiatives => "initiatives.csv",
            Export::Stakeholders => "stakeholders.csv",
            Export::Audit => "audit.csv",
            Export::Program => "program.xlsx",
        }
    }
}

/// A CSV export, as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Download {
    pub export: Export,
}

impl Endpoint for Download {
    const METHOD: Method = Method::Get;
    const TEMPLATE: &'static str = "/exports/{file}";
    const FORMAT: Format = Format::Text;
    type Query = Empty;
    type Body = Empty;
    type Answer = String;

    fn path(&self) -> String {
        format!("/exports/{}", self.export.file())
    }
}

/// A region's upcoming events as an iCalendar feed, to subscribe to or download (a link, not a
/// request of the widget's).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Calendar {
    pub query: EventsQuery,
}

impl Endpoint for Calendar {
    const METHOD: Method = Method::Get;
    const TEMPLATE: &'static str = "/exports/events.ics";
    const FORMAT: Format = Format::Text;
    type Query = EventsQuery;
    type Body = Empty;
    type Answer = String;

    fn path(&self) -> String {
        Self::TEMPLATE.to_owned()
    }

    fn query(&self) -> Option<&EventsQuery> {
        Some(&self.query)
    }
}

/// One initiative's dates as an iCalendar file, for "add to calendar" (a link, not a request of
/// the widget's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InitiativeEvent {
    pub id: InitiativeId,
}

impl Endpoint for InitiativeEvent {
    const METHOD: Method = Method::Get;
    const TEMPLATE: &'static str = "/initiatives/{id}/event.ics";
    const FORMAT: Format = Format::Text;
    type Query = Empty;
    type Body = Empty;
    type Answer = String;

    fn path(&self) -> String {
        format!("/initiatives/{}/event.ics", self.id.0)
    }
}
