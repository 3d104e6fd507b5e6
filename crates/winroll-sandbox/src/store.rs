//! The sandbox's in-memory organizations and templates.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::{SystemTime, UNIX_EPOCH};

/// The sandbox lives in memory: it stops growing here (a test or a stray loop cannot exhaust
/// the machine). Far above any benchmark's needs.
const MAX_TEMPLATES_PER_ORGANIZATION: usize = 100_000;
/// Fault organizations are made on the fly; this many at most.
const MAX_ORGANIZATIONS: usize = 1_000;

use serde_json::{Map, Value, json};

use crate::faults::{Fault, Scoped};
use winroll_core::Call;

/// Whether an organization's billing plan includes Windows enrollment templates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plan {
    WithEnrollment,
    WithoutEnrollment,
}

/// How an organization writes its answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Dialect {
    /// Clean JSON, numbers as numbers.
    #[default]
    Plain,
    /// As the vendor's page's example answers (see [`crate::QUIRKS_ORG`]).
    Quirks,
}

#[derive(Debug)]
struct Organization {
    plan: Plan,
    dialect: Dialect,
    fault: Option<Scoped>,
    /// In creation order (so by `createdAt`); never removed from, so positions stay valid.
    templates: Vec<Value>,
    /// Position of each template by name and by id: a create's duplicate check and an update's
    /// lookup cost the same in an organization of ten templates or of a hundred thousand.
    by_name: HashMap<String, usize>,
    by_id: HashMap<String, usize>,
    create_requests: u64,
    update_requests: u64,
    /// The body of the last create or update, as it arrived (for tests that check bytes).
    last_body: Option<String>,
}

/// Why an update is refused.
#[derive(Debug)]
pub enum UpdateRefusal {
    /// No template of this organization has the id (404 3001).
    NotFound,
    /// The name belongs to another template (400 5209).
    Invalid(String),
}

impl Organization {
    fn new(plan: Plan) -> Self {
        Self {
            plan,
            dialect: Dialect::Plain,
            fault: None,
            templates: Vec::new(),
            by_name: HashMap::new(),
            by_id: HashMap::new(),
            create_requests: 0,
            update_requests: 0,
            last_body: None,
        }
    }
}

pub struct State {
    token: String,
    base_url: String,
    organizations: Mutex<HashMap<String, Organization>>,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
}

impl std::fmt::Debug for State {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("State")
            .field("token", &"<redacted>")
            .field("base_url", &self.base_url)
            .finish_non_exhaustive()
    }
}

/// Counts a create as in flight until dropped, keeping the high-water mark.
pub struct InFlight<'a>(&'a State);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

/// What the server knows about an organization when a request arrives.
pub struct Lookup {
    pub plan: Plan,
    pub fault: Option<Fault>,
}

impl State {
    pub fn new(token: String, base_url: String) -> Self {
        let mut organizations = HashMap::new();
        for org in [crate::DEMO_ORG, crate::DEMO_ORG_HEX] {
            organizations.insert(org.to_owned(), Organization::new(Plan::WithEnrollment));
        }
        organizations.insert(
            crate::BASIC_PLAN_ORG.to_owned(),
            Organization::new(Plan::WithoutEnrollment),
        );
        let mut quirks = Organization::new(Plan::WithEnrollment);
        quirks.dialect = Dialect::Quirks;
        organizations.insert(crate::QUIRKS_ORG.to_owned(), quirks);
        Self {
            token,
            base_url,
            organizations: Mutex::new(organizations),
            in_flight: AtomicUsize::new(0),
            max_in_flight: AtomicUsize::new(0),
        }
    }

    pub fn enter(&self) -> InFlight<'_> {
        let now = self.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        self.max_in_flight.fetch_max(now, Ordering::SeqCst);
        InFlight(self)
    }

    /// Most creates ever handled at the same time.
    pub fn max_in_flight(&self) -> usize {
        self.max_in_flight.load(Ordering::SeqCst)
    }

    /// Per organization: creates received and templates stored.
    pub fn stats(&self) -> Value {
        let orgs = self.lock();
        let per_org: Map<String, Value> = orgs
            .iter()
            .map(|(id, o)| {
                (
                    id.clone(),
                    json!({
                        "createRequests": o.create_requests,
                        "updateRequests": o.update_requests,
                        "templates": o.templates.len(),
                    }),
                )
            })
            .collect();
        json!({ "organizations": per_org, "maxInFlight": self.max_in_flight() })
    }

    pub fn token(&self) -> &str {
        &self.token
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<String, Organization>> {
        // A panicking handler cannot leave the map half-written (each change is one insert or
        // push), so a poisoned lock is still safe to use.
        self.organizations.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The organization, creating one on the fly for a `fault-…` id so tests need no set-up.
    pub fn lookup(&self, org: &str, call: Call) -> Option<Lookup> {
        let count_create = call == Call::Create;
        let mut orgs = self.lock();
        if !orgs.contains_key(org) {
            Fault::parse(org)?;
            if orgs.len() >= MAX_ORGANIZATIONS {
                return None;
            }
            orgs.insert(org.to_owned(), Organization::new(Plan::WithEnrollment));
        }
        let entry = orgs.get_mut(org)?;
        if count_create {
            entry.create_requests += 1;
        }
        // A fault named by the organization hits creates only, so the list call that settles an
        // uncertain create still works; faults set from code or per request hit every call.
        let named = (count_create && org.starts_with("fault-"))
            .then(|| Fault::parse(org))
            .flatten();
        let scoped = entry.fault.filter(|f| f.hits(call));
        if scoped.is_some_and(|f| f.once) {
            entry.fault = None;
        }
        let set = scoped.map(|f| f.fault);
        let fault = set.or(named);
        Some(Lookup {
            plan: entry.plan,
            fault,
        })
    }

    /// Sets (or clears) `org`'s fault; `false`, changing nothing, when `org` is new and the
    /// sandbox already holds [`MAX_ORGANIZATIONS`], the same cap creates respect.
    pub fn set_fault(&self, org: &str, fault: Option<Scoped>) -> bool {
        let mut orgs = self.lock();
        if !orgs.contains_key(org) && orgs.len() >= MAX_ORGANIZATIONS {
            return false;
        }
        orgs.entry(org.to_owned())
            .or_insert_with(|| Organization::new(Plan::WithEnrollment))
            .fault = fault;
        true
    }

    pub fn create_requests(&self, org: &str) -> u64 {
        self.lock().get(org).map_or(0, |o| o.create_requests)
    }

    pub fn template_names(&self, org: &str) -> Vec<String> {
        self.lock()
            .get(org)
            .map(|o| {
                o.templates
                    .iter()
                    .filter_map(|t| t["name"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Stores a validated template and returns it as the API answers it; `Err` on a duplicate name.
    pub fn insert(&self, org: &str, mut body: Map<String, Value>) -> Result<Value, String> {
        let mut orgs = self.lock();
        let Some(entry) = orgs.get_mut(org) else {
            return Err("Entity not found".into());
        };
        let name = body
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        if entry.templates.len() >= MAX_TEMPLATES_PER_ORGANIZATION {
            return Err(format!(
                "Invalid input: the sandbox keeps at most {MAX_TEMPLATES_PER_ORGANIZATION} templates per organization"
            ));
        }
        if entry.by_name.contains_key(&name) {
            return Err(format!(
                "Invalid input: name: a template named {name:?} already exists in this organization"
            ));
        }
        body.shift_remove("$schema");
        normalise_rules(&mut body);
        let now = now_rfc3339();
        let token_id = object_id();
        body.insert("id".into(), object_id().into());
        body.insert("winEnrollmentTokenId".into(), token_id.clone().into());
        body.insert(
            "winEnrollmentToken".into(),
            json!({
                "id": token_id,
                "token": format!("enroll_{}", random_hex(16)),
                "serverUrl": format!("{}/EnrollmentServer/Discovery.svc", self.base_url),
            }),
        );
        body.insert("devicesCount".into(), 0.into());
        body.insert("createdAt".into(), now.clone().into());
        body.insert("updatedAt".into(), now.into());
        let answer = Value::Object(body);
        let stored = without_client_secret(&answer);
        let position = entry.templates.len();
        if let Some(id) = stored["id"].as_str() {
            entry.by_id.insert(id.to_owned(), position);
        }
        entry.by_name.insert(name, position);
        entry.templates.push(stored);
        Ok(entry.dialect.answer(answer))
    }

    /// Keeps `body` as the organization's last create or update body.
    pub fn record_body(&self, org: &str, body: &[u8]) {
        if let Some(entry) = self.lock().get_mut(org) {
            entry.last_body = Some(String::from_utf8_lossy(body).into_owned());
        }
    }

    pub fn last_body(&self, org: &str) -> Option<String> {
        self.lock().get(org).and_then(|o| o.last_body.clone())
    }

    pub fn count_update(&self, org: &str) {
        if let Some(entry) = self.lock().get_mut(org) {
            entry.update_requests += 1;
        }
    }

    /// Replaces the template's fields with `body`, keeping what the server owns: its id, its
    /// enrollment token, its device count and creation time. Returns the answer, as create's.
    pub fn update(
        &self,
        org: &str,
        id: &str,
        mut body: Map<String, Value>,
    ) -> Result<Value, UpdateRefusal> {
        let mut orgs = self.lock();
        let entry = orgs.get_mut(org).ok_or(UpdateRefusal::NotFound)?;
        let index = *entry.by_id.get(id).ok_or(UpdateRefusal::NotFound)?;
        let name = body
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        if entry
            .by_name
            .get(&name)
            .is_some_and(|&other| other != index)
        {
            return Err(UpdateRefusal::Invalid(format!(
                "Invalid input: name: a template named {name:?} already exists in this organization"
            )));
        }
        body.shift_remove("$schema");
        normalise_rules(&mut body);
        let old = &entry.templates[index];
        let old_name = old["name"].as_str().unwrap_or_default().to_owned();
        for owned in [
            "id",
            "winEnrollmentTokenId",
            "winEnrollmentToken",
            "devicesCount",
            "createdAt",
        ] {
            body.insert(owned.into(), old[owned].clone());
        }
        body.insert("updatedAt".into(), now_rfc3339().into());
        let answer = Value::Object(body);
        let stored = without_client_secret(&answer);
        entry.templates[index] = stored;
        entry.by_name.remove(&old_name);
        entry.by_name.insert(name, index);
        Ok(entry.dialect.answer(answer))
    }

    /// Templates whose name contains `name` (case-insensitive), sorted, one page of them.
    pub fn list(&self, org: &str, query: &ListParams) -> Value {
        let orgs = self.lock();
        let dialect = orgs.get(org).map(|o| o.dialect).unwrap_or_default();
        let mut items: Vec<&Value> = orgs
            .get(org)
            .map(|o| o.templates.iter().collect())
            .unwrap_or_default();
        if let Some((segment, expand)) = query.segment {
            items.retain(|t| {
                let own = t["segmentId"].as_u64().unwrap_or(0);
                own == segment
                    || match expand {
                        Some(Expand::Children) => descends(own, segment),
                        Some(Expand::Ancestors) => descends(segment, own),
                        None => false,
                    }
            });
        }
        if let Some(name) = &query.name {
            let needle = name.to_lowercase();
            items.retain(|t| {
                t["name"]
                    .as_str()
                    .is_some_and(|n| n.to_lowercase().contains(&needle))
            });
        }
        // Templates are kept in creation order: sorting by createdAt is a reversal at most.
        match &query.sort {
            Some((field, false)) if field == "createdAt" => {}
            Some((field, true)) if field == "createdAt" => items.reverse(),
            _ => {}
        }
        if let Some((field, descending)) = query.sort.as_ref().filter(|(f, _)| f != "createdAt") {
            items.sort_by(|a, b| {
                let order = compare(&a[field.as_str()], &b[field.as_str()]);
                if *descending { order.reverse() } else { order }
            });
        }
        let total = items.len() as u64;
        let pages = total.div_ceil(query.limit).max(1);
        let start = ((query.page - 1) * query.limit) as usize;
        let page_items: Vec<Value> = items
            .into_iter()
            .skip(start)
            .take(query.limit as usize)
            .map(|t| dialect.answer(t.clone()))
            .collect();
        json!({
            "items": page_items,
            "totalDocs": total,
            "limit": query.limit,
            "page": query.page,
            "totalPages": pages,
            "hasPrevPage": query.page > 1,
            "hasNextPage": query.page < pages,
            "prevPage": if query.page > 1 { json!(query.page - 1) } else { Value::Null },
            "nextPage": if query.page < pages { json!(query.page + 1) } else { Value::Null },
        })
    }
}

/// The answer echoes the client secret, as the vendor's does; the store never keeps it, so no
/// later list call can hand it out.
fn without_client_secret(answer: &Value) -> Value {
    let mut stored = answer.clone();
    if let Some(app) = stored
        .pointer_mut("/entraId/mobilityApp")
        .and_then(Value::as_object_mut)
    {
        app.shift_remove("clientSecret");
    }
    stored
}

pub struct ListParams {
    pub page: u64,
    pub limit: u64,
    pub name: Option<String>,
    pub sort: Option<(String, bool)>,
    /// A segment, and which segments around it the list also covers.
    pub segment: Option<(u64, Option<Expand>)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expand {
    Children,
    Ancestors,
}

/// The sandbox's segments form a tree by their digits: segment 0 is the root, and segment `n`'s
/// parent is `n / 10` (12 and 13 are children of 1, 123 a grandchild). Whether `segment` lies
/// below `ancestor`.
fn descends(segment: u64, ancestor: u64) -> bool {
    let mut s = segment;
    while s > 0 {
        s /= 10;
        if s == ancestor {
            return true;
        }
    }
    false
}

impl Dialect {
    /// A template as this organization writes it in an answer.
    fn answer(self, template: Value) -> Value {
        match self {
            Dialect::Plain => template,
            Dialect::Quirks => quirky(template),
        }
    }
}

/// As the vendor's page's example answers: numbers as text, timestamps with a stray space after
/// the hour (`2026-02-10T12: 00:00Z`).
fn quirky(mut t: Value) -> Value {
    let text = |v: &mut Value| {
        if let Some(n) = v.as_u64() {
            *v = n.to_string().into();
        }
    };
    if let Some(v) = t.get_mut("segmentId") {
        text(v);
    }
    for rule in t
        .get_mut("rules")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
    {
        if let Some(v) = rule.get_mut("segmentId") {
            text(v);
        }
        for a in rule
            .get_mut("winPolicyAssignments")
            .and_then(Value::as_array_mut)
            .into_iter()
            .flatten()
        {
            if let Some(v) = a.get_mut("priority") {
                text(v);
            }
        }
    }
    for stamp in ["createdAt", "updatedAt"] {
        if let Some(Value::String(s)) = t.get_mut(stamp)
            && let Some(t_at) = s.find('T')
            && let Some(colon) = s[t_at..].find(':')
        {
            s.insert(t_at + colon + 1, ' ');
        }
    }
    t
}

fn compare(a: &Value, b: &Value) -> std::cmp::Ordering {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x
            .as_f64()
            .unwrap_or(0.0)
            .total_cmp(&y.as_f64().unwrap_or(0.0)),
        _ => a
            .as_str()
            .unwrap_or_default()
            .cmp(b.as_str().unwrap_or_default()),
    }
}

/// As the real API does (spec/README.md #4): a rule's single `winPolicyId` becomes an assignment.
fn normalise_rules(body: &mut Map<String, Value>) {
    let Some(Value::Array(rules)) = body.get_mut("rules") else {
        return;
    };
    for rule in rules.iter_mut().filter_map(Value::as_object_mut) {
        let Some(id) = rule.shift_remove("winPolicyId") else {
            continue;
        };
        let assignments = rule
            .entry("winPolicyAssignments")
            .or_insert_with(|| json!([]));
        if let Value::Array(list) = assignments
            && !list.iter().any(|a| a["winPolicyId"] == id)
        {
            list.insert(0, json!({ "winPolicyId": id, "priority": 0 }));
        }
    }
}

fn now_rfc3339() -> String {
    humantime::format_rfc3339_millis(SystemTime::now()).to_string()
}

/// 24 hexadecimal characters, like the vendor's ids: a timestamp then random bytes.
fn object_id() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs()) as u32;
    format!("{secs:08x}{}", random_hex(8))
}

pub(crate) fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    // Without OS randomness, fall back to the clock: ids only need to be unique in one sandbox.
    if getrandom::fill(&mut buf).is_err() {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        for (i, b) in buf.iter_mut().enumerate() {
            *b = (nanos >> ((i % 16) * 8)) as u8;
        }
    }
    buf.iter().map(|b| format!("{b:02x}")).collect()
}
