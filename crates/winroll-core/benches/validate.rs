//! Validating a 1,000-rule template, beside what serde_json alone takes to parse the same text:
//! the ratio says what the validator adds on top of reading the file. After criterion's report,
//! the stated target is checked: validating the parsed 1,000 rules takes under 1 ms (the median
//! of 400 runs, see `check_target`), or the bench exits 1. The text path the app uses
//! (`check_template_text`) is timed the same way beside it. With `WINROLL_BENCH_SHORT=1` (the
//! test command, with criterion's `--test`) it runs briefly and judges no target, but still fails
//! on a crash or a figure that is not a number.

use std::hint::black_box;

use criterion::{Criterion, criterion_group};
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
        b.iter(|| winroll_core::Template::from_text(black_box(&text), SecretSource::InTemplate))
    });
    group.bench_function("check_text_rule_by_rule", |b| {
        b.iter(|| winroll_core::check_template_text(black_box(&text), SecretSource::InTemplate))
    });
    group.finish();
}

/// The stated target, judged so the run's exit code says pass or fail: the median of 400 runs
/// must be under 1 ms. The median of all runs, not of the fastest batch: the fastest batch once
/// let a slower validator pass on a lucky stretch. Another process on a shared machine adds time
/// in bursts (measured here: the same binary's median of 200 runs was 0.56 ms in one run and
/// 1.05 ms in the next), so a miss on a busy machine is run again on a quiet one, never judged
/// more kindly.
fn check_target(short: bool) {
    const TARGET_MS: f64 = 1.0;
    let runs = if short { 20 } else { 400 };
    let text = big_template(1000);
    let value: Value = serde_json::from_str(&text).expect("bench input is JSON");
    let time = |f: &dyn Fn()| {
        let mut times: Vec<f64> = (0..runs)
            .map(|_| {
                let start = std::time::Instant::now();
                f();
                start.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        median(&mut times)
    };
    let parsed = time(&|| {
        black_box(validate_value(black_box(&value), SecretSource::InTemplate));
    });
    let from_text = time(&|| {
        black_box(winroll_core::check_template_text(
            black_box(&text),
            SecretSource::InTemplate,
        ));
    });
    println!(
        "validate 1,000 rules: parsed {parsed:.3} ms (target: under {TARGET_MS} ms), from text as \
         the app does {from_text:.3} ms; medians of {runs} runs"
    );
    if !(parsed.is_finite() && parsed > 0.0 && from_text.is_finite() && from_text > 0.0) {
        println!("FAILED: a figure is not a positive number");
        std::process::exit(1);
    }
    if short {
        println!("short run: every figure is a number; the target is judged in the full run");
        return;
    }
    if parsed >= TARGET_MS {
        println!("MISSED: validate 1,000 rules");
        std::process::exit(1);
    }
}

/// Sorts `times` in place.
fn median(times: &mut [f64]) -> f64 {
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

criterion_group!(benches, bench);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    check_target(std::env::var_os("WINROLL_BENCH_SHORT").is_some());
}
