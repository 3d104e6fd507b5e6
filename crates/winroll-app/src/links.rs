//! Per-user enrollment links for onboarding: one `ms-device-enrollment:` link per person, with
//! `username` set to their work address so Windows prefills the sign-in screen, as a CSV
//! (`email,link`) or a printable, self-contained onboarding sheet.
//!
//! The list of people is what an onboarding team has at hand: one address per line, or a CSV
//! export with an `email` or `upn` column (and maybe a `name` or `displayName`). Every bad line
//! is named by its number and nothing is produced until the whole list is right.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use winroll_core::{CreateOutcome, ErrorCode, enrollment_link_for};

use crate::{AppError, Target, Winroll};

/// One person on the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub email: String,
    pub name: Option<String>,
}

/// One person's link. The link carries the template's enrollment token: a credential, so it
/// stays in Rust (the window gets a [`LinkPreview`]) and prints as `<redacted>`.
#[derive(Clone, PartialEq, Eq)]
pub struct PersonLink {
    pub email: String,
    pub name: Option<String>,
    pub link: String,
}

impl std::fmt::Debug for PersonLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PersonLink")
            .field("email", &self.email)
            .field("name", &self.name)
            .field("link", &"<redacted>")
            .finish()
    }
}

/// What the window shows of one person's link: who, and the link with its token masked. Copies
/// and files are made in Rust from the template and the addresses, never from the window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, optional_fields)]
pub struct LinkPreview {
    pub email: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The link, `accesstoken=••••`.
    pub masked: String,
}

impl PersonLink {
    pub fn preview(&self) -> LinkPreview {
        let masked = match self.link.find("accesstoken=") {
            Some(at) => format!("{}accesstoken=••••", &self.link[..at]),
            None => self.link.clone(),
        };
        LinkPreview {
            email: self.email.clone(),
            name: self.name.clone(),
            masked,
        }
    }
}

/// What to copy from a list of links: one person's, or everyone's (tab-separated, one person a
/// line, as a spreadsheet pastes it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(export)]
pub enum LinksCopy {
    One { email: String },
    All,
}

/// How links are written out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum LinksFormat {
    Csv,
    Html,
}

impl LinksFormat {
    pub fn extension(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Html => "html",
        }
    }
}

/// The file name a save dialog offers for `template`'s links.
pub fn file_name(template: &str, format: LinksFormat) -> String {
    crate::template_files::file_safe(&format!("{template} links"), format.extension())
}

/// Reads the people list: a CSV with an `email` or `upn` header cell, or one address per line.
/// Blank lines are skipped; every line that is not an address is reported by its number.
pub fn parse_people(text: &str) -> Result<Vec<Person>, AppError> {
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line.trim()))
        .filter(|(_, line)| !line.is_empty())
        .collect();
    let Some(&(_, first)) = lines.first() else {
        return Err(empty());
    };
    // The header decides the delimiter: a name cell may hold a comma inside quotes.
    let delimiter = first
        .chars()
        .find(|c| [',', ';', '\t'].contains(c))
        .unwrap_or(',');
    let header = split_csv(first, delimiter);
    let column = |names: &[&str]| {
        header
            .iter()
            .position(|cell| names.iter().any(|n| cell.trim().eq_ignore_ascii_case(n)))
    };
    let (rows, email_at, name_at) = match column(&["email", "upn", "userPrincipalName", "mail"]) {
        Some(email_at) => (
            &lines[1..],
            email_at,
            column(&["name", "displayName", "display name"]),
        ),
        None => (&lines[..], 0, None),
    };
    let is_csv = rows.len() < lines.len();
    let mut people = Vec::new();
    let mut bad = Vec::new();
    for &(number, line) in rows {
        if is_csv {
            let cells = split_csv(line, delimiter);
            let email = cells.get(email_at).map(|c| c.trim()).unwrap_or_default();
            let name = name_at
                .and_then(|i| cells.get(i))
                .map(|n| n.trim().to_owned())
                .filter(|n| !n.is_empty());
            match is_address(email) {
                true => people.push(Person {
                    email: email.to_owned(),
                    name,
                }),
                false => bad.push(format!("line {number}: {email:?} is not an email address")),
            }
            continue;
        }
        // A line as mail programs copy recipients: `a@x.com; Bob <b@x.com>, c@x.com`.
        for part in recipients(line) {
            let person = mailbox(part);
            match person {
                Some(person) => people.push(person),
                None => bad.push(format!("line {number}: {part:?} is not an email address")),
            }
        }
    }
    if !bad.is_empty() {
        let count = bad.len();
        let shown: Vec<String> = bad.into_iter().take(10).collect();
        return Err(AppError::usage(
            ErrorCode::LinksBadAddress,
            format!(
                "{count} line(s) of the list are not email addresses; nothing was written: {}{}",
                shown.join("; "),
                if count > 10 { "; …" } else { "" }
            ),
            Some("One work address per line (name@company.com), or a CSV with an email or upn column.".into()),
        ));
    }
    if people.is_empty() {
        return Err(empty());
    }
    Ok(people)
}

fn empty() -> AppError {
    AppError::usage(
        ErrorCode::LinksEmpty,
        "the list of people is empty",
        Some("Give one work address per line, or a CSV with an email or upn column.".into()),
    )
}

/// A line split at `;` and `,`, except inside quotes or `<…>` (`"Smith, Ann" <ann@x.com>`).
fn recipients(line: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut start, mut quoted, mut angle) = (0, false, false);
    for (i, c) in line.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '<' if !quoted => angle = true,
            '>' if !quoted => angle = false,
            ';' | ',' if !quoted && !angle => {
                parts.push(&line[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&line[start..]);
    parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// `ann@x.com`, or `Ann Smith <ann@x.com>` (a name, maybe quoted, before the address).
fn mailbox(part: &str) -> Option<Person> {
    let (name, email) = match (part.find('<'), part.rfind('>')) {
        (Some(open), Some(close)) if open < close && part[close + 1..].trim().is_empty() => {
            let name = part[..open].trim().trim_matches('"').trim();
            (
                (!name.is_empty()).then(|| name.to_owned()),
                part[open + 1..close].trim(),
            )
        }
        _ => (None, part),
    };
    is_address(email).then(|| Person {
        email: email.to_owned(),
        name,
    })
}

/// A work address as Entra ID accepts a UPN: one `@`, something before it, and a domain of
/// dot-separated labels of letters, digits and hyphens. No spaces, quotes or separators that
/// would make a CSV cell or the link ambiguous to a person reading it.
fn is_address(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || "._%+-'".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        });
    local_ok && domain_ok
}

/// One CSV record with RFC 4180 quoting.
fn split_csv(line: &str, delimiter: char) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            c if c == delimiter && !quoted => cells.push(std::mem::take(&mut cell)),
            c => cell.push(c),
        }
    }
    cells.push(cell);
    cells
}

/// Each person's link to `outcome`'s template. A template whose answer has no token or server
/// URL cannot give links, and says so.
pub fn links_for(outcome: &CreateOutcome, people: &[Person]) -> Result<Vec<PersonLink>, AppError> {
    let token = outcome.template.win_enrollment_token.as_ref();
    let (Some(server_url), Some(access_token)) = (
        token.and_then(|t| t.server_url.as_deref()),
        token.and_then(|t| t.token.as_deref()),
    ) else {
        return Err(AppError::usage(
            ErrorCode::LinksNoToken,
            format!(
                "the template {:?} has no enrollment token or server URL in the API's answer",
                outcome.template.name.as_deref().unwrap_or_default()
            ),
            Some("Check the template in the vendor's console; its enrollment token may have been revoked.".into()),
        ));
    };
    Ok(people
        .iter()
        .map(|p| PersonLink {
            email: p.email.clone(),
            name: p.name.clone(),
            link: enrollment_link_for(&p.email, server_url, access_token),
        })
        .collect())
}

/// A cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, a tab or a carriage return
/// first) gets a leading `'`, which spreadsheets show as text: an address such as
/// `=HYPERLINK(…)@x.com` in a pasted list never runs as a formula on an admin's machine.
pub fn neutralised(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

/// `email,link` with a header, one person a line; cells quoted when they need it, formulas
/// neutralised ([`neutralised`]).
pub fn to_csv(links: &[PersonLink]) -> String {
    let cell = |text: &str| {
        let text = neutralised(text);
        if text.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", text.replace('"', "\"\""))
        } else {
            text.into_owned()
        }
    };
    let mut out = String::from("email,link\r\n");
    for l in links {
        out.push_str(&format!("{},{}\r\n", cell(&l.email), cell(&l.link)));
    }
    out
}

/// Tab-separated, one person a line (`email<TAB>link`), formulas neutralised: pastes into a
/// spreadsheet as two columns.
pub fn to_tsv(links: &[PersonLink]) -> String {
    links
        .iter()
        .map(|l| format!("{}\t{}", neutralised(&l.email), neutralised(&l.link)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A printable onboarding sheet: one card a person with their name, the link as a button and
/// the three steps a Windows user follows. No script and no remote resource: it opens the same
/// offline, from a mail attachment or on paper.
pub fn to_html(template_name: &str, links: &[PersonLink]) -> String {
    let mut cards = String::new();
    for l in links {
        let who = l.name.as_deref().unwrap_or(&l.email);
        cards.push_str(&format!(
            r#"<section class="card">
<h2>{who}</h2>
<p class="address">{email}</p>
<p><a class="button" href="{link}">Set up this PC for work</a></p>
<ol>
<li>On the Windows PC you were given, sign in and select the button above (or open the link below). Windows opens <b>Set up a work or school account</b>.</li>
<li>Check that <b>{email}</b> is filled in, then select <b>Next</b>.</li>
<li>Sign in with your work password and wait for <b>You're all set</b>. Restart the PC if it asks.</li>
</ol>
<p class="link">{link}</p>
</section>
"#,
            who = html(who),
            email = html(&l.email),
            link = html(&l.link),
        ));
    }
    format!(
        r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Set up your work PC: {title}</title>
<style>
body {{ font: 15px/1.5 "Segoe UI", system-ui, sans-serif; margin: 2rem; color: #1b1b1b; }}
h1 {{ font-size: 1.4rem; }}
.card {{ border: 1px solid #c8c8c8; border-radius: 8px; padding: 1rem 1.5rem; margin: 0 0 1.5rem; break-inside: avoid; page-break-inside: avoid; }}
.card h2 {{ margin: 0; font-size: 1.2rem; }}
.address {{ margin: 0 0 .75rem; color: #505050; }}
.button {{ display: inline-block; padding: .5rem 1rem; border-radius: 4px; background: #0f6cbd; color: #fff; text-decoration: none; font-weight: 600; }}
.link {{ font: 11px/1.4 Consolas, monospace; word-break: break-all; color: #505050; }}
@media print {{ body {{ margin: 0; }} .button {{ border: 1px solid #0f6cbd; color: #0f6cbd; background: none; }} .card {{ page-break-after: always; }} }}
</style>
</head>
<body>
<h1>Set up your work PC ({title})</h1>
<p>Each card is for one person. The link in it contains an enrollment key: keep this page to yourself.</p>
{cards}</body>
</html>
"#,
        title = html(template_name),
    )
}

/// The links as `format` asks: the CSV or the onboarding sheet.
pub fn render(template_name: &str, links: &[PersonLink], format: LinksFormat) -> String {
    match format {
        LinksFormat::Csv => to_csv(links),
        LinksFormat::Html => to_html(template_name, links),
    }
}

fn html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

impl Winroll {
    /// The template of exactly this name in `target`'s organization (tokens included), and a
    /// link for each person of `people` (the list's text).
    pub async fn person_links(
        &self,
        target: &Target,
        template_name: &str,
        people: &str,
    ) -> Result<Vec<PersonLink>, AppError> {
        let people = parse_people(people)?;
        let Some(outcome) = self.find_template(target, template_name).await? else {
            return Err(AppError::usage(
                ErrorCode::ApiNotFound,
                format!("the organization has no template named {template_name:?}"),
                Some("`winroll list` shows the organization's templates.".into()),
            ));
        };
        links_for(&outcome, &people)
    }

    /// The window's view of [`Winroll::person_links`]: who gets a link, the links masked.
    pub async fn link_previews(
        &self,
        target: &Target,
        template_name: &str,
        people: &str,
    ) -> Result<Vec<LinkPreview>, AppError> {
        let links = self.person_links(target, template_name, people).await?;
        Ok(links.iter().map(PersonLink::preview).collect())
    }

    /// The text to copy, made again from the template as the server has it and the addresses.
    pub async fn links_to_copy(
        &self,
        target: &Target,
        template_name: &str,
        people: &str,
        which: &LinksCopy,
    ) -> Result<String, AppError> {
        let links = self.person_links(target, template_name, people).await?;
        match which {
            LinksCopy::All => Ok(to_tsv(&links)),
            LinksCopy::One { email } => links
                .into_iter()
                .find(|l| &l.email == email)
                .map(|l| l.link)
                .ok_or_else(|| {
                    AppError::usage(
                        ErrorCode::LinksBadAddress,
                        format!("{email:?} is not on the list"),
                        None,
                    )
                }),
        }
    }

    /// Writes links as CSV or the onboarding sheet, readable by the user only, never over an
    /// existing file (it holds credentials).
    pub fn save_links(
        &self,
        path: &std::path::Path,
        template_name: &str,
        links: &[PersonLink],
        format: LinksFormat,
    ) -> Result<(), AppError> {
        let text = render(template_name, links, format);
        winroll_files::write_new_private(path, text.as_bytes()).map_err(AppError::Files)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_address_a_line_or_a_csv_with_an_email_or_upn_column() {
        let plain =
            parse_people("ann@example.com\r\n\r\n  bob.smith@corp.example.co.uk \n").unwrap();
        assert_eq!(
            plain.iter().map(|p| p.email.as_str()).collect::<Vec<_>>(),
            ["ann@example.com", "bob.smith@corp.example.co.uk"]
        );
        // Recipients as a mail program copies them.
        let pasted = parse_people(
            "ann@example.com; \"Smith, Bob\" <bob@example.com>\nCarol <carol@example.com>, dan@example.com",
        )
        .unwrap();
        assert_eq!(
            pasted
                .iter()
                .map(|p| (p.email.as_str(), p.name.as_deref()))
                .collect::<Vec<_>>(),
            [
                ("ann@example.com", None),
                ("bob@example.com", Some("Smith, Bob")),
                ("carol@example.com", Some("Carol")),
                ("dan@example.com", None)
            ]
        );
        let csv =
            parse_people("displayName;UPN\n\"Smith, Ann\";ann@example.com\nBob;bob@example.com\n")
                .unwrap();
        assert_eq!(csv[0].name.as_deref(), Some("Smith, Ann"));
        assert_eq!(csv[1].email, "bob@example.com");
    }

    #[test]
    fn every_bad_line_is_named_and_an_empty_list_is_an_error() {
        let err = parse_people("ann@example.com\nnot an address\nbob@\nc@d.e\n").unwrap_err();
        let info = err.info();
        assert_eq!(info.code, ErrorCode::LinksBadAddress);
        assert!(
            info.message.contains("line 2: \"not an address\""),
            "{}",
            info.message
        );
        assert!(
            info.message.contains("line 3: \"bob@\""),
            "{}",
            info.message
        );
        assert!(!info.message.contains("line 4"), "{}", info.message);
        assert_eq!(
            parse_people(" \n\n").unwrap_err().info().code,
            ErrorCode::LinksEmpty
        );
        assert_eq!(
            parse_people("email\n").unwrap_err().info().code,
            ErrorCode::LinksEmpty
        );
    }

    #[test]
    fn a_template_without_a_token_in_its_answer_says_so() {
        let people = parse_people("ann@example.com").unwrap();
        let mut template = winroll_core::CreatedTemplate {
            name: Some("Kiosks".into()),
            ..Default::default()
        };
        let err = links_for(&CreateOutcome::new(template.clone()), &people).unwrap_err();
        assert_eq!(err.info().code, ErrorCode::LinksNoToken);
        assert!(
            err.info()
                .message
                .contains("\"Kiosks\" has no enrollment token")
        );
        template.win_enrollment_token = Some(winroll_core::EnrollmentToken {
            token: Some("enroll_1".into()),
            server_url: Some("https://mdm.example.com/e".into()),
            ..Default::default()
        });
        let links = links_for(&CreateOutcome::new(template), &people).unwrap();
        assert_eq!(
            links[0].link,
            "ms-device-enrollment:?mode=mdm&username=ann@example.com&servername=https://mdm.example.com/e&accesstoken=enroll_1"
        );
    }

    #[test]
    fn csv_cells_are_quoted_and_the_sheet_has_no_script_or_remote_resource() {
        let links = vec![PersonLink {
            email: "ann@example.com".into(),
            name: Some("<Ann> \"A\"".into()),
            link: "ms-device-enrollment:?mode=mdm&username=ann@example.com&servername=https://m/x,y&accesstoken=t".into(),
        }];
        let csv = to_csv(&links);
        assert!(csv.starts_with("email,link\r\n"));
        assert!(
            !format!("{:?}", links[0]).contains("accesstoken"),
            "Debug never shows a link"
        );
        assert_eq!(
            links[0].preview().masked,
            "ms-device-enrollment:?mode=mdm&username=ann@example.com&servername=https://m/x,y&accesstoken=••••"
        );
        assert!(csv.contains(",\"ms-device-enrollment:?mode=mdm&username=ann@example.com&servername=https://m/x,y&accesstoken=t\""), "{csv}");
        let sheet = to_html("Laptops <2027>", &links);
        for forbidden in ["<script", " src=", "<link", "@import", "url(", "<Ann>"] {
            assert!(!sheet.contains(forbidden), "{forbidden} in the sheet");
        }
        assert!(sheet.contains("&lt;Ann&gt; &quot;A&quot;"));
        assert!(
            sheet.contains("href=\"ms-device-enrollment:?mode=mdm&amp;username=ann@example.com")
        );
    }

    #[test]
    fn a_cell_a_spreadsheet_would_run_gets_a_leading_quote() {
        let link = |email: &str| PersonLink {
            email: email.into(),
            name: None,
            link: "ms-device-enrollment:?mode=mdm".into(),
        };
        let links: Vec<PersonLink> = [
            "=1+1@x.com",
            "+a@x.com",
            "-a@x.com",
            "@a@x.com",
            "\ta@x.com",
            "\ra@x.com",
            "a=b@x.com",
        ]
        .into_iter()
        .map(link)
        .collect();
        let csv = to_csv(&links);
        let cells: Vec<&str> = csv
            .lines()
            .skip(1)
            .map(|l| l.split(',').next().unwrap())
            .collect();
        assert_eq!(
            cells,
            [
                "'=1+1@x.com",
                "'+a@x.com",
                "'-a@x.com",
                "'@a@x.com",
                "'\ta@x.com",
                "\"'\ra@x.com\"",
                "a=b@x.com"
            ]
        );
        let tsv = to_tsv(&links[..1]);
        assert_eq!(tsv, "'=1+1@x.com\tms-device-enrollment:?mode=mdm");
    }
}
