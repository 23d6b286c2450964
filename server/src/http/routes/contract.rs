//! What every operation of the API may answer besides what its handler declares. The layers
//! around the handlers (body and query parsing, the body limit, the idempotency check, the rate
//! limit, the timeout) answer the same way everywhere, so they are described here once rather than
//! in each `#[utoipa::path]`, where one forgotten status would make the contract lie.

use utoipa::Modify;
use utoipa::openapi::path::{Operation, ParameterBuilder, ParameterIn, PathItem};
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::security::SecurityRequirement;
use utoipa::openapi::server::ServerBuilder;
use utoipa::openapi::{Content, OpenApi, Ref, RefOr, Response, ResponseBuilder};

use crate::http::middleware::idempotency;

pub const PROBLEM_JSON: &str = "application/problem+json";

/// The responses every operation shares, and error bodies under their real media type.
pub struct SharedResponses;

impl Modify for SharedResponses {
    fn modify(&self, openapi: &mut OpenApi) {
        for item in openapi.paths.paths.values_mut() {
            for (method, operation) in operations(item) {
                if method == "post" {
                    idempotency_key(operation);
                }
                problems_as_problem_json(operation);
                shared_responses(operation);
                described(operation);
                security(operation);
            }
        }
        // Anyone may call what an operation does not restrict further: the lists and records
        // anonymously, their owners and admins with a token to see more.
        openapi.security = Some(vec![
            SecurityRequirement::default(),
            SecurityRequirement::new(MANAGE_TOKEN, Vec::<String>::new()),
            SecurityRequirement::new(SESSION_TOKEN, Vec::<String>::new()),
            SecurityRequirement::new(ADMIN_TOKEN, Vec::<String>::new()),
        ]);
        // Relative to wherever the document was fetched from: each city runs its own server.
        openapi.servers = Some(vec![
            ServerBuilder::new()
                .url("/")
                .description(Some("The server that serves this document"))
                .build(),
        ]);
    }
}

/// The security scheme of a record's manage token.
pub const MANAGE_TOKEN: &str = "manage_token";
/// The security scheme of a signed-in address's session.
pub const SESSION_TOKEN: &str = "session_token";
/// The security scheme of an admin token.
pub const ADMIN_TOKEN: &str = "admin_token";

/// An operation that answers 401 without credentials needs a token: a manage token of the record
/// or an admin token of its region (the handler's description says which).
fn security(operation: &mut Operation) {
    if operation.responses.responses.contains_key("401") {
        operation.security = Some(vec![
            SecurityRequirement::new(MANAGE_TOKEN, Vec::<String>::new()),
            SecurityRequirement::new(SESSION_TOKEN, Vec::<String>::new()),
            SecurityRequirement::new(ADMIN_TOKEN, Vec::<String>::new()),
        ]);
    }
}

/// OpenAPI requires a description on every response; a handler that gives none gets what its
/// status means here.
fn described(operation: &mut Operation) {
    for (status, response) in &mut operation.responses.responses {
        if let RefOr::T(response) = response
            && response.description.trim().is_empty()
        {
            response.description = meaning(status).to_owned();
        }
    }
}

fn meaning(status: &str) -> &'static str {
    match status {
        "200" => "The answer",
        "201" => "Created; the answer holds the new record",
        "204" => "Done; nothing to return",
        "400" => "The request cannot be read",
        "401" => "No valid manage token, session or admin token for this action",
        "403" => "The token is valid, but not for this record or region",
        "404" => "Not found",
        "409" => "The request conflicts with the record's state",
        "422" => "Invalid input; `errors` names each field to fix",
        _ => "See the problem document",
    }
}

/// Operation ids as code generators and OpenAPI links need them: unique. Handlers are named for
/// what they do within their resource (`list`, `create`), so a name used by several resources
/// gets the resource in front (`initiatives_list`, `regions_list`).
pub struct UniqueOperationIds;

impl Modify for UniqueOperationIds {
    fn modify(&self, openapi: &mut OpenApi) {
        let mut seen = std::collections::BTreeMap::<String, usize>::new();
        for item in openapi.paths.paths.values_mut() {
            for (_, operation) in operations(item) {
                if let Some(id) = &operation.operation_id {
                    *seen.entry(id.clone()).or_default() += 1;
                }
            }
        }
        for (path, item) in &mut openapi.paths.paths {
            let resource = path
                .trim_start_matches("/api/v1/")
                .split('/')
                .next()
                .unwrap_or_default()
                .to_owned();
            for (_, operation) in operations(item) {
                if let Some(id) = &mut operation.operation_id
                    && seen.get(id.as_str()).is_some_and(|n| *n > 1)
                {
                    *id = format!("{resource}_{id}");
                }
            }
        }
    }
}

fn operations(item: &mut PathItem) -> impl Iterator<Item = (&'static str, &mut Operation)> {
    [
        ("get", &mut item.get),
        ("put", &mut item.put),
        ("post", &mut item.post),
        ("delete", &mut item.delete),
    ]
    .into_iter()
    .filter_map(|(method, operation)| operation.as_mut().map(|op| (method, op)))
}

fn problem(description: &str) -> RefOr<Response> {
    ResponseBuilder::new()
        .description(description)
        .content(
            PROBLEM_JSON,
            Content::new(Some(Ref::from_schema_name("Problem"))),
        )
        .build()
        .into()
}

/// Handlers declare errors with `body = Problem`, which utoipa files under `application/json`;
/// the server sends them as `application/problem+json`.
fn problems_as_problem_json(operation: &mut Operation) {
    for (status, response) in &mut operation.responses.responses {
        let RefOr::T(response) = response else {
            continue;
        };
        if status.parse::<u16>().is_ok_and(|status| status >= 400) {
            response.content = std::mem::take(&mut response.content)
                .into_iter()
                .map(|(media_type, content)| match media_type.as_str() {
                    "application/json" => (PROBLEM_JSON.to_owned(), content),
                    _ => (media_type, content),
                })
                .collect();
        }
    }
}

/// Every POST goes through the idempotency middleware, whichever handler is behind it, and it
/// refuses keys it cannot store.
fn idempotency_key(operation: &mut Operation) {
    let parameters = operation.parameters.get_or_insert_with(Vec::new);
    parameters
        .retain(|p| !matches!(p, RefOr::T(p) if p.name.eq_ignore_ascii_case(idempotency::HEADER)));
    parameters.push(
        ParameterBuilder::new()
            .name("Idempotency-Key")
            .parameter_in(ParameterIn::Header)
            .required(utoipa::openapi::Required::False)
            .description(Some(
                "Retry-safe key (1 to 255 visible ASCII characters, such as a UUID): the same key \
                 and body within 24 hours returns the first response",
            ))
            .schema(Some(
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .min_length(Some(1))
                    .max_length(Some(idempotency::MAX_KEY_LENGTH))
                    .pattern(Some("^[!-~]+$")),
            ))
            .build()
            .into(),
    );
}

fn shared_responses(operation: &mut Operation) {
    let parameters: Vec<_> = operation
        .parameters
        .iter()
        .flatten()
        .filter_map(|p| match p {
            RefOr::T(p) => Some(p),
            RefOr::Ref(_) => None,
        })
        .collect();
    let takes_parameters = parameters
        .iter()
        .any(|p| matches!(p.parameter_in, ParameterIn::Query | ParameterIn::Header));
    let idempotent = parameters
        .iter()
        .any(|p| p.name.eq_ignore_ascii_case(idempotency::HEADER));
    let takes_body = operation.request_body.is_some();
    let mut add = |status: &str, description: &str| {
        operation
            .responses
            .responses
            .entry(status.to_owned())
            .or_insert_with(|| problem(description));
    };
    if takes_parameters || takes_body {
        add(
            "400",
            "The request cannot be read: a parameter, a header or the body is malformed",
        );
    }
    if takes_body {
        add("413", "The body is larger than the API accepts (64 KiB)");
        add("415", "The body is not sent as `application/json`");
    }
    if idempotent {
        add(
            "409",
            "A request with this Idempotency-Key is still running; retry shortly",
        );
        add(
            "422",
            "This Idempotency-Key was used for a different request in the last 24 hours",
        );
    }
    add(
        "429",
        "Too many requests from this address; `Retry-After` says when to retry",
    );
    add(
        "503",
        "The server is busy or the request took too long; `Retry-After` says when to retry",
    );
}
