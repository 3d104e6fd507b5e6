use serde_json::{Value, json};

use super::*;

fn minimal() -> Value {
    json!({
        "name": "Laptops",
        "rules": [{ "winPolicyId": "64b7f0c2a1e4d5f6a7b8c9d0" }]
    })
}

fn errors(value: &Value) -> Vec<String> {
    validate_value(value, SecretSource::InTemplate)
        .errors
        .iter()
        .map(ToString::to_string)
        .collect()
}

fn with(mut base: Value, pointer: &str, field: &str, value: Value) -> Value {
    base.pointer_mut(pointer)
        .and_then(Value::as_object_mut)
        .expect("pointer")
        .insert(field.into(), value);
    base
}

#[test]
fn minimal_template_is_valid() {
    assert_eq!(errors(&minimal()), Vec::<String>::new());
}

#[test]
fn the_specs_own_example_is_invalid_at_each_offending_field() {
    let text = include_str!("../../tests/fixtures/spec-example-request.json");
    let problems = parse_template(text, SecretSource::InTemplate).expect_err("must be invalid");
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "rules[0].winPolicyId",
            "rules[0].winPolicyAssignments[0].winPolicyId",
            "segmentId"
        ],
        "{problems:#?}"
    );
    assert_eq!(
        problems[2].message,
        "expected an integer ≥ 0, got the string \"1\""
    );
    assert!(
        problems[0].message.contains("24 hexadecimal"),
        "{}",
        problems[0].message
    );
}

#[test]
fn the_corrected_example_is_valid_with_the_secret_from_the_keyring() {
    let text = include_str!("../../../../examples/corporate-enrollment.json");
    assert!(parse_template(text, SecretSource::Keyring).is_ok());
    let problems = parse_template(text, SecretSource::InTemplate).expect_err("secret missing");
    assert_eq!(problems[0].path, "entraId.mobilityApp.clientSecret");
}

#[test]
fn name_length_boundary_counts_utf16_units() {
    let at = |name: String| errors(&with(minimal(), "", "name", json!(name)));
    assert!(at("a".repeat(128)).is_empty());
    assert_eq!(
        at("a".repeat(129)),
        [
            "name: too long: 129 characters, at most 128 (counted as the server counts, in UTF-16 units)"
        ]
    );
    // 64 emoji are 128 UTF-16 units; one more accented letter (1 unit) tips it over.
    assert!(at("😀".repeat(64)).is_empty());
    assert_eq!(at(format!("{}é", "😀".repeat(64))).len(), 1);
    assert_eq!(at("   ".into()), ["name: must not be blank"]);
    assert_eq!(at(String::new()), ["name: required: must not be empty"]);
}

#[test]
fn every_length_limit_is_enforced() {
    let cases = [
        ("", "description", 256),
        ("/rules/0", "name", 256),
        ("/rules/0", "displayNamePattern", 256),
    ];
    for (pointer, field, max) in cases {
        let ok = with(minimal(), pointer, field, json!("x".repeat(max)));
        assert!(errors(&ok).is_empty(), "{field} at {max}");
        let long = with(minimal(), pointer, field, json!("x".repeat(max + 1)));
        assert_eq!(errors(&long).len(), 1, "{field} at {}", max + 1);
    }
    let aux = |field: &str, len: usize| {
        let mut item = json!({ "key": "k", "type": "text" });
        item[field] = json!("x".repeat(len));
        errors(&with(minimal(), "", "auxiliaryFields", json!([item])))
    };
    for (field, max) in [("key", 128), ("title", 128), ("description", 256)] {
        assert!(aux(field, max).is_empty(), "{field}");
        assert_eq!(
            aux(field, max + 1)[0],
            format!(
                "auxiliaryFields[0].{field}: too long: {} characters, at most {max} (counted as the server counts, in UTF-16 units)",
                max + 1
            )
        );
    }
    let entra = |field: &str, len: usize| {
        let mut app = json!({ "tenantId": "t", "clientId": "c", "clientSecret": "s" });
        app[field] = json!("x".repeat(len));
        errors(&with(
            minimal(),
            "",
            "entraId",
            json!({ "mobilityApp": app }),
        ))
    };
    for field in ["tenantId", "clientId", "clientSecret"] {
        assert!(entra(field, 256).is_empty(), "{field}");
        assert_eq!(entra(field, 257).len(), 1, "{field}");
    }
}

#[test]
fn priority_boundaries() {
    let at = |priority: Value| {
        let v = with(
            minimal(),
            "/rules/0",
            "winPolicyAssignments",
            json!([{ "winPolicyId": "64b7f0c2a1e4d5f6a7b8c9d0", "priority": 1 }, { "winPolicyId": "64b7f0c2a1e4d5f6a7b8c9d1", "priority": priority }]),
        );
        errors(&v)
    };
    assert!(at(json!(0)).is_empty());
    assert!(at(json!(10000)).is_empty());
    let p = "rules[0].winPolicyAssignments[1].priority";
    assert_eq!(
        at(json!(10001)),
        [format!(
            "{p}: expected an integer from 0 to 10000, got the number 10001"
        )]
    );
    assert_eq!(
        at(json!(-1)),
        [format!(
            "{p}: expected an integer from 0 to 10000, got the number -1"
        )]
    );
    assert_eq!(
        at(json!(1.5)),
        [format!(
            "{p}: expected an integer from 0 to 10000, got the number 1.5"
        )]
    );
    assert_eq!(
        at(json!("3")),
        [format!(
            "{p}: expected an integer from 0 to 10000, got the string \"3\""
        )]
    );
    let missing = with(
        minimal(),
        "/rules/0",
        "winPolicyAssignments",
        json!([{ "winPolicyId": "64b7f0c2a1e4d5f6a7b8c9d0" }]),
    );
    assert_eq!(
        errors(&missing),
        ["rules[0].winPolicyAssignments[0].priority: required: an integer from 0 to 10000"]
    );
}

#[test]
fn segment_ids_are_integers_at_least_zero() {
    assert!(errors(&with(minimal(), "", "segmentId", json!(0))).is_empty());
    assert_eq!(
        errors(&with(minimal(), "", "segmentId", json!(-1))),
        ["segmentId: expected an integer ≥ 0, got the number -1"]
    );
    assert_eq!(
        errors(&with(minimal(), "/rules/0", "segmentId", json!("1"))),
        ["rules[0].segmentId: expected an integer ≥ 0, got the string \"1\""]
    );
    assert_eq!(
        errors(&with(
            minimal(),
            "",
            "segmentId",
            json!(9007199254740992u64)
        ))
        .len(),
        1
    );
}

#[test]
fn policy_ids_must_be_24_hex() {
    for ok in ["64b7f0c2a1e4d5f6a7b8c9d0", "ABCDEFabcdef012345678901"] {
        assert!(
            errors(&with(minimal(), "/rules/0", "winPolicyId", json!(ok))).is_empty(),
            "{ok}"
        );
    }
    for bad in [
        "64b7f0c2a1e4d5f6a7b8c9d",
        "64b7f0c2a1e4d5f6a7b8c9d0a",
        "64b7f0c2a1e4d5f6a7b8c9dg",
        "string",
        "",
    ] {
        assert_eq!(
            errors(&with(minimal(), "/rules/0", "winPolicyId", json!(bad))).len(),
            1,
            "{bad}"
        );
    }
}

#[test]
fn rules_must_name_a_policy() {
    let mut no_rules = minimal();
    no_rules.as_object_mut().unwrap().remove("rules");
    assert!(errors(&no_rules)[0].starts_with("rules: required"));
    assert!(
        errors(&with(minimal(), "", "rules", json!([])))[0]
            .starts_with("rules: must contain at least one rule")
    );
    let nameless = with(
        minimal(),
        "",
        "rules",
        json!([{ "name": "a" }, { "tags": ["x"] }]),
    );
    assert_eq!(
        errors(&nameless),
        [
            "rules: no rule names a policy: give at least one rule a winPolicyId or winPolicyAssignments"
        ]
    );
    let by_assignment = with(
        minimal(),
        "",
        "rules",
        json!([{ "name": "a" }, { "winPolicyAssignments": [{ "winPolicyId": "64b7f0c2a1e4d5f6a7b8c9d0", "priority": 1 }] }]),
    );
    assert!(errors(&by_assignment).is_empty());
}

#[test]
fn auxiliary_fields_rules() {
    let aux = |items: Value| errors(&with(minimal(), "", "auxiliaryFields", items));
    assert!(aux(json!([{ "type": "select", "key": "dept", "options": ["a", "b"] }, { "type": "text", "key": "asset" }])).is_empty());
    assert_eq!(
        aux(json!([{ "type": "select", "key": "dept" }])),
        ["auxiliaryFields[0].options: a select field needs at least one option"]
    );
    assert_eq!(
        aux(json!([{ "type": "select", "key": "dept", "options": [] }])),
        ["auxiliaryFields[0].options: a select field needs at least one option"]
    );
    assert_eq!(
        aux(json!([{ "type": "select", "key": "dept", "options": ["a", "", "a"] }])),
        [
            "auxiliaryFields[0].options[1]: empty option: remove it or fill it in",
            "auxiliaryFields[0].options[2]: duplicate option \"a\"",
        ]
    );
    assert_eq!(
        aux(json!([{ "key": "dept" }, { "key": "dept" }])),
        ["auxiliaryFields[1].key: duplicate key \"dept\": auxiliaryFields[0] already uses it"]
    );
    assert_eq!(
        aux(json!([{ "type": "radio", "key": "k" }])),
        ["auxiliaryFields[0].type: expected \"select\" or \"text\", got the string \"radio\""]
    );
    assert_eq!(
        aux(json!([{ "type": "text" }])),
        ["auxiliaryFields[0].key: required"]
    );
}

#[test]
fn login_providers_are_non_empty_and_distinct() {
    let lp = |items: Value| errors(&with(minimal(), "", "loginProviderTypes", items));
    assert!(lp(json!(["ldap", "saml", "google", "okta"])).is_empty());
    assert_eq!(
        lp(json!(["ldap", " ", "ldap"])),
        [
            "loginProviderTypes[1]: empty login provider: remove it or fill it in",
            "loginProviderTypes[2]: duplicate login provider \"ldap\"",
        ]
    );
}

/// Short lists are checked against their earlier items, long ones through a set; objects are
/// searched by scan when small and by hash when wide: each way must find the same problems.
#[test]
fn duplicates_and_fields_are_found_in_short_and_long_lists_and_wide_objects() {
    let options = |n: usize, repeat: usize| {
        let mut items: Vec<Value> = (0..n).map(|i| json!(format!("option {i}"))).collect();
        items.push(json!(format!("option {repeat}")));
        let aux = json!([{ "type": "select", "key": "dept", "options": items }]);
        errors(&with(minimal(), "", "auxiliaryFields", aux))
    };
    assert_eq!(
        options(3, 1),
        ["auxiliaryFields[0].options[3]: duplicate option \"option 1\""]
    );
    assert_eq!(
        options(40, 0),
        ["auxiliaryFields[0].options[40]: duplicate option \"option 0\""]
    );

    // Twenty unknown fields make the rule wider than a scan's limit: its own fields are still
    // found (the bad policy id), and each stranger is named.
    let mut rule = json!({ "winPolicyId": "not hex" });
    for i in 0..20 {
        rule[format!("extra{i}")] = json!(i);
    }
    let found = errors(&with(minimal(), "", "rules", json!([rule])));
    assert_eq!(found.len(), 21, "{found:?}");
    assert!(
        found
            .iter()
            .any(|e| e.starts_with("rules[0].winPolicyId: must be 24 hexadecimal")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|e| e.starts_with("rules[0].extra19: unknown field")),
        "{found:?}"
    );
}

#[test]
fn mobility_app_needs_all_three_fields() {
    let entra = |v: Value| errors(&with(minimal(), "", "entraId", v));
    assert_eq!(
        entra(json!({})),
        [
            "entraId.mobilityApp: required when entraId is present: tenantId, clientId and clientSecret"
        ]
    );
    assert_eq!(
        entra(json!({ "mobilityApp": {} })),
        [
            "entraId.mobilityApp.tenantId: required",
            "entraId.mobilityApp.clientId: required",
            "entraId.mobilityApp.clientSecret: required: the mobility app's client secret (store it with `winroll secret set`)",
        ]
    );
    let keyring = validate_value(
        &with(
            minimal(),
            "",
            "entraId",
            json!({ "mobilityApp": { "tenantId": "t", "clientId": "c" } }),
        ),
        SecretSource::Keyring,
    );
    assert!(keyring.valid);
}

#[test]
fn secrets_are_never_quoted() {
    let v = with(
        minimal(),
        "",
        "entraId",
        json!({ "mobilityApp": { "tenantId": "t", "clientId": "c", "clientSecret": "x".repeat(300) } }),
    );
    let msg = errors(&v).join("\n");
    assert!(!msg.contains("xxxx"), "{msg}");
    let v = with(
        minimal(),
        "",
        "entraId",
        json!({ "mobilityApp": { "tenantId": "t", "clientId": "c", "clientSecret": 12345678 } }),
    );
    assert_eq!(
        errors(&v),
        ["entraId.mobilityApp.clientSecret: expected a string, got another type"]
    );
}

#[test]
fn wrong_types_and_unknown_fields_are_named() {
    let v =
        json!({ "nmae": "x", "name": 3, "rules": "all", "allowAutoContinue": "yes", "colour": 1 });
    assert_eq!(
        errors(&v),
        [
            "nmae: unknown field; did you mean \"name\"?",
            "colour: unknown field; expected one of: $schema, name, description, rules, auxiliaryFields, loginProviderTypes, allowAutoContinue, entraId, segmentId",
            "name: expected a string, got the number 3",
            "rules: expected a list of rules, got the string \"all\"",
            "allowAutoContinue: expected true or false, got the string \"yes\"",
        ]
    );
    assert_eq!(
        errors(&json!([1])),
        ["(root): expected a template (a JSON object), got a list"]
    );
    assert_eq!(
        errors(&with(minimal(), "", "description", Value::Null)),
        ["description: expected a string, got null (leave the field out instead)"]
    );
    let typo = with(minimal(), "/rules/0", "winPolicyAssigments", json!([]));
    assert_eq!(
        errors(&typo),
        ["rules[0].winPolicyAssigments: unknown field; did you mean \"winPolicyAssignments\"?"]
    );
}

#[test]
fn malformed_json_names_line_and_column() {
    let problems = parse_template(
        "{\n  \"name\": \"x\",\n  \"rules\": [,]\n}",
        SecretSource::InTemplate,
    )
    .unwrap_err();
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0]
            .message
            .starts_with("not valid JSON at line 3, column 13"),
        "{}",
        problems[0].message
    );
}

#[test]
fn typed_validation_matches_raw_validation() {
    let text = include_str!("../../../../examples/corporate-enrollment.json");
    let mut template = parse_template(text, SecretSource::Keyring).unwrap();
    assert!(!validate_template(&template, SecretSource::InTemplate).valid);
    template
        .entra_id
        .as_mut()
        .unwrap()
        .mobility_app
        .as_mut()
        .unwrap()
        .client_secret = Some(crate::ClientSecret::new("s".repeat(257)));
    let report = validate_template(&template, SecretSource::InTemplate);
    assert_eq!(report.errors.len(), 1);
    assert_eq!(report.errors[0].path, "entraId.mobilityApp.clientSecret");
}

#[test]
fn an_empty_client_secret_is_invalid_wherever_it_appears() {
    for secret in ["", "   "] {
        for source in [SecretSource::InTemplate, SecretSource::Keyring] {
            let template = json!({
                "name": "n",
                "rules": [{ "winPolicyId": "64b7f0c2a1e4d5f6a7b8c9d0" }],
                "entraId": { "mobilityApp": { "tenantId": "t", "clientId": "c", "clientSecret": secret } }
            });
            let report = validate_value(&template, source);
            assert!(!report.valid, "{secret:?} accepted with {source:?}");
            assert_eq!(report.errors[0].path, "entraId.mobilityApp.clientSecret");
            assert!(report.errors[0].message.contains("must not be empty"));
        }
    }
}
