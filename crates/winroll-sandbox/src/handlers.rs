//! The sandbox's HTTP surface: auth, organization and plan checks, validation, faults.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Path, Query, State as Extract};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, put};
use serde_json::{Value, json};
use winroll_core::{Call, OrganizationId, SecretSource, validate_value};

use crate::faults::{Fault, Scoped};
use crate::store::{Expand, ListParams, Lookup, Plan, State, UpdateRefusal};

type Shared = Arc<State>;

const TEMPLATES: &str = "/v1/organizations/{org}/mdm/windows/enterprise/enrollment-templates";
/// How many problems the 5209 message lists before "and N more".
const PROBLEMS_IN_MESSAGE: usize = 3;

pub fn router(state: Shared) -> Router {
    Router::new()
        .route(TEMPLATES, get(list).post(create))
        .route(&format!("{TEMPLATES}/"), get(list).post(create))
        .route(&format!("{TEMPLATES}/{{id}}"), put(update))
        .route("/EnrollmentServer/Discovery.svc", get(discovery))
        // Not part of the vendor's API: lets tests and demos watch and steer a sandbox process.
        .route("/_sandbox/stats", get(stats))
        .route("/_sandbox/faults/{org}", put(set_fault))
        .route("/_sandbox/last-body/{org}", get(last_body))
        .with_state(state)
}

fn envelope_error(status: StatusCode, code: i64, message: &str) -> Response {
    (
        status,
        axum::Json(json!({ "status": false, "error": { "code": code, "message": message } })),
    )
        .into_response()
}

/// Why a request is turned away before it is looked at.
enum Refusal {
    NoToken,
    WrongToken,
    UnknownOrganization,
    PlanWithoutFeature,
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        match self {
            Refusal::NoToken => envelope_error(StatusCode::UNAUTHORIZED, 4002, "No auth token"),
            Refusal::WrongToken => envelope_error(StatusCode::UNAUTHORIZED, 4001, "Unauthorized"),
            Refusal::UnknownOrganization => {
                envelope_error(StatusCode::NOT_FOUND, 3001, "Entity not found")
            }
            Refusal::PlanWithoutFeature => envelope_error(
                StatusCode::BAD_REQUEST,
                5050,
                "Feature not allowed for you billing plan",
            ),
        }
    }
}

/// Auth, then organization, then plan: the order the real API checks them in.
fn admit(state: &State, headers: &HeaderMap, org: &str, call: Call) -> Result<Lookup, Refusal> {
    check_token(state, headers)?;
    let known = OrganizationId::parse(org)
        .ok()
        .and_then(|_| state.lookup(org, call));
    let mut lookup = known.ok_or(Refusal::UnknownOrganization)?;
    if lookup.plan == Plan::WithoutEnrollment {
        return Err(Refusal::PlanWithoutFeature);
    }
    let header_fault = headers
        .get("x-sandbox-fault")
        .and_then(|v| v.to_str().ok())
        .and_then(Fault::parse);
    if header_fault.is_some() {
        lookup.fault = header_fault;
    }
    Ok(lookup)
}

async fn create(
    Extract(state): Extract<Shared>,
    Path(org): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let lookup = match admit(&state, &headers, &org, Call::Create) {
        Ok(lookup) => lookup,
        Err(refusal) => return refusal.into_response(),
    };
    let _in_flight = state.enter();
    state.record_body(&org, &body);
    if let Some(fault) = lookup.fault.filter(|f| !f.applies_request()) {
        return fault_response(fault, "");
    }
    let body = match checked_body(&body) {
        Ok(body) => body,
        Err(message) => return envelope_error(StatusCode::BAD_REQUEST, 5209, &message),
    };
    let created = match state.insert(&org, body) {
        Ok(created) => created,
        Err(message) => return envelope_error(StatusCode::BAD_REQUEST, 5209, &message),
    };
    applied(lookup.fault, created).await
}

/// The answer to a create or an update that was applied, through the request's fault: a delay
/// answers late (a client that stops waiting leaves the change made), the others garble it.
async fn applied(fault: Option<Fault>, data: Value) -> Response {
    let answer = json!({ "status": true, "data": data }).to_string();
    match fault {
        Some(Fault::Delay(pause)) => {
            tokio::time::sleep(pause).await;
            json_response(answer)
        }
        Some(fault) => fault_response(fault, &answer),
        None => json_response(answer),
    }
}

/// The body of a create or an update: JSON, and valid by the contract. `Err` is the 5209
/// message, with the first few problems.
fn checked_body(body: &[u8]) -> Result<serde_json::Map<String, Value>, String> {
    let Ok(value) = serde_json::from_slice::<Value>(body) else {
        return Err("Invalid input: the body is not JSON".into());
    };
    let report = validate_value(&value, SecretSource::InTemplate);
    if !report.valid {
        let mut shown: Vec<String> = report
            .errors
            .iter()
            .take(PROBLEMS_IN_MESSAGE)
            .map(ToString::to_string)
            .collect();
        if report.errors.len() > PROBLEMS_IN_MESSAGE {
            shown.push(format!(
                "and {} more",
                report.errors.len() - PROBLEMS_IN_MESSAGE
            ));
        }
        return Err(format!("Invalid input: {}", shown.join("; ")));
    }
    match value {
        Value::Object(body) => Ok(body),
        _ => Err("Invalid input".into()),
    }
}

/// `PUT …/enrollment-templates/{id}`: the same body as create; the template keeps its id, its
/// enrollment token and its creation time. An unknown id is 404 3001.
async fn update(
    Extract(state): Extract<Shared>,
    Path((org, id)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let lookup = match admit(&state, &headers, &org, Call::Update) {
        Ok(lookup) => lookup,
        Err(refusal) => return refusal.into_response(),
    };
    state.count_update(&org);
    state.record_body(&org, &body);
    if let Some(fault) = lookup.fault.filter(|f| !f.applies_request()) {
        return fault_response(fault, "");
    }
    let body = match checked_body(&body) {
        Ok(body) => body,
        Err(message) => return envelope_error(StatusCode::BAD_REQUEST, 5209, &message),
    };
    let updated = match state.update(&org, &id, body) {
        Ok(updated) => updated,
        Err(UpdateRefusal::NotFound) => {
            return envelope_error(StatusCode::NOT_FOUND, 3001, "Entity not found");
        }
        Err(UpdateRefusal::Invalid(message)) => {
            return envelope_error(StatusCode::BAD_REQUEST, 5209, &message);
        }
    };
    applied(lookup.fault, updated).await
}

async fn list(
    Extract(state): Extract<Shared>,
    Path(org): Path<String>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let lookup = match admit(&state, &headers, &org, Call::List) {
        Ok(lookup) => lookup,
        Err(refusal) => return refusal.into_response(),
    };
    if let Some(fault) = lookup.fault {
        if let Fault::Delay(pause) = fault {
            tokio::time::sleep(pause).await;
        } else {
            return fault_response(fault, "{\"status\":true,\"data\":{\"items\":[]}}");
        }
    }
    let params = match list_params(&query) {
        Ok(params) => params,
        Err(message) => return envelope_error(StatusCode::BAD_REQUEST, 5209, &message),
    };
    json_response(json!({ "status": true, "data": state.list(&org, &params) }).to_string())
}

fn list_params(query: &HashMap<String, String>) -> Result<ListParams, String> {
    let number = |key: &str, default: u64, max: u64| -> Result<u64, String> {
        match query.get(key) {
            None => Ok(default),
            Some(text) => text
                .parse::<u64>()
                .ok()
                .filter(|n| (1..=max).contains(n))
                .ok_or_else(|| format!("Invalid input: {key} must be an integer from 1 to {max}")),
        }
    };
    let sort = match query.get("sort") {
        None => Some(("createdAt".to_owned(), false)),
        Some(text) => {
            let (field, descending) = match text.rsplit_once(':') {
                Some((field, "desc")) => (field, true),
                Some((field, "asc")) => (field, false),
                Some(_) => {
                    return Err("Invalid input: sort must be field, field:asc or field:desc".into());
                }
                None => (text.as_str(), false),
            };
            if !field
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
            {
                return Err("Invalid input: sort must be field, field:asc or field:desc".into());
            }
            Some((field.to_owned(), descending))
        }
    };
    let name = query.get("name").cloned();
    if name
        .as_ref()
        .is_some_and(|n| n.encode_utf16().count() > 128)
    {
        return Err("Invalid input: name is longer than 128 characters".into());
    }
    let segment = match query.get("segmentId") {
        None => None,
        Some(text) => Some(
            text.parse::<u64>()
                .map_err(|_| "Invalid input: segmentId must be an integer ≥ 0".to_owned())?,
        ),
    };
    let expand = match query.get("expandTo").map(String::as_str) {
        None => None,
        Some("children") => Some(Expand::Children),
        Some("ancestors") => Some(Expand::Ancestors),
        Some(_) => return Err("Invalid input: expandTo must be ancestors or children".into()),
    };
    Ok(ListParams {
        page: number("page", 1, u64::from(u32::MAX))?,
        limit: number("limit", 10, 100)?,
        name,
        sort,
        segment: segment.map(|s| (s, expand)),
    })
}

fn json_response(body: String) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// What the client sees under a fault. `answer` is the body the request would have had.
fn fault_response(fault: Fault, answer: &str) -> Response {
    match fault {
        Fault::Delay(_) => json_response(answer.to_owned()),
        Fault::ServerError => envelope_error(StatusCode::INTERNAL_SERVER_ERROR, 9999, "Internal server error"),
        Fault::HtmlBadGateway => (
            StatusCode::BAD_GATEWAY,
            [(header::CONTENT_TYPE, "text/html")],
            "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>",
        )
            .into_response(),
        Fault::TruncatedJson => {
            let cut = answer.len() / 2;
            let cut = (0..=cut).rev().find(|i| answer.is_char_boundary(*i)).unwrap_or(0);
            json_response(answer[..cut].to_owned())
        }
        Fault::DropConnection => {
            // Headers go out, then the body stream fails: hyper closes the connection mid-answer.
            let failing = futures_util::stream::once(async {
                Err::<Bytes, std::io::Error>(std::io::Error::other("sandbox: connection dropped"))
            });
            ([(header::CONTENT_TYPE, "application/json")], Body::from_stream(failing)).into_response()
        }
        Fault::RateLimited(secs) => {
            let mut response = envelope_error(StatusCode::TOO_MANY_REQUESTS, 4290, "Too many requests");
            response.headers_mut().insert(header::RETRY_AFTER, secs.into());
            response
        }
        Fault::EmptyBody => json_response(String::new()),
        Fault::GatewayTimeoutAfterCreate => (
            StatusCode::GATEWAY_TIMEOUT,
            [(header::CONTENT_TYPE, "text/html")],
            "<html><head><title>504 Gateway Time-out</title></head><body><h1>504 Gateway Time-out</h1></body></html>",
        )
            .into_response(),
    }
}

/// The bearer token: none (4002) or the wrong one (4001). Every route checks it the same way.
fn check_token(state: &State, headers: &HeaderMap) -> Result<(), Refusal> {
    let auth = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .filter(|a| !a.trim().is_empty())
        .ok_or(Refusal::NoToken)?;
    let given = auth.strip_prefix("Bearer ").unwrap_or_default();
    if same_in_constant_time(given.as_bytes(), state.token().as_bytes()) {
        Ok(())
    } else {
        Err(Refusal::WrongToken)
    }
}

/// Whether `a` and `b` are equal, taking as long whichever byte differs: a caller timing the
/// answers learns nothing of the token but (at most) its length.
fn same_in_constant_time(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |diff, (x, y)| diff | (x ^ y)) == 0
}

async fn stats(Extract(state): Extract<Shared>, headers: HeaderMap) -> Response {
    if let Err(refusal) = check_token(&state, &headers) {
        return refusal.into_response();
    }
    axum::Json(state.stats()).into_response()
}

/// `PUT /_sandbox/faults/{org}` with a fault name (`500`, `delay-2000`, ...), for one kind of call
/// when prefixed (`update:504-html`), as the body; or an empty body to clear it.
async fn set_fault(
    Extract(state): Extract<Shared>,
    Path(org): Path<String>,
    headers: HeaderMap,
    body: String,
) -> Response {
    if let Err(refusal) = check_token(&state, &headers) {
        return refusal.into_response();
    }
    let name = body.trim();
    let fault = if name.is_empty() {
        None
    } else {
        Scoped::parse(name)
    };
    if !name.is_empty() && fault.is_none() {
        return envelope_error(
            StatusCode::BAD_REQUEST,
            5209,
            &format!("Invalid input: unknown fault {name:?}"),
        );
    }
    if !state.set_fault(&org, fault) {
        return envelope_error(
            StatusCode::BAD_REQUEST,
            5209,
            "Invalid input: the sandbox holds as many organizations as it may",
        );
    }
    StatusCode::NO_CONTENT.into_response()
}

/// `GET /_sandbox/last-body/{org}`: the last create or update body the organization received, as
/// it arrived (tests compare bytes).
async fn last_body(
    Extract(state): Extract<Shared>,
    Path(org): Path<String>,
    headers: HeaderMap,
) -> Response {
    if let Err(refusal) = check_token(&state, &headers) {
        return refusal.into_response();
    }
    match state.last_body(&org) {
        Some(body) => json_response(body),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

async fn discovery() -> &'static str {
    "Winroll sandbox: this stands in for a Windows MDM discovery endpoint. Devices cannot enroll here.\n"
}
