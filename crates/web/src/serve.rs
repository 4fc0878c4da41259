//! Serving HTTP on a socket, with the limits `axum::serve` lacks (issue 15): a request head
//! must arrive within `limits.header_read_timeout_secs`, a body at no less than 1 KiB a second
//! after `limits.body_read_timeout_secs` of grace (so a byte-a-second trickle is cut off, an
//! honest slow upload is not), and no client address holds more than
//! `limits.connections_per_ip` connections at once (off behind a proxy, where every connection
//! comes from the proxy). A connection cut for a slow body gets a 408 and is closed.

use std::{
    collections::HashMap,
    convert::Infallible,
    future::Future as _,
    net::{IpAddr, SocketAddr},
    pin::Pin,
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, Ordering},
    },
    task::{Context, Poll},
    time::Duration,
};

use axum::{
    Router,
    body::{Body, Bytes},
    extract::ConnectInfo,
    http::{HeaderValue, Request, Response, StatusCode, header},
};
use http_body::{Frame, SizeHint};
use hyper::body::Incoming;
use hyper_util::{
    rt::{TokioExecutor, TokioIo, TokioTimer},
    server::{conn::auto, graceful::GracefulShutdown},
};
use tokio::{net::TcpListener, time::Instant};
use tokio_util::sync::CancellationToken;
use tower::Service as _;

/// The slowest body Réseau waits for once the grace period is over.
const MIN_BODY_BYTES_PER_SEC: u64 = 1024;

/// How long a client may take, and how many connections it may hold.
#[derive(Clone, Copy, Debug)]
pub struct ServeLimits {
    pub header_read_timeout: Duration,
    pub body_grace: Duration,
    /// 0 for no limit.
    pub connections_per_ip: usize,
}

/// Accepts connections on `listener` until `stop`, then lets the open ones finish.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: ServeLimits,
    stop: CancellationToken,
) {
    let mut builder = auto::Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout);
    builder
        .http2()
        .timer(TokioTimer::new())
        .keep_alive_interval(Some(Duration::from_secs(30)));
    let graceful = GracefulShutdown::new();
    let open = Arc::new(Mutex::new(HashMap::<IpAddr, usize>::new()));
    loop {
        let (stream, peer) = tokio::select! {
            () = stop.cancelled() => break,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors and the like: wait a little rather than spin.
                    tracing::warn!(error = %e, "accepting a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let Some(slot) = Slot::take(&open, peer.ip(), limits.connections_per_ip) else {
            tracing::debug!(client = %peer.ip(), "too many connections from one address");
            continue;
        };
        let _ = stream.set_nodelay(true);
        let service = hyper::service::service_fn({
            let router = router.clone();
            move |request| handle(router.clone(), request, peer, limits.body_grace)
        });
        let connection = builder
            .serve_connection_with_upgrades(TokioIo::new(stream), service)
            .into_owned();
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            let _slot = slot;
            if let Err(e) = connection.await {
                tracing::debug!(error = %e, "connection ended with an error");
            }
        });
    }
    drop(listener);
    graceful.shutdown().await;
}

async fn handle(
    mut router: Router,
    request: Request<Incoming>,
    peer: SocketAddr,
    grace: Duration,
) -> Result<Response<Body>, Infallible> {
    let too_slow = Arc::new(AtomicBool::new(false));
    let (mut parts, body) = request.into_parts();
    parts.extensions.insert(ConnectInfo(peer));
    let body = Body::new(PacedBody::new(body, grace, too_slow.clone()));
    let response = router.call(Request::from_parts(parts, body)).await?;
    if too_slow.load(Ordering::Relaxed) {
        let mut response = Response::new(Body::empty());
        *response.status_mut() = StatusCode::REQUEST_TIMEOUT;
        response
            .headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
        return Ok(response);
    }
    Ok(response)
}

/// A request body that fails once it falls behind its pace: `grace`, then 1 KiB a second.
struct PacedBody {
    inner: Incoming,
    started: Instant,
    received: u64,
    grace: Duration,
    deadline: Pin<Box<tokio::time::Sleep>>,
    too_slow: Arc<AtomicBool>,
}

#[derive(Debug, thiserror::Error)]
#[error("the request body arrived too slowly")]
struct TooSlow;

impl PacedBody {
    fn new(inner: Incoming, grace: Duration, too_slow: Arc<AtomicBool>) -> Self {
        let started = Instant::now();
        Self {
            inner,
            started,
            received: 0,
            grace,
            deadline: Box::pin(tokio::time::sleep_until(started + grace)),
            too_slow,
        }
    }

    fn due(&self) -> Instant {
        let earned =
            Duration::from_millis(self.received.saturating_mul(1000) / MIN_BODY_BYTES_PER_SEC);
        self.started + self.grace + earned
    }
}

impl http_body::Body for PacedBody {
    type Data = Bytes;
    type Error = Box<dyn std::error::Error + Send + Sync>;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        let this = self.get_mut();
        match Pin::new(&mut this.inner).poll_frame(cx) {
            Poll::Ready(Some(Ok(frame))) => {
                if let Some(data) = frame.data_ref() {
                    this.received = this.received.saturating_add(data.len() as u64);
                    let due = this.due();
                    this.deadline.as_mut().reset(due);
                }
                Poll::Ready(Some(Ok(frame)))
            }
            Poll::Ready(Some(Err(e))) => Poll::Ready(Some(Err(e.into()))),
            Poll::Ready(None) => Poll::Ready(None),
            Poll::Pending => {
                if this.deadline.as_mut().poll(cx).is_ready() {
                    this.too_slow.store(true, Ordering::Relaxed);
                    return Poll::Ready(Some(Err(TooSlow.into())));
                }
                Poll::Pending
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

/// One of a client address's connections; given back when dropped.
struct Slot {
    open: Arc<Mutex<HashMap<IpAddr, usize>>>,
    ip: IpAddr,
}

impl Slot {
    fn take(open: &Arc<Mutex<HashMap<IpAddr, usize>>>, ip: IpAddr, limit: usize) -> Option<Self> {
        let mut counts = open.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let count = counts.entry(ip).or_insert(0);
        if limit != 0 && *count >= limit {
            return None;
        }
        *count += 1;
        Some(Self {
            open: open.clone(),
            ip,
        })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut counts = self
            .open
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(count) = counts.get_mut(&self.ip) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                counts.remove(&self.ip);
            }
        }
    }
}
