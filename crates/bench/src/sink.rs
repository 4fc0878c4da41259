//! A real SMTP server on loopback that accepts everything quickly and keeps each message by
//! recipient: test equipment, not a mail server. It speaks enough of RFC 5321 for a client
//! like lettre: EHLO/HELO, MAIL, RCPT, DATA (dot-terminated, dot-unstuffed), RSET, NOOP, QUIT,
//! and offers PIPELINING (RFC 2920), as Postfix does: commands are read one line at a time,
//! however many came in one write, and answered in order.

use std::{
    collections::HashMap,
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, AtomicU64, Ordering},
    },
    time::Instant,
};

use anyhow::Context;
use bytes::Bytes;
use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader},
    net::{TcpListener, TcpStream},
    task::JoinHandle,
};

#[derive(Default)]
struct Store {
    /// Every message by recipient (unless the sink only counts).
    by_recipient: HashMap<String, Vec<Bytes>>,
    /// How many messages each recipient got.
    counts: HashMap<String, u32>,
    /// The first few messages, kept even when the sink only counts.
    samples: Vec<Bytes>,
    first_at: Option<Instant>,
    last_at: Option<Instant>,
}

/// Messages kept whole by a counting sink.
const SAMPLES: usize = 8;

#[derive(Default)]
struct Inner {
    store: Mutex<Store>,
    messages: AtomicU64,
    recipients: AtomicU64,
    /// Keep only counts and a few samples (for 100,000 newsletters: no gigabyte of mail).
    counting: AtomicBool,
}

pub struct Sink {
    pub port: u16,
    inner: Arc<Inner>,
    accept: JoinHandle<()>,
}

impl Sink {
    pub async fn start() -> anyhow::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .context("binding the SMTP sink")?;
        let port = listener.local_addr().context("sink address")?.port();
        let inner = Arc::new(Inner::default());
        let accepting = inner.clone();
        let accept = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let inner = accepting.clone();
                tokio::spawn(async move {
                    // A client that goes away mid-session is its own business.
                    let _ = session(stream, &inner).await;
                });
            }
        });
        Ok(Self {
            port,
            inner,
            accept,
        })
    }

    /// Messages received, counting one per recipient.
    pub fn messages(&self) -> u64 {
        self.inner.messages.load(Ordering::SeqCst)
    }

    /// Distinct recipients that received at least one message.
    pub fn recipients(&self) -> u64 {
        self.inner.recipients.load(Ordering::SeqCst)
    }

    pub fn last_message_at(&self) -> Option<Instant> {
        self.inner.store.lock().ok().and_then(|s| s.last_at)
    }

    pub fn first_message_at(&self) -> Option<Instant> {
        self.inner.store.lock().ok().and_then(|s| s.first_at)
    }

    /// How many messages each recipient (lower-cased) got.
    pub fn counts(&self) -> HashMap<String, u32> {
        self.inner
            .store
            .lock()
            .map(|s| s.counts.clone())
            .unwrap_or_default()
    }

    /// The first messages received (up to eight).
    pub fn samples(&self) -> Vec<Bytes> {
        self.inner
            .store
            .lock()
            .map(|s| s.samples.clone())
            .unwrap_or_default()
    }

    /// From now on, keeps only how many messages each recipient got, and a few samples (or,
    /// with `false`, every message again).
    pub fn set_counting(&self, counting: bool) {
        self.inner.counting.store(counting, Ordering::SeqCst);
    }

    /// Forgets everything received, to count the next run from zero.
    pub fn reset(&self) {
        if let Ok(mut store) = self.inner.store.lock() {
            *store = Store::default();
            self.inner.messages.store(0, Ordering::SeqCst);
            self.inner.recipients.store(0, Ordering::SeqCst);
        }
    }

    /// Everything received so far, by recipient (lower-cased).
    pub fn snapshot(&self) -> HashMap<String, Vec<Bytes>> {
        self.inner
            .store
            .lock()
            .map(|s| s.by_recipient.clone())
            .unwrap_or_default()
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        self.accept.abort();
    }
}

fn verb(line: &[u8]) -> String {
    line.iter()
        .take_while(|b| b.is_ascii_alphabetic())
        .take(8)
        .map(|b| b.to_ascii_uppercase() as char)
        .collect()
}

/// The address between angle brackets of `RCPT TO:<address>`, lower-cased.
fn address(line: &[u8]) -> Option<String> {
    let line = std::str::from_utf8(line).ok()?;
    let start = line.find('<')? + 1;
    let end = start + line[start..].find('>')?;
    Some(line[start..end].trim().to_ascii_lowercase())
}

async fn session(stream: TcpStream, inner: &Inner) -> std::io::Result<()> {
    stream.set_nodelay(true)?;
    let (read, mut write) = stream.into_split();
    let mut read = BufReader::new(read);
    write.write_all(b"220 sink.bench ESMTP ready\r\n").await?;
    let mut line = Vec::with_capacity(256);
    let mut recipients: Vec<String> = Vec::new();
    loop {
        line.clear();
        if read.read_until(b'\n', &mut line).await? == 0 {
            return Ok(());
        }
        let reply: &[u8] = match verb(&line).as_str() {
            "EHLO" => b"250-sink.bench\r\n250-8BITMIME\r\n250-PIPELINING\r\n250 SMTPUTF8\r\n",
            "HELO" => b"250 sink.bench\r\n",
            "MAIL" => {
                recipients.clear();
                b"250 2.1.0 OK\r\n"
            }
            "RCPT" => match address(&line) {
                Some(to) => {
                    recipients.push(to);
                    b"250 2.1.5 OK\r\n"
                }
                None => b"501 5.1.3 bad recipient\r\n",
            },
            "DATA" if recipients.is_empty() => b"503 5.5.1 no recipients\r\n",
            "DATA" => {
                write.write_all(b"354 go ahead\r\n").await?;
                let data = read_data(&mut read, &mut line).await?;
                store(inner, std::mem::take(&mut recipients), data);
                b"250 2.0.0 queued\r\n"
            }
            "RSET" => {
                recipients.clear();
                b"250 2.0.0 OK\r\n"
            }
            "NOOP" => b"250 2.0.0 OK\r\n",
            "QUIT" => {
                write.write_all(b"221 2.0.0 bye\r\n").await?;
                return Ok(());
            }
            _ => b"502 5.5.2 not implemented\r\n",
        };
        write.write_all(reply).await?;
    }
}

/// Reads a message up to the line holding one dot, undoing dot-stuffing.
async fn read_data<R: AsyncBufReadExt + Unpin>(
    read: &mut R,
    line: &mut Vec<u8>,
) -> std::io::Result<Bytes> {
    let mut data = Vec::with_capacity(16 * 1024);
    loop {
        line.clear();
        if read.read_until(b'\n', line).await? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        if line == b".\r\n" || line == b".\n" {
            return Ok(Bytes::from(data));
        }
        let unstuffed = line.strip_prefix(b".").unwrap_or(line);
        data.extend_from_slice(unstuffed);
    }
}

fn store(inner: &Inner, recipients: Vec<String>, data: Bytes) {
    let Ok(mut store) = inner.store.lock() else {
        return;
    };
    let now = Instant::now();
    store.first_at.get_or_insert(now);
    if store.samples.len() < SAMPLES {
        store.samples.push(data.clone());
    }
    for to in recipients {
        if !inner.counting.load(Ordering::Relaxed) {
            store
                .by_recipient
                .entry(to.clone())
                .or_default()
                .push(data.clone());
        }
        let count = store.counts.entry(to).or_default();
        if *count == 0 {
            inner.recipients.fetch_add(1, Ordering::SeqCst);
        }
        *count += 1;
        inner.messages.fetch_add(1, Ordering::SeqCst);
    }
    store.last_at = Some(now);
}

#[cfg(test)]
mod tests {
    use tokio::io::AsyncReadExt;

    use super::*;

    #[tokio::test]
    async fn receives_a_message() -> anyhow::Result<()> {
        let sink = Sink::start().await?;
        let mut client = TcpStream::connect(("127.0.0.1", sink.port)).await?;
        client
            .write_all(
                b"EHLO me\r\nMAIL FROM:<a@x>\r\nRCPT TO:<B@Example.org>\r\nDATA\r\nSubject: hi\r\n\r\n..dot\r\nbody\r\n.\r\nQUIT\r\n",
            )
            .await?;
        let mut answer = String::new();
        client.read_to_string(&mut answer).await?;
        assert!(answer.contains("250 2.0.0 queued"), "{answer}");
        let mail = sink.snapshot();
        let got = mail.get("b@example.org").context("a message for b")?;
        assert_eq!(got.len(), 1);
        assert_eq!(&got[0][..], b"Subject: hi\r\n\r\n.dot\r\nbody\r\n");
        assert_eq!(sink.recipients(), 1);
        Ok(())
    }
}
