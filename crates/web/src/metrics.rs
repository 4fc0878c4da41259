//! Prometheus metrics at `/metrics`: requests by route template and status, their latency,
//! and figures read from the database at scrape time (the outbox by status, members by
//! status, connection pools), so every instance reports the same shared totals without
//! keeping counters of its own in step.

use std::{
    sync::{Arc, atomic::AtomicU64},
    time::{Duration, Instant},
};

use axum::{
    extract::{Request, State},
    http::{HeaderMap, HeaderValue, Method, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use domain::Db;
use prometheus_client::{
    encoding::{EncodeLabelSet, text},
    metrics::{
        counter::Counter,
        family::Family,
        gauge::Gauge,
        histogram::{Histogram, exponential_buckets},
    },
    registry::Registry,
};
use secrecy::ExposeSecret;
use sha2::{Digest, Sha256};

use crate::{config::Settings, error::AppError, state::AppState};

/// The label a request gets when no route matched (a 404): never the raw path, which a
/// scanner could use to grow the series without bound.
const UNMATCHED: &str = "unmatched";

/// How long a scrape waits for the database before reporting it down.
const SCRAPE_DB_TIMEOUT: Duration = Duration::from_secs(3);

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: &'static str,
    route: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    method: &'static str,
    route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct StatusLabels {
    status: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct LaneLabels {
    lane: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct LaneStatusLabels {
    lane: &'static str,
    status: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct PoolLabels {
    pool: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct PoolStateLabels {
    pool: &'static str,
    state: &'static str,
}

fn latency_histogram() -> Histogram {
    // 2.5 ms to about 10 s.
    Histogram::new(exponential_buckets(0.0025, 2.0, 13))
}

/// The process's own metrics; the database figures are read at each scrape.
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: Family<RouteLabels, Histogram, fn() -> Histogram>,
    /// SHA-256 of the bearer token, when one is required.
    token: Option<[u8; 32]>,
}

impl Metrics {
    pub fn new(settings: &Settings) -> Self {
        let mut registry = Registry::default();
        let requests = Family::<RequestLabels, Counter>::default();
        registry.register(
            "reseau_http_requests",
            "HTTP requests answered, by method, route template and status",
            requests.clone(),
        );
        let latency: Family<RouteLabels, Histogram, fn() -> Histogram> =
            Family::new_with_constructor(latency_histogram);
        registry.register(
            "reseau_http_request_duration_seconds",
            "Time to answer an HTTP request, by method and route template",
            latency.clone(),
        );
        let token = settings.metrics.token.expose_secret();
        Self {
            registry,
            requests,
            latency,
            token: (!token.is_empty()).then(|| Sha256::digest(token.as_bytes()).into()),
        }
    }

    fn observe(&self, method: &'static str, route: String, status: u16, elapsed: Duration) {
        self.latency
            .get_or_create(&RouteLabels {
                method,
                route: route.clone(),
            })
            .observe(elapsed.as_secs_f64());
        self.requests
            .get_or_create(&RequestLabels {
                method,
                route,
                status,
            })
            .inc();
    }

    /// Whether the request carries the token (or none is required). Digests are compared, so
    /// the time taken says nothing about how much of a guess was right.
    fn authorised(&self, headers: &HeaderMap) -> bool {
        let Some(expected) = self.token else {
            return true;
        };
        let given = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().split_once(' '))
            // The scheme is case-insensitive (RFC 9110 §11.1).
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, token)| token.trim())
            .unwrap_or_default();
        let given: [u8; 32] = Sha256::digest(given.as_bytes()).into();
        given == expected
    }

    /// The exposition: this process's metrics, then the database's figures.
    async fn render(
        &self,
        db: &Db,
        pages: &crate::page_cache::PageCache,
    ) -> Result<String, std::fmt::Error> {
        let mut scrape = Registry::default();
        let counts = pages.counts();
        for (name, help, value) in [
            (
                "reseau_public_pages_rendered",
                "Public pages rendered by this process (once per change when kept)",
                counts.rendered,
            ),
            (
                "reseau_public_pages_reused",
                "Public pages served from what this process kept, without rendering",
                counts.reused,
            ),
        ] {
            let counter = Counter::<u64>::default();
            counter.inc_by(value);
            scrape.register(name, help, counter);
        }
        let live = Gauge::<i64>::default();
        live.set(i64::from(counts.live));
        scrape.register(
            "reseau_public_pages_kept",
            "Whether this process keeps public pages (on PostgreSQL: while it hears changes)",
            live,
        );

        let figures = tokio::time::timeout(SCRAPE_DB_TIMEOUT, async {
            let outbox = domain::stats::outbox_by_status(db.reader()).await?;
            let members = domain::stats::tallies::by_status(db.reader()).await?;
            let lanes = domain::stats::outbox_lanes(db.reader(), chrono::Utc::now()).await?;
            Ok::<_, domain::DomainError>((outbox, members, lanes))
        })
        .await;
        let up = Gauge::<i64>::default();
        match figures {
            Ok(Ok((outbox, members, lanes))) => {
                up.set(1);
                let backlog = Family::<LaneStatusLabels, Gauge>::default();
                let oldest = Family::<LaneLabels, Gauge<f64, AtomicU64>>::default();
                for lane in &lanes {
                    let name = lane.lane.as_str();
                    for (status, n) in [("queued", lane.queued), ("sending", lane.sending)] {
                        backlog
                            .get_or_create(&LaneStatusLabels { lane: name, status })
                            .set(n);
                    }
                    oldest
                        .get_or_create(&LaneLabels { lane: name })
                        .set(lane.oldest_due_seconds);
                }
                scrape.register(
                    "reseau_outbox_lane_messages",
                    "Open outbox rows by lane (transactional goes before bulk) and status",
                    backlog,
                );
                scrape.register(
                    "reseau_outbox_lane_oldest_due_seconds",
                    "How long the first due row of each lane has waited to be sent",
                    oldest,
                );
                let by_status = |rows: Vec<domain::stats::StatusCount>| {
                    let family = Family::<StatusLabels, Gauge>::default();
                    for row in rows {
                        family
                            .get_or_create(&StatusLabels { status: row.status })
                            .set(row.count);
                    }
                    family
                };
                // Every status is a series from the first scrape, at zero on a fresh install,
                // so a rate or an alert has something to read before the first mail.
                let outbox_family = by_status(outbox);
                for status in domain::outbox::Status::ALL {
                    let _ = outbox_family.get_or_create(&StatusLabels {
                        status: status.as_str().to_owned(),
                    });
                }
                scrape.register(
                    "reseau_outbox_messages",
                    "Outbox rows by status: queued and sending are the backlog, sent and failed the totals so far",
                    outbox_family,
                );
                scrape.register(
                    "reseau_members",
                    "Members by status (pending sign-ups, active, unsubscribed, erased)",
                    by_status(members),
                );
            }
            Ok(Err(e)) => tracing::warn!(error = %e, "metrics: database figures unavailable"),
            Err(_) => tracing::warn!("metrics: database figures timed out"),
        }
        scrape.register(
            "reseau_database_up",
            "Whether the database answered this scrape",
            up,
        );

        let connections = Family::<PoolStateLabels, Gauge>::default();
        let max = Family::<PoolLabels, Gauge>::default();
        for pool in db.pool_use() {
            let idle = pool.idle.min(pool.open);
            connections
                .get_or_create(&PoolStateLabels {
                    pool: pool.pool,
                    state: "idle",
                })
                .set(i64::from(idle));
            connections
                .get_or_create(&PoolStateLabels {
                    pool: pool.pool,
                    state: "in_use",
                })
                .set(i64::from(pool.open - idle));
            max.get_or_create(&PoolLabels { pool: pool.pool })
                .set(i64::from(pool.max));
        }
        scrape.register(
            "reseau_db_pool_connections",
            "Open database connections of this process, idle or in use",
            connections,
        );
        scrape.register(
            "reseau_db_pool_max_connections",
            "The most connections each pool of this process may open",
            max,
        );

        let mut out = String::new();
        text::encode_registry(&mut out, &self.registry)?;
        text::encode_registry(&mut out, &scrape)?;
        text::encode_eof(&mut out)?;
        Ok(out)
    }
}

/// Counts every request and times it, labelled by the route template.
pub async fn track(State(metrics): State<Arc<Metrics>>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = method_label(request.method());
    let response = next.run(request).await;
    // Outside the router: the route's template comes back with the response.
    let route = response
        .extensions()
        .get::<crate::router::RouteName>()
        .map_or(UNMATCHED, |name| name.0.as_str())
        .to_owned();
    metrics.observe(method, route, response.status().as_u16(), started.elapsed());
    response
}

/// Known methods by name, anything else as one label.
fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

/// `GET /metrics`. Without the token it is a 404, as if there were nothing here.
pub async fn scrape(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if !state.metrics.authorised(&headers) {
        return AppError::NotFound.into_response();
    }
    match state.metrics.render(&state.db, &state.pages).await {
        Ok(body) => {
            // prometheus-client writes OpenMetrics; a scraper that did not ask for it gets
            // the 0.0.4 text format, whose counters are named with their `_total`.
            let (content_type, body) = if wants_openmetrics(&headers) {
                (
                    "application/openmetrics-text; version=1.0.0; charset=utf-8",
                    body,
                )
            } else {
                (
                    "text/plain; version=0.0.4; charset=utf-8",
                    to_text_format(&body),
                )
            };
            (
                [(header::CONTENT_TYPE, HeaderValue::from_static(content_type))],
                body,
            )
                .into_response()
        }
        Err(e) => AppError::Internal(format!("encoding metrics: {e}")).into_response(),
    }
}

/// Whether `Accept` names OpenMetrics with a quality above zero.
fn wants_openmetrics(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|range| {
            let mut parts = range.split(';').map(str::trim);
            let media = parts.next().unwrap_or_default();
            let refused = parts.any(|p| {
                p.strip_prefix("q=")
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            media.eq_ignore_ascii_case("application/openmetrics-text") && !refused
        })
}

/// The OpenMetrics exposition in the Prometheus 0.0.4 text format: a counter's HELP and TYPE
/// name its `_total` sample, `unknown` is `untyped`, and there is no UNIT line and no `# EOF`.
fn to_text_format(openmetrics: &str) -> String {
    let counters: std::collections::HashSet<&str> = openmetrics
        .lines()
        .filter_map(|l| l.strip_prefix("# TYPE "))
        .filter_map(|l| l.strip_suffix(" counter"))
        .collect();
    let mut out = String::with_capacity(openmetrics.len());
    for line in openmetrics.lines() {
        if line == "# EOF" || line.starts_with("# UNIT ") {
            continue;
        }
        let renamed = ["# HELP ", "# TYPE "].iter().find_map(|prefix| {
            let rest = line.strip_prefix(prefix)?;
            let (name, tail) = rest.split_once(' ').unwrap_or((rest, ""));
            let tail = if *prefix == "# TYPE " && tail == "unknown" {
                "untyped"
            } else {
                tail
            };
            let name = if counters.contains(name) && !name.ends_with("_total") {
                format!("{name}_total")
            } else {
                name.to_owned()
            };
            Some(format!("{prefix}{name} {tail}"))
        });
        out.push_str(renamed.as_deref().unwrap_or(line));
        out.push('\n');
    }
    out
}

/// The router of a listener that serves only `/metrics` (`metrics.bind`).
pub fn own_router(state: AppState) -> axum::Router {
    axum::Router::new()
        .route("/metrics", axum::routing::get(scrape))
        .with_state(state)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metrics(token: &str) -> Metrics {
        let settings =
            Settings::with_overrides(&[("metrics.token", token)]).expect("valid settings");
        Metrics::new(&settings)
    }

    #[test]
    fn the_token_is_required_when_set() {
        let m = metrics("0123456789abcdef0123");
        let mut headers = HeaderMap::new();
        assert!(!m.authorised(&headers));
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer wrong-token-of-some-length"),
        );
        assert!(!m.authorised(&headers));
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer 0123456789abcdef0123"),
        );
        assert!(m.authorised(&headers));
    }

    #[test]
    fn the_scheme_is_case_insensitive() {
        let metrics = metrics("0123456789abcdef0123");
        for scheme in ["bearer", "BEARER", "Bearer", "bEaReR"] {
            let mut headers = HeaderMap::new();
            let value = format!("{scheme} 0123456789abcdef0123");
            headers.insert(
                header::AUTHORIZATION,
                HeaderValue::from_str(&value).unwrap(),
            );
            assert!(metrics.authorised(&headers), "{scheme}");
        }
        let mut basic = HeaderMap::new();
        basic.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Basic 0123456789abcdef0123"),
        );
        assert!(!metrics.authorised(&basic));
    }

    #[test]
    fn the_text_format_names_counters_by_their_samples() {
        let openmetrics = "# HELP r Requests.\n# TYPE r counter\nr_total{a=\"b\"} 1\n# HELP g A gauge.\n# TYPE g gauge\n# UNIT g seconds\ng 2\n# EOF\n";
        assert_eq!(
            to_text_format(openmetrics),
            "# HELP r_total Requests.\n# TYPE r_total counter\nr_total{a=\"b\"} 1\n# HELP g A gauge.\n# TYPE g gauge\ng 2\n"
        );
    }

    #[test]
    fn openmetrics_only_when_asked() {
        let accept = |v: &'static str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::ACCEPT, HeaderValue::from_static(v));
            wants_openmetrics(&headers)
        };
        assert!(accept(
            "application/openmetrics-text; version=1.0.0,text/plain;q=0.5"
        ));
        assert!(accept(
            "text/plain;q=0.5, Application/OpenMetrics-Text;q=0.9"
        ));
        assert!(!accept("application/openmetrics-text;q=0, text/plain"));
        assert!(!accept("text/plain"));
        assert!(!wants_openmetrics(&HeaderMap::new()));
    }

    #[test]
    fn unknown_methods_share_one_label() {
        assert_eq!(method_label(&Method::GET), "GET");
        let odd = Method::from_bytes(b"BREW").expect("a method");
        assert_eq!(method_label(&odd), "other");
    }
}
