//! Any template built within the contract's limits validates clean and survives the round trip
//! through the request body and back; and a single broken field is always caught at its path.

use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use winroll_core::*;

fn text(max: usize) -> impl Strategy<Value = String> {
    // Mixes ASCII, accents and astral-plane characters (2 UTF-16 units each) up to the limit.
    prop::collection::vec(
        prop_oneof![
            Just('a'),
            Just('Z'),
            Just('é'),
            Just('😀'),
            Just(' '),
            Just('-')
        ],
        1..=max / 2,
    )
    .prop_map(|chars| chars.into_iter().collect::<String>())
    .prop_filter("not blank", |s| !s.trim().is_empty())
}

fn hex24() -> impl Strategy<Value = String> {
    "[0-9a-fA-F]{24}"
}

/// Values as admins type them: commas, dots, accents and astral characters included.
fn words() -> impl Strategy<Value = Vec<String>> {
    vec("[a-z,.é😀]{1,8}", 0..4)
}

fn distinct(words: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    words
        .into_iter()
        .filter(|w| seen.insert(w.clone()))
        .collect()
}

fn condition() -> impl Strategy<Value = Condition> {
    (
        option::of(vec(words(), 0..3)),
        option::of(vec(words(), 0..3)),
        option::of(words()),
        option::of(words()),
    )
        .prop_map(
            |(tags, auxiliary_fields, patterns, identifiers)| Condition {
                tags,
                auxiliary_fields,
                patterns,
                identifiers,
            },
        )
}

fn rule(names_policy: bool) -> impl Strategy<Value = Rule> {
    (
        option::of(text(256)),
        option::of(text(256)),
        option::of(words()),
        option::of(vec(condition(), 0..3)),
        if names_policy {
            hex24().prop_map(Some).boxed()
        } else {
            option::of(hex24()).boxed()
        },
        option::of(vec((option::of(hex24()), 0u32..=10_000), 0..4)),
        option::of(0u64..=(1 << 53) - 1),
    )
        .prop_map(
            |(
                name,
                display_name_pattern,
                tags,
                conditions,
                win_policy_id,
                assignments,
                segment_id,
            )| Rule {
                name,
                display_name_pattern,
                tags,
                conditions,
                win_policy_id,
                win_policy_assignments: assignments.map(|list| {
                    list.into_iter()
                        .map(|(win_policy_id, priority)| PolicyAssignment {
                            win_policy_id,
                            priority,
                        })
                        .collect()
                }),
                segment_id,
            },
        )
}

fn auxiliary_fields() -> impl Strategy<Value = Vec<AuxiliaryField>> {
    vec(
        (
            any::<bool>(),
            option::of(text(128)),
            option::of(text(256)),
            vec("[a-z]{1,6}", 1..4),
        ),
        0..4,
    )
    .prop_map(|items| {
        items
            .into_iter()
            .enumerate()
            .map(
                |(i, (select, title, description, options))| AuxiliaryField {
                    field_type: Some(if select {
                        AuxiliaryFieldType::Select
                    } else {
                        AuxiliaryFieldType::Text
                    }),
                    key: format!("field-{i}"),
                    title,
                    description,
                    options: Some(distinct(options)),
                },
            )
            .collect()
    })
}

prop_compose! {
    fn template()(
        name in text(128),
        description in option::of(text(256)),
        first in rule(true),
        more in vec(rule(false), 0..4),
        aux in option::of(auxiliary_fields()),
        providers in option::of(words().prop_map(distinct)),
        allow in option::of(any::<bool>()),
        entra in option::of(("[a-f0-9-]{1,36}", "[a-f0-9-]{1,36}", "[!-~]{1,256}")),
        segment_id in option::of(0u64..=(1 << 53) - 1),
    ) -> EnrollmentTemplate {
        let mut rules = vec![first];
        rules.extend(more);
        EnrollmentTemplate {
            name, description, rules: Some(rules), auxiliary_fields: aux,
            login_provider_types: providers, allow_auto_continue: allow,
            entra_id: entra.map(|(tenant_id, client_id, secret)| EntraId { mobility_app: Some(MobilityApp {
                tenant_id, client_id, client_secret: Some(ClientSecret::new(secret)),
            }) }),
            segment_id,
        }
    }
}

/// How many templates the editor's round trip is checked over (ui/src/roundtrip.test.ts).
const CORPUS_SIZE: usize = 5_000;

/// The shared corpus: templates from the generator above with a fixed seed, so every run and
/// every consumer (the editor's round trip in the UI's tests, the schema check here) sees the
/// same ones.
fn corpus() -> Vec<EnrollmentTemplate> {
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
    let corpus: Vec<serde_json::Value> = corpus()
        .iter()
        .map(|template| {
            let body = template.request_body().unwrap();
            let report = validate_value(
                &serde_json::from_slice(&body).unwrap(),
                SecretSource::InTemplate,
            );
            assert!(
                report.valid,
                "the generator made an invalid template: {:?}",
                report.errors
            );
            // The editor never holds the client secret: the corpus is the template as a file has it.
            serde_json::to_value(template).unwrap()
        })
        .collect();
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/roundtrip-corpus.json");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, serde_json::to_vec(&corpus).unwrap()).unwrap();
}

/// The published JSON Schema never rejects a template the validator accepts: over the shared
/// corpus (with and without the client secret in the file) and the shipped example.
#[test]
fn the_schema_accepts_every_valid_template() {
    let schema: serde_json::Value = serde_json::from_str(&schema::template_schema_json()).unwrap();
    let checker = jsonschema::validator_for(&schema).expect("the schema compiles");
    let example: serde_json::Value =
        serde_json::from_str(include_str!("../../../examples/corporate-enrollment.json")).unwrap();
    let mut documents = vec![example];
    for template in corpus() {
        let with_secret: serde_json::Value =
            serde_json::from_slice(&template.request_body().unwrap()).unwrap();
        let mut with_schema_link = serde_json::to_value(&template).unwrap();
        with_schema_link["$schema"] = schema::SCHEMA_ID.into();
        documents.push(with_secret);
        documents.push(with_schema_link);
    }
    for document in &documents {
        assert!(
            validate_value(document, SecretSource::Keyring).valid
                || document["entraId"]["mobilityApp"]["clientSecret"].is_string()
        );
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

proptest! {
    #[test]
    fn valid_templates_validate_clean_and_round_trip(template in template()) {
        let body = template.request_body().unwrap();
        let value: serde_json::Value = serde_json::from_slice(&body).unwrap();
        let report = validate_value(&value, SecretSource::InTemplate);
        prop_assert!(report.valid, "{:?}", report.errors);
        prop_assert!(validate_template(&template, SecretSource::InTemplate).valid);
        let back = parse_template(std::str::from_utf8(&body).unwrap(), SecretSource::InTemplate).unwrap();
        prop_assert_eq!(back, template);
    }

    #[test]
    fn a_priority_out_of_range_is_caught_at_its_path(template in template(), bad in 10_001u64..u64::MAX) {
        let mut value: serde_json::Value = serde_json::from_slice(&template.request_body().unwrap()).unwrap();
        value["rules"][0]["winPolicyAssignments"] = serde_json::json!([{ "winPolicyId": "64b7f0c2a1e4d5f6a7b8c9d0", "priority": 1 }, { "priority": bad }]);
        let report = validate_value(&value, SecretSource::InTemplate);
        prop_assert_eq!(report.errors.len(), 1);
        prop_assert_eq!(&report.errors[0].path, "rules[0].winPolicyAssignments[1].priority");
    }

    #[test]
    fn arbitrary_json_never_panics(text in ".{0,200}") {
        let _ = parse_template(&text, SecretSource::InTemplate);
    }
}
