//! The client of the Pentahelix API: one generic request that sends any endpoint of
//! `pentahelix_core::api::endpoint`, so the widget and the server share every path, query and
//! body type and cannot disagree about a field.
//!
//! Errors come back as [`ApiError`]: a problem document from the server (with its field map for
//! forms), or a network failure. Reads, and writes that carry an Idempotency-Key, are retried with
//! backoff when the network fails — a citizen on a train loses the connection for seconds, not
//! for good — and every request can be aborted when the view that asked for it goes away.

use std::collections::BTreeMap;

use gloo_net::http::{Method, RequestBuilder};
use pentahelix_core::Lang;
use pentahelix_core::api::Problem;
use pentahelix_core::api::endpoint::{self, Download, Endpoint, Export, Format};
use pentahelix_core::api::query::QueryPairs;
use serde::de::DeserializeOwned;
use serde::de::value::StrDeserializer;
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

/// Encodes a query's parameters as a query string (`?a=1&b=x+y`), or nothing when it has none.
pub fn query_string(query: &dyn QueryPairs) -> String {
    let mut encoded = form_urlencoded::Serializer::for_suffix(String::from("?"), 1);
    query.each_pair(&mut |name, value| {
        encoded.append_pair(name, value);
    });
    let encoded = encoded.finish();
    if encoded.len() == 1 {
        String::new()
    } else {
        encoded
    }
}

/// One request's options beyond the endpoint itself.
#[derive(Default, Clone, Copy)]
pub struct Call<'a> {
    pub token: Option<&'a str>,
    pub idempotency_key: Option<&'a str>,
    pub abort: Option<&'a AbortSignal>,
}

impl<'a> Call<'a> {
    /// Cancelled when `abort` fires (its view went away).
    pub fn abortable(abort: Option<&'a AbortSignal>) -> Call<'a> {
        Call {
            abort,
            ..Call::default()
        }
    }

    /// With `Authorization: Bearer token`.
    pub fn with_token(token: Option<&'a str>) -> Call<'a> {
        Call {
            token,
            ..Call::default()
        }
    }

    /// Retried safely after a dropped connection: the server answers a repeat from memory.
    pub fn idempotent(mut self, key: &'a str) -> Call<'a> {
        self.idempotency_key = Some(key);
        self
    }

    pub fn abort_with(mut self, abort: Option<&'a AbortSignal>) -> Call<'a> {
        self.abort = abort;
        self
    }
}

impl Api {
    pub fn url(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.base)
    }

    /// The address of `endpoint`, query included: for links (a download, a calendar feed).
    pub fn url_of<E: Endpoint>(&self, endpoint: &E) -> String {
        let query = endpoint
            .query()
            .map(|query| query_string(query))
            .unwrap_or_default();
        self.url(&format!("{}{query}", endpoint.path()))
    }

    /// Sends `endpoint` and reads its answer. Reads, and writes that carry an Idempotency-Key,
    /// are retried with backoff when the network fails.
    pub async fn call<E: Endpoint>(
        &self,
        endpoint: &E,
        call: Call<'_>,
    ) -> Result<E::Answer, ApiError> {
        let body = body_of(endpoint)?;
        self.call_with_body(endpoint, body, call).await
    }

    /// Sends `endpoint` with `body` (JSON, as [`body_of`] wrote it for an earlier attempt)
    /// instead of its own.
    pub async fn call_with_body<E: Endpoint>(
        &self,
        endpoint: &E,
        body: Option<String>,
        call: Call<'_>,
    ) -> Result<E::Answer, ApiError> {
        let method = match E::METHOD {
            endpoint::Method::Get => Method::GET,
            endpoint::Method::Post => Method::POST,
            endpoint::Method::Put => Method::PUT,
            endpoint::Method::Delete => Method::DELETE,
        };
        let text = self
            .request(method, &self.url_of(endpoint), body, call)
            .await?;
        // A constant per endpoint: each keeps only its own reader.
        match E::FORMAT {
            Format::Json => read_json(&text),
            Format::Text => read_text(&text),
        }
    }

    /// The body of a successful answer, retrying as [`Api::call`] says. Not generic, so the
    /// first view carries one copy of it whatever endpoints it calls.
    async fn request(
        &self,
        method: Method,
        url: &str,
        body: Option<String>,
        call: Call<'_>,
    ) -> Result<String, ApiError> {
        let retry = method == Method::GET || call.idempotency_key.is_some();
        let mut attempt = 0;
        loop {
            match self.once(method.clone(), url, body.clone(), &call).await {
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

    /// A request with this client's headers and the call's token and key.
    fn request_to(&self, method: Method, url: &str, call: &Call<'_>) -> RequestBuilder {
        let mut request = RequestBuilder::new(url)
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
        request
    }

    async fn once(
        &self,
        method: Method,
        url: &str,
        body: Option<String>,
        call: &Call<'_>,
    ) -> Result<String, ApiError> {
        let request = self.request_to(method, url, call);
        let request = match body {
            Some(json) => request
                .header("Content-Type", "application/json")
                .body(json),
            None => request.build(),
        }
        .map_err(|_| ApiError::Unreadable)?;
        let response = send(request, call).await?;
        let status = response.status();
        let text = response.text().await.map_err(|_| ApiError::Network)?;
        if (200..300).contains(&status) {
            Ok(text)
        } else {
            Err(problem(status, &text))
        }
    }

    /// A file to save (a workbook), read as bytes rather than text.
    pub async fn download(&self, export: Export, call: Call<'_>) -> Result<Vec<u8>, ApiError> {
        let url = self.url(&Download { export }.path());
        let request = self
            .request_to(Method::GET, &url, &call)
            .build()
            .map_err(|_| ApiError::Unreadable)?;
        let response = send(request, &call).await?;
        let status = response.status();
        if (200..300).contains(&status) {
            response.binary().await.map_err(|_| ApiError::Network)
        } else {
            let text = response.text().await.map_err(|_| ApiError::Network)?;
            Err(problem(status, &text))
        }
    }
}

async fn send(
    request: gloo_net::http::Request,
    call: &Call<'_>,
) -> Result<gloo_net::http::Response, ApiError> {
    match request.send().await {
        Ok(response) => Ok(response),
        Err(_) if call.abort.is_some_and(AbortSignal::aborted) => Err(ApiError::Aborted),
        Err(_) => Err(ApiError::Network),
    }
}

/// The JSON body `endpoint` sends, if any.
pub fn body_of<E: Endpoint>(endpoint: &E) -> Result<Option<String>, ApiError> {
    endpoint
        .body()
        .map(|body| serde_json::to_string(body).map_err(|_| ApiError::Unreadable))
        .transpose()
}

/// An error answer: the server's problem document, or what a proxy's page stands for.
fn problem(status: u16, text: &str) -> ApiError {
    match crate::json::from_str::<Problem>(text) {
        Ok(problem) => ApiError::Problem(problem),
        // A proxy's HTML error page: treat as the network failing.
        Err(_) if status >= 500 => ApiError::Network,
        Err(_) => ApiError::Unreadable,
    }
}

fn read_json<T: DeserializeOwned>(text: &str) -> Result<T, ApiError> {
    // 204 No Content reads as JSON `null`, which `()` accepts.
    let text = if text.is_empty() { "null" } else { text };
    crate::json::from_str(text).map_err(|_| ApiError::Unreadable)
}

/// The answer is the text itself (a `String`), read through serde's own string deserializer
/// rather than a JSON value, which would bring a second JSON reader along.
fn read_text<T: DeserializeOwned>(text: &str) -> Result<T, ApiError> {
    T::deserialize(StrDeserializer::<serde::de::value::Error>::new(text))
        .map_err(|_| ApiError::Unreadable)
}

#[cfg(test)]
mod tests {
    use pentahelix_core::api::endpoint::{GetInitiative, ListInitiatives};
    use pentahelix_core::api::query::InitiativeQuery;
    use pentahelix_core::api::{InitiativeId, InitiativeStatus};

    use super::*;

    #[test]
    fn urls_carry_the_path_and_only_the_query_values_given() {
        let api = Api {
            base: "https://pentahelix.bandung.go.id".into(),
            lang: Lang::Id,
        };
        let list = ListInitiatives {
            query: InitiativeQuery {
                region: Some("32.73.02".parse().unwrap()),
                q: Some("kopi & teh".into()),
                status: Some(InitiativeStatus::Open),
                limit: Some(20),
                ..InitiativeQuery::default()
            },
        };
        assert_eq!(
            api.url_of(&list),
            "https://pentahelix.bandung.go.id/api/v1/initiatives?region=32.73.02&status=open&q=kopi+%26+teh&limit=20"
        );
        let empty = ListInitiatives {
            query: InitiativeQuery::default(),
        };
        assert_eq!(
            api.url_of(&empty),
            "https://pentahelix.bandung.go.id/api/v1/initiatives"
        );
        assert_eq!(
            api.url_of(&GetInitiative {
                id: InitiativeId(12)
            }),
            "https://pentahelix.bandung.go.id/api/v1/initiatives/12"
        );
    }

    #[test]
    fn text_answers_are_read_as_they_are() {
        let csv: String = read_text("id,title\n1,Kopi").unwrap();
        assert_eq!(csv, "id,title\n1,Kopi");
        let unit: () = read_json("").unwrap();
        assert_eq!(unit, ());
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
