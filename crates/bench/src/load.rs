//! The load generator: a fixed number of keep-alive HTTP/1.1 connections, one task each, running
//! an operation a fixed number of times or for a fixed time, with every operation's latency in
//! an HDR histogram.

use std::{
    future::Future,
    net::SocketAddr,
    pin::Pin,
    sync::{
        Arc, Mutex,
        atomic::{AtomicU64, Ordering},
    },
    time::{Duration, Instant},
};

use anyhow::{Context, bail};
use bytes::Bytes;
use hdrhistogram::Histogram;
use http_body_util::{BodyExt, Full};
use hyper::{
    HeaderMap, Method, Request, StatusCode,
    client::conn::http1::{self, SendRequest},
    header,
};
use hyper_util::rt::TokioIo;
use tokio::{net::TcpStream, sync::Barrier};

/// An operation never takes longer than this; past it, it counts as an error.
const OP_TIMEOUT: Duration = Duration::from_secs(30);
/// How many error messages a run keeps to show.
const KEPT_ERRORS: usize = 5;

pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// What one connection does, again and again. `index` numbers the operations of a run from 0,
/// each exactly once, whatever connection runs it.
pub trait Op: Send + Sync + 'static {
    fn call<'a>(&'a self, conn: &'a mut Conn, index: u64) -> BoxFuture<'a, anyhow::Result<()>>;
}

/// How much of an operation to run.
#[derive(Clone, Copy, Debug)]
pub enum Amount {
    Count(u64),
    For(Duration),
}

/// One response, read whole.
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Reply {
    pub fn text(&self) -> &str {
        std::str::from_utf8(&self.body).unwrap_or_default()
    }

    pub fn location(&self) -> &str {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }

    /// `name=value` of the cookie `name` this response sets, ready for a `Cookie` header.
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .map(|v| v.split(';').next().unwrap_or_default().trim())
            .find(|pair| {
                pair.split_once('=')
                    .is_some_and(|(n, value)| n == name && !value.is_empty())
            })
            .map(str::to_owned)
    }

    /// Fails, with the start of the body, unless the status is `expected`.
    pub fn expect(&self, what: &str, expected: StatusCode) -> anyhow::Result<()> {
        if self.status != expected {
            let errors = error_messages(self.text());
            let body: String = if errors.is_empty() {
                self.text().chars().take(300).collect()
            } else {
                format!("the page says: {}", errors.join(" / "))
            };
            bail!(
                "{what}: expected {expected}, got {} (location {:?}): {body}",
                self.status,
                self.location()
            );
        }
        Ok(())
    }
}

/// One keep-alive client connection; reconnects when the server closed it.
pub struct Conn {
    addr: SocketAddr,
    host: String,
    sender: Option<SendRequest<Full<Bytes>>>,
}

impl Conn {
    pub fn new(addr: SocketAddr) -> Self {
        Self {
            addr,
            host: addr.to_string(),
            sender: None,
        }
    }

    async fn connect(&self) -> anyhow::Result<SendRequest<Full<Bytes>>> {
        let stream = TcpStream::connect(self.addr)
            .await
            .with_context(|| format!("connecting to {}", self.addr))?;
        stream.set_nodelay(true).context("setting TCP_NODELAY")?;
        let (sender, connection) = http1::handshake(TokioIo::new(stream))
            .await
            .context("HTTP/1.1 handshake")?;
        tokio::spawn(async move {
            // The connection ends when the server closes it or the sender is dropped.
            let _ = connection.await;
        });
        Ok(sender)
    }

    /// Opens the connection now, so that the measured time holds no TCP handshake.
    pub async fn warm(&mut self) -> anyhow::Result<()> {
        self.ready().await.map(|_| ())
    }

    /// Forgets the connection; the next request opens a new one.
    pub fn reset(&mut self) {
        self.sender = None;
    }

    async fn ready(&mut self) -> anyhow::Result<&mut SendRequest<Full<Bytes>>> {
        let reusable = match self.sender.as_mut() {
            Some(sender) => sender.ready().await.is_ok(),
            None => false,
        };
        if !reusable {
            self.sender = Some(self.connect().await?);
        }
        self.sender.as_mut().context("no connection")
    }

    pub async fn send(
        &mut self,
        method: Method,
        path: &str,
        headers: &[(header::HeaderName, &str)],
        body: Option<String>,
    ) -> anyhow::Result<Reply> {
        let mut request = Request::builder()
            .method(method)
            .uri(path)
            .header(header::HOST, &self.host);
        for (name, value) in headers {
            request = request.header(name, *value);
        }
        let request = request
            .body(Full::new(Bytes::from(body.unwrap_or_default())))
            .context("building a request")?;
        let sender = self.ready().await?;
        let response = sender
            .send_request(request)
            .await
            .with_context(|| format!("sending {path}"))?;
        let (parts, body) = response.into_parts();
        let body = body
            .collect()
            .await
            .with_context(|| format!("reading the body of {path}"))?
            .to_bytes();
        Ok(Reply {
            status: parts.status,
            headers: parts.headers,
            body,
        })
    }

    pub async fn get(&mut self, path: &str, cookie: Option<&str>) -> anyhow::Result<Reply> {
        let mut headers = Vec::new();
        if let Some(cookie) = cookie {
            headers.push((header::COOKIE, cookie));
        }
        self.send(Method::GET, path, &headers, None).await
    }

    /// A form POST as a browser sends it from our own page.
    /// A GET with these request headers (e.g. `If-None-Match`).
    pub async fn get_with(
        &mut self,
        path: &str,
        headers: &[(header::HeaderName, &str)],
    ) -> anyhow::Result<Reply> {
        self.send(Method::GET, path, headers, None).await
    }

    pub async fn post_form(
        &mut self,
        path: &str,
        cookie: &str,
        origin: &str,
        form: &[(&str, &str)],
    ) -> anyhow::Result<Reply> {
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(form)
            .finish();
        let headers = [
            (header::COOKIE, cookie),
            (header::ORIGIN, origin),
            (header::CONTENT_TYPE, "application/x-www-form-urlencoded"),
        ];
        self.send(Method::POST, path, &headers, Some(body)).await
    }
}

/// What a run measured.
pub struct Outcome {
    pub ops: u64,
    pub errors: u64,
    pub elapsed: Duration,
    /// Latency of the successful operations, in microseconds.
    pub latency: Histogram<u64>,
    pub first_errors: Vec<String>,
}

impl Outcome {
    pub fn per_second(&self) -> f64 {
        let secs = self.elapsed.as_secs_f64();
        if secs > 0.0 {
            self.ops as f64 / secs
        } else {
            0.0
        }
    }

    pub fn p50_ms(&self) -> f64 {
        self.latency.value_at_quantile(0.50) as f64 / 1000.0
    }

    pub fn p99_ms(&self) -> f64 {
        self.latency.value_at_quantile(0.99) as f64 / 1000.0
    }
}

struct Shared {
    next: AtomicU64,
    errors: AtomicU64,
    first_errors: Mutex<Vec<String>>,
}

/// Runs `op` over `connections` connections to `addr`: `Count(n)` runs it n times in all,
/// `For(d)` as many times as fit in d. Connections are opened before the clock starts.
pub async fn run<O: Op>(
    addr: SocketAddr,
    connections: usize,
    amount: Amount,
    op: Arc<O>,
) -> anyhow::Result<Outcome> {
    run_spread(&[addr], connections, amount, op).await
}

/// Like `run`, with the connections spread over several servers as a round-robin balancer
/// keeping each keep-alive connection on one backend would: connection k goes to server k mod n.
pub async fn run_spread<O: Op>(
    addrs: &[SocketAddr],
    connections: usize,
    amount: Amount,
    op: Arc<O>,
) -> anyhow::Result<Outcome> {
    if addrs.is_empty() {
        bail!("no server to load");
    }
    let connections = connections.max(1);
    let shared = Arc::new(Shared {
        next: AtomicU64::new(0),
        errors: AtomicU64::new(0),
        first_errors: Mutex::new(Vec::new()),
    });
    let barrier = Arc::new(Barrier::new(connections + 1));
    let mut tasks = Vec::with_capacity(connections);
    for k in 0..connections {
        let shared = shared.clone();
        let barrier = barrier.clone();
        let op = op.clone();
        let mut conn = Conn::new(addrs[k % addrs.len()]);
        tasks.push(tokio::spawn(async move {
            let warmed = conn.warm().await;
            barrier.wait().await;
            warmed?;
            connection_loop(&mut conn, amount, &shared, op.as_ref()).await
        }));
    }
    barrier.wait().await;
    let started = Instant::now();
    let mut latency = new_histogram()?;
    let mut ops = 0;
    for task in tasks {
        let (histogram, done) = task.await.context("a connection task panicked")??;
        latency.add(histogram).context("merging histograms")?;
        ops += done;
    }
    let elapsed = started.elapsed();
    let first_errors = shared
        .first_errors
        .lock()
        .map(|e| e.clone())
        .unwrap_or_default();
    Ok(Outcome {
        ops,
        errors: shared.errors.load(Ordering::SeqCst),
        elapsed,
        latency,
        first_errors,
    })
}

fn new_histogram() -> anyhow::Result<Histogram<u64>> {
    // Microseconds, three significant figures, resizing as needed.
    Histogram::new(3).context("creating a histogram")
}

async fn connection_loop<O: Op>(
    conn: &mut Conn,
    amount: Amount,
    shared: &Shared,
    op: &O,
) -> anyhow::Result<(Histogram<u64>, u64)> {
    let mut latency = new_histogram()?;
    let mut done = 0;
    let started = Instant::now();
    loop {
        let index = shared.next.fetch_add(1, Ordering::Relaxed);
        match amount {
            Amount::Count(n) if index >= n => break,
            Amount::For(d) if started.elapsed() >= d => break,
            _ => {}
        }
        let t0 = Instant::now();
        let result = match tokio::time::timeout(OP_TIMEOUT, op.call(conn, index)).await {
            Ok(result) => result,
            Err(_) => Err(anyhow::anyhow!("timed out after {OP_TIMEOUT:?}")),
        };
        let micros = u64::try_from(t0.elapsed().as_micros()).unwrap_or(u64::MAX);
        match result {
            Ok(()) => {
                latency
                    .record(micros.max(1))
                    .context("recording a latency")?;
                done += 1;
            }
            Err(e) => {
                shared.errors.fetch_add(1, Ordering::Relaxed);
                if let Ok(mut kept) = shared.first_errors.lock()
                    && kept.len() < KEPT_ERRORS
                {
                    kept.push(format!("operation {index}: {e:#}"));
                }
                conn.reset();
            }
        }
    }
    Ok((latency, done))
}

/// The texts of the `error-message` elements of a page (field errors of a form).
fn error_messages(html: &str) -> Vec<String> {
    html.match_indices("class=\"error-message\"")
        .filter_map(|(at, _)| {
            let rest = &html[at..];
            let start = rest.find('>')? + 1;
            let end = start + rest[start..].find('<')?;
            Some(unescape(rest[start..end].trim()))
        })
        .collect()
}

/// The value of the hidden input `name` in an HTML page.
pub fn hidden_input(html: &str, name: &str) -> Option<String> {
    let needle = format!("name=\"{name}\"");
    let at = html.find(&needle)?;
    let start = html[..at].rfind('<')?;
    let end = at + html[at..].find('>')?;
    let tag = &html[start..end];
    let value_at = tag.find("value=\"")? + "value=\"".len();
    let value_len = tag[value_at..].find('"')?;
    Some(unescape(&tag[value_at..value_at + value_len]))
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_hidden_inputs() {
        let html = r#"<form><input type="hidden" name="csrf_token" value="a+b/c=="><input type="hidden" name="form_ts" value="123.ab&amp;c"></form>"#;
        assert_eq!(hidden_input(html, "csrf_token").as_deref(), Some("a+b/c=="));
        assert_eq!(hidden_input(html, "form_ts").as_deref(), Some("123.ab&c"));
        assert_eq!(hidden_input(html, "missing"), None);
    }
}
