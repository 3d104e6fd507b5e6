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

fn warnings(value: &Value) -> Vec<String> {
    validate_value(value, SecretSource::InTemplate)
        .warnings
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
    let problems = check_template_text(text, SecretSource::InTemplate).errors;
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
    assert!(check_template_text(text, SecretSource::Keyring).valid);
    let problems = check_template_text(text, SecretSource::InTemplate).errors;
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
    // Blank is allowed by the page (a warning); empty is no name at all.
    let blank = with(minimal(), "", "name", json!("   "));
    assert!(errors(&blank).is_empty());
    assert_eq!(warnings(&blank), ["name: the name is only spaces"]);
    assert_eq!(
        warnings(&with(minimal(), "", "name", json!(" Laptops"))),
        ["name: the name starts or ends with spaces; sent as typed"]
    );
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
    // A JSON number with a zero fraction is that integer (to JSON Schema and a JavaScript server).
    assert!(at(json!(7.0)).is_empty());
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
    let no_policy = "rules: no rule names a policy: give at least one rule a winPolicyId, of its own or in one of its winPolicyAssignments";
    assert_eq!(errors(&nameless), [no_policy]);
    // An assignment without a policy id names no policy: a warning of its own, and no rule
    // names one.
    let idless = with(
        minimal(),
        "",
        "rules",
        json!([{ "winPolicyAssignments": [{ "priority": 1 }] }]),
    );
    assert_eq!(errors(&idless), [no_policy]);
    assert_eq!(
        warnings(&idless),
        ["rules[0].winPolicyAssignments[0]: names no policy (no winPolicyId): it assigns nothing"]
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
    // What the page allows but is probably a mistake: warnings, never errors.
    let warned = |items: Value| {
        let v = with(minimal(), "", "auxiliaryFields", items);
        assert!(errors(&v).is_empty(), "{:?}", errors(&v));
        warnings(&v)
    };
    assert_eq!(
        warned(json!([{ "type": "select", "key": "dept" }])),
        ["auxiliaryFields[0].options: a select field with no option offers nothing to choose"]
    );
    assert_eq!(
        warned(json!([{ "type": "select", "key": "dept", "options": [] }])),
        ["auxiliaryFields[0].options: a select field with no option offers nothing to choose"]
    );
    assert_eq!(
        warned(json!([{ "type": "select", "key": "dept", "options": ["a", "", "a"] }])),
        [
            "auxiliaryFields[0].options[1]: empty option: sent as given; remove it or fill it in",
            "auxiliaryFields[0].options[2]: duplicate option \"a\"",
        ]
    );
    assert_eq!(
        warned(json!([{ "key": "dept" }, { "key": "dept" }])),
        ["auxiliaryFields[1].key: duplicate key \"dept\": auxiliaryFields[0] already uses it"]
    );
    // A type newer than the page: the server decides.
    assert_eq!(
        warned(json!([{ "type": "radio", "key": "k" }])),
        [
            "auxiliaryFields[0].type: \"radio\" is not a type the page lists (select, text); sent as given"
        ]
    );
    assert_eq!(
        aux(json!([{ "type": 3, "key": "k" }])),
        ["auxiliaryFields[0].type: expected \"select\" or \"text\", got the number 3"]
    );
    assert_eq!(
        aux(json!([{ "type": "text" }])),
        ["auxiliaryFields[0].key: required"]
    );
}

#[test]
fn login_providers_are_non_empty_and_distinct() {
    let lp = |items: Value| with(minimal(), "", "loginProviderTypes", items);
    assert!(errors(&lp(json!(["ldap", "saml", "google", "okta"]))).is_empty());
    assert_eq!(
        warnings(&lp(json!(["ldap", "saml", "google", "okta"]))),
        [
            "loginProviderTypes[3]: \"okta\" is not one of the providers the page shows (ldap, saml, google); sent as given"
        ]
    );
    let odd = lp(json!(["ldap", " ", "ldap"]));
    assert!(errors(&odd).is_empty());
    assert_eq!(
        warnings(&odd),
        [
            "loginProviderTypes[1]: empty login provider: sent as given; remove it or fill it in",
            "loginProviderTypes[2]: duplicate login provider \"ldap\"",
        ]
    );
    assert_eq!(
        errors(&lp(json!(["ldap", 7]))),
        ["loginProviderTypes[1]: expected a string, got the number 7"]
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
        warnings(&with(minimal(), "", "auxiliaryFields", aux))
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
    // found (the bad policy id), and each stranger is named (a warning: kept and sent).
    let mut rule = json!({ "winPolicyId": "not hex" });
    for i in 0..20 {
        rule[format!("extraField{i}")] = json!(i);
    }
    let wide = with(minimal(), "", "rules", json!([rule]));
    let found = errors(&wide);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("rules[0].winPolicyId: must be 24 hexadecimal"),
        "{found:?}"
    );
    let noted = warnings(&wide);
    assert_eq!(noted.len(), 20, "{noted:?}");
    assert_eq!(
        noted[19],
        "rules[0].extraField19: not a field of the vendor's page: kept and sent as given"
    );
}

#[test]
fn mobility_app_needs_all_three_fields() {
    let entra = |v: Value| errors(&with(minimal(), "", "entraId", v));
    // The page marks mobilityApp optional: without it, nothing is turned on (a warning).
    assert!(entra(json!({})).is_empty());
    assert_eq!(
        warnings(&with(minimal(), "", "entraId", json!({}))),
        ["entraId.mobilityApp: entraId without a mobilityApp turns no Entra ID integration on"]
    );
    assert_eq!(
        warnings(&with(
            minimal(),
            "",
            "entraId",
            json!({ "mobilityApp": { "tenantId": " t", "clientId": "c\t", "clientSecret": "s" } })
        )),
        [
            "entraId.mobilityApp.tenantId: the tenantId starts or ends with spaces; sent as typed",
            "entraId.mobilityApp.clientId: the clientId starts or ends with spaces; sent as typed",
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
    let v = json!({ "nmae": "x", "name": 3, "rules": "all", "allowAutoContinue": "yes", "colour": 1, "segmentID": 2 });
    assert_eq!(
        errors(&v),
        [
            "nmae: unknown field; did you mean \"name\"?",
            "segmentID: unknown field; did you mean \"segmentId\"?",
            "name: expected a string, got the number 3",
            "rules: expected a list of rules, got the string \"all\"",
            "allowAutoContinue: expected true or false, got the string \"yes\"",
        ]
    );
    // Not a misspelling of any field: a field the page does not list, kept and sent as given.
    assert_eq!(
        warnings(&v),
        ["colour: not a field of the vendor's page: kept and sent as given"]
    );
    // Fields only the server sets are noted, not refused: a listed template saved as a file.
    let listed = with(
        with(minimal(), "", "id", json!("6b0bad6ffa4a2a9b1c36c259")),
        "",
        "devicesCount",
        json!(3),
    );
    assert!(errors(&listed).is_empty());
    assert_eq!(
        warnings(&listed),
        [
            "id: set by the server: ignored here, never sent",
            "devicesCount: set by the server: ignored here, never sent",
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
    let problems = check_template_text(
        "{\n  \"name\": \"x\",\n  \"rules\": [,]\n}",
        SecretSource::InTemplate,
    )
    .errors;
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
fn an_empty_client_secret_is_invalid_wherever_it_appears() {
    for secret in [""] {
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

#[test]
fn a_secret_of_spaces_is_a_warning_never_quoted() {
    let template = json!({
        "name": "n",
        "rules": [{ "winPolicyId": "64b7f0c2a1e4d5f6a7b8c9d0" }],
        "entraId": { "mobilityApp": { "tenantId": "t", "clientId": "c", "clientSecret": "   " } }
    });
    let report = validate_value(&template, SecretSource::InTemplate);
    assert!(report.valid, "{report:?}");
    assert_eq!(
        report.warnings[0].to_string(),
        "entraId.mobilityApp.clientSecret: is only spaces: the mobility app will not sign in with it"
    );
}

/// Every input the page allows (reading #10) validates clean of errors: what a server may hand
/// back can go back.
#[test]
fn what_the_page_allows_is_never_an_error() {
    let allowed = [
        json!({ "name": "n", "rules": [{ "winPolicyId": "64b7f0c2a1e4d5f6a7b8c9d0" }], "entraId": {} }),
        json!({ "name": "n", "rules": [{ "winPolicyId": "64b7f0c2a1e4d5f6a7b8c9d0" }], "auxiliaryFields": [{ "type": "select", "key": "k" }] }),
        json!({ "name": "n", "rules": [{ "winPolicyId": "64b7f0c2a1e4d5f6a7b8c9d0" }], "auxiliaryFields": [{ "key": "k" }, { "key": "k", "options": ["a", "a", ""] }] }),
        json!({ "name": "n", "rules": [{ "winPolicyId": "64b7f0c2a1e4d5f6a7b8c9d0", "tags": ["", " "] , "conditions": [{ "patterns": [""] }] }] }),
        json!({ "name": "   ", "rules": [{ "winPolicyId": "64b7f0c2a1e4d5f6a7b8c9d0" }] }),
        json!({ "name": "n", "rules": [{ "winPolicyAssignments": [{ "winPolicyId": "64b7f0c2a1e4d5f6a7b8c9d0", "priority": 1.0 }], "segmentId": 3.0 }], "segmentId": 0.0 }),
        json!({ "name": "n", "rules": [{ "winPolicyId": "64b7f0c2a1e4d5f6a7b8c9d0", "teamNotes": { "x": 1 } }], "ownerTeam": "IT", "loginProviderTypes": ["okta", "okta"] }),
    ];
    for template in allowed {
        let report = validate_value(&template, SecretSource::InTemplate);
        assert!(report.valid, "{template}: {:?}", report.errors);
        assert!(
            !report.warnings.is_empty() || template["segmentId"] == 0.0,
            "{template}: warned of nothing"
        );
    }
}
