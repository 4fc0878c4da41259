//! Prometheus metrics at `/metrics`: requests by route template and status, their latency,
//! and figures read from the database at scrape time (the outbox by status, members by
//! status, connection pools), so every instance reports the same shared totals without
//! keeping counters of its own in step.

use std::{
    sync::{Arc, atomic::AtomicU64},
    time::{Duration, Instant},
};

use axum::{
    extract::{MatchedPath, Request, State},
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
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .unwrap_or_default();
        let given: [u8; 32] = Sha256::digest(given.as_bytes()).into();
        given == expected
    }

    /// The exposition: this process's metrics, then the database's figures.
    async fn render(&self, db: &Db) -> Result<String, std::fmt::Error> {
        let mut scrape = Registry::default();

        let figures = tokio::time::timeout(SCRAPE_DB_TIMEOUT, async {
            let outbox = domain::stats::outbox_by_status(db.reader()).await?;
            let members = domain::stats::members_by_status(db.reader()).await?;
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
                scrape.register(
                    "reseau_outbox_messages",
                    "Outbox rows by status: queued and sending are the backlog, sent and failed the totals so far",
                    by_status(outbox),
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
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or(UNMATCHED, MatchedPath::as_str)
        .to_owned();
    let method = method_label(request.method());
    let response = next.run(request).await;
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
    match state.metrics.render(&state.db).await {
        Ok(body) => {
            // The exposition is valid in both formats; answer in the one the scraper asked for.
            let openmetrics = headers
                .get(header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.contains("application/openmetrics-text"));
            let content_type = if openmetrics {
                "application/openmetrics-text; version=1.0.0; charset=utf-8"
            } else {
                "text/plain; version=0.0.4; charset=utf-8"
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
    fn unknown_methods_share_one_label() {
        assert_eq!(method_label(&Method::GET), "GET");
        let odd = Method::from_bytes(b"BREW").expect("a method");
        assert_eq!(method_label(&odd), "other");
    }
}
