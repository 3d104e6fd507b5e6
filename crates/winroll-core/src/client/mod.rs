//! The vendor API client: one `reqwest::Client` built once, bounded in time and size, that never
//! retries a create by itself.

mod answer;
pub(crate) mod endpoint;
mod error;

use std::collections::VecDeque;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use reqwest::header::{ACCEPT, CONTENT_TYPE};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use endpoint::{Connection, is_template_id};
pub use error::{ApiError, Category};

use crate::model::{CreatedTemplate, TemplatePage};
use crate::template::Template;

/// Limits for every call.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    pub connect_timeout: Duration,
    /// From sending the request to the last byte of the answer.
    pub total_timeout: Duration,
    /// Answers larger than this are refused rather than buffered.
    pub body_limit: usize,
}

impl Default for ClientConfig {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(10),
            total_timeout: Duration::from_secs(30),
            body_limit: 1024 * 1024,
        }
    }
}

/// Query of the list call.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, optional_fields)]
pub struct ListQuery {
    /// From 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Partial or exact match on the server: compare exactly on the client.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `field`, `field:asc` or `field:desc`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort: Option<String>,
    /// Only templates of this segment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "number")]
    pub segment_id: Option<u64>,
    /// With `segment_id`: also the templates of its child segments, or of its ancestors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expand_to: Option<ExpandTo>,
}

/// Which segments around `segmentId` a list also covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum ExpandTo {
    Children,
    Ancestors,
}

impl ExpandTo {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Children => "children",
            Self::Ancestors => "ancestors",
        }
    }
}

/// The HTTP clients, each built the first time it is needed: building one with the platform's
/// trust store reads every certificate of it (on Linux, a file a certificate), a cost a run that
/// only talks to the sandbox on this machine never needs to pay.
#[derive(Debug, Default)]
struct Clients {
    /// For remote APIs: the system's and the environment's proxy settings (with NO_PROXY).
    remote: OnceLock<Result<reqwest::Client, ApiError>>,
    /// For https on this machine: never through a proxy, which would see the token and the body.
    local_tls: OnceLock<Result<reqwest::Client, ApiError>>,
    /// For plain http on this machine (the sandbox): no proxy, and no trust store to read.
    local_plain: OnceLock<Result<reqwest::Client, ApiError>>,
}

#[derive(Debug, Clone)]
pub struct ApiClient {
    clients: Arc<Clients>,
    config: ClientConfig,
}

/// Which client a request goes through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Route {
    Remote,
    LocalTls,
    LocalPlain,
}

impl ApiClient {
    /// A client with `config`; its HTTP clients are built when first needed (a setup error,
    /// such as an unreadable SSL_CERT_FILE, comes with the first request that needs them).
    pub fn new(config: ClientConfig) -> Result<Self, ApiError> {
        // reqwest is built without a bundled crypto provider; ring compiles everywhere we ship
        // (including the Windows cross-check). A second install is a harmless no-op.
        let _ = rustls::crypto::ring::default_provider().install_default();
        Ok(Self {
            clients: Arc::new(Clients::default()),
            config,
        })
    }

    fn build(&self, route: Route) -> Result<reqwest::Client, ApiError> {
        let mut builder = reqwest::Client::builder()
            .user_agent(concat!("winroll/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(self.config.connect_timeout)
            .timeout(self.config.total_timeout)
            // A redirected POST would be re-sent as GET or dropped; refuse and say so instead.
            .redirect(reqwest::redirect::Policy::none());
        match route {
            Route::Remote => {}
            Route::LocalTls => builder = builder.no_proxy(),
            // Plain http: no certificate is ever checked, so none is read.
            Route::LocalPlain => builder = builder.no_proxy().tls_certs_only([]),
        }
        // reqwest says only "builder error"; the cause (an unreadable SSL_CERT_FILE, a bad
        // proxy variable) is further down the chain.
        builder.build().map_err(|e| {
            let mut detail = e.to_string();
            let mut source = std::error::Error::source(&e);
            while let Some(cause) = source {
                detail = format!("{detail}: {cause}");
                source = cause.source();
            }
            ApiError::Setup { detail }
        })
    }

    /// The client for `conn`: loopback addresses never go through a proxy.
    fn http_for(&self, conn: &Connection) -> Result<&reqwest::Client, ApiError> {
        let url = conn.base_url();
        let route = match (endpoint::is_loopback(url), url.scheme() == "http") {
            (false, _) => Route::Remote,
            (true, false) => Route::LocalTls,
            (true, true) => Route::LocalPlain,
        };
        let cell = match route {
            Route::Remote => &self.clients.remote,
            Route::LocalTls => &self.clients.local_tls,
            Route::LocalPlain => &self.clients.local_plain,
        };
        cell.get_or_init(|| self.build(route))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Sends one create. A failure after the request left is reported as uncertain: the
    /// template may exist; check with [`ApiClient::find_by_name`] before trying again.
    pub async fn create(
        &self,
        conn: &Connection,
        template: &Template,
    ) -> Result<CreatedTemplate, ApiError> {
        let request = self.http_for(conn)?.post(conn.templates_url(true));
        self.send_template(request, conn, template, None, Call::Create)
            .await
    }

    /// As [`ApiClient::create`], keeping of the answer only what a batch reports
    /// ([`crate::model::CreatedSummary`]): its `body` is empty. `written` is the request's body
    /// when it was written beforehand ([`Template::request_body`] of `template`): a batch writes
    /// each body on its reader's thread, so the thread running the requests only sends.
    pub async fn create_summary(
        &self,
        conn: &Connection,
        template: &Template,
        written: Option<bytes::Bytes>,
    ) -> Result<CreatedTemplate, ApiError> {
        let request = self.http_for(conn)?.post(conn.templates_url(true));
        let summary: crate::model::CreatedSummary = self
            .send_template(request, conn, template, written, Call::Create)
            .await?;
        Ok(summary.into())
    }

    /// Sends one update of template `id` (`PUT …/enrollment-templates/{id}`, the same body as
    /// create): the template whole, so what Winroll does not model goes back as it came. A
    /// failure after sending is uncertain too; an update is idempotent, so sending it again is
    /// safe.
    pub async fn update(
        &self,
        conn: &Connection,
        id: &str,
        template: &Template,
    ) -> Result<CreatedTemplate, ApiError> {
        let request = self.http_for(conn)?.put(conn.template_url(id)?);
        self.send_template(request, conn, template, None, Call::Update)
            .await
    }

    async fn send_template<T: serde::de::DeserializeOwned>(
        &self,
        request: reqwest::RequestBuilder,
        conn: &Connection,
        template: &Template,
        written: Option<bytes::Bytes>,
        call: Call,
    ) -> Result<T, ApiError> {
        let body = match written {
            Some(body) => body,
            None => template
                .request_body()
                .map_err(|e| ApiError::Setup {
                    detail: e.to_string(),
                })?
                .into(),
        };
        let request = request
            .bearer_auth(conn.token().expose())
            .header(CONTENT_TYPE, "application/json")
            .header(ACCEPT, "application/json")
            .body(body);
        let mut redact = vec![conn.token().expose()];
        if let Some(secret) = template.secret() {
            redact.push(secret.expose());
        }
        let answer = answer::exchange(
            request,
            self.config.body_limit,
            self.config.total_timeout,
            true,
        )
        .await?;
        answer.into_data(&redact, call)
    }

    /// One page of the organization's templates.
    pub async fn list(
        &self,
        conn: &Connection,
        query: &ListQuery,
    ) -> Result<TemplatePage, ApiError> {
        endpoint::check_list_query(query)?;
        let mut url = conn.templates_url(false);
        {
            let mut pairs = url.query_pairs_mut();
            if let Some(page) = query.page {
                pairs.append_pair("page", &page.to_string());
            }
            if let Some(limit) = query.limit {
                pairs.append_pair("limit", &limit.to_string());
            }
            if let Some(name) = &query.name {
                pairs.append_pair("name", name);
            }
            if let Some(sort) = &query.sort {
                pairs.append_pair("sort", sort);
            }
            if let Some(segment) = query.segment_id {
                pairs.append_pair("segmentId", &segment.to_string());
            }
            if let Some(expand) = query.expand_to {
                pairs.append_pair("expandTo", expand.as_str());
            }
        }
        let url = endpoint::drop_empty_query(url);
        let request = self
            .http_for(conn)?
            .get(url)
            .bearer_auth(conn.token().expose())
            .header(ACCEPT, "application/json");
        let answer = answer::exchange(
            request,
            self.config.body_limit,
            self.config.total_timeout,
            false,
        )
        .await?;
        answer.into_data(&[conn.token().expose()], Call::List)
    }

    /// Reads the list page after page (`filter`'s name and other criteria, from page 1) and hands
    /// each page's items to `each` until it answers something or the last page has been read.
    /// Stopping after `max_pages` before the end is an error, never "nothing there": nobody can
    /// tell what the rest held.
    pub async fn scan_pages<T>(
        &self,
        conn: &Connection,
        filter: &ListQuery,
        max_pages: u32,
        each: impl FnMut(Vec<CreatedTemplate>) -> Option<T>,
    ) -> Result<Option<T>, ApiError> {
        self.scan_pages_counting(conn, filter, max_pages, &mut 0, each)
            .await
    }

    /// Every template of the organization (`filter`'s criteria), page after page to the last,
    /// handed to `each` a page at a time so a caller keeps only what it needs; answers how many
    /// items could not be read (not a JSON object, or without a name).
    pub async fn scan_all(
        &self,
        conn: &Connection,
        filter: &ListQuery,
        mut each: impl FnMut(Vec<CreatedTemplate>),
    ) -> Result<u64, ApiError> {
        let mut pages = self.all_pages(conn, filter);
        while let Some(items) = pages.next().await? {
            each(items);
        }
        Ok(pages.unreadable())
    }

    /// As [`ApiClient::scan_pages`], adding up in `unreadable` the items that could not be read
    /// (and, since a search cannot match them, those without a readable name).
    async fn scan_pages_counting<T>(
        &self,
        conn: &Connection,
        filter: &ListQuery,
        max_pages: u32,
        unreadable: &mut u64,
        mut each: impl FnMut(Vec<CreatedTemplate>) -> Option<T>,
    ) -> Result<Option<T>, ApiError> {
        let mut pages = self.pages(conn, filter, max_pages);
        let mut answer = None;
        while let Some(items) = pages.next().await? {
            answer = each(items);
            if answer.is_some() {
                break;
            }
        }
        *unreadable += pages.unreadable();
        Ok(answer)
    }

    /// Every page of the list (`filter`'s criteria), to the last, asked for ahead of their turn
    /// (see [`Pages::reading_ahead`]), for a caller that awaits something of its own between
    /// pages (`plan` hands each page to a thread reading the files).
    pub fn all_pages(&self, conn: &Connection, filter: &ListQuery) -> Pages {
        self.pages(conn, filter, MAX_PAGES)
            .reading_ahead(PAGES_AHEAD)
    }

    /// The list (`filter`'s criteria) a page at a time, at most `max_pages` of them.
    fn pages(&self, conn: &Connection, filter: &ListQuery, max_pages: u32) -> Pages {
        Pages {
            client: self.clone(),
            conn: conn.clone(),
            filter: filter.clone(),
            next: Some(1),
            max_pages,
            unreadable: 0,
            ahead: VecDeque::new(),
            most_ahead: 0,
        }
    }

    /// The template with this id, if the organization has one (every page, until it is found).
    pub async fn find_by_id(
        &self,
        conn: &Connection,
        id: &str,
    ) -> Result<Option<CreatedTemplate>, ApiError> {
        self.scan_pages(conn, &ListQuery::default(), 1000, |items| {
            items.into_iter().find(|t| t.id.as_deref() == Some(id))
        })
        .await
    }

    /// The template with exactly this name, if the organization has one. The server's name filter
    /// may match partially, so every page of its matches is compared exactly. `filter` narrows
    /// the search (the template's segment). A page item that could not be read, or whose name
    /// could not, might have been it: then the answer is "could not check", never "not there".
    pub async fn find_by_name(
        &self,
        conn: &Connection,
        name: &str,
        filter: &ListQuery,
    ) -> Result<Option<CreatedTemplate>, ApiError> {
        let filter = ListQuery {
            name: Some(name.to_owned()),
            ..filter.clone()
        };
        let mut unreadable = 0;
        let found = self
            .scan_pages_counting(conn, &filter, 50, &mut unreadable, |items| {
                items.into_iter().find(|t| t.name.as_deref() == Some(name))
            })
            .await?;
        match found {
            None if unreadable > 0 => Err(ApiError::SearchUnreadable {
                detail: format!(
                    "{unreadable} template(s) in the list could not be read, so whether one is named {name:?} cannot be told"
                ),
            }),
            found => Ok(found),
        }
    }
}

/// Which call an answer belongs to: its refusals name the call's own permission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Call {
    Create,
    Update,
    List,
}

impl Call {
    /// The permission the vendor's reference names for the call.
    pub fn permission(self) -> &'static str {
        match self {
            Call::Create => "mdm.windows.enrollmentTemplate.create",
            Call::Update => "mdm.windows.enrollmentTemplate.update",
            Call::List => "mdm.windows.enrollmentTemplate.list",
        }
    }

    /// What the call does, for messages: "create the template", "list the templates".
    pub fn action(self) -> &'static str {
        match self {
            Call::Create => "create the template",
            Call::Update => "update the template",
            Call::List => "list the templates",
        }
    }
}

/// Far beyond any organization: a server that never says "last page" still ends.
const MAX_PAGES: u32 = 100_000;

/// How many pages a reading of the whole list asks for ahead of the one it reads.
const PAGES_AHEAD: usize = 2;

/// The page size Winroll asks for (the API's largest).
const PAGE_SIZE: u32 = 100;

/// A page asked for ahead of its turn.
type PageRequest = tokio::task::JoinHandle<Result<TemplatePage, ApiError>>;

/// The pages of a list, read one at a time ([`ApiClient::all_pages`]).
#[derive(Debug)]
pub struct Pages {
    client: ApiClient,
    conn: Connection,
    filter: ListQuery,
    /// The page to read next; `None` once the last was read.
    next: Option<u32>,
    max_pages: u32,
    unreadable: u64,
    /// Pages asked for before their turn, in order, each with its number.
    ahead: VecDeque<(u32, PageRequest)>,
    most_ahead: usize,
}

impl Pages {
    /// Once a page has said how many pages there are, up to `pages` of the following ones are
    /// asked for while the caller reads one: the server builds the next page while this one is
    /// parsed, instead of each waiting for the other. Only for a reading of the whole list (a
    /// search that stops at the first match would ask for pages it never reads).
    fn reading_ahead(mut self, pages: usize) -> Self {
        self.most_ahead = pages;
        self
    }

    /// The next page's items; `None` after the last page. Reading past `max_pages` before the
    /// end is an error, never "nothing there": nobody can tell what the rest held.
    pub async fn next(&mut self) -> Result<Option<Vec<CreatedTemplate>>, ApiError> {
        let Some(page) = self.next else {
            return Ok(None);
        };
        if page > self.max_pages {
            return Err(ApiError::SearchIncomplete {
                pages: self.max_pages,
            });
        }
        let found = match self.ahead.pop_front() {
            Some((asked, request)) if asked == page => match request.await {
                Ok(answer) => answer?,
                Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
                // Cancelled (the runtime is going down): asked again in turn.
                Err(_) => self.read(page).await?,
            },
            _ => self.read(page).await?,
        };
        self.unreadable +=
            found.unreadable + found.items.iter().filter(|t| t.name.is_none()).count() as u64;
        let count = found.items.len() as u64 + found.unreadable;
        let more = next_page_after(&found, count, PAGE_SIZE);
        self.next = (more && count > 0).then_some(page + 1);
        match self.next {
            Some(next) => self.ask_ahead(next, found.total_pages),
            None => self.cancel_ahead(),
        }
        Ok(Some(found.items))
    }

    /// How many items read so far could not be read (not a JSON object, or without a name:
    /// a search by name cannot match them).
    pub fn unreadable(&self) -> u64 {
        self.unreadable
    }

    async fn read(&self, page: u32) -> Result<TemplatePage, ApiError> {
        self.client.list(&self.conn, &self.query(page)).await
    }

    fn query(&self, page: u32) -> ListQuery {
        ListQuery {
            page: Some(page),
            limit: Some(PAGE_SIZE),
            ..self.filter.clone()
        }
    }

    /// Asks for the pages after `next` up to the last one the server named (never a page
    /// that may not exist: a server without `totalPages` is read one page at a time).
    fn ask_ahead(&mut self, next: u32, total_pages: Option<u64>) {
        let Some(last) = total_pages.and_then(|t| u32::try_from(t).ok()) else {
            return;
        };
        let last = last.min(self.max_pages);
        let mut wanted = self.ahead.back().map_or(next, |(asked, _)| asked + 1);
        while self.ahead.len() < self.most_ahead && wanted <= last {
            let client = self.client.clone();
            let conn = self.conn.clone();
            let query = self.query(wanted);
            let request = tokio::spawn(async move { client.list(&conn, &query).await });
            self.ahead.push_back((wanted, request));
            wanted += 1;
        }
    }

    fn cancel_ahead(&mut self) {
        for (_, request) in self.ahead.drain(..) {
            request.abort();
        }
    }
}

impl Drop for Pages {
    fn drop(&mut self) {
        self.cancel_ahead();
    }
}

/// Whether a page has one after it: the server's `hasNextPage`, else its `page` and `totalPages`,
/// else whether it came full (a server may hand out fewer items a page than were asked for, and
/// says how many in `limit`).
fn next_page_after(page: &TemplatePage, count: u64, asked: u32) -> bool {
    page.has_next_page
        .or_else(|| Some(page.page? < page.total_pages?))
        .unwrap_or(count >= page.limit.unwrap_or(u64::from(asked)).max(1))
}
