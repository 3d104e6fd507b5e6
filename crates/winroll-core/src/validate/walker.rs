//! Walks a template given as JSON and collects every problem. Errors are what the vendor's page
//! states invalid (types, required fields, limits, patterns, value ranges), plus our readings of it
//! (`shared/spec/README.md`: a rule must name a policy id; a misspelt field is a mistake). What the
//! page allows but is probably a mistake is a warning: a blank or repeated value, a value outside a
//! list the page documents, a field it does not list, a field only the server sets. Warnings never
//! block a create, and the sandbox never refuses them: a server may hand such values back, and
//! whatever it hands back must be able to go back.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use super::describe::{quote, what};
use super::path::Path;
use super::suggest::closest;
use super::{Problem, SecretSource};

const TEMPLATE_FIELDS: &[&str] = &[
    "$schema",
    "name",
    "description",
    "rules",
    "auxiliaryFields",
    "loginProviderTypes",
    "allowAutoContinue",
    "entraId",
    "segmentId",
];
const RULE_FIELDS: &[&str] = &[
    "name",
    "displayNamePattern",
    "tags",
    "conditions",
    "winPolicyId",
    "winPolicyAssignments",
    "segmentId",
];
const CONDITION_FIELDS: &[&str] = &["tags", "auxiliaryFields", "patterns", "identifiers"];
const ASSIGNMENT_FIELDS: &[&str] = &["winPolicyId", "priority"];
const AUXILIARY_FIELDS: &[&str] = &["type", "key", "title", "description", "options"];
const ENTRA_FIELDS: &[&str] = &["mobilityApp"];
const MOBILITY_APP_FIELDS: &[&str] = &["tenantId", "clientId", "clientSecret"];
/// Fields of a template only the server sets (reading #11): in a file, ignored and never sent.
pub const SERVER_FIELDS: &[&str] = &[
    "id",
    "winEnrollmentTokenId",
    "winEnrollmentToken",
    "devicesCount",
    "createdAt",
    "updatedAt",
];
/// The login providers the page shows (reading #8); others are sent as given, with a warning.
pub const KNOWN_LOGIN_PROVIDERS: &[&str] = &["ldap", "saml", "google"];
/// The auxiliary field types the page lists.
const AUXILIARY_TYPES: &[&str] = &["select", "text"];

/// Every field name Winroll models, by the object that holds it (the window keeps the others as
/// the server has them).
pub fn known_fields() -> [(&'static str, &'static [&'static str]); 7] {
    [
        ("template", TEMPLATE_FIELDS),
        ("rule", RULE_FIELDS),
        ("condition", CONDITION_FIELDS),
        ("assignment", ASSIGNMENT_FIELDS),
        ("auxiliaryField", AUXILIARY_FIELDS),
        ("entraId", ENTRA_FIELDS),
        ("mobilityApp", MOBILITY_APP_FIELDS),
    ]
}

/// The largest integer a JavaScript server reads exactly.
const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;
const MAX_PRIORITY: u64 = 10_000;

/// Every problem of a template: its errors, and its warnings.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Findings {
    pub errors: Vec<Problem>,
    pub warnings: Vec<Problem>,
}

pub fn walk_template(value: &Value, secrets: SecretSource) -> Findings {
    let mut walker = Walker::new(Findings::default(), secrets);
    walker.template(value, &Path::Root);
    walker.found
}

/// The rules of a template, checked one by one as its text was read (see `stream.rs`), so a
/// large file never has to live in memory as one JSON tree.
#[derive(Debug, Default)]
pub struct CheckedRules {
    count: usize,
    names_policy: bool,
    found: Findings,
}

impl CheckedRules {
    /// Checks `rules[index]` and forgets it.
    pub fn check(&mut self, rule: &Value, secrets: SecretSource) {
        let mut walker = Walker::new(std::mem::take(&mut self.found), secrets);
        let root = Path::Root;
        let rules = root.field("rules");
        self.names_policy |= walker.rule(rule, &rules.index(self.count));
        self.found = walker.found;
        self.count += 1;
    }
}

/// As [`walk_template`] for a template object read without its `rules` (already checked).
pub fn walk_template_fields(
    obj: &Map<String, Value>,
    rules: CheckedRules,
    secrets: SecretSource,
) -> Findings {
    let mut walker = Walker::new(Findings::default(), secrets);
    walker.template_object(obj, &Path::Root);
    walker.template_fields(obj, &Path::Root, Some(rules));
    walker.found
}

struct Walker {
    found: Findings,
    secrets: SecretSource,
}

/// What a text field allows.
#[derive(Clone, Copy)]
struct Text {
    required: bool,
    max: usize,
    /// Whether to quote the value in messages (never for a secret).
    quotable: bool,
}

impl Text {
    const fn optional(max: usize) -> Self {
        Self {
            required: false,
            max,
            quotable: true,
        }
    }

    const fn required(max: usize) -> Self {
        Self {
            required: true,
            max,
            quotable: true,
        }
    }
}

impl Walker {
    fn new(found: Findings, secrets: SecretSource) -> Self {
        Self { found, secrets }
    }

    /// An error: the page says this is invalid; nothing is sent.
    fn report(&mut self, at: &Path, message: impl Into<String>) {
        self.found.errors.push(Problem {
            path: at.render(),
            message: message.into(),
        });
    }

    /// A warning: allowed by the page, probably a mistake; sent as given.
    fn warn(&mut self, at: &Path, message: impl Into<String>) {
        self.found.warnings.push(Problem {
            path: at.render(),
            message: message.into(),
        });
    }

    fn template(&mut self, value: &Value, at: &Path) {
        let Value::Object(obj) = value else {
            self.report(
                at,
                format!("expected a template (a JSON object), got {}", what(value)),
            );
            return;
        };
        self.template_object(obj, at);
        self.template_fields(obj, at, None);
    }

    /// The template's own fields that are not on the page: server-set ones are noted (never
    /// sent), the others as any object's.
    fn template_object(&mut self, obj: &Map<String, Value>, at: &Path) {
        for key in obj.keys() {
            if SERVER_FIELDS.contains(&key.as_str()) {
                self.warn(
                    &at.field(key),
                    "set by the server: ignored here, never sent",
                );
            }
        }
        self.unknown_fields(obj, at, TEMPLATE_FIELDS);
    }

    /// The template's fields; `checked` when its rules were checked as the text was read.
    fn template_fields(
        &mut self,
        obj: &Map<String, Value>,
        at: &Path,
        checked: Option<CheckedRules>,
    ) {
        if let Some(name) = self.text(obj, "name", at, Text::required(128)) {
            self.padding(name, &at.field("name"), "name");
        }
        self.text(obj, "description", at, Text::optional(256));
        match checked {
            Some(checked) => self.checked_rules(checked, &at.field("rules")),
            None => self.rules(obj, at),
        }
        self.auxiliary_fields(obj, at);
        if let Some(list) = self.present(obj, "loginProviderTypes", at) {
            let here = at.field("loginProviderTypes");
            self.string_list(list, &here, true, "login provider");
            for (i, provider) in list.as_array().into_iter().flatten().enumerate() {
                if let Some(p) = provider.as_str()
                    && !p.trim().is_empty()
                    && !KNOWN_LOGIN_PROVIDERS.contains(&p)
                {
                    self.warn(
                        &here.index(i),
                        format!(
                            "{} is not one of the providers the page shows ({}); sent as given",
                            quote(p),
                            KNOWN_LOGIN_PROVIDERS.join(", ")
                        ),
                    );
                }
            }
        }
        self.boolean(obj, "allowAutoContinue", at);
        if let Some(entra) = self.present(obj, "entraId", at) {
            self.entra_id(entra, &at.field("entraId"));
        }
        self.integer(obj, "segmentId", at, MAX_SAFE_INTEGER, false);
    }

    fn rules(&mut self, obj: &Map<String, Value>, at: &Path) {
        let here = at.field("rules");
        let Some(value) = field(obj, "rules") else {
            self.report(&here, NO_RULES);
            return;
        };
        let Some(rules) = self.list(value, &here, "a list of rules") else {
            return;
        };
        if rules.is_empty() {
            self.report(&here, EMPTY_RULES);
            return;
        }
        let mut any_names_policy = false;
        for (i, rule) in rules.iter().enumerate() {
            any_names_policy |= self.rule(rule, &here.index(i));
        }
        if !any_names_policy {
            self.report(&here, NO_POLICY);
        }
    }

    /// What `rules` adds once its rules were checked one by one: the same verdicts as
    /// [`Walker::rules`], in the same place among the template's problems.
    fn checked_rules(&mut self, checked: CheckedRules, here: &Path) {
        self.found.errors.extend(checked.found.errors);
        self.found.warnings.extend(checked.found.warnings);
        if checked.count == 0 {
            self.report(here, EMPTY_RULES);
        } else if !checked.names_policy {
            self.report(here, NO_POLICY);
        }
    }

    /// Checks one rule; answers whether it names a policy id (its own, or an assignment's).
    fn rule(&mut self, value: &Value, at: &Path) -> bool {
        let Some(obj) = self.object(value, at, RULE_FIELDS, "a rule (a JSON object)") else {
            return false;
        };
        self.text(obj, "name", at, Text::optional(256));
        self.text(obj, "displayNamePattern", at, Text::optional(256));
        if let Some(tags) = self.present(obj, "tags", at) {
            self.string_list(tags, &at.field("tags"), false, "tag");
        }
        if let Some(conditions) = self.present(obj, "conditions", at) {
            let here = at.field("conditions");
            if let Some(list) = self.list(conditions, &here, "a list of conditions") {
                for (i, condition) in list.iter().enumerate() {
                    self.condition(condition, &here.index(i));
                }
            }
        }
        let single = self.policy_id(obj, at);
        let mut assigned = false;
        if let Some(assignments) = self.present(obj, "winPolicyAssignments", at) {
            let here = at.field("winPolicyAssignments");
            if let Some(list) = self.list(assignments, &here, "a list of policy assignments") {
                for (i, assignment) in list.iter().enumerate() {
                    assigned |= self.assignment(assignment, &here.index(i));
                }
            }
        }
        self.integer(obj, "segmentId", at, MAX_SAFE_INTEGER, false);
        single || assigned
    }

    fn condition(&mut self, value: &Value, at: &Path) {
        let Some(obj) = self.object(value, at, CONDITION_FIELDS, "a condition (a JSON object)")
        else {
            return;
        };
        for group_field in ["tags", "auxiliaryFields"] {
            if let Some(groups) = self.present(obj, group_field, at) {
                let here = at.field(group_field);
                if let Some(list) = self.list(groups, &here, "a list of lists of strings") {
                    for (i, group) in list.iter().enumerate() {
                        self.string_list(group, &here.index(i), false, "entry");
                    }
                }
            }
        }
        for list_field in ["patterns", "identifiers"] {
            if let Some(list) = self.present(obj, list_field, at) {
                self.string_list(list, &at.field(list_field), false, "entry");
            }
        }
    }

    /// Checks one assignment; answers whether it names a policy id.
    fn assignment(&mut self, value: &Value, at: &Path) -> bool {
        let Some(obj) = self.object(
            value,
            at,
            ASSIGNMENT_FIELDS,
            "a policy assignment (a JSON object)",
        ) else {
            return false;
        };
        let named = self.policy_id(obj, at);
        if field(obj, "winPolicyId").is_none() {
            self.warn(at, "names no policy (no winPolicyId): it assigns nothing");
        }
        self.integer(obj, "priority", at, MAX_PRIORITY, true);
        named
    }

    /// A `winPolicyId`, if present, must be 24 hexadecimal characters. Answers whether it names
    /// a policy: a string is there (a wrong one is an error of its own).
    fn policy_id(&mut self, obj: &Map<String, Value>, at: &Path) -> bool {
        let Some(id) = self.text(obj, "winPolicyId", at, Text::optional(usize::MAX)) else {
            return false;
        };
        if !(id.len() == 24 && id.bytes().all(|b| b.is_ascii_hexdigit())) {
            self.report(
                &at.field("winPolicyId"),
                format!(
                    "must be 24 hexadecimal characters (0-9, a-f), got {}",
                    quote(id)
                ),
            );
        }
        true
    }

    fn auxiliary_fields(&mut self, obj: &Map<String, Value>, at: &Path) {
        let Some(value) = self.present(obj, "auxiliaryFields", at) else {
            return;
        };
        let here = at.field("auxiliaryFields");
        let Some(list) = self.list(value, &here, "a list of auxiliary fields") else {
            return;
        };
        let mut first_with_key: HashMap<&str, usize> = HashMap::new();
        for (i, field) in list.iter().enumerate() {
            let at = here.index(i);
            let Some(key) = self.auxiliary_field(field, &at) else {
                continue;
            };
            if let Some(first) = first_with_key.get(key) {
                self.warn(
                    &at.field("key"),
                    format!(
                        "duplicate key {}: auxiliaryFields[{first}] already uses it",
                        quote(key)
                    ),
                );
            } else {
                first_with_key.insert(key, i);
            }
        }
    }

    /// Checks one auxiliary field; answers its key when it has a usable one.
    fn auxiliary_field<'v>(&mut self, value: &'v Value, at: &Path) -> Option<&'v str> {
        let obj = self.object(
            value,
            at,
            AUXILIARY_FIELDS,
            "an auxiliary field (a JSON object)",
        )?;
        let is_select = match field(obj, "type") {
            None => false,
            Some(Value::String(t)) if t == "select" => true,
            Some(Value::String(t)) if t == "text" => false,
            // A type newer than the page, maybe: the server decides.
            Some(Value::String(t)) => {
                self.warn(
                    &at.field("type"),
                    format!(
                        "{} is not a type the page lists ({}); sent as given",
                        quote(t),
                        AUXILIARY_TYPES.join(", ")
                    ),
                );
                false
            }
            Some(other) => {
                self.report(
                    &at.field("type"),
                    format!("expected \"select\" or \"text\", got {}", what(other)),
                );
                false
            }
        };
        let key = self.text(obj, "key", at, Text::required(128));
        if let Some(k) = key {
            self.padding(k, &at.field("key"), "key");
        }
        self.text(obj, "title", at, Text::optional(128));
        self.text(obj, "description", at, Text::optional(256));
        let options = match self.present(obj, "options", at) {
            Some(options) => self.string_list(options, &at.field("options"), true, "option"),
            None => Some(0),
        };
        if is_select && options == Some(0) {
            self.warn(
                &at.field("options"),
                "a select field with no option offers nothing to choose",
            );
        }
        key.filter(|k| !k.trim().is_empty())
    }

    fn entra_id(&mut self, value: &Value, at: &Path) {
        let Some(obj) = self.object(value, at, ENTRA_FIELDS, "an object with mobilityApp") else {
            return;
        };
        let here = at.field("mobilityApp");
        let Some(app) = field(obj, "mobilityApp") else {
            self.warn(
                &here,
                "entraId without a mobilityApp turns no Entra ID integration on",
            );
            return;
        };
        let Some(app) = self.object(app, &here, MOBILITY_APP_FIELDS, "an object") else {
            return;
        };
        for id in ["tenantId", "clientId"] {
            if let Some(value) = self.text(app, id, &here, Text::required(256)) {
                self.padding(value, &here.field(id), id);
            }
        }
        let secret = Text {
            required: false,
            max: 256,
            quotable: false,
        };
        let given = self.text(app, "clientSecret", &here, secret);
        // An empty secret is never one: the server would store a mobility app that cannot sign in.
        if given.is_some_and(str::is_empty) {
            self.report(
                &here.field("clientSecret"),
                "must not be empty: give the secret, or leave the field out and store it with `winroll secret set`",
            );
        } else if given.is_some_and(|s| s.trim().is_empty()) {
            self.warn(
                &here.field("clientSecret"),
                "is only spaces: the mobility app will not sign in with it",
            );
        }
        if given.is_none()
            && !app.contains_key("clientSecret")
            && self.secrets == SecretSource::InTemplate
        {
            self.report(
                &here.field("clientSecret"),
                "required: the mobility app's client secret (store it with `winroll secret set`)",
            );
        }
    }

    // ---- building blocks ----

    fn object<'v>(
        &mut self,
        value: &'v Value,
        at: &Path,
        known: &[&str],
        expected: &str,
    ) -> Option<&'v Map<String, Value>> {
        let Value::Object(obj) = value else {
            self.report(at, format!("expected {expected}, got {}", what(value)));
            return None;
        };
        self.unknown_fields(obj, at, known);
        Some(obj)
    }

    /// A field the page does not list: a likely misspelling of one it does is an error (it would
    /// be sent under the wrong name); any other is a warning, kept and sent as given (a server may
    /// know fields newer than its page).
    fn unknown_fields(&mut self, obj: &Map<String, Value>, at: &Path, known: &[&str]) {
        for key in obj.keys() {
            if known.contains(&key.as_str()) {
                continue;
            }
            if matches!(at, Path::Root) && SERVER_FIELDS.contains(&key.as_str()) {
                continue;
            }
            match closest(key, known) {
                Some(hint) => self.report(
                    &at.field(key),
                    format!("unknown field; did you mean \"{hint}\"?"),
                ),
                None => self.warn(
                    &at.field(key),
                    "not a field of the vendor's page: kept and sent as given",
                ),
            }
        }
    }

    /// A value with spaces around it is sent as typed, with a warning: a pasted id or name
    /// rarely means them.
    fn padding(&mut self, value: &str, at: &Path, what: &str) {
        if value.trim().is_empty() {
            self.warn(at, format!("the {what} is only spaces"));
        } else if value.trim() != value {
            self.warn(
                at,
                format!("the {what} starts or ends with spaces; sent as typed"),
            );
        }
    }

    /// An optional field's value; an explicit `null` is reported, since the API wants it left out.
    fn present<'v>(
        &mut self,
        obj: &'v Map<String, Value>,
        name: &str,
        at: &Path,
    ) -> Option<&'v Value> {
        match field(obj, name)? {
            Value::Null => {
                self.report(
                    &at.field(name),
                    "expected a value, got null (leave the field out instead)",
                );
                None
            }
            value => Some(value),
        }
    }

    fn list<'v>(&mut self, value: &'v Value, at: &Path, expected: &str) -> Option<&'v Vec<Value>> {
        match value {
            Value::Array(list) => Some(list),
            other => {
                self.report(at, format!("expected {expected}, got {}", what(other)));
                None
            }
        }
    }

    fn text<'v>(
        &mut self,
        obj: &'v Map<String, Value>,
        name: &str,
        at: &Path,
        rule: Text,
    ) -> Option<&'v str> {
        let here = at.field(name);
        let value = match field(obj, name) {
            None if rule.required => {
                self.report(&here, "required");
                return None;
            }
            None => return None,
            Some(Value::Null) if !rule.required => {
                self.report(
                    &here,
                    "expected a string, got null (leave the field out instead)",
                );
                return None;
            }
            Some(value) => value,
        };
        let Value::String(text) = value else {
            let got = if rule.quotable {
                what(value)
            } else {
                "another type".into()
            };
            self.report(&here, format!("expected a string, got {got}"));
            return None;
        };
        if rule.required && text.is_empty() {
            self.report(&here, "required: must not be empty");
            return None;
        }
        let length = utf16_len(text);
        if length > rule.max {
            self.report(
                &here,
                format!("too long: {length} characters, at most {} (counted as the server counts, in UTF-16 units)", rule.max),
            );
        }
        Some(text)
    }

    fn integer(
        &mut self,
        obj: &Map<String, Value>,
        name: &str,
        at: &Path,
        max: u64,
        required: bool,
    ) -> Option<u64> {
        let here = at.field(name);
        let expected = if max == MAX_SAFE_INTEGER {
            "an integer ≥ 0".to_string()
        } else {
            format!("an integer from 0 to {max}")
        };
        let value = match field(obj, name) {
            None if required => {
                self.report(&here, format!("required: {expected}"));
                return None;
            }
            None => return None,
            Some(value) => value,
        };
        match whole(value) {
            Some(n) if n <= max => Some(n),
            _ => {
                let mut got = what(value);
                if whole(value).is_some_and(|n| n > max) && max == MAX_SAFE_INTEGER {
                    got.push_str(", too large to be read exactly");
                }
                self.report(&here, format!("expected {expected}, got {got}"));
                None
            }
        }
    }

    fn boolean(&mut self, obj: &Map<String, Value>, name: &str, at: &Path) {
        match field(obj, name) {
            None | Some(Value::Bool(_)) => {}
            Some(other) => self.report(
                &at.field(name),
                format!("expected true or false, got {}", what(other)),
            ),
        }
    }

    /// A list of non-empty strings; with `distinct`, no repeats. Answers how many items it has.
    fn string_list(
        &mut self,
        value: &Value,
        at: &Path,
        distinct: bool,
        item: &str,
    ) -> Option<usize> {
        let list = self.list(value, at, "a list of strings")?;
        // Most lists hold a few items: comparing with the earlier ones beats hashing each.
        let mut seen: Option<HashSet<&str>> = (distinct && list.len() > SMALL).then(HashSet::new);
        for (i, entry) in list.iter().enumerate() {
            let here = at.index(i);
            match entry {
                Value::String(s) if s.trim().is_empty() => {
                    self.warn(
                        &here,
                        format!("empty {item}: sent as given; remove it or fill it in"),
                    );
                }
                Value::String(s) => {
                    let repeated = match &mut seen {
                        Some(seen) => !seen.insert(s.as_str()),
                        None => {
                            distinct && list[..i].iter().any(|earlier| earlier.as_str() == Some(s))
                        }
                    };
                    if repeated {
                        self.warn(&here, format!("duplicate {item} {}", quote(s)));
                    }
                }
                other => self.report(&here, format!("expected a string, got {}", what(other))),
            }
        }
        Some(list.len())
    }
}

const NO_RULES: &str = "required: add at least one rule that names a policy (a winPolicyId of its own or in one of its winPolicyAssignments)";
const EMPTY_RULES: &str = "must contain at least one rule that names a policy (a winPolicyId of its own or in one of its winPolicyAssignments)";
const NO_POLICY: &str = "no rule names a policy: give at least one rule a winPolicyId, of its own or in one of its winPolicyAssignments";

/// An integer as JSON may write it: `5`, or `5.0` (a JSON number with a zero fraction is the
/// same integer to a JavaScript server and to JSON Schema).
fn whole(value: &Value) -> Option<u64> {
    let n = value.as_number()?;
    n.as_u64().or_else(|| {
        n.as_f64()
            .filter(|f| f.fract() == 0.0 && *f >= 0.0 && *f <= MAX_SAFE_INTEGER as f64)
            .map(|f| f as u64)
    })
}

/// Up to this many entries, a linear scan beats hashing (SipHash) for the short keys and list
/// items of a template: measured with `cargo bench -p winroll-core --bench validate`.
const SMALL: usize = 16;

/// A field of an object. Objects in a template have a handful of fields, so a scan over them
/// (the map keeps their order, `preserve_order`) is cheaper than hashing the name.
fn field<'v>(obj: &'v Map<String, Value>, name: &str) -> Option<&'v Value> {
    if obj.len() > SMALL {
        return obj.get(name);
    }
    obj.iter()
        .find_map(|(key, value)| (key == name).then_some(value))
}

/// Length as a JavaScript server counts it (spec/README.md #7): an emoji counts 2.
fn utf16_len(text: &str) -> usize {
    // Every char is 1 unit, plus 1 more for those outside the Basic Multilingual Plane; ASCII
    // text (the common case) is its byte length.
    if text.is_ascii() {
        return text.len();
    }
    text.encode_utf16().count()
}
