//! The public pages that are the same for every anonymous visitor in a language (the home
//! page, the events list, an event's page, the newsletters' archive, the join form), rendered
//! once per change rather than once per request.
//!
//! A change is any write to the tables those pages show (migration
//! `m20261206_000600_public_pages`): on PostgreSQL each instance hears it through `LISTEN
//! reseau_public`, and while it is not listening (starting, reconnecting) it renders every
//! request; on SQLite the pages are checked against the version row those writes count up,
//! read again only when the database's files show a commit since the last read.
//! The clock is a change too: an entry also ends at the next moment one of its events opens,
//! closes, starts or ends. Visitors with a session (members, organizers) always get a fresh
//! rendering: their pages may differ, and an organizer sees their edit at once. While the
//! database is away, the last rendering of a page is served rather than an error.
//!
//! A page without a form is kept as its bytes with a strong `ETag` (a hash of the bytes, so
//! every instance gives the same one), and `If-None-Match` gets a 304. A page with a form
//! carries a per-visitor CSRF token and form stamp: it is rendered once with markers in their
//! place, kept in pieces, and each request splices its own values in.

use std::{
    collections::HashMap,
    sync::{
        Arc, PoisonError, RwLock,
        atomic::{AtomicBool, AtomicI64, AtomicU64, Ordering},
    },
    time::Duration,
};

use axum::{
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use axum_csrf::CsrfToken;
use axum_extra::extract::CookieJar;
use chrono::{DateTime, Utc};
use domain::{Db, entities::event};
use maud::PreEscaped;
use sea_orm::DbBackend;
use sha2::{Digest, Sha256};

use crate::{config::CookieName, error::AppError, state::AppState};

/// Stand-ins for the per-visitor values while a form page is rendered for everyone. Plain
/// ASCII that HTML escaping leaves alone and no text of ours contains.
pub const CSRF_MARK: &str = "RESEAU-PAGE-CACHE-CSRF-1f0c9a";
pub const STAMP_MARK: &str = "RESEAU-PAGE-CACHE-STAMP-1f0c9a";

/// A page as rendered, and until when it holds if nothing is written.
pub struct Rendered {
    pub html: String,
    pub until: Option<DateTime<Utc>>,
}

/// What a page's contents depend on besides the database: the next moment one of `events`
/// crosses a line (registration opens or closes, it starts, it ends) after `now`.
pub fn next_moment<'a>(
    events: impl IntoIterator<Item = &'a event::Model>,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    events
        .into_iter()
        .flat_map(|e| {
            [
                e.registration_opens_at,
                e.registration_closes_at,
                Some(e.starts_at),
                Some(e.ends_at),
            ]
        })
        .flatten()
        .filter(|at| *at > now)
        .min()
}

enum Piece {
    Text(Arc<str>),
    Csrf,
    Stamp,
}

struct Entry {
    until: Option<DateTime<Utc>>,
    pieces: Vec<Piece>,
    /// For pages without a form: the whole page and its validator.
    whole: Option<(bytes::Bytes, HeaderValue)>,
}

impl Entry {
    fn new(rendered: Rendered) -> Self {
        let pieces = split(&rendered.html);
        let whole = (pieces.len() == 1).then(|| {
            let etag = etag(rendered.html.as_bytes());
            (bytes::Bytes::from(rendered.html), etag)
        });
        Self {
            until: rendered.until,
            pieces,
            whole,
        }
    }

    fn fresh(&self, now: DateTime<Utc>) -> bool {
        self.until.is_none_or(|until| now < until)
    }

    fn fill(&self, csrf: &str, stamp: &str) -> String {
        let mut out = String::with_capacity(
            self.pieces
                .iter()
                .map(|p| match p {
                    Piece::Text(t) => t.len(),
                    Piece::Csrf => csrf.len(),
                    Piece::Stamp => stamp.len(),
                })
                .sum(),
        );
        for piece in &self.pieces {
            out.push_str(match piece {
                Piece::Text(t) => t,
                Piece::Csrf => csrf,
                Piece::Stamp => stamp,
            });
        }
        out
    }
}

/// The page cut at each marker.
fn split(html: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut rest = html;
    loop {
        let csrf = rest.find(CSRF_MARK).map(|at| (at, CSRF_MARK, Piece::Csrf));
        let stamp = rest
            .find(STAMP_MARK)
            .map(|at| (at, STAMP_MARK, Piece::Stamp));
        let next = match (csrf, stamp) {
            (Some(a), Some(b)) => Some(if a.0 < b.0 { a } else { b }),
            (a, b) => a.or(b),
        };
        let Some((at, mark, piece)) = next else {
            if !rest.is_empty() || pieces.is_empty() {
                pieces.push(Piece::Text(rest.into()));
            }
            return pieces;
        };
        if at > 0 {
            pieces.push(Piece::Text(rest[..at].into()));
        }
        pieces.push(piece);
        rest = &rest[at + mark.len()..];
    }
}

fn etag(bytes: &[u8]) -> HeaderValue {
    let digest = Sha256::digest(bytes);
    let value = format!("\"{}\"", hex::encode(&digest[..16]));
    HeaderValue::from_str(&value).unwrap_or_else(|_| HeaderValue::from_static("\"\""))
}

/// Whether `If-None-Match` names `etag` (or is `*`).
fn matches(headers: &HeaderMap, etag: &HeaderValue) -> bool {
    let Some(tag) = etag.to_str().ok() else {
        return false;
    };
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .any(|candidate| candidate == "*" || candidate.trim_start_matches("W/") == tag)
}

/// What the SQLite file and its write-ahead log look like from outside: every commit
/// appends to the log (or, after a checkpoint, rewrites it and the file), so an unchanged
/// look means nothing was committed and the version row need not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct FileLook([Option<(std::time::SystemTime, u64)>; 2]);

impl FileLook {
    fn of(file: &std::path::Path) -> Self {
        let look = |path: &std::path::Path| {
            std::fs::metadata(path)
                .ok()
                .and_then(|m| Some((m.modified().ok()?, m.len())))
        };
        let mut wal = file.as_os_str().to_owned();
        wal.push("-wal");
        Self([look(file), look(std::path::Path::new(&wal))])
    }
}

/// The version row as last read, what the files looked like just before, and when.
struct LastRead {
    look: FileLook,
    version: i64,
    at: std::time::Instant,
}

/// However quiet the files look, the version row is read again after this long: file times
/// are coarse (a few milliseconds), and a rewrite of the log after a checkpoint may leave its
/// size as it was.
const RECHECK: Duration = Duration::from_secs(1);

/// How this instance learns that the pages changed.
enum Source {
    /// SQLite: the version row, read again whenever the database's files changed.
    Row {
        file: Option<std::path::PathBuf>,
        last: std::sync::Mutex<Option<LastRead>>,
    },
    /// PostgreSQL: a count of the notifications heard, while listening.
    Notified {
        generation: AtomicI64,
        listening: AtomicBool,
    },
}

/// What `/metrics` reports.
pub struct Counts {
    pub rendered: u64,
    pub reused: u64,
    /// Whether pages are kept now (always on SQLite; on PostgreSQL while listening).
    pub live: bool,
}

pub struct PageCache {
    source: Source,
    rendered: AtomicU64,
    reused: AtomicU64,
    /// The version the entries were rendered at, and the entries by page.
    entries: RwLock<(i64, HashMap<String, Arc<Entry>>)>,
}

impl PageCache {
    pub fn new(db: &Db) -> Self {
        let source = match db.backend() {
            DbBackend::Postgres => Source::Notified {
                generation: AtomicI64::new(0),
                listening: AtomicBool::new(false),
            },
            _ => Source::Row {
                file: db.sqlite_file().map(std::path::Path::to_path_buf),
                last: std::sync::Mutex::new(None),
            },
        };
        Self {
            source,
            rendered: AtomicU64::new(0),
            reused: AtomicU64::new(0),
            entries: RwLock::new((i64::MIN, HashMap::new())),
        }
    }

    /// The current version, or `None` when this instance cannot know (not listening).
    async fn version(&self, db: &Db) -> Result<Option<i64>, AppError> {
        match &self.source {
            Source::Row { file, last } => {
                let look = file.as_deref().map(FileLook::of);
                if let Some(look) = look {
                    let last = last.lock().unwrap_or_else(PoisonError::into_inner);
                    if let Some(read) = last.as_ref()
                        && read.look == look
                        && read.at.elapsed() < RECHECK
                    {
                        return Ok(Some(read.version));
                    }
                }
                // Looked at before the read: a commit in between changes the next look.
                let version = domain::public_pages::version(db.reader()).await?;
                if let (Some(look), Some(version)) = (look, version) {
                    *last.lock().unwrap_or_else(PoisonError::into_inner) = Some(LastRead {
                        look,
                        version,
                        at: std::time::Instant::now(),
                    });
                }
                Ok(version)
            }
            Source::Notified {
                generation,
                listening,
            } => Ok(listening
                .load(Ordering::Acquire)
                .then(|| generation.load(Ordering::Acquire))),
        }
    }

    pub fn counts(&self) -> Counts {
        Counts {
            rendered: self.rendered.load(Ordering::Relaxed),
            reused: self.reused.load(Ordering::Relaxed),
            live: match &self.source {
                Source::Row { .. } => true,
                Source::Notified { listening, .. } => listening.load(Ordering::Relaxed),
            },
        }
    }

    fn changed(&self) {
        if let Source::Notified { generation, .. } = &self.source {
            generation.fetch_add(1, Ordering::AcqRel);
        }
    }

    fn set_listening(&self, on: bool) {
        if let Source::Notified { listening, .. } = &self.source {
            listening.store(on, Ordering::Release);
        }
        // What happened while not listening is unknown: nothing kept is trusted.
        self.changed();
    }

    fn lookup(&self, key: &str, version: i64, now: DateTime<Utc>) -> Option<Arc<Entry>> {
        let entries = self.entries.read().unwrap_or_else(PoisonError::into_inner);
        if entries.0 != version {
            return None;
        }
        entries.1.get(key).filter(|e| e.fresh(now)).cloned()
    }

    /// The page as last kept, whatever its version.
    fn last(&self, key: &str) -> Option<Arc<Entry>> {
        let entries = self.entries.read().unwrap_or_else(PoisonError::into_inner);
        entries.1.get(key).cloned()
    }

    fn keep(&self, key: String, version: i64, entry: Arc<Entry>) {
        let mut entries = self.entries.write().unwrap_or_else(PoisonError::into_inner);
        if entries.0 != version {
            // A newer version drops every page of the older one; an older rendering (a slow
            // request that began before the change) is not kept.
            if version < entries.0 && entries.0 != i64::MIN {
                return;
            }
            entries.0 = version;
            entries.1.clear();
        }
        entries.1.insert(key, entry);
    }

    /// The page `key` as kept, or rendered by `render` (and kept when it can be).
    async fn entry<F, Fut>(
        &self,
        state: &AppState,
        personal: bool,
        key: String,
        render: F,
    ) -> Result<Arc<Entry>, AppError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Rendered, AppError>>,
    {
        let version = if personal {
            None
        } else {
            self.version(&state.db).await?
        };
        let now = Utc::now();
        if let Some(version) = version
            && let Some(entry) = self.lookup(&key, version, now)
        {
            self.reused.fetch_add(1, Ordering::Relaxed);
            return Ok(entry);
        }
        let rendered = match render().await {
            Ok(rendered) => rendered,
            // The database is away: the last rendering, however old, rather than an error
            // page (HTTP's "stale-if-error").
            Err(AppError::Unavailable(why)) => {
                return self
                    .last(&key)
                    .ok_or(AppError::Unavailable(why))
                    .inspect(|_| tracing::debug!(key, "database away: last rendering served"));
            }
            Err(e) => return Err(e),
        };
        let entry = Arc::new(Entry::new(rendered));
        self.rendered.fetch_add(1, Ordering::Relaxed);
        if let Some(version) = version {
            self.keep(key, version, entry.clone());
        }
        Ok(entry)
    }

    /// A page without a form: the same bytes for every anonymous visitor, with an `ETag`, or a
    /// 304 when the visitor already has them.
    pub async fn page<F, Fut>(
        &self,
        state: &AppState,
        headers: &HeaderMap,
        key: String,
        render: F,
    ) -> Result<Response, AppError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Rendered, AppError>>,
    {
        let personal = has_session(state, headers);
        let entry = self.entry(state, personal, key, render).await?;
        let Some((body, etag)) = &entry.whole else {
            // A marker in a page without a form would be a bug; show it rather than hide it.
            return Err(AppError::Internal("a shared page holds a form".into()));
        };
        if personal {
            return Ok(html(body.clone()).into_response());
        }
        let headers_out = [
            (header::ETAG, etag.clone()),
            // Anyone's copy is fine, if checked each time.
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ];
        if matches(headers, etag) {
            return Ok((StatusCode::NOT_MODIFIED, headers_out).into_response());
        }
        Ok((headers_out, html(body.clone())).into_response())
    }

    /// A page with the form `form_name`: rendered once with `CSRF_MARK` and `STAMP_MARK`,
    /// filled with this visitor's CSRF token and a fresh stamp.
    pub async fn form<F, Fut>(
        &self,
        state: &AppState,
        headers: &HeaderMap,
        key: String,
        csrf_token: &CsrfToken,
        form_name: &str,
        render: F,
    ) -> Result<PreEscaped<String>, AppError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Rendered, AppError>>,
    {
        let csrf = crate::security::csrf::form_value(csrf_token)?;
        let stamp = state.guard.stamp(form_name, Utc::now());
        let personal = has_session(state, headers);
        let entry = self.entry(state, personal, key, render).await?;
        Ok(PreEscaped(entry.fill(&csrf, &stamp)))
    }

    /// Listens for PostgreSQL's notifications until `stop`, reconnecting after a failure;
    /// while not listening, pages are rendered for each request. Nothing to do on SQLite.
    pub async fn listen(self: Arc<Self>, db: Db, stop: tokio_util::sync::CancellationToken) {
        use sea_orm::sqlx::postgres::PgListener;

        if !matches!(self.source, Source::Notified { .. }) {
            return;
        }
        let pool = db.reader().get_postgres_connection_pool().clone();
        let mut pause = Duration::from_millis(100);
        while !stop.is_cancelled() {
            let listener = async {
                let mut listener = PgListener::connect_with(&pool).await?;
                listener.listen(domain::public_pages::CHANNEL).await?;
                Ok::<_, sea_orm::sqlx::Error>(listener)
            };
            let mut listener = tokio::select! {
                () = stop.cancelled() => break,
                listener = listener => match listener {
                    Ok(listener) => listener,
                    Err(e) => {
                        tracing::warn!(error = %e, "listening for public page changes");
                        tokio::time::sleep(pause).await;
                        pause = (pause * 2).min(Duration::from_secs(10));
                        continue;
                    }
                },
            };
            pause = Duration::from_millis(100);
            self.set_listening(true);
            loop {
                let heard = tokio::select! {
                    () = stop.cancelled() => break,
                    heard = listener.try_recv() => heard,
                };
                match heard {
                    Ok(Some(_)) => self.changed(),
                    // The connection dropped: notifications may be lost; start again.
                    Ok(None) => break,
                    Err(e) => {
                        tracing::warn!(error = %e, "listening for public page changes");
                        break;
                    }
                }
            }
            self.set_listening(false);
        }
    }
}

fn html(body: bytes::Bytes) -> impl IntoResponse {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        )],
        body,
    )
}

/// Whether the request carries a member's or an organizer's session cookie.
fn has_session(state: &AppState, headers: &HeaderMap) -> bool {
    let jar = CookieJar::from_headers(headers);
    [CookieName::Member, CookieName::Staff]
        .into_iter()
        .any(|name| jar.get(state.settings.cookie_name(name)).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_page_is_cut_at_its_markers_and_filled_per_visitor() {
        let html = format!("<a>{CSRF_MARK}</a><b>{STAMP_MARK}</b>{CSRF_MARK}");
        let entry = Entry::new(Rendered { html, until: None });
        assert!(entry.whole.is_none());
        assert_eq!(entry.fill("T", "S"), "<a>T</a><b>S</b>T");
        assert_eq!(entry.fill("other", "x"), "<a>other</a><b>x</b>other");
    }

    #[test]
    fn a_page_without_a_form_is_kept_whole_with_its_etag() {
        let entry = Entry::new(Rendered {
            html: "<p>hello</p>".into(),
            until: None,
        });
        let (body, tag) = entry.whole.as_ref().expect("whole");
        assert_eq!(&body[..], b"<p>hello</p>");
        let mut headers = HeaderMap::new();
        headers.insert(header::IF_NONE_MATCH, tag.clone());
        assert!(matches(&headers, tag));
        headers.insert(header::IF_NONE_MATCH, HeaderValue::from_static("\"other\""));
        assert!(!matches(&headers, tag));
        let other = Entry::new(Rendered {
            html: "<p>hello!</p>".into(),
            until: None,
        });
        assert_ne!(other.whole.expect("whole").1, *tag);
    }

    #[test]
    fn an_entry_ends_at_its_next_moment() {
        let now = Utc::now();
        let entry = Entry::new(Rendered {
            html: String::new(),
            until: Some(now + chrono::Duration::seconds(1)),
        });
        assert!(entry.fresh(now));
        assert!(!entry.fresh(now + chrono::Duration::seconds(1)));
    }
}
