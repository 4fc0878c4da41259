//! The newsletter baseline: a minimal SMTP client that sends ready-made messages over a fixed
//! number of connections, each with `TCP_NODELAY`, one message after another per connection:
//! `MAIL`, `RCPT`, `DATA`, the body, the final dot. Where the server offers PIPELINING (RFC
//! 2920) `MAIL`, `RCPT` and `DATA` go in one write and their answers are read after, as
//! Réseau's sender does; otherwise each answer is awaited. Nothing is rendered, read from or
//! written to a database while it runs.

use std::{
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
    time::{Duration, Instant},
};

use anyhow::{Context, bail};
use bytes::Bytes;
use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader},
    net::TcpStream,
    sync::Barrier,
};

/// Dot-stuffs a message as it goes on the wire, with CRLF line ends and a final CRLF (the
/// final dot line is written separately).
pub fn wire_body(message: &[u8]) -> Bytes {
    let mut out = Vec::with_capacity(message.len() + 64);
    for line in message.split_inclusive(|b| *b == b'\n') {
        if line.first() == Some(&b'.') {
            out.push(b'.');
        }
        let content = line.strip_suffix(b"\n").unwrap_or(line);
        let content = content.strip_suffix(b"\r").unwrap_or(content);
        out.extend_from_slice(content);
        out.extend_from_slice(b"\r\n");
    }
    Bytes::from(out)
}

/// Reads one SMTP reply (all its lines) and fails unless its code starts with `expected`;
/// returns whether a line (after the code) is `PIPELINING`.
async fn reply<R: AsyncBufReadExt + Unpin>(
    read: &mut R,
    line: &mut Vec<u8>,
    expected: u8,
    what: &str,
) -> anyhow::Result<bool> {
    let mut pipelining = false;
    loop {
        line.clear();
        if read.read_until(b'\n', line).await? == 0 {
            bail!("the server closed the connection after {what}");
        }
        if line.len() < 4 || line[0] != expected {
            bail!(
                "{what}: unexpected answer {:?}",
                String::from_utf8_lossy(line).trim_end()
            );
        }
        pipelining |= line[4..].trim_ascii().eq_ignore_ascii_case(b"PIPELINING");
        // "250-…" continues, "250 …" ends.
        if line[3] != b'-' {
            return Ok(pipelining);
        }
    }
}

/// Sends `body` to each of `recipients` (one message each) over `connections` connections to
/// `host`:`port`; returns the time from the first message to the last answer. Connections
/// are opened and greeted before the clock starts. Fails on any answer that is not the
/// expected one.
pub async fn send_all(
    host: &str,
    port: u16,
    connections: usize,
    recipients: Arc<Vec<String>>,
    body: Bytes,
) -> anyhow::Result<Duration> {
    let connections = connections.max(1);
    let next = Arc::new(AtomicU64::new(0));
    let barrier = Arc::new(Barrier::new(connections + 1));
    let mut tasks = Vec::with_capacity(connections);
    for _ in 0..connections {
        let (next, barrier, recipients, body, host) = (
            next.clone(),
            barrier.clone(),
            recipients.clone(),
            body.clone(),
            host.to_owned(),
        );
        tasks.push(tokio::spawn(async move {
            let opened = async {
                let stream = TcpStream::connect((host.as_str(), port))
                    .await
                    .with_context(|| format!("connecting to {host}:{port}"))?;
                stream.set_nodelay(true).context("TCP_NODELAY")?;
                let (read, mut write) = stream.into_split();
                let mut read = BufReader::new(read);
                let mut line = Vec::with_capacity(256);
                reply(&mut read, &mut line, b'2', "the greeting").await?;
                write.write_all(b"EHLO bench.localhost\r\n").await?;
                let pipelining = reply(&mut read, &mut line, b'2', "EHLO").await?;
                anyhow::Ok((read, write, line, pipelining))
            }
            .await;
            barrier.wait().await;
            let (mut read, mut write, mut line, pipelining) = opened?;
            loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(to) = usize::try_from(index).ok().and_then(|i| recipients.get(i)) else {
                    break;
                };
                const MAIL: &str = "MAIL FROM:<no-reply@reseau.localhost>\r\n";
                if pipelining {
                    write
                        .write_all(format!("{MAIL}RCPT TO:<{to}>\r\nDATA\r\n").as_bytes())
                        .await?;
                    reply(&mut read, &mut line, b'2', "MAIL").await?;
                    reply(&mut read, &mut line, b'2', "RCPT").await?;
                    reply(&mut read, &mut line, b'3', "DATA").await?;
                } else {
                    write.write_all(MAIL.as_bytes()).await?;
                    reply(&mut read, &mut line, b'2', "MAIL").await?;
                    write
                        .write_all(format!("RCPT TO:<{to}>\r\n").as_bytes())
                        .await?;
                    reply(&mut read, &mut line, b'2', "RCPT").await?;
                    write.write_all(b"DATA\r\n").await?;
                    reply(&mut read, &mut line, b'3', "DATA").await?;
                }
                write.write_all(&body).await?;
                write.flush().await?;
                write.write_all(b".\r\n").await?;
                reply(&mut read, &mut line, b'2', "the final dot").await?;
            }
            write.write_all(b"QUIT\r\n").await.ok();
            anyhow::Ok(())
        }));
    }
    barrier.wait().await;
    let started = Instant::now();
    for task in tasks {
        task.await.context("an SMTP client task panicked")??;
    }
    Ok(started.elapsed())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stuffs_dots_and_ends_lines_with_crlf() {
        assert_eq!(
            &wire_body(b"Subject: x\n\n.dot\r\nend")[..],
            b"Subject: x\r\n\r\n..dot\r\nend\r\n"
        );
    }
}
