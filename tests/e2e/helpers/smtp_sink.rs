//! The SMTP sink: a real SMTP server on loopback that keeps what it receives, and can be made
//! to fail (down, refusing or deferring recipients, dropping messages, slow). It remembers which
//! messages the test has looked at, and how many are still coming in, for the check a test app
//! makes when it is dropped (`leftover_mail`).

use std::{
    collections::HashSet,
    io,
    net::{IpAddr, TcpListener},
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, AtomicU64, Ordering},
    },
    time::{Duration, Instant},
};

use mailin_embedded::{Handler, Response, Server, response};

use super::Mail;

/// One message as the SMTP server received it.
#[derive(Clone, Debug)]
pub struct Received {
    pub to: Vec<String>,
    pub data: Vec<u8>,
}

/// A received message, and whether the test has read it (through any of the readers below).
struct Kept {
    received: Received,
    read: bool,
}

/// A real SMTP server on loopback (mailin-embedded) that keeps what it receives. It can be
/// switched "down" (answers 421 to every greeting) and can refuse given recipients.
#[derive(Clone)]
pub struct SmtpSink {
    pub port: u16,
    received: Arc<Mutex<Vec<Kept>>>,
    /// Messages between DATA and their final dot: still coming in.
    in_flight: Arc<AtomicU64>,
    down: Arc<AtomicBool>,
    refused: Arc<Mutex<HashSet<String>>>,
    faults: Arc<Faults>,
}

/// Trouble the sink can make besides refusing: deferring recipients (451), ending every n-th
/// message by closing the connection (421, the message dropped), and taking its time.
#[derive(Default)]
struct Faults {
    deferred: Mutex<HashSet<String>>,
    drop_every: AtomicU64,
    messages: AtomicU64,
    delay_ms: AtomicU64,
}

#[derive(Clone)]
struct SinkHandler {
    received: Arc<Mutex<Vec<Kept>>>,
    in_flight: Arc<AtomicU64>,
    /// Inside DATA: counted in `in_flight` until the message ends or the connection does.
    in_data: bool,
    down: Arc<AtomicBool>,
    refused: Arc<Mutex<HashSet<String>>>,
    faults: Arc<Faults>,
    to: Vec<String>,
    data: Vec<u8>,
}

impl Handler for SinkHandler {
    fn helo(&mut self, _ip: IpAddr, _domain: &str) -> Response {
        if self.down.load(Ordering::SeqCst) {
            response::NO_SERVICE
        } else {
            response::OK
        }
    }

    fn rcpt(&mut self, to: &str) -> Response {
        if self.refused.lock().unwrap().contains(to) {
            response::NO_MAILBOX
        } else if self.faults.deferred.lock().unwrap().contains(to) {
            response::INTERNAL_ERROR
        } else {
            response::OK
        }
    }

    fn data_start(&mut self, _domain: &str, _from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.to = to.to_vec();
        self.data.clear();
        if !self.in_data {
            self.in_data = true;
            self.in_flight.fetch_add(1, Ordering::SeqCst);
        }
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        let answer = self.end_message();
        if self.in_data {
            self.in_data = false;
            self.in_flight.fetch_sub(1, Ordering::SeqCst);
        }
        answer
    }
}

/// Each connection has a clone of the handler: one that ends inside DATA ends its message.
impl Drop for SinkHandler {
    fn drop(&mut self) {
        if self.in_data {
            self.in_flight.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

impl SinkHandler {
    /// Keeps the message, unless the faults say otherwise.
    fn end_message(&mut self) -> Response {
        let delay = self.faults.delay_ms.load(Ordering::SeqCst);
        if delay > 0 {
            std::thread::sleep(std::time::Duration::from_millis(delay));
        }
        let n = self.faults.messages.fetch_add(1, Ordering::SeqCst) + 1;
        let every = self.faults.drop_every.load(Ordering::SeqCst);
        if every > 0 && n.is_multiple_of(every) {
            // Closes the connection; the message is not kept.
            self.to.clear();
            self.data.clear();
            return response::NO_SERVICE;
        }
        self.received.lock().unwrap().push(Kept {
            received: Received {
                to: std::mem::take(&mut self.to),
                data: std::mem::take(&mut self.data),
            },
            read: false,
        });
        response::OK
    }
}

impl SmtpSink {
    pub fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind SMTP sink");
        let port = listener.local_addr().expect("sink address").port();
        let sink = SmtpSink {
            port,
            received: Arc::default(),
            in_flight: Arc::default(),
            down: Arc::default(),
            refused: Arc::default(),
            faults: Arc::default(),
        };
        let handler = SinkHandler {
            received: sink.received.clone(),
            in_flight: sink.in_flight.clone(),
            in_data: false,
            down: sink.down.clone(),
            refused: sink.refused.clone(),
            faults: sink.faults.clone(),
            to: Vec::new(),
            data: Vec::new(),
        };
        let mut server = Server::new(handler);
        // A thread per connection: room for every pooled connection of several workers.
        server
            .with_name("sink.test")
            .with_num_threads(32)
            .with_tcp_listener(listener);
        std::thread::spawn(move || {
            let _ = server.serve();
        });
        sink
    }

    pub fn set_down(&self, down: bool) {
        self.down.store(down, Ordering::SeqCst);
    }

    pub fn refuse(&self, address: &str) {
        self.refused.lock().unwrap().insert(address.to_owned());
    }

    /// Answers 451 (try again later) to `address` until `undefer`.
    pub fn defer(&self, address: &str) {
        self.faults
            .deferred
            .lock()
            .unwrap()
            .insert(address.to_owned());
    }

    pub fn undefer(&self, address: &str) {
        self.faults.deferred.lock().unwrap().remove(address);
    }

    /// Drops every `n`-th message with its connection (0: never).
    pub fn drop_every(&self, n: u64) {
        self.faults.drop_every.store(n, Ordering::SeqCst);
    }

    /// Waits this long before accepting each message.
    pub fn delay_each(&self, millis: u64) {
        self.faults.delay_ms.store(millis, Ordering::SeqCst);
    }

    /// Every message received so far (all of them now read).
    pub fn received(&self) -> Vec<Received> {
        self.read_where(|_| true)
    }

    /// The messages `wanted` picks, marked read.
    fn read_where(&self, wanted: impl Fn(&Received) -> bool) -> Vec<Received> {
        let mut kept = self.received.lock().unwrap();
        kept.iter_mut()
            .filter(|k| wanted(&k.received))
            .map(|k| {
                k.read = true;
                k.received.clone()
            })
            .collect()
    }

    /// How many messages whose raw text contains `part` (a subject line, say) each recipient
    /// received.
    pub fn copies(&self, part: &str) -> std::collections::HashMap<String, usize> {
        let mut copies = std::collections::HashMap::new();
        for received in self.read_where(|r| String::from_utf8_lossy(&r.data).contains(part)) {
            for to in received.to {
                *copies.entry(to).or_insert(0) += 1;
            }
        }
        copies
    }

    /// Messages received for `address`, parsed.
    pub fn mails_to(&self, address: &str) -> Vec<Mail> {
        self.read_where(|r| r.to.iter().any(|t| t.eq_ignore_ascii_case(address)))
            .into_iter()
            .map(|r| Mail::parse(&r.data))
            .collect()
    }

    /// Waits until no message is half received, for at most `patience`; false if one still is.
    pub(super) fn settle(&self, patience: Duration) -> bool {
        let deadline = Instant::now() + patience;
        while self.in_flight.load(Ordering::SeqCst) > 0 {
            if Instant::now() >= deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        true
    }

    /// The messages no reader above has returned: who to, and the subject line.
    pub(super) fn unread(&self) -> Vec<String> {
        let kept = self.received.lock().unwrap();
        kept.iter()
            .filter(|k| !k.read)
            .map(|k| {
                let subject = Mail::parse(&k.received.data).subject;
                format!("to {}: {subject:?}", k.received.to.join(", "))
            })
            .collect()
    }

    /// The one message received for `address` since the last look; fails on none or several.
    pub fn only_mail_to(&self, address: &str) -> Mail {
        let mut mails = self.mails_to(address);
        assert_eq!(
            mails.len(),
            1,
            "expected exactly one email to {address}, got {}",
            mails.len()
        );
        mails.remove(0)
    }
}
