use std::collections::BTreeMap;

/// The stable kinds of error the API answers with. The slug forms the problem's `type` URI, which
/// clients may switch on; the wording of `detail` may change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum ProblemType {
    Validation,
    MalformedRequest,
    NotFound,
    MethodNotAllowed,
    Unauthorized,
    Forbidden,
    Conflict,
    IdempotencyMismatch,
    PayloadTooLarge,
    UnsupportedMediaType,
    RateLimited,
    Timeout,
    Internal,
    Unavailable,
}

impl ProblemType {
    pub const ALL: [ProblemType; 14] = [
        ProblemType::Validation,
        ProblemType::MalformedRequest,
        ProblemType::NotFound,
        ProblemType::MethodNotAllowed,
        ProblemType::Unauthorized,
        ProblemType::Forbidden,
        ProblemType::Conflict,
        ProblemType::IdempotencyMismatch,
        ProblemType::PayloadTooLarge,
        ProblemType::UnsupportedMediaType,
        ProblemType::RateLimited,
        ProblemType::Timeout,
        ProblemType::Internal,
        ProblemType::Unavailable,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            ProblemType::Validation => "validation",
            ProblemType::MalformedRequest => "malformed-request",
            ProblemType::NotFound => "not-found",
            ProblemType::MethodNotAllowed => "method-not-allowed",
            ProblemType::Unauthorized => "unauthorized",
            ProblemType::Forbidden => "forbidden",
            ProblemType::Conflict => "conflict",
            ProblemType::IdempotencyMismatch => "idempotency-mismatch",
            ProblemType::PayloadTooLarge => "payload-too-large",
            ProblemType::UnsupportedMediaType => "unsupported-media-type",
            ProblemType::RateLimited => "rate-limited",
            ProblemType::Timeout => "timeout",
            ProblemType::Internal => "internal",
            ProblemType::Unavailable => "unavailable",
        }
    }

    /// The `type` member: a URI reference relative to the API, stable across deployments.
    pub fn uri(self) -> String {
        format!("/api/problems/{}", self.slug())
    }

    pub fn status(self) -> u16 {
        match self {
            ProblemType::Validation | ProblemType::IdempotencyMismatch => 422,
            ProblemType::MalformedRequest => 400,
            ProblemType::NotFound => 404,
            ProblemType::MethodNotAllowed => 405,
            ProblemType::Unauthorized => 401,
            ProblemType::Forbidden => 403,
            ProblemType::Conflict => 409,
            ProblemType::PayloadTooLarge => 413,
            ProblemType::UnsupportedMediaType => 415,
            ProblemType::RateLimited => 429,
            ProblemType::Timeout => 408,
            ProblemType::Internal => 500,
            ProblemType::Unavailable => 503,
        }
    }
}

/// An RFC 9457 problem document (`application/problem+json`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    /// What went wrong, for a person, in the language the client asked for.
    pub detail: String,
    /// For validation problems: each invalid field's path (`title`, `needs[1].note`,
    /// `contact.email`) and what to fix, shown beside the field.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub errors: BTreeMap<String, String>,
}

impl Problem {
    pub fn new(kind: ProblemType, title: impl Into<String>, detail: impl Into<String>) -> Problem {
        Problem {
            kind: kind.uri(),
            title: title.into(),
            status: kind.status(),
            detail: detail.into(),
            errors: BTreeMap::new(),
        }
    }

    /// The problem's kind when it is one this version knows.
    pub fn problem_type(&self) -> Option<ProblemType> {
        let slug = self.kind.strip_prefix("/api/problems/")?;
        ProblemType::ALL.into_iter().find(|t| t.slug() == slug)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_types_round_trip_through_their_uri() {
        for kind in ProblemType::ALL {
            let problem = Problem::new(kind, "t", "d");
            assert_eq!(problem.problem_type(), Some(kind));
            assert!((400..600).contains(&problem.status));
        }
    }

    #[test]
    fn serialises_as_rfc_9457_members() {
        let mut problem = Problem::new(
            ProblemType::Validation,
            "Invalid input",
            "Fix the marked fields.",
        );
        problem
            .errors
            .insert("title".into(), "Judul wajib diisi.".into());
        let json = serde_json::to_value(&problem).unwrap();
        assert_eq!(json["type"], "/api/problems/validation");
        assert_eq!(json["status"], 422);
        assert_eq!(json["errors"]["title"], "Judul wajib diisi.");
    }
}
