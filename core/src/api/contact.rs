/// How to reach the person behind a record. Private: shown only to the record's owner, to admins
/// of its region and to the other side of an accepted pledge.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Contact {
    /// The person to ask for.
    pub person: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// A phone or WhatsApp number, as people write them in Indonesia (`0812…` or `+62 812…`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}
