//! A fuzz harness on stable Rust: a seeded mutator over the examples and the vendor's bodies,
//! feeding the validator, the create-answer parser and the list parser. Nothing may panic,
//! whatever the validator accepts must also deserialise into the typed template (the two must
//! agree), and a create answer's id and token survive parse → serialise → parse. The run counts
//! how far inputs got (JSON, accepted templates, create answers and list pages read) and fails
//! below floors: a mutator that only made noise would otherwise pass on nothing. CI runs a short
//! pass; the long one is
//!   WINROLL_FUZZ_INPUTS=10000000 cargo test --release -p winroll-core --test fuzz -- --nocapture
//! (WINROLL_FUZZ_SEED picks another sequence).

use std::panic::{AssertUnwindSafe, catch_unwind};

use winroll_core::{
    CreatedTemplate, Envelope, SecretSource, TemplatePage, check_template_text, validate_value,
};

const CORPUS: &[&str] = &[
    include_str!("../../../examples/corporate-enrollment.json"),
    include_str!("fixtures/spec-example-request.json"),
    include_str!("fixtures/spec-example-response.json"),
    r#"{"status":true,"data":{"items":[{"id":"6b0bad6ffa4a2a9b1c36c259","name":"A","segmentId":"1","rules":[{"segmentId":"2","winPolicyAssignments":[{"winPolicyId":"64b7f0c2a1e4d5f6a7b8c9d0","priority":"5"}]}],"createdAt":"2026-02-10T12: 00:00Z"}],"totalDocs":"1","page":1,"totalPages":1,"hasNextPage":false}}"#,
    r#"{"status":false,"error":{"code":5209,"message":"Invalid input"}}"#,
    r#"{"name":"x","rules":[{"winPolicyId":"64b7f0c2a1e4d5f6a7b8c9d0"}],"auxiliaryFields":[{"type":"select","key":"k","options":[]}],"entraId":{"mobilityApp":{"tenantId":"t","clientId":"c","clientSecret":"s"}}}"#,
];

/// Pieces a mutation may splice in: JSON tokens, odd numbers, odd text.
const TOKENS: &[&str] = &[
    "null",
    "true",
    "false",
    "0",
    "-1",
    "1.5",
    "1e309",
    "10001",
    "9007199254740993",
    "\"\"",
    "\"1\"",
    "[]",
    "{}",
    "[[]]",
    "\"\\u0000\"",
    "\"\\ud800\"",
    "\"😀😀\"",
    ",",
    ":",
    "{",
    "}",
    "[",
    "]",
    "\"",
    "\\",
    "\"rules\"",
    "\"name\"",
    "\"winPolicyId\"",
    "\"priority\"",
    "\"segmentId\"",
    "\"entraId\"",
    "\"mobilityApp\"",
    "\"clientSecret\"",
    "\"items\"",
    "\"data\"",
    "\"status\"",
    "\"__proto__\"",
    "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"",
];

/// xorshift64*: small, seeded, the same sequence on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Values a tree mutation may put anywhere.
fn odd_value(rng: &mut Rng) -> serde_json::Value {
    use serde_json::json;
    const TEXT: &[&str] = &[
        "",
        " ",
        "1",
        "-1",
        "1.5",
        "64b7f0c2a1e4d5f6a7b8c9d0",
        "string",
        "é",
        "😀",
        "a😀b",
        "ééééééééééééééé",
        "😀😀😀😀😀😀😀😀",
        "\u{0}",
        "select",
        "text",
        "ldap",
        "asc",
        "name:desc",
    ];
    match rng.below(12) {
        0 => serde_json::Value::Null,
        1 => json!(rng.below(2) == 0),
        2 => json!(rng.next() as i64 % 20_000 - 5_000),
        3 => json!((rng.next() % 1000) as f64 / 7.0),
        4 => json!(u64::MAX),
        5 => json!([]),
        6 => json!({}),
        7 => json!([["a", "b"], []]),
        8 => {
            let piece = TEXT[rng.below(TEXT.len())];
            json!(piece.repeat(1 + rng.below(40)))
        }
        9 => json!(format!(
            "{}{}",
            "x".repeat(rng.below(300)),
            TEXT[rng.below(TEXT.len())]
        )),
        _ => json!(TEXT[rng.below(TEXT.len())]),
    }
}

/// Changes the JSON tree itself, so inputs stay JSON and reach every branch of the readers.
fn mutate_tree(rng: &mut Rng, value: &mut serde_json::Value, depth: usize) {
    use serde_json::Value;
    let go_deeper = depth < 12 && rng.below(3) != 0;
    match value {
        Value::Object(map) if !map.is_empty() && go_deeper => {
            let key = map
                .keys()
                .nth(rng.below(map.len()))
                .cloned()
                .unwrap_or_default();
            if let Some(child) = map.get_mut(&key) {
                mutate_tree(rng, child, depth + 1);
            }
        }
        Value::Array(items) if !items.is_empty() && go_deeper => {
            let i = rng.below(items.len());
            match rng.below(4) {
                0 => {
                    let copy = items[i].clone();
                    items.push(copy);
                }
                1 => {
                    items.remove(i);
                }
                _ => mutate_tree(rng, &mut items[i], depth + 1),
            }
        }
        Value::Object(map) => match rng.below(3) {
            0 => {
                let key = TOKENS[rng.below(TOKENS.len())].trim_matches('"').to_owned();
                map.insert(key, odd_value(rng));
            }
            1 if !map.is_empty() => {
                let key = map
                    .keys()
                    .nth(rng.below(map.len()))
                    .cloned()
                    .unwrap_or_default();
                map.remove(&key);
            }
            _ => *value = odd_value(rng),
        },
        _ => *value = odd_value(rng),
    }
}

fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    if rng.below(4) != 0
        && let Ok(mut value) = serde_json::from_slice::<serde_json::Value>(input)
    {
        for _ in 0..=rng.below(3) {
            mutate_tree(rng, &mut value, 0);
        }
        return serde_json::to_vec(&value).unwrap_or_default();
    }
    let mut out = input.to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(out.len() + 1);
        match rng.below(8) {
            0 if !out.is_empty() => {
                let i = rng.below(out.len());
                out[i] ^= 1 << rng.below(8);
            }
            1 => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                out.splice(at..at, token.iter().copied());
            }
            2 if !out.is_empty() => {
                let end = (at + rng.below(64)).min(out.len());
                out.drain(at.min(end)..end);
            }
            3 if !out.is_empty() => {
                let start = rng.below(out.len());
                let end = (start + rng.below(128)).min(out.len());
                let piece = out[start..end].to_vec();
                out.splice(at..at, piece);
            }
            4 => {
                // Splice in part of another corpus item.
                let other = CORPUS[rng.below(CORPUS.len())].as_bytes();
                let start = rng.below(other.len());
                let end = (start + rng.below(256)).min(other.len());
                out.splice(at..at, other[start..end].iter().copied());
            }
            5 => {
                // Deep nesting.
                let depth = rng.below(200);
                let mut nested = "[".repeat(depth).into_bytes();
                nested.extend("]".repeat(depth).into_bytes());
                out.splice(at..at, nested);
            }
            6 if !out.is_empty() => {
                // A number turned into text, as the vendor's example does.
                if let Some(i) = out[at.min(out.len() - 1)..]
                    .iter()
                    .position(u8::is_ascii_digit)
                {
                    let i = at.min(out.len() - 1) + i;
                    out.insert(i, b'"');
                    let end = out[i + 1..]
                        .iter()
                        .position(|b| !b.is_ascii_digit())
                        .map_or(out.len(), |e| i + 1 + e);
                    out.insert(end, b'"');
                }
            }
            _ => {
                let byte = rng.next() as u8;
                out.insert(at, byte);
            }
        }
    }
    out
}

/// How far one input got: counted over the run and held to floors.
#[derive(Debug, Default, Clone, Copy)]
struct Reached {
    json: bool,
    /// The validator accepted it as a template.
    accepted: bool,
    /// A create answer with an id or a token was read from it.
    created: bool,
    /// A list page with at least one template was read from it.
    page: bool,
}

/// The create answer's id and token, read again from what Winroll serialises of them: what the
/// window and `--json` get must be what the server said.
fn answer_round_trip(text: &str) -> Result<bool, String> {
    let Ok(Envelope {
        data: Some(created),
        ..
    }) = serde_json::from_str::<Envelope<CreatedTemplate>>(text)
    else {
        return Ok(false);
    };
    if created.id.is_none() && created.win_enrollment_token.is_none() {
        return Ok(false);
    }
    let again: CreatedTemplate = serde_json::to_value(&created)
        .and_then(serde_json::from_value)
        .map_err(|e| format!("a parsed answer did not read back ({e}) on {text}"))?;
    if again.id != created.id || again.win_enrollment_token != created.win_enrollment_token {
        return Err(format!(
            "id or token changed on parse → serialise → parse: {:?} became {:?} on {text}",
            created.id, again.id
        ));
    }
    Ok(true)
}

/// Runs one input through every reader; an `Err` describes a disagreement.
fn check(bytes: &[u8]) -> Result<Reached, String> {
    let mut reached = Reached::default();
    let Ok(text) = std::str::from_utf8(bytes) else {
        // The readers take text; files are decoded before (and a decoding error is a message).
        let _ = serde_json::from_slice::<Envelope<CreatedTemplate>>(bytes);
        let _ = serde_json::from_slice::<Envelope<TemplatePage>>(bytes);
        return Ok(reached);
    };
    reached.created = answer_round_trip(text)?;
    reached.page = matches!(
        serde_json::from_str::<Envelope<TemplatePage>>(text),
        Ok(Envelope { data: Some(page), .. }) if !page.items.is_empty()
    );
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(value) => {
            reached.json = true;
            for secrets in [SecretSource::Keyring, SecretSource::InTemplate] {
                let report = validate_value(&value, secrets);
                if report.valid
                    && winroll_core::Template::from_value(value.clone(), secrets).is_err()
                {
                    return Err(format!(
                        "the validator accepted what a template cannot be made of: {text}"
                    ));
                }
                // Reading the text rule by rule must give exactly the tree's verdict.
                let streamed = check_template_text(text, secrets);
                if streamed != report {
                    return Err(format!(
                        "streamed and tree verdicts differ:\n{streamed:?}\n{report:?}\non {text}"
                    ));
                }
            }
        }
        Err(_) => {
            if check_template_text(text, SecretSource::Keyring).valid {
                return Err(format!("text that is not JSON was accepted: {text}"));
            }
        }
    }
    // A template is made of exactly what the validator accepts, and keeps it whole.
    let report = check_template_text(text, SecretSource::Keyring);
    reached.accepted = report.valid;
    match winroll_core::Template::from_text(text, SecretSource::Keyring) {
        Ok(checked) if !report.valid => {
            return Err(format!(
                "a template was made of what the validator refuses: {text}: {:?}",
                checked.template.name()
            ));
        }
        Err(problems) if report.valid => {
            return Err(format!(
                "the validator accepted what a template cannot be made of: {problems:?} on {text}"
            ));
        }
        _ => {}
    }
    Ok(reached)
}

/// The floors, in thousandths of the inputs (see the end of the test).
const FLOOR_JSON: u64 = 390;
const FLOOR_ACCEPTED: u64 = 15;
const FLOOR_CREATED: u64 = 30;
const FLOOR_PAGE: u64 = 29;

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(default)
}

#[test]
fn no_input_crashes_a_reader_or_splits_the_validator_from_the_model() {
    let inputs = env_number("WINROLL_FUZZ_INPUTS", 20_000);
    let seed = env_number("WINROLL_FUZZ_SEED", 0x5eed_2026);
    let mut rng = Rng(seed | 1);
    let mut pool: Vec<Vec<u8>> = CORPUS.iter().map(|c| c.as_bytes().to_vec()).collect();
    let mut failures = Vec::new();
    let mut counts = [0u64; 4];
    let started = std::time::Instant::now();
    // A panic is caught and counted; its default message would flood the output.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    for n in 0..inputs {
        // Half the parents are the corpus itself, so the run never drifts away from JSON.
        let parent = if rng.below(2) == 0 {
            CORPUS[rng.below(CORPUS.len())].as_bytes()
        } else {
            &pool[rng.below(pool.len())]
        };
        let input = mutate(&mut rng, parent);
        match catch_unwind(AssertUnwindSafe(|| check(&input))) {
            Ok(Ok(reached)) => {
                let flags = [
                    reached.json,
                    reached.accepted,
                    reached.created,
                    reached.page,
                ];
                for (count, hit) in counts.iter_mut().zip(flags) {
                    *count += u64::from(hit);
                }
            }
            Ok(Err(why)) => failures.push(why),
            Err(_) => failures.push(format!(
                "panic on input {n}: {}",
                String::from_utf8_lossy(&input)
            )),
        }
        // Keep some children that are still JSON as parents, so mutations compound.
        if n % 3 == 0
            && input.len() < 64 * 1024
            && serde_json::from_slice::<serde_json::Value>(&input).is_ok()
        {
            let slot = rng.below(256);
            if pool.len() < 256 {
                pool.push(input);
            } else {
                pool[slot] = input;
            }
        }
        if failures.len() >= 5 {
            break;
        }
    }
    std::panic::set_hook(hook);
    let [json, accepted, created, page] = counts;
    println!(
        "fuzz: {inputs} inputs (seed {seed:#x}) in {:.1} s, {} failures; JSON {json}, accepted \
         templates {accepted}, create answers read {created}, list pages read {page}",
        started.elapsed().as_secs_f64(),
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    // Floors in thousandths of the inputs, about half of what the default seed reaches: the run
    // must keep exercising every reader, not only the error paths.
    for (name, count, per_mille) in [
        ("JSON", json, FLOOR_JSON),
        ("accepted templates", accepted, FLOOR_ACCEPTED),
        ("create answers read", created, FLOOR_CREATED),
        ("list pages read", page, FLOOR_PAGE),
    ] {
        let floor = inputs * per_mille / 1000;
        assert!(
            count >= floor,
            "{name}: {count} of {inputs} inputs, below the floor of {floor}"
        );
    }
}
