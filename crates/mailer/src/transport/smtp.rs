//! A small pool of SMTP connections whose sockets have `TCP_NODELAY` set.
//!
//! lettre 0.11.23 leaves Nagle's algorithm on, which stalls every message on a connection by
//! about 40 ms (lettre/lettre#1159). So we open the TCP stream ourselves, set `nodelay`, hand it
//! to `AsyncSmtpConnection::connect_with_transport`, upgrade with STARTTLS where configured, and
//! keep the connections for reuse.
//!
//! The socket under each plain or STARTTLS connection is ours too, so it can hold back the
//! final dot of a message until the message is recorded as sent (see `Gate`): a worker killed
//! before the record never finishes the message, and one killed after it has sent it. So
//! nobody gets a copy twice even when a worker dies mid-send.

use std::{
    io,
    pin::Pin,
    sync::{Arc, Mutex, PoisonError},
    task::{Context, Poll},
    time::{Duration, Instant},
};

use lettre::transport::smtp::{
    authentication::{Credentials, Mechanism},
    client::{AsyncSmtpConnection, AsyncTokioStream, TlsParameters},
    commands::{Data, Mail, Rcpt},
    extension::{ClientId, Extension, MailBodyParameter, MailParameter},
};
use tokio::{
    io::{AsyncRead, AsyncWrite, ReadBuf},
    net::TcpStream,
    sync::Semaphore,
};

use super::{
    Commit, SendError,
    target::{SmtpTarget, Tls, is_loopback},
};
use crate::message::Outgoing;
use domain::outbox::Lane;

/// Connections idle longer than this are closed rather than reused: relays drop idle clients.
const MAX_IDLE: Duration = Duration::from_secs(30);

pub struct SmtpPool {
    target: SmtpTarget,
    hello: ClientId,
    timeout: Duration,
    idle: Mutex<Vec<(Connection, Instant)>>,
    permits: Semaphore,
    /// Connections kept for transactional mail beyond the pool's size, so a sign-in link
    /// never waits for a bulk message to free one.
    urgent_permits: Semaphore,
}

/// Connections transactional mail may open beside those bulk mail fills.
const URGENT_CONNECTIONS: usize = 2;

/// A connection and, unless lettre owns its socket (implicit TLS), the gate in that socket.
struct Connection {
    smtp: AsyncSmtpConnection,
    gate: Option<Arc<Mutex<Gate>>>,
}

/// Holds back the write that ends a message (its final dot) until the message's commit has
/// run, and drops that write if the commit fails: the server then discards the message.
/// TLS sits above this socket, so it holds the encrypted dot just the same.
#[derive(Default)]
struct Gate {
    /// Set once the message's body is written and flushed: the next write is the final dot.
    armed: bool,
    commit: Option<Commit>,
    /// What the commit gave, once it has run.
    outcome: Option<Result<(), String>>,
}

fn lock(gate: &Mutex<Gate>) -> std::sync::MutexGuard<'_, Gate> {
    gate.lock().unwrap_or_else(PoisonError::into_inner)
}

struct GatedStream {
    inner: TcpStream,
    gate: Arc<Mutex<Gate>>,
}

impl std::fmt::Debug for GatedStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GatedStream")
            .field("inner", &self.inner)
            .finish()
    }
}

impl AsyncRead for GatedStream {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for GatedStream {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        {
            let mut gate = lock(&self.gate);
            if gate.armed {
                if let Some(commit) = gate.commit.as_mut() {
                    let outcome = match commit.as_mut().poll(cx) {
                        Poll::Pending => return Poll::Pending,
                        Poll::Ready(outcome) => outcome,
                    };
                    gate.commit = None;
                    gate.armed = false;
                    gate.outcome = Some(outcome.clone());
                    if let Err(e) = outcome {
                        return Poll::Ready(Err(io::Error::other(format!(
                            "message not finished: {e}"
                        ))));
                    }
                } else {
                    gate.armed = false;
                }
            }
        }
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

impl AsyncTokioStream for GatedStream {
    fn peer_addr(&self) -> io::Result<std::net::SocketAddr> {
        self.inner.peer_addr()
    }
}

/// The message's body for lettre's `message_iter`, which writes and flushes each part before
/// it asks for the next and writes the final dot once none is left: asked for the part after
/// the body, this arms the gate.
struct Arming<'a> {
    body: Option<&'a [u8]>,
    gate: Option<&'a Mutex<Gate>>,
}

impl<'a> Iterator for Arming<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        if let Some(body) = self.body.take() {
            return Some(body);
        }
        if let Some(gate) = self.gate.take() {
            lock(gate).armed = true;
        }
        None
    }
}

/// Ends a connection that failed. One whose message was abandoned before its final dot (its
/// record refused) is in the middle of DATA: anything written now would be read as the
/// message's text, so the socket is simply closed, and the server discards the unfinished
/// message. Any other gets a QUIT, waited for a moment at most.
async fn close(mut conn: Connection, mid_data: bool) {
    if mid_data {
        drop(conn);
    } else {
        let _ = tokio::time::timeout(Duration::from_secs(1), conn.smtp.abort()).await;
    }
}

impl SmtpPool {
    pub fn new(target: SmtpTarget, size: usize, timeout: Duration) -> Self {
        Self {
            target,
            hello: ClientId::default(),
            timeout,
            idle: Mutex::new(Vec::new()),
            permits: Semaphore::new(size.max(1)),
            urgent_permits: Semaphore::new(URGENT_CONNECTIONS),
        }
    }

    /// Sends one message, running `commit` just before it is final. Transactional mail has
    /// connections of its own beside the pool's (idle ones are shared).
    pub async fn send(
        &self,
        message: &Outgoing,
        commit: Commit,
        lane: Lane,
    ) -> Result<(), SendError> {
        let permits = match lane {
            Lane::Transactional => &self.urgent_permits,
            Lane::Bulk => &self.permits,
        };
        let _permit = permits
            .acquire()
            .await
            .map_err(|_| SendError::Temporary("pool closed".into()))?;
        let mut commit = Some(commit);
        if let Some(mut conn) = self.take_idle() {
            match self.send_on(&mut conn, message, &mut commit).await {
                Ok(()) => {
                    self.put_back(conn);
                    return Ok(());
                }
                // A reused connection may have been closed by the server while idle: that
                // says nothing about this message, so try once more on a fresh one, if the
                // message was not committed yet.
                Err(Failure::Connection(_)) if commit.is_some() => close(conn, false).await,
                Err(failure) => {
                    close(conn, matches!(failure, Failure::Abandoned(_))).await;
                    return failure.into_result();
                }
            }
        }
        let mut conn = self.connect().await?;
        match self.send_on(&mut conn, message, &mut commit).await {
            Ok(()) => {
                self.put_back(conn);
                Ok(())
            }
            Err(failure) => {
                close(conn, matches!(failure, Failure::Abandoned(_))).await;
                failure.into_result()
            }
        }
    }

    fn take_idle(&self) -> Option<Connection> {
        let mut idle = self.idle.lock().unwrap_or_else(PoisonError::into_inner);
        while let Some((conn, since)) = idle.pop() {
            if since.elapsed() < MAX_IDLE {
                return Some(conn);
            }
            // Dropped without QUIT: the server sees a closed socket, which is harmless.
            drop(conn);
        }
        None
    }

    fn put_back(&self, conn: Connection) {
        if conn.smtp.has_broken() {
            return;
        }
        self.idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((conn, Instant::now()));
    }

    /// One message on one connection. `commit` is taken once it is handed to the gate; it is
    /// left in place if the connection failed before that, so the message may be retried.
    async fn send_on(
        &self,
        conn: &mut Connection,
        message: &Outgoing,
        commit: &mut Option<Commit>,
    ) -> Result<(), Failure> {
        let gate = conn.gate.clone();
        let gated = gate.is_some();
        let result = tokio::time::timeout(self.timeout, async {
            let smtp = &mut conn.smtp;
            smtp.command(Mail::new(
                message.envelope.from().cloned(),
                mail_parameters(smtp, message)?,
            ))
            .await?;
            for to in message.envelope.to() {
                smtp.command(Rcpt::new(to.clone(), vec![])).await?;
            }
            smtp.command(Data).await?;
            if let Some(gate) = &gate {
                let mut state = lock(gate);
                state.commit = commit.take();
                state.armed = false;
                state.outcome = None;
            }
            smtp.message_iter(Arming {
                body: Some(&message.bytes),
                gate: gate.as_deref(),
            })
            .await
        })
        .await;
        let outcome = match &gate {
            Some(gate) => {
                let mut state = lock(gate);
                state.armed = false;
                // Not run: the commit goes back to the caller, for another try.
                if let Some(unused) = state.commit.take() {
                    *commit = Some(unused);
                }
                state.outcome.take()
            }
            None => None,
        };
        let answered = match result {
            Err(_) => Err(Failure::Connection("timed out".into())),
            Ok(Ok(_)) => Ok(()),
            Ok(Err(e)) if e.is_permanent() => Err(Failure::Permanent(e.to_string())),
            Ok(Err(e)) if e.is_transient() => Err(Failure::Temporary(e.to_string())),
            Ok(Err(e)) => Err(Failure::Connection(e.to_string())),
        };
        match (outcome, answered) {
            (Some(Err(e)), _) => Err(Failure::Abandoned(e)),
            // Recorded as sent and the dot written, but no answer came: the server has the
            // message or dropped it, and it is recorded as sent. Sending it again could
            // give a second copy, which we never do.
            (Some(Ok(())), Err(Failure::Connection(e))) => {
                tracing::warn!(error = %e, "no answer after the end of a message; counted as sent");
                // Its answer may still come: the connection is out of step and must not carry
                // another message.
                let _ = tokio::time::timeout(Duration::from_secs(1), conn.smtp.abort()).await;
                Ok(())
            }
            (Some(Ok(())), answered) => answered,
            (None, Ok(())) if !gated => {
                // lettre owns the socket (implicit TLS): record after the server's answer.
                match commit.take() {
                    Some(commit) => commit.await.map_err(Failure::Abandoned),
                    None => Ok(()),
                }
            }
            (None, Ok(())) => Err(Failure::Abandoned(
                "the message ended without its commit".into(),
            )),
            (None, Err(failure)) => Err(failure),
        }
    }

    async fn connect(&self) -> Result<Connection, SendError> {
        tokio::time::timeout(self.timeout, self.open())
            .await
            .map_err(|_| {
                SendError::Temporary(format!(
                    "connecting to {}:{} timed out",
                    self.target.host, self.target.port
                ))
            })?
    }

    async fn open(&self) -> Result<Connection, SendError> {
        let target = &self.target;
        let temporary = |what: &str, e: &dyn std::fmt::Display| {
            SendError::Temporary(format!("{what} {}:{}: {e}", target.host, target.port))
        };
        let tls_parameters = || {
            TlsParameters::new(target.host.clone())
                .map_err(|e| SendError::Temporary(format!("TLS setup: {e}")))
        };
        let (mut smtp, gate) = if target.tls == Tls::Implicit {
            // lettre can only wrap its own socket in TLS before the greeting, so implicit TLS
            // goes through its connector (and keeps Nagle's delay, and has no gate);
            // STARTTLS relays avoid both.
            let smtp = AsyncSmtpConnection::connect_tokio1(
                (target.host.as_str(), target.port),
                Some(self.timeout),
                &self.hello,
                Some(tls_parameters()?),
                None,
            )
            .await
            .map_err(|e| temporary("connecting to", &e))?;
            (smtp, None)
        } else {
            let stream = TcpStream::connect((target.host.as_str(), target.port))
                .await
                .map_err(|e| temporary("connecting to", &e))?;
            stream
                .set_nodelay(true)
                .map_err(|e| temporary("TCP_NODELAY on", &e))?;
            let gate = Arc::new(Mutex::new(Gate::default()));
            let stream = GatedStream {
                inner: stream,
                gate: gate.clone(),
            };
            let mut smtp =
                AsyncSmtpConnection::connect_with_transport(Box::new(stream), &self.hello)
                    .await
                    .map_err(|e| temporary("greeting", &e))?;
            let offers_tls = smtp.server_info().supports_feature(Extension::StartTls);
            match target.tls {
                Tls::Required | Tls::Opportunistic if offers_tls => smtp
                    .starttls(tls_parameters()?, &self.hello)
                    .await
                    .map_err(|e| temporary("STARTTLS with", &e))?,
                Tls::Required => {
                    return Err(SendError::Temporary(format!(
                        "{}:{} does not offer STARTTLS, which mail.smtp_url requires",
                        target.host, target.port
                    )));
                }
                // A relay that stops offering STARTTLS may be a man in the middle: the
                // password never goes in clear but to loopback.
                Tls::Opportunistic
                    if target.credentials.is_some() && !is_loopback(&target.host) =>
                {
                    return Err(SendError::Temporary(format!(
                        "{}:{} does not offer STARTTLS: the password is not sent in clear",
                        target.host, target.port
                    )));
                }
                _ => {}
            }
            (smtp, Some(gate))
        };
        if let Some((user, password)) = &target.credentials {
            smtp.auth(
                &[Mechanism::Plain, Mechanism::Login],
                &Credentials::new(user.clone(), password.clone()),
            )
            .await
            .map_err(|e| {
                if e.is_permanent() {
                    SendError::Invalid(format!("authentication refused: {e}"))
                } else {
                    temporary("authenticating with", &e)
                }
            })?;
        }
        Ok(Connection { smtp, gate })
    }
}

/// SMTPUTF8 for an address outside ASCII and 8BITMIME for a body outside it, as lettre's own
/// `send` asks for them, refused where the server lacks them.
fn mail_parameters(
    smtp: &AsyncSmtpConnection,
    message: &Outgoing,
) -> Result<Vec<MailParameter>, lettre::transport::smtp::Error> {
    let mut parameters = Vec::new();
    let non_ascii = |a: &lettre::Address| !AsRef::<str>::as_ref(a).is_ascii();
    if message.envelope.from().is_some_and(non_ascii) || message.envelope.to().iter().any(non_ascii)
    {
        parameters.push(MailParameter::SmtpUtfEight);
    }
    if !message.bytes.is_ascii() && smtp.server_info().supports_feature(Extension::EightBitMime) {
        parameters.push(MailParameter::Body(MailBodyParameter::EightBitMime));
    }
    Ok(parameters)
}

enum Failure {
    Connection(String),
    Temporary(String),
    Permanent(String),
    Abandoned(String),
}

impl Failure {
    fn into_result(self) -> Result<(), SendError> {
        Err(match self {
            Failure::Connection(e) | Failure::Temporary(e) => SendError::Temporary(e),
            Failure::Permanent(e) => SendError::Permanent(e),
            Failure::Abandoned(e) => SendError::Abandoned(e),
        })
    }
}

impl From<lettre::transport::smtp::Error> for Failure {
    fn from(e: lettre::transport::smtp::Error) -> Self {
        if e.is_permanent() {
            Failure::Permanent(e.to_string())
        } else if e.is_transient() {
            Failure::Temporary(e.to_string())
        } else {
            Failure::Connection(e.to_string())
        }
    }
}
