/// `GET /api/v1/embed/apis`: the other Pentahelix servers that a widget loaded from this one may
/// be pointed at by markup (`data-api`, `api`). The loader believes an `api` attribute only when
/// it names its own origin or one of these: markup that slipped past a CMS's sanitiser must not
/// send a widget, and whatever it may send, to a server of someone else's choosing.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmbedApis {
    /// Origins (`https://pentahelix.depok.go.id`), as the operator listed them with
    /// `--other-apis`.
    pub origins: Vec<String>,
}
