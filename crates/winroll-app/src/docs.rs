//! `winroll docs`: one document of every template of a folder or an organization, for change
//! review and audits: contents, then each template's settings (rules with their policies and
//! priorities, conditions, auxiliary fields, sign-in, the Entra ID tenant and client), and what
//! Winroll does not model, as it is. Never a secret or an enrollment token. The same templates
//! give the same bytes (sorted by name, no time stamp), and the HTML prints one template a page.

use std::collections::HashSet;
use std::fmt::Write;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use winroll_core::{ListQuery, scrub_secrets};

use crate::{AppError, Target, Winroll};

/// Where the templates come from.
#[derive(Debug, Clone)]
pub enum DocsSource {
    Folder(PathBuf),
    Target(Target),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum DocsFormat {
    Md,
    Html,
}

/// The fields the document lays out; anything else is listed as it is.
const LAID_OUT: &[&str] = &[
    "name",
    "description",
    "segmentId",
    "rules",
    "auxiliaryFields",
    "loginProviderTypes",
    "allowAutoContinue",
    "entraId",
];

impl Winroll {
    /// The document of every template of `source`, titled `title`.
    pub async fn template_docs(
        &self,
        source: &DocsSource,
        title: &str,
        format: DocsFormat,
    ) -> Result<String, AppError> {
        let mut templates = match source {
            DocsSource::Folder(dir) => {
                let files = crate::folder::files::read_folder(dir, None)?;
                files
                    .iter()
                    .map(|f| Value::Object(read_body(&f.path)))
                    .collect::<Vec<_>>()
            }
            DocsSource::Target(target) => {
                let conn = self.connection(target).await?;
                let mut all = Vec::new();
                self.client()
                    .scan_all(&conn, &ListQuery::default(), |items| {
                        all.extend(items.into_iter().map(|t| Value::Object(t.body)));
                    })
                    .await?;
                all
            }
        };
        for t in &mut templates {
            scrub_secrets(t);
            winroll_core::diff::restore_numbers(t);
        }
        templates.sort_by(|a, b| name(a).cmp(name(b)));
        Ok(match format {
            DocsFormat::Md => markdown(title, &templates),
            DocsFormat::Html => html(title, &templates),
        })
    }
}

fn read_body(path: &std::path::Path) -> Map<String, Value> {
    let mut value = crate::folder::files::read_value(path, None).unwrap_or_default();
    if let Some(fields) = value.as_object_mut() {
        for owned in winroll_core::validate::SERVER_FIELDS {
            fields.shift_remove(*owned);
        }
    }
    match value {
        Value::Object(fields) => fields,
        _ => Map::new(),
    }
}

fn name(template: &Value) -> &str {
    template["name"].as_str().unwrap_or_default()
}

/// A value as one line of text: strings as they are, the rest as JSON.
fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn list(value: &Value) -> String {
    match value.as_array() {
        Some(items) if !items.is_empty() => items.iter().map(text).collect::<Vec<_>>().join(", "),
        Some(_) => "none".into(),
        None => text(value),
    }
}

/// One template, as label/value rows and sections of rows, shared by both formats.
struct Laid {
    name: String,
    description: Option<String>,
    settings: Vec<(String, String)>,
    rules: Vec<Vec<(String, String)>>,
    auxiliary: Vec<Vec<(String, String)>>,
    other: Vec<(String, String)>,
}

fn lay_out(t: &Value) -> Laid {
    let mut settings = Vec::new();
    if let Some(segment) = t.get("segmentId") {
        settings.push(("Segment".into(), text(segment)));
    }
    if let Some(providers) = t.get("loginProviderTypes") {
        settings.push(("Sign-in providers".into(), list(providers)));
    }
    if let Some(auto) = t.get("allowAutoContinue") {
        settings.push(("Auto-continue".into(), text(auto)));
    }
    if let Some(entra) = t.get("entraId") {
        let app = &entra["mobilityApp"];
        settings.push((
            "Entra ID mobility app".into(),
            format!(
                "tenant {}, client {} (its client secret is kept in the keyring, never here)",
                text(&app["tenantId"]),
                text(&app["clientId"])
            ),
        ));
    }
    let rules = t["rules"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|rule| {
            let mut rows = Vec::new();
            let mut known = HashSet::new();
            let mut row = |key: &str, label: &str, shown: String| {
                known.insert(key.to_owned());
                rows.push((label.to_owned(), shown));
            };
            for (key, label) in [
                ("name", "Rule"),
                ("displayNamePattern", "Display-name pattern"),
                ("segmentId", "Segment"),
                ("winPolicyId", "Policy"),
            ] {
                if let Some(v) = rule.get(key) {
                    row(key, label, text(v));
                }
            }
            if let Some(tags) = rule.get("tags") {
                row("tags", "Tags", list(tags));
            }
            if let Some(assignments) = rule["winPolicyAssignments"].as_array() {
                let shown = assignments
                    .iter()
                    .map(|a| {
                        format!(
                            "{} (priority {})",
                            text(&a["winPolicyId"]),
                            text(&a["priority"])
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; ");
                row("winPolicyAssignments", "Policies", shown);
            }
            for (i, condition) in rule["conditions"]
                .as_array()
                .into_iter()
                .flatten()
                .enumerate()
            {
                let parts = ["tags", "auxiliaryFields", "patterns", "identifiers"]
                    .iter()
                    .filter_map(|k| condition.get(*k).map(|v| format!("{k}: {v}")))
                    .collect::<Vec<_>>()
                    .join("; ");
                row("conditions", &format!("Condition {}", i + 1), parts);
            }
            if let Some(fields) = rule.as_object() {
                for (key, value) in fields {
                    if !known.contains(key) && key != "conditions" {
                        rows.push((format!("{key} (kept as it is)"), text(value)));
                    }
                }
            }
            rows
        })
        .collect();
    let auxiliary = t["auxiliaryFields"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|field| {
            field
                .as_object()
                .into_iter()
                .flatten()
                .map(|(key, value)| {
                    let shown = if key == "options" {
                        list(value)
                    } else {
                        text(value)
                    };
                    (key.clone(), shown)
                })
                .collect()
        })
        .collect();
    let other = t
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(key, _)| !LAID_OUT.contains(&key.as_str()))
        .map(|(key, value)| (key.clone(), text(value)))
        .collect();
    Laid {
        name: name(t).to_owned(),
        description: t.get("description").map(text),
        settings,
        rules,
        auxiliary,
        other,
    }
}

/// Anchors for the contents: the name in lower case, `-` between words, unique.
fn anchors(templates: &[Value]) -> Vec<String> {
    let mut taken = HashSet::new();
    templates
        .iter()
        .map(|t| {
            let file = crate::folder::file_name_for(name(t), &taken);
            taken.insert(file.clone());
            file.trim_end_matches(".json").to_owned()
        })
        .collect()
}

/// Markdown text: `|` and line ends in a cell would break the table.
fn md_cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\r', '\n'], " ")
}

fn markdown(title: &str, templates: &[Value]) -> String {
    let anchors = anchors(templates);
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", md_cell(title));
    let _ = writeln!(out, "{} template(s).\n\n## Contents\n", templates.len());
    for (t, anchor) in templates.iter().zip(&anchors) {
        let _ = writeln!(out, "- [{}](#{anchor})", md_cell(name(t)));
    }
    for (t, anchor) in templates.iter().zip(&anchors) {
        let laid = lay_out(t);
        let _ = writeln!(
            out,
            "\n<a id=\"{anchor}\"></a>\n\n## {}\n",
            md_cell(&laid.name)
        );
        if let Some(d) = &laid.description {
            let _ = writeln!(out, "{}\n", md_cell(d));
        }
        let table = |out: &mut String, rows: &[(String, String)]| {
            let _ = writeln!(out, "| Setting | Value |\n|---|---|");
            for (k, v) in rows {
                let _ = writeln!(out, "| {} | {} |", md_cell(k), md_cell(v));
            }
            out.push('\n');
        };
        if !laid.settings.is_empty() {
            table(&mut out, &laid.settings);
        }
        for (i, rule) in laid.rules.iter().enumerate() {
            let _ = writeln!(out, "### Rule {}\n", i + 1);
            table(&mut out, rule);
        }
        for (i, field) in laid.auxiliary.iter().enumerate() {
            let _ = writeln!(out, "### Auxiliary field {}\n", i + 1);
            table(&mut out, field);
        }
        if !laid.other.is_empty() {
            let _ = writeln!(out, "### Kept as it is (not modelled by Winroll)\n");
            table(&mut out, &laid.other);
        }
    }
    out
}

fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn html(title: &str, templates: &[Value]) -> String {
    let anchors = anchors(templates);
    let mut body = String::new();
    let _ = writeln!(
        body,
        "<h1>{}</h1>\n<p>{} template(s).</p>",
        esc(title),
        templates.len()
    );
    let _ = writeln!(body, "<nav aria-label=\"Contents\"><h2>Contents</h2><ol>");
    for (t, anchor) in templates.iter().zip(&anchors) {
        let _ = writeln!(body, "<li><a href=\"#{anchor}\">{}</a></li>", esc(name(t)));
    }
    let _ = writeln!(body, "</ol></nav>");
    let table = |out: &mut String, caption: &str, rows: &[(String, String)]| {
        let _ = writeln!(out, "<table><caption>{}</caption>", esc(caption));
        for (k, v) in rows {
            let _ = writeln!(
                out,
                "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
                esc(k),
                esc(v)
            );
        }
        let _ = writeln!(out, "</table>");
    };
    for (t, anchor) in templates.iter().zip(&anchors) {
        let laid = lay_out(t);
        let _ = writeln!(
            body,
            "<section class=\"template\" id=\"{anchor}\">\n<h2>{}</h2>",
            esc(&laid.name)
        );
        if let Some(d) = &laid.description {
            let _ = writeln!(body, "<p>{}</p>", esc(d));
        }
        if !laid.settings.is_empty() {
            table(&mut body, "Settings", &laid.settings);
        }
        for (i, rule) in laid.rules.iter().enumerate() {
            table(&mut body, &format!("Rule {}", i + 1), rule);
        }
        for (i, field) in laid.auxiliary.iter().enumerate() {
            table(&mut body, &format!("Auxiliary field {}", i + 1), field);
        }
        if !laid.other.is_empty() {
            table(
                &mut body,
                "Kept as it is (not modelled by Winroll)",
                &laid.other,
            );
        }
        let _ = writeln!(body, "</section>");
    }
    format!(
        r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{title}</title>
<style>
body {{ font: 14px/1.5 "Segoe UI", system-ui, sans-serif; margin: 2rem; color: #1b1b1b; }}
table {{ border-collapse: collapse; margin: 0 0 1rem; width: 100%; }}
caption {{ text-align: left; font-weight: 600; padding: .25rem 0; }}
th, td {{ border: 1px solid #c8c8c8; padding: .25rem .5rem; text-align: left; vertical-align: top; word-break: break-word; }}
th {{ width: 30%; font-weight: 600; }}
@media print {{ body {{ margin: 0; }} .template {{ break-before: page; page-break-before: always; }} nav a {{ color: inherit; }} }}
</style>
</head>
<body>
{body}</body>
</html>
"#,
        title = esc(title),
    )
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn fixture() -> Vec<Value> {
        vec![
            json!({
                "name": "Laptops | EU",
                "description": "Corporate laptops",
                "rules": [{ "name": "All", "winPolicyAssignments": [{ "winPolicyId": "64b7f0c2a1e4d5f6a7b8c9d0", "priority": 7 }], "conditions": [{ "patterns": ["LAP-*"] }], "x-team": "IT" }],
                "auxiliaryFields": [{ "type": "select", "key": "dept", "options": ["a", "b"] }],
                "entraId": { "mobilityApp": { "tenantId": "t-1", "clientId": "c-1" } },
                "ownerTeam": { "name": "IT" }
            }),
            json!({ "name": "<Kiosks>", "rules": [{ "winPolicyId": "64b7f0c2a1e4d5f6a7b8c9d1" }] }),
        ]
    }

    #[test]
    fn a_document_lays_out_every_setting_and_keeps_the_rest_as_it_is() {
        let md = markdown("acme", &fixture());
        assert!(md.contains("- [Laptops \\| EU](#laptops-eu)"), "{md}");
        assert!(
            md.contains("| Policies | 64b7f0c2a1e4d5f6a7b8c9d0 (priority 7) |"),
            "{md}"
        );
        assert!(
            md.contains("| Condition 1 | patterns: [\"LAP-*\"] |"),
            "{md}"
        );
        assert!(md.contains("| x-team (kept as it is) | IT |"), "{md}");
        assert!(md.contains("| ownerTeam | {\"name\":\"IT\"} |"), "{md}");
        assert!(md.contains("tenant t-1, client c-1"), "{md}");
        let page = html("acme", &fixture());
        assert!(page.contains("&lt;Kiosks&gt;") && !page.contains("<Kiosks>"));
        for forbidden in ["<script", " src=", "<link", "url("] {
            assert!(!page.contains(forbidden), "{forbidden}");
        }
        assert_eq!(page, html("acme", &fixture()), "deterministic");
    }
}
