//! The typed client of the Pentahelix API: one function per endpoint, on the core's types, so
//! the widget cannot disagree with the server about a field.
//!
//! Errors come back as [`ApiError`]: a problem document from the server (with its field map for
//! forms), or a network failure. Reads, and writes that carry an Idempotency-Key, are retried with
//! backoff when the network fails — a citizen on a train loses the connection for seconds, not
//! for good — and every request can be aborted when the view that asked for it goes away.

use std::collections::BTreeMap;

use gloo_net::http::{Method, RequestBuilder};
use pentahelix_core::Lang;
use pentahelix_core::api::InitiativeStatus;
use pentahelix_core::api::{
    CityStats, Created, FlagshipInput, Initiative, InitiativeInput, InitiativeMatches, MatchScope,
    ModerationQueue, Page, Pledge, PledgeInput, Problem, ReportInput, ReportReceipt, Stakeholder,
    StakeholderInput, StakeholderMatches, StatusChange, Verification,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use web_sys::AbortSignal;

/// Delays before the second and third attempt of a retried request.
const BACKOFF_MS: [u32; 2] = [800, 2_400];

#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The server answered with a problem document.
    Problem(Problem),
    /// No answer: offline, DNS, CORS, or the server is down.
    Network,
    /// The request was aborted because its view went away; nothing to show.
    Aborted,
    /// The server answered something this version cannot read.
    Unreadable,
}

impl ApiError {
    /// The validation messages per field, for forms.
    pub fn field_errors(&self) -> BTreeMap<String, String> {
        match self {
            ApiError::Problem(p) => p.errors.clone(),
            _ => BTreeMap::new(),
        }
    }

    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Problem(p) => Some(p.status),
            _ => None,
        }
    }
}

/// Where the API is and in which language to ask for messages. Cheap to clone.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    pub base: String,
    pub lang: Lang,
}

/// Query parameters of `GET /initiatives`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct InitiativeQuery {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subsector: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
}

/// Encodes pairs as a query string (`?a=1&b=x%20y`), skipping empty values.
pub fn query_string(pairs: &[(&str, Option<String>)]) -> String {
    let encoded: Vec<String> = pairs
        .iter()
        .filter_map(|(k, v)| {
            v.as_ref()
                .filter(|v| !v.is_empty())
                .map(|v| format!("{k}={}", encode(v)))
        })
        .collect();
    if encoded.is_empty() {
        String::new()
    } else {
        format!("?{}", encoded.join("&"))
    }
}

/// Percent-encodes a query value (RFC 3986 unreserved characters stay as they are).
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

impl InitiativeQuery {
    pub fn to_query(&self) -> String {
        query_string(&[
            ("region", self.region.clone()),
            ("subsector", self.subsector.clone()),
            ("resource", self.resource.clone()),
            ("status", self.status.clone()),
            ("q", self.q.clone()),
            ("cursor", self.cursor.clone()),
            ("limit", self.limit.map(|l| l.to_string())),
        ])
    }
}

/// One request's options beyond method and path.
#[derive(Default)]
pub struct Call<'a> {
    pub token: Option<&'a str>,
    pub idempotency_key: Option<&'a str>,
    pub abort: Option<&'a AbortSignal>,
}

impl Api {
    pub fn url(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.base)
    }

    async fn send<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<String>,
        call: Call<'_>,
    ) -> Result<T, ApiError> {
        let retry = method == Method::GET || call.idempotency_key.is_some();
        let mut attempt = 0;
        loop {
            match self.once(method.clone(), path, body.clone(), &call).await {
                Err(ApiError::Network) if retry && attempt < BACKOFF_MS.len() => {
                    if call.abort.is_some_and(AbortSignal::aborted) {
                        return Err(ApiError::Aborted);
                    }
                    gloo_timers::future::TimeoutFuture::new(BACKOFF_MS[attempt]).await;
                    attempt += 1;
                }
                other => return other,
            }
        }
    }

    async fn once<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<String>,
        call: &Call<'_>,
    ) -> Result<T, ApiError> {
        let mut request = RequestBuilder::new(&self.url(path))
            .method(method)
            .header("Accept", "application/json")
            .header("Accept-Language", self.lang.tag())
            .abort_signal(call.abort);
        if let Some(token) = call.token {
            request = request.header("Authorization", &format!("Bearer {token}"));
        }
        if let Some(key) = call.idempotency_key {
            request = request.header("Idempotency-Key", key);
        }
        let request = match body {
            Some(json) => request
                .header("Content-Type", "application/json")
                .body(json),
            None => request.build(),
        }
        .map_err(|_| ApiError::Unreadable)?;
        let response = match request.send().await {
            Ok(response) => response,
            Err(_) if call.abort.is_some_and(AbortSignal::aborted) => {
                return Err(ApiError::Aborted);
            }
            Err(_) => return Err(ApiError::Network),
        };
        let status = response.status();
        let text = response.text().await.map_err(|_| ApiError::Network)?;
        if (200..300).contains(&status) {
            // 204 No Content reads as JSON `null`, which `()` accepts.
            let text = if text.is_empty() {
                "null"
            } else {
                text.as_str()
            };
            serde_json::from_str(text).map_err(|_| ApiError::Unreadable)
        } else {
            match serde_json::from_str::<Problem>(&text) {
                Ok(problem) => Err(ApiError::Problem(problem)),
                // A proxy's HTML error page: treat as the network failing.
                Err(_) if status >= 500 => Err(ApiError::Network),
                Err(_) => Err(ApiError::Unreadable),
            }
        }
    }

    fn json<B: Serialize>(body: &B) -> Option<String> {
        serde_json::to_string(body).ok()
    }

    pub async fn initiatives(
        &self,
        query: &InitiativeQuery,
        abort: Option<&AbortSignal>,
    ) -> Result<Page<Initiative>, ApiError> {
        self.send(
            Method::GET,
            &format!("/initiatives{}", query.to_query()),
            None,
            Call {
                abort,
                ..Call::default()
            },
        )
        .await
    }

    pub async fn initiative(
        &self,
        id: i64,
        token: Option<&str>,
        abort: Option<&AbortSignal>,
    ) -> Result<Initiative, ApiError> {
        self.send(
            Method::GET,
            &format!("/initiatives/{id}"),
            None,
            Call {
                token,
                abort,
                ..Call::default()
            },
        )
        .await
    }

    pub async fn create_initiative(
        &self,
        input: &InitiativeInput,
        idempotency_key: &str,
    ) -> Result<Created<Initiative>, ApiError> {
        let call = Call {
            idempotency_key: Some(idempotency_key),
            ..Call::default()
        };
        self.send(Method::POST, "/initiatives", Self::json(input), call)
            .await
    }

    pub async fn update_initiative(
        &self,
        id: i64,
        input: &InitiativeInput,
        token: &str,
    ) -> Result<Initiative, ApiError> {
        self.send(
            Method::PUT,
            &format!("/initiatives/{id}"),
            Self::json(input),
            Call {
                token: Some(token),
                ..Call::default()
            },
        )
        .await
    }

    pub async fn set_status(
        &self,
        id: i64,
        status: InitiativeStatus,
        token: &str,
    ) -> Result<Initiative, ApiError> {
        let body = Self::json(&StatusChange { status });
        self.send(
            Method::POST,
            &format!("/initiatives/{id}/status"),
            body,
            Call {
                token: Some(token),
                ..Call::default()
            },
        )
        .await
    }

    pub async fn pledges(
        &self,
        id: i64,
        token: Option<&str>,
        abort: Option<&AbortSignal>,
    ) -> Result<Vec<Pledge>, ApiError> {
        self.send(
            Method::GET,
            &format!("/initiatives/{id}/pledges"),
            None,
            Call {
                token,
                abort,
                ..Call::default()
            },
        )
        .await
    }

    pub async fn offer(
        &self,
        id: i64,
        input: &PledgeInput,
        token: &str,
        idempotency_key: &str,
    ) -> Result<Pledge, ApiError> {
        let call = Call {
            token: Some(token),
            idempotency_key: Some(idempotency_key),
            ..Call::default()
        };
        self.send(
            Method::POST,
            &format!("/initiatives/{id}/pledges"),
            Self::json(input),
            call,
        )
        .await
    }

    /// `action` is `accept`, `decline` or `withdraw`.
    pub async fn answer_pledge(
        &self,
        pledge: i64,
        action: &str,
        token: &str,
    ) -> Result<Pledge, ApiError> {
        self.send(
            Method::POST,
            &format!("/pledges/{pledge}/{action}"),
            Some("{}".into()),
            Call {
                token: Some(token),
                ..Call::default()
            },
        )
        .await
    }

    pub async fn initiative_matches(
        &self,
        id: i64,
        scope: MatchScope,
        abort: Option<&AbortSignal>,
    ) -> Result<InitiativeMatches, ApiError> {
        let path = format!("/initiatives/{id}/matches?scope={}", scope.slug());
        self.send(
            Method::GET,
            &path,
            None,
            Call {
                abort,
                ..Call::default()
            },
        )
        .await
    }

    pub async fn stakeholder(
        &self,
        id: i64,
        token: Option<&str>,
        abort: Option<&AbortSignal>,
    ) -> Result<Stakeholder, ApiError> {
        self.send(
            Method::GET,
            &format!("/stakeholders/{id}"),
            None,
            Call {
                token,
                abort,
                ..Call::default()
            },
        )
        .await
    }

    pub async fn create_stakeholder(
        &self,
        input: &StakeholderInput,
        idempotency_key: &str,
    ) -> Result<Created<Stakeholder>, ApiError> {
        let call = Call {
            idempotency_key: Some(idempotency_key),
            ..Call::default()
        };
        self.send(Method::POST, "/stakeholders", Self::json(input), call)
            .await
    }

    pub async fn update_stakeholder(
        &self,
        id: i64,
        input: &StakeholderInput,
        token: &str,
    ) -> Result<Stakeholder, ApiError> {
        self.send(
            Method::PUT,
            &format!("/stakeholders/{id}"),
            Self::json(input),
            Call {
                token: Some(token),
                ..Call::default()
            },
        )
        .await
    }

    pub async fn stakeholder_pledges(
        &self,
        id: i64,
        token: &str,
        abort: Option<&AbortSignal>,
    ) -> Result<Vec<Pledge>, ApiError> {
        self.send(
            Method::GET,
            &format!("/stakeholders/{id}/pledges"),
            None,
            Call {
                token: Some(token),
                abort,
                ..Call::default()
            },
        )
        .await
    }

    pub async fn stakeholder_matches(
        &self,
        id: i64,
        scope: MatchScope,
        abort: Option<&AbortSignal>,
    ) -> Result<StakeholderMatches, ApiError> {
        let path = format!("/stakeholders/{id}/matches?scope={}", scope.slug());
        self.send(
            Method::GET,
            &path,
            None,
            Call {
                abort,
                ..Call::default()
            },
        )
        .await
    }

    pub async fn stats(
        &self,
        city: &str,
        abort: Option<&AbortSignal>,
    ) -> Result<CityStats, ApiError> {
        self.send(
            Method::GET,
            &format!("/stats?city={}", encode(city)),
            None,
            Call {
                abort,
                ..Call::default()
            },
        )
        .await
    }

    pub async fn stats_cities(
        &self,
        abort: Option<&AbortSignal>,
    ) -> Result<Vec<CityStats>, ApiError> {
        self.send(
            Method::GET,
            "/stats/cities",
            None,
            Call {
                abort,
                ..Call::default()
            },
        )
        .await
    }

    pub async fn report(&self, input: &ReportInput) -> Result<ReportReceipt, ApiError> {
        self.send(Method::POST, "/reports", Self::json(input), Call::default())
            .await
    }

    pub async fn moderation_queue(
        &self,
        token: &str,
        abort: Option<&AbortSignal>,
    ) -> Result<ModerationQueue, ApiError> {
        self.send(
            Method::GET,
            "/moderation/queue",
            None,
            Call {
                token: Some(token),
                abort,
                ..Call::default()
            },
        )
        .await
    }

    /// `action` is `approve` or `hide`.
    pub async fn moderate(
        &self,
        id: i64,
        action: &str,
        token: &str,
    ) -> Result<Initiative, ApiError> {
        self.send(
            Method::POST,
            &format!("/moderation/initiatives/{id}/{action}"),
            Some("{}".into()),
            Call {
                token: Some(token),
                ..Call::default()
            },
        )
        .await
    }

    pub async fn verify(
        &self,
        id: i64,
        verified: bool,
        token: &str,
    ) -> Result<Stakeholder, ApiError> {
        let body = Self::json(&Verification { verified });
        self.send(
            Method::POST,
            &format!("/moderation/stakeholders/{id}/verify"),
            body,
            Call {
                token: Some(token),
                ..Call::default()
            },
        )
        .await
    }

    pub async fn set_flagship(
        &self,
        region: &str,
        product: Option<String>,
        token: &str,
    ) -> Result<(), ApiError> {
        let body = Self::json(&FlagshipInput { product });
        self.send(
            Method::PUT,
            &format!("/moderation/flagships/{region}"),
            body,
            Call {
                token: Some(token),
                ..Call::default()
            },
        )
        .await
    }

    /// An admin export (`initiatives.csv` or `stakeholders.csv`) as text: it needs the admin
    /// token, so it cannot be a plain link.
    pub async fn export_csv(&self, file: &str, token: &str) -> Result<String, ApiError> {
        let request = RequestBuilder::new(&self.url(&format!("/exports/{file}")))
            .header("Accept-Language", self.lang.tag())
            .header("Authorization", &format!("Bearer {token}"))
            .build()
            .map_err(|_| ApiError::Unreadable)?;
        let response = request.send().await.map_err(|_| ApiError::Network)?;
        let status = response.status();
        let text = response.text().await.map_err(|_| ApiError::Network)?;
        if (200..300).contains(&status) {
            Ok(text)
        } else {
            Err(serde_json::from_str::<Problem>(&text)
                .map(ApiError::Problem)
                .unwrap_or(ApiError::Unreadable))
        }
    }

    /// The iCalendar feed of a region's upcoming events, to subscribe to or download.
    pub fn events_url(&self, region: &str) -> String {
        self.url(&format!("/exports/events.ics?region={}", encode(region)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_strings_encode_values_and_skip_empty_ones() {
        let query = InitiativeQuery {
            region: Some("32.73.02".into()),
            q: Some("kopi & teh".into()),
            status: Some(String::new()),
            limit: Some(20),
            ..InitiativeQuery::default()
        };
        assert_eq!(
            query.to_query(),
            "?region=32.73.02&q=kopi%20%26%20teh&limit=20"
        );
        assert_eq!(InitiativeQuery::default().to_query(), "");
        assert_eq!(encode("Cibeunying/é"), "Cibeunying%2F%C3%A9");
    }

    #[test]
    fn problems_carry_their_field_map() {
        let mut problem = Problem::new(pentahelix_core::api::ProblemType::Validation, "t", "d");
        problem.errors.insert("title".into(), "Wajib diisi.".into());
        let error = ApiError::Problem(problem);
        assert_eq!(error.field_errors()["title"], "Wajib diisi.");
        assert_eq!(error.status(), Some(422));
        assert!(ApiError::Network.field_errors().is_empty());
    }
}
