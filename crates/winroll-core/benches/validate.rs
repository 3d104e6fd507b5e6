//! Validating a 1,000-rule template, beside what serde_json alone takes to parse the same text:
//! the ratio says what the validator adds on top of reading the file.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::{Value, json};
use winroll_core::{SecretSource, validate_value};

fn big_template(rules: usize) -> String {
    let rules: Vec<Value> = (0..rules)
        .map(|i| {
            json!({
                "name": format!("Rule {i}"),
                "displayNamePattern": "CORP-{serial}",
                "tags": ["corp", format!("wave-{}", i % 7)],
                "conditions": [{
                    "tags": [["laptop", "emea"]],
                    "auxiliaryFields": [["department", "finance"]],
                    "patterns": ["LAP-*"],
                    "identifiers": [format!("SN{i:06}")]
                }],
                "winPolicyId": format!("{:024x}", i + 1),
                "winPolicyAssignments": [
                    { "winPolicyId": format!("{:024x}", i + 100_000), "priority": i % 10_001 }
                ],
                "segmentId": i
            })
        })
        .collect();
    json!({
        "name": "Corporate Device Enrollment",
        "description": "Standard enrollment for corporate Windows devices",
        "rules": rules,
        "auxiliaryFields": [{ "type": "select", "key": "department", "options": ["finance", "it"] }],
        "loginProviderTypes": ["ldap", "saml", "google"],
        "allowAutoContinue": true,
        "entraId": { "mobilityApp": { "tenantId": "t", "clientId": "c", "clientSecret": "s" } },
        "segmentId": 1
    })
    .to_string()
}

fn bench(c: &mut Criterion) {
    let text = big_template(1000);
    let value: Value = serde_json::from_str(&text).expect("bench input is JSON");
    assert!(
        validate_value(&value, SecretSource::InTemplate).valid,
        "bench input must be valid"
    );

    let mut group = c.benchmark_group("1000_rules");
    group.bench_function("serde_json_parse_only", |b| {
        b.iter(|| serde_json::from_str::<Value>(black_box(&text)))
    });
    group.bench_function("validate_parsed_value", |b| {
        b.iter(|| validate_value(black_box(&value), SecretSource::InTemplate))
    });
    group.bench_function("parse_and_validate_text", |b| {
        b.iter(|| winroll_core::parse_template(black_box(&text), SecretSource::InTemplate))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
