//! Every `console` example in README.md is run and its output compared with what the README
//! shows: the commands against a sandbox of this test's own (the README's `:8080` is its port),
//! ids, tokens and ports compared by shape, a line ending in `…` by its beginning. A README that
//! drifts from the program fails here.

mod common;

use std::process::Stdio;

use common::*;

struct Example {
    /// The command line, continuation lines joined.
    command: String,
    /// The lines the README shows after it.
    shown: Vec<String>,
}

fn examples() -> Vec<Example> {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md"))
        .expect("README.md");
    let mut examples = Vec::new();
    let mut in_block = false;
    let mut pending: Option<String> = None;
    for line in readme.lines() {
        if line.starts_with("```console") {
            in_block = true;
            continue;
        }
        if line.starts_with("```") {
            in_block = false;
            continue;
        }
        if !in_block {
            continue;
        }
        if let Some(command) = pending.as_mut() {
            command.push(' ');
            command.push_str(line.trim().trim_end_matches('\\').trim());
            if !line.trim_end().ends_with('\\') {
                let command = pending.take().unwrap();
                examples.push(Example {
                    command,
                    shown: Vec::new(),
                });
            }
            continue;
        }
        if let Some(command) = line.strip_prefix("$ ") {
            let text = command.trim_end().trim_end_matches('\\').trim().to_owned();
            if command.trim_end().ends_with('\\') {
                pending = Some(text);
            } else {
                examples.push(Example {
                    command: text,
                    shown: Vec::new(),
                });
            }
        } else if let Some(last) = examples.last_mut() {
            last.shown.push(line.to_owned());
        }
    }
    examples
}

/// A line with the run's own values (ids, tokens, the port) replaced by their shape.
fn shape(line: &str) -> String {
    let mut out = String::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        let w = std::mem::take(word);
        if w.len() == 24 && w.bytes().all(|b| b.is_ascii_hexdigit()) {
            out.push_str("<id>");
        } else if let Some(rest) = w.strip_prefix("enroll_")
            && !rest.is_empty()
            && rest.bytes().all(|b| b.is_ascii_hexdigit())
        {
            out.push_str("enroll_<token>");
        } else {
            out.push_str(&w);
        }
    };
    for c in line.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    // The port: `127.0.0.1:<digits>`.
    let mut shaped = String::new();
    let mut rest = out.as_str();
    while let Some(at) = rest.find("127.0.0.1:") {
        let (head, tail) = rest.split_at(at + "127.0.0.1:".len());
        shaped.push_str(head);
        shaped.push_str("<port>");
        rest = tail.trim_start_matches(|c: char| c.is_ascii_digit());
    }
    shaped.push_str(rest);
    shaped
}

fn matches(shown: &str, printed: &str) -> bool {
    let (shown, printed) = (shape(shown), shape(printed));
    match shown.strip_suffix('…') {
        Some(start) => printed.starts_with(start),
        None => shown == printed,
    }
}

fn compare(example: &Example, printed: &str) {
    let printed: Vec<&str> = printed.lines().collect();
    let mut lines = printed.iter();
    for shown in &example.shown {
        if shown == "…" {
            return;
        }
        let next = lines.next().unwrap_or(&"");
        assert!(
            matches(shown, next),
            "README's `{}` shows\n  {shown}\nbut the program printed\n  {next}\n(all: {printed:#?})",
            example.command
        );
    }
}

#[test]
fn every_console_example_prints_what_the_readme_shows() {
    let examples = examples();
    assert!(
        examples.len() >= 4,
        "the README's examples were not found: {}",
        examples.len()
    );
    let sandbox = SandboxProcess::start("try-me");
    let home = Home::new();
    let port = sandbox.url.rsplit(':').next().unwrap().to_owned();
    let mut ran = 0;
    for example in &examples {
        let mut words: Vec<String> = example
            .command
            .replace("127.0.0.1:8080", &format!("127.0.0.1:{port}"))
            .split_whitespace()
            .map(str::to_owned)
            .collect();
        if words.first().is_some_and(|w| w == "export") {
            continue;
        }
        let mut env = Vec::new();
        while words
            .first()
            .is_some_and(|w| w.contains('=') && !w.starts_with('-'))
        {
            let pair = words.remove(0);
            let (k, v) = pair.split_once('=').unwrap();
            env.push((k.to_owned(), v.to_owned()));
        }
        // `cargo run --release --bin winroll --` is the binary this test was built with.
        if let Some(dashes) = words.iter().position(|w| w == "--")
            && words[0] == "cargo"
        {
            words.drain(..=dashes);
            words.insert(0, "winroll".into());
        }
        assert_eq!(
            words[0], "winroll",
            "not a winroll command: {}",
            example.command
        );
        let args: Vec<&str> = words[1..].iter().map(String::as_str).collect();
        let printed = if args.first() == Some(&"sandbox") {
            // A server runs until stopped: its first lines are read, then it is stopped.
            let args: Vec<&str> = args
                .iter()
                .map(|a| if *a == "8080" { "0" } else { a })
                .collect();
            let mut cmd = home.winroll(&args);
            cmd.stdout(Stdio::piped());
            let mut child = cmd.spawn().expect("sandbox");
            let mut reader = std::io::BufReader::new(child.stdout.take().unwrap());
            let mut text = String::new();
            for _ in 0..example.shown.len() {
                std::io::BufRead::read_line(&mut reader, &mut text).unwrap();
            }
            let _ = child.kill();
            let _ = child.wait();
            text
        } else {
            let mut cmd = home.winroll(&args);
            cmd.current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
            for (k, v) in &env {
                cmd.env(k, v);
            }
            let out = run(cmd);
            // What a terminal shows: standard output, then standard error.
            let (stdout, stderr) = text(&out);
            stdout + &stderr
        };
        compare(example, &printed);
        ran += 1;
    }
    assert!(ran >= 3, "only {ran} examples ran");
}
