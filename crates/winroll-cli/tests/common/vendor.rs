//! A stand-in for the vendor's server written for the tests, answering as the vendor's page shows
//! rather than as the friendly sandbox does: a list hands out at most 10 items a page whatever the
//! `limit`, numbers come back as strings (`"segmentId": "1"`, a priority `"0"`), timestamps carry
//! the page's stray space, a rule's single `winPolicyId` comes back as an assignment at priority 0,
//! and it adds fields Winroll does not model inside rules and auxiliary fields. Every request is
//! recorded (method, path and query, body) so a test can say exactly what reached it.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

use serde_json::{Map, Value, json};

/// One request as it arrived.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    /// Path and query, as sent.
    pub target: String,
    pub body: String,
}

#[derive(Default)]
struct Store {
    /// By organization, in creation order: each as the server holds it (its own fields included).
    templates: Vec<(String, Value)>,
    requests: Vec<Recorded>,
    next_id: u64,
    /// Set: the answer to the next create is lost after it is applied (the connection drops).
    lose_next_create: bool,
    /// Set: every create is refused (5209) with this message, as a hostile server might word it.
    refuse_creates: Option<String>,
    /// Set: templates keep and echo the client secret sent, and carry a password of their own.
    echo_secrets: bool,
}

pub struct VendorServer {
    pub url: String,
    pub token: String,
    store: Arc<Mutex<Store>>,
}

/// What the server puts into every rule and auxiliary field it stores, as a newer API would.
pub const SERVER_RULE_FIELD: &str = "evaluationOrder";
pub const SERVER_AUX_FIELD: &str = "uiHint";

impl VendorServer {
    pub fn start(token: &str) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("addr"));
        let store = Arc::new(Mutex::new(Store::default()));
        let (shared, token_owned) = (store.clone(), token.to_owned());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (store, token) = (shared.clone(), token_owned.clone());
                std::thread::spawn(move || serve(stream, &store, &token));
            }
        });
        Self {
            url,
            token: token.to_owned(),
            store,
        }
    }

    /// Puts a template in `org` as the server would hold it; answers its id.
    pub fn seed(&self, org: &str, body: Value) -> String {
        let mut store = self.store.lock().unwrap();
        let stored = stored(&mut store, body);
        let id = stored["id"].as_str().unwrap().to_owned();
        store.templates.push((org.to_owned(), stored));
        id
    }

    /// Changes a stored template as someone in the vendor's console would.
    pub fn edit(&self, id: &str, change: impl FnOnce(&mut Value)) {
        let mut store = self.store.lock().unwrap();
        let (_, template) = store
            .templates
            .iter_mut()
            .find(|(_, t)| t["id"] == id)
            .expect("a template with that id");
        change(template);
    }

    pub fn templates(&self, org: &str) -> Vec<Value> {
        let store = self.store.lock().unwrap();
        store
            .templates
            .iter()
            .filter(|(o, _)| o == org)
            .map(|(_, t)| t.clone())
            .collect()
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.store.lock().unwrap().requests.clone()
    }

    /// How many requests of `method` reached the server.
    pub fn count(&self, method: &str) -> usize {
        self.requests()
            .iter()
            .filter(|r| r.method == method)
            .count()
    }

    /// The next create's answer never comes (the connection drops): after applying it, or
    /// after refusing a duplicate name.
    pub fn lose_next_create(&self) {
        self.store.lock().unwrap().lose_next_create = true;
    }

    /// From now on a stored template keeps the client secret it was sent and echoes it in every
    /// answer, with an `audit.adminPassword` of the server's own at another depth.
    pub fn echo_secrets(&self) {
        self.store.lock().unwrap().echo_secrets = true;
    }

    /// Every create from now on is refused as invalid input, with `message` as the reason.
    pub fn refuse_creates_with(&self, message: &str) {
        self.store.lock().unwrap().refuse_creates = Some(message.to_owned());
    }
}

/// The template as the server stores it: its ids and times, its own fields, its normalisation.
fn stored(store: &mut Store, body: Value) -> Value {
    store.next_id += 1;
    let mut t = body.as_object().cloned().unwrap_or_default();
    t.shift_remove("$schema");
    if store.echo_secrets {
        t.insert(
            "audit".into(),
            json!({ "by": "vendor", "adminPassword": "ECHOED-PASSWORD" }),
        );
    } else if let Some(app) = t
        .get_mut("entraId")
        .and_then(|e| e.get_mut("mobilityApp"))
        .and_then(Value::as_object_mut)
    {
        app.shift_remove("clientSecret");
    }
    for rule in t
        .get_mut("rules")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object_mut)
    {
        if let Some(id) = rule.shift_remove("winPolicyId") {
            let list = rule
                .entry("winPolicyAssignments")
                .or_insert_with(|| json!([]));
            if let Some(list) = list.as_array_mut() {
                list.insert(0, json!({ "winPolicyId": id, "priority": 0 }));
            }
        }
        rule.entry(SERVER_RULE_FIELD)
            .or_insert(json!({ "rank": 1 }));
    }
    for field in t
        .get_mut("auxiliaryFields")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object_mut)
    {
        field.entry(SERVER_AUX_FIELD).or_insert(json!("dropdown"));
    }
    let id = format!(
        "{:024x}",
        0x6b0b_ad6f_0000_0000_0000u128 + u128::from(store.next_id)
    );
    let mut out = Map::new();
    out.insert("id".into(), id.clone().into());
    out.extend(t);
    out.insert("winEnrollmentTokenId".into(), id.clone().into());
    out.insert(
        "winEnrollmentToken".into(),
        json!({ "id": id, "token": format!("enroll_vendor{}", store.next_id), "serverUrl": "https://mdm.vendor.example/enroll" }),
    );
    out.insert("devicesCount".into(), 0.into());
    // Now, written with the page's stray space after the hour (`2026-02-10T12: 00:00Z`).
    let now = humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string();
    let odd = now.replacen(':', ": ", 1);
    out.insert("createdAt".into(), odd.clone().into());
    out.insert("updatedAt".into(), odd.into());
    Value::Object(out)
}

/// A stored template as the page's example answers it: numbers as strings.
fn as_answered(template: &Value) -> Value {
    let mut t = template.clone();
    if let Some(n) = t.get("segmentId").and_then(Value::as_u64) {
        t["segmentId"] = n.to_string().into();
    }
    for rule in t
        .get_mut("rules")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
    {
        for a in rule
            .get_mut("winPolicyAssignments")
            .and_then(Value::as_array_mut)
            .into_iter()
            .flatten()
        {
            if let Some(n) = a.get("priority").and_then(Value::as_u64) {
                a["priority"] = n.to_string().into();
            }
        }
    }
    t
}

fn serve(mut stream: TcpStream, store: &Mutex<Store>, token: &str) {
    let Some((method, target, headers, body)) = read_request(&mut stream) else {
        return;
    };
    store.lock().unwrap().requests.push(Recorded {
        method: method.clone(),
        target: target.clone(),
        body: body.clone(),
    });
    let authorized = headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("authorization") && v == &format!("Bearer {token}"));
    if !authorized {
        return answer(
            &mut stream,
            401,
            &json!({ "status": false, "error": { "code": 4001, "message": "Unauthorized" } }),
        );
    }
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    let parts: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    // /v1/organizations/{org}/mdm/windows/enterprise/enrollment-templates[/{id}]
    let org = parts.get(3).copied().unwrap_or_default().to_owned();
    let id = parts.get(8).map(|s| (*s).to_owned());
    match (method.as_str(), id) {
        ("GET", None) => {
            let page: usize = param(query, "page")
                .and_then(|p| p.parse().ok())
                .unwrap_or(1);
            let name = param(query, "name");
            let store = store.lock().unwrap();
            let all: Vec<&Value> = store
                .templates
                .iter()
                .filter(|(o, t)| {
                    o == &org
                        && name.as_ref().is_none_or(|n| {
                            t["name"]
                                .as_str()
                                .unwrap_or_default()
                                .to_lowercase()
                                .contains(&n.to_lowercase())
                        })
                })
                .map(|(_, t)| t)
                .collect();
            // At most 10 a page, whatever the client asked for.
            const PAGE: usize = 10;
            let pages = all.len().div_ceil(PAGE).max(1);
            let items: Vec<Value> = all
                .iter()
                .skip((page - 1) * PAGE)
                .take(PAGE)
                .map(|t| as_answered(t))
                .collect();
            answer(
                &mut stream,
                200,
                &json!({ "status": true, "data": {
                    "items": items, "totalDocs": all.len().to_string(), "limit": PAGE, "page": page,
                    "totalPages": pages, "hasPrevPage": page > 1, "hasNextPage": page < pages
                } }),
            );
        }
        ("POST", None) => {
            let refusal = store.lock().unwrap().refuse_creates.clone();
            if let Some(message) = refusal {
                return answer(
                    &mut stream,
                    400,
                    &json!({ "status": false, "error": { "code": 5209, "message": message } }),
                );
            }
            let Ok(body) = serde_json::from_str::<Value>(&body) else {
                return answer(
                    &mut stream,
                    400,
                    &json!({ "status": false, "error": { "code": 5209, "message": "Invalid input" } }),
                );
            };
            let mut store = store.lock().unwrap();
            let name = body["name"].clone();
            let lose = std::mem::take(&mut store.lose_next_create);
            if store
                .templates
                .iter()
                .any(|(o, t)| o == &org && t["name"] == name)
            {
                drop(store);
                if lose {
                    // Refused, and the refusal never comes.
                    return;
                }
                return answer(
                    &mut stream,
                    400,
                    &json!({ "status": false, "error": { "code": 5209, "message": "Invalid input: name already exists" } }),
                );
            }
            let saved = stored(&mut store, body);
            store.templates.push((org, saved.clone()));
            drop(store);
            if lose {
                // Applied, and the answer never comes.
                return;
            }
            answer(
                &mut stream,
                200,
                &json!({ "status": true, "data": as_answered(&saved) }),
            );
        }
        ("PUT", Some(id)) => {
            let Ok(body) = serde_json::from_str::<Value>(&body) else {
                return answer(
                    &mut stream,
                    400,
                    &json!({ "status": false, "error": { "code": 5209, "message": "Invalid input" } }),
                );
            };
            let mut store = store.lock().unwrap();
            let Some(index) = store
                .templates
                .iter()
                .position(|(o, t)| o == &org && t["id"] == id)
            else {
                drop(store);
                return answer(
                    &mut stream,
                    404,
                    &json!({ "status": false, "error": { "code": 3001, "message": "Entity not found" } }),
                );
            };
            let old = store.templates[index].1.clone();
            let mut saved = stored(&mut store, body);
            store.next_id -= 1;
            for owned in [
                "id",
                "winEnrollmentTokenId",
                "winEnrollmentToken",
                "devicesCount",
                "createdAt",
            ] {
                saved[owned] = old[owned].clone();
            }
            store.templates[index].1 = saved.clone();
            drop(store);
            answer(
                &mut stream,
                200,
                &json!({ "status": true, "data": as_answered(&saved) }),
            );
        }
        _ => answer(
            &mut stream,
            404,
            &json!({ "status": false, "error": { "code": 3001, "message": "Entity not found" } }),
        ),
    }
}

fn param(query: &str, key: &str) -> Option<String> {
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (k == key).then(|| percent_decode(v))
    })
}

fn percent_decode(text: &str) -> String {
    let bytes = text.replace('+', " ").into_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let hex = (bytes[i] == b'%' && i + 2 < bytes.len())
            .then(|| std::str::from_utf8(&bytes[i + 1..i + 3]).ok())
            .flatten()
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        if let Some(b) = hex {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

type Request = (String, String, Vec<(String, String)>, String);

fn read_request(stream: &mut TcpStream) -> Option<Request> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next()?.to_owned(), parts.next()?.to_owned());
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).ok()?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((k, v)) = header.split_once(':') {
            headers.push((k.trim().to_owned(), v.trim().to_owned()));
        }
    }
    let length: usize = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some((
        method,
        target,
        headers,
        String::from_utf8_lossy(&body).into_owned(),
    ))
}

fn answer(stream: &mut TcpStream, status: u16, body: &Value) {
    let text = body.to_string();
    let reason = match status {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        _ => "Not Found",
    };
    let _ = write!(
        stream,
        "HTTP/1.1 {status} {reason}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{text}",
        text.len()
    );
}
