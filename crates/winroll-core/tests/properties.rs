//! Templates generated within the contract (and with everything the page allows but Winroll
//! warns about: blank and repeated values, newlines and tabs, padded ids, types newer than the
//! page, fields Winroll does not model at every depth) validate without an error and survive the
//! trip into a `Template` and out as the request body, whole. Broken on purpose in a way JSON
//! Schema can say, the validator and the published schema both refuse them; valid, the schema never
//! refuses one.

use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use serde_json::{Map, Value, json};
use winroll_core::*;

/// Characters as admins type (and paste) them: accents, astral characters (2 UTF-16 units each),
/// digits, spaces, tabs and line ends.
fn character() -> impl Strategy<Value = char> {
    prop_oneof![
        Just('a'),
        Just('Z'),
        Just('é'),
        Just('😀'),
        Just(' '),
        Just('-'),
        Just('\n'),
        Just('\t'),
        Just('7'),
        Just(','),
    ]
}

/// Text of 1 to `max` UTF-16 units (blank included: allowed, with a warning).
fn text(max: usize) -> impl Strategy<Value = String> {
    vec(character(), 1..=max / 2).prop_map(|chars| chars.into_iter().collect::<String>())
}

fn hex24() -> impl Strategy<Value = String> {
    "[0-9a-fA-F]{24}"
}

/// A list value: usually a word, sometimes empty, padded or spread over lines.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "[a-z,.é😀0-9]{1,8}",
        1 => Just(String::new()),
        1 => "[a-z]{1,4}".prop_map(|w| format!(" {w} ")),
        1 => "[a-z]{1,4}".prop_map(|w| format!("{w}\n{w}\t.")),
    ]
}

fn values() -> impl Strategy<Value = Vec<String>> {
    vec(value(), 0..4)
}

/// An id as it may be pasted: usually clean, sometimes with a space around it.
fn id() -> impl Strategy<Value = String> {
    ("[a-f0-9-]{1,36}", 0..4u8).prop_map(|(id, pad)| match pad {
        1 => format!(" {id}"),
        2 => format!("{id} "),
        _ => id,
    })
}

/// A field name no page lists and no known field is close to.
fn stranger() -> impl Strategy<Value = String> {
    "zz[A-Z][a-z]{2,6}[0-9]?"
}

/// Any JSON a server may hold in a field Winroll does not model.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        (-1000i64..1000).prop_map(Value::from),
        Just(json!(1.5)),
        value().prop_map(Value::from),
    ];
    leaf.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..3).prop_map(Value::Array),
            vec((stranger(), inner), 0..3)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

/// Up to two fields Winroll does not model, for any object of the template.
fn extras() -> impl Strategy<Value = Map<String, Value>> {
    vec((stranger(), any_json()), 0..3).prop_map(|pairs| pairs.into_iter().collect())
}

fn put(fields: &mut Map<String, Value>, key: &str, value: Option<Value>) {
    if let Some(value) = value {
        fields.insert(key.into(), value);
    }
}

fn with_extras(mut fields: Map<String, Value>, extras: Map<String, Value>) -> Value {
    for (key, value) in extras {
        fields.entry(key).or_insert(value);
    }
    Value::Object(fields)
}

fn condition() -> impl Strategy<Value = Value> {
    (
        option::of(vec(values(), 0..3)),
        option::of(vec(values(), 0..3)),
        option::of(values()),
        option::of(values()),
        extras(),
    )
        .prop_map(|(tags, auxiliary_fields, patterns, identifiers, extras)| {
            let mut c = Map::new();
            put(&mut c, "tags", tags.map(|t| json!(t)));
            put(
                &mut c,
                "auxiliaryFields",
                auxiliary_fields.map(|a| json!(a)),
            );
            put(&mut c, "patterns", patterns.map(|p| json!(p)));
            put(&mut c, "identifiers", identifiers.map(|i| json!(i)));
            with_extras(c, extras)
        })
}

fn assignment() -> impl Strategy<Value = Value> {
    (option::of(hex24()), 0u32..=10_000, extras()).prop_map(|(id, priority, extras)| {
        let mut a = Map::new();
        put(&mut a, "winPolicyId", id.map(Value::from));
        a.insert("priority".into(), priority.into());
        with_extras(a, extras)
    })
}

fn rule(names_policy: bool) -> impl Strategy<Value = Value> {
    (
        (
            option::of(text(256)),
            option::of(text(256)),
            option::of(values()),
        ),
        option::of(vec(condition(), 0..3)),
        if names_policy {
            hex24().prop_map(Some).boxed()
        } else {
            option::of(hex24()).boxed()
        },
        option::of(vec(assignment(), 0..4)),
        option::of(0u64..=(1 << 53) - 1),
        extras(),
    )
        .prop_map(
            |((name, pattern, tags), conditions, policy, assignments, segment, extras)| {
                let mut r = Map::new();
                put(&mut r, "name", name.map(Value::from));
                put(&mut r, "displayNamePattern", pattern.map(Value::from));
                put(&mut r, "tags", tags.map(|t| json!(t)));
                put(&mut r, "conditions", conditions.map(Value::Array));
                put(&mut r, "winPolicyId", policy.map(Value::from));
                put(
                    &mut r,
                    "winPolicyAssignments",
                    assignments.map(Value::Array),
                );
                put(&mut r, "segmentId", segment.map(Value::from));
                with_extras(r, extras)
            },
        )
}

fn auxiliary_field(i: usize) -> impl Strategy<Value = Value> {
    (
        prop_oneof![
            Just(Some("select")),
            Just(Some("text")),
            Just(Some("radio")),
            Just(None)
        ],
        option::of(text(128)),
        option::of(text(256)),
        option::of(values()),
        extras(),
    )
        .prop_map(move |(kind, title, description, options, extras)| {
            let mut f = Map::new();
            put(&mut f, "type", kind.map(Value::from));
            f.insert("key".into(), format!("field-{i}").into());
            put(&mut f, "title", title.map(Value::from));
            put(&mut f, "description", description.map(Value::from));
            put(&mut f, "options", options.map(|o| json!(o)));
            with_extras(f, extras)
        })
}

fn auxiliary_fields() -> impl Strategy<Value = Value> {
    (0..4usize)
        .prop_flat_map(|n| (0..n).map(auxiliary_field).collect::<Vec<_>>())
        .prop_map(Value::Array)
}

fn entra() -> impl Strategy<Value = Value> {
    (
        id(),
        id(),
        "[!-~]{1,256}",
        extras(),
        extras(),
        any::<bool>(),
    )
        .prop_map(
            |(tenant, client, secret, app_extras, entra_extras, has_app)| {
                let mut e = Map::new();
                if has_app {
                    let mut app = Map::new();
                    app.insert("tenantId".into(), tenant.into());
                    app.insert("clientId".into(), client.into());
                    app.insert("clientSecret".into(), secret.into());
                    e.insert("mobilityApp".into(), with_extras(app, app_extras));
                }
                with_extras(e, entra_extras)
            },
        )
}

prop_compose! {
    /// A template as a file or a server may hold it, its client secret in it when it has one.
    fn template()(
        (name, description) in (text(128), option::of(text(256))),
        first in rule(true),
        more in vec(rule(false), 0..4),
        aux in option::of(auxiliary_fields()),
        providers in option::of(vec(prop_oneof![Just("ldap".to_owned()), Just("saml2".to_owned()), value()], 0..4)),
        allow in option::of(any::<bool>()),
        entra in option::of(entra()),
        segment_id in option::of(0u64..=(1 << 53) - 1),
        extras in extras(),
    ) -> Value {
        let mut t = Map::new();
        t.insert("name".into(), name.into());
        put(&mut t, "description", description.map(Value::from));
        let mut rules = vec![first];
        rules.extend(more);
        t.insert("rules".into(), Value::Array(rules));
        put(&mut t, "auxiliaryFields", aux);
        put(&mut t, "loginProviderTypes", providers.map(|p| json!(p)));
        put(&mut t, "allowAutoContinue", allow.map(Value::from));
        put(&mut t, "entraId", entra);
        put(&mut t, "segmentId", segment_id.map(Value::from));
        with_extras(t, extras)
    }
}

/// The template as a file has it for the editor: no client secret.
fn without_secret(mut template: Value) -> Value {
    if let Some(app) = template
        .pointer_mut("/entraId/mobilityApp")
        .and_then(Value::as_object_mut)
    {
        app.shift_remove("clientSecret");
    }
    template
}

/// How many templates the editor's round trip is checked over (ui/src/roundtrip.test.ts).
const CORPUS_SIZE: usize = 5_000;

/// The shared corpus: templates from the generator above with a fixed seed, so every run and
/// every consumer (the editor's round trip in the UI's tests, the schema check here) sees the
/// same ones.
fn corpus() -> Vec<Value> {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = template();
    (0..CORPUS_SIZE)
        .map(|_| strategy.new_tree(&mut runner).unwrap().current())
        .collect()
}

/// Writes `target/roundtrip-corpus.json` for the UI's test runner, which imports each template
/// into the editor and exports it again. `tests/run-all.sh` runs this before the UI's tests.
#[test]
fn writes_the_round_trip_corpus() {
    let corpus: Vec<Value> = corpus()
        .into_iter()
        .map(|template| {
            let report = validate_value(&template, SecretSource::InTemplate);
            assert!(
                report.valid,
                "the generator made an invalid template: {:?}\n{template}",
                report.errors
            );
            without_secret(template)
        })
        .collect();
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/roundtrip-corpus.json");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    // A stale corpus must never survive a failed or filtered run: written whole, or not at all.
    let _ = std::fs::remove_file(&path);
    std::fs::write(&path, serde_json::to_vec(&corpus).unwrap()).unwrap();
}

/// The corpus holds what the editor used to lose: a generator that stopped making them would
/// let the round trip pass without proving anything.
#[test]
fn the_corpus_holds_what_editors_lose() {
    let text = serde_json::to_string(&corpus()).unwrap();
    for (what, needle) in [
        ("a newline in a value", "\\n"),
        ("a tab", "\\t"),
        ("an empty value", "\"\""),
        ("a padded id", "\" "),
        ("a field Winroll does not model", "\"zz"),
        ("a type newer than the page", "\"radio\""),
        ("a provider that is not the page's", "\"saml2\""),
        (
            "an Entra ID section without a mobility app",
            "\"entraId\":{}",
        ),
    ] {
        assert!(text.contains(needle), "the corpus has no {what}");
    }
    let deep = corpus().iter().any(|t| {
        t.pointer("/rules/0/winPolicyAssignments/0")
            .and_then(Value::as_object)
            .is_some_and(|a| a.keys().any(|k| k.starts_with("zz")))
    });
    assert!(deep, "no assignment carries a field Winroll does not model");
}

/// The published JSON Schema never rejects a template the validator accepts: over the shared
/// corpus (with and without the client secret in the file) and the shipped example.
#[test]
fn the_schema_accepts_every_valid_template() {
    let schema: Value = serde_json::from_str(&schema::template_schema_json()).unwrap();
    let checker = jsonschema::validator_for(&schema).expect("the schema compiles");
    let example: Value =
        serde_json::from_str(include_str!("../../../examples/corporate-enrollment.json")).unwrap();
    let mut documents = vec![example];
    for template in corpus() {
        let mut with_schema_link = without_secret(template.clone());
        with_schema_link["$schema"] = schema::SCHEMA_ID.into();
        documents.push(template);
        documents.push(with_schema_link);
    }
    for document in &documents {
        assert!(validate_value(document, SecretSource::Keyring).valid);
        let problems: Vec<String> = checker
            .iter_errors(document)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(
            problems.is_empty(),
            "the schema rejects a valid template: {problems:?}\n{document}"
        );
    }
}

/// One way to break a template that JSON Schema can say. (Two verdicts of the validator it
/// cannot: a misspelt field name, and lengths counted in UTF-16 units; the breakages keep to
/// ASCII, where both counts agree.)
/// A named way to break a template.
type Breakage = (&'static str, fn(&mut Value));

fn breakage() -> impl Strategy<Value = Breakage> {
    fn rule0(t: &mut Value) -> &mut Map<String, Value> {
        t["rules"][0].as_object_mut().unwrap()
    }
    let cases: Vec<Breakage> = vec![
        ("no name", |t| {
            drop(t.as_object_mut().unwrap().remove("name"))
        }),
        ("an empty name", |t| t["name"] = "".into()),
        ("a number for the name", |t| t["name"] = 7.into()),
        ("a name too long", |t| t["name"] = "x".repeat(129).into()),
        ("a description too long", |t| {
            t["description"] = "x".repeat(257).into()
        }),
        ("a null description", |t| t["description"] = Value::Null),
        ("no rules", |t| {
            drop(t.as_object_mut().unwrap().remove("rules"))
        }),
        ("no rule at all", |t| t["rules"] = json!([])),
        ("rules that are not a list", |t| t["rules"] = "all".into()),
        (
            "no rule naming a policy id",
            |t| t["rules"] = json!([{ "name": "a", "winPolicyAssignments": [{ "priority": 1 }] }]),
        ),
        ("a policy id that is not 24 hex", |t| {
            rule0(t).insert("winPolicyId".into(), "xyz".into());
        }),
        ("a priority too high", |t| {
            rule0(t).insert(
                "winPolicyAssignments".into(),
                json!([{ "priority": 10_001 }]),
            );
        }),
        ("a priority of 1.5", |t| {
            rule0(t).insert("winPolicyAssignments".into(), json!([{ "priority": 1.5 }]));
        }),
        ("a priority as text", |t| {
            rule0(t).insert("winPolicyAssignments".into(), json!([{ "priority": "3" }]));
        }),
        ("an assignment without a priority", |t| {
            rule0(t).insert("winPolicyAssignments".into(), json!([{}]));
        }),
        ("a negative segment", |t| t["segmentId"] = (-1).into()),
        ("a segment as text", |t| t["segmentId"] = "1".into()),
        ("a rule's segment of 2.5", |t| {
            rule0(t).insert("segmentId".into(), 2.5.into());
        }),
        ("a tag that is a number", |t| {
            rule0(t).insert("tags".into(), json!([1]));
        }),
        ("a condition that is not an object", |t| {
            rule0(t).insert("conditions".into(), json!([1]));
        }),
        ("a condition's tag group that is not a list", |t| {
            rule0(t).insert("conditions".into(), json!([{ "tags": ["laptop"] }]));
        }),
        ("an auxiliary field without a key", |t| {
            t["auxiliaryFields"] = json!([{ "type": "text" }])
        }),
        ("an auxiliary field's key too long", |t| {
            t["auxiliaryFields"] = json!([{ "key": "k".repeat(129) }])
        }),
        ("an auxiliary type that is a number", |t| {
            t["auxiliaryFields"] = json!([{ "key": "k", "type": 3 }])
        }),
        ("providers that are not a list", |t| {
            t["loginProviderTypes"] = "ldap".into()
        }),
        ("a provider that is a number", |t| {
            t["loginProviderTypes"] = json!([1])
        }),
        ("auto-continue as text", |t| {
            t["allowAutoContinue"] = "yes".into()
        }),
        ("a mobility app without a tenant", |t| {
            t["entraId"] = json!({ "mobilityApp": { "clientId": "c" } })
        }),
        (
            "an empty client id",
            |t| t["entraId"] = json!({ "mobilityApp": { "tenantId": "t", "clientId": "" } }),
        ),
        (
            "an empty client secret",
            |t| {
                t["entraId"] = json!({ "mobilityApp": { "tenantId": "t", "clientId": "c", "clientSecret": "" } })
            },
        ),
        ("a mobility app that is text", |t| {
            t["entraId"] = json!({ "mobilityApp": "app" })
        }),
    ];
    proptest::sample::select(cases)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn valid_templates_validate_clean_and_go_out_whole(template in template()) {
        let report = validate_value(&template, SecretSource::InTemplate);
        prop_assert!(report.valid, "{:?}", report.errors);
        let checked = Template::from_value(template.clone(), SecretSource::InTemplate).unwrap();
        let sent: Value = serde_json::from_slice(&checked.template.request_body().unwrap()).unwrap();
        prop_assert_eq!(&sent, &template, "sent exactly as given");
        prop_assert_eq!(
            serde_json::to_string(&sent).unwrap(),
            serde_json::to_string(&template).unwrap(),
            "field order kept"
        );
        prop_assert_eq!(Value::Object(checked.template.body().clone()), without_secret(template));
    }

    #[test]
    fn what_the_validator_refuses_and_a_schema_can_say_the_schema_refuses(
        template in template(),
        (what, breaks) in breakage(),
    ) {
        let schema: Value = serde_json::from_str(&schema::template_schema_json()).unwrap();
        let checker = jsonschema::validator_for(&schema).unwrap();
        let mut broken = without_secret(template);
        breaks(&mut broken);
        let report = validate_value(&broken, SecretSource::Keyring);
        prop_assert!(!report.valid, "the validator accepts {}: {}", what, broken);
        prop_assert!(!checker.is_valid(&broken), "the schema accepts {}: {}", what, broken);
        prop_assert!(Template::from_value(broken, SecretSource::Keyring).is_err());
    }

    #[test]
    fn a_priority_out_of_range_is_caught_at_its_path(template in template(), bad in 10_001u64..u64::MAX) {
        let mut value = template;
        value["rules"][0]["winPolicyAssignments"] = json!([{ "winPolicyId": "64b7f0c2a1e4d5f6a7b8c9d0", "priority": 1 }, { "priority": bad }]);
        let report = validate_value(&value, SecretSource::InTemplate);
        prop_assert_eq!(report.errors.len(), 1);
        prop_assert_eq!(&report.errors[0].path, "rules[0].winPolicyAssignments[1].priority");
    }

    #[test]
    fn arbitrary_json_never_panics(text in ".{0,200}") {
        let _ = Template::from_text(&text, SecretSource::InTemplate);
    }
}
