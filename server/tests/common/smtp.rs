//! A real SMTP server on a free local port (mailin-embedded): the server under test speaks SMTP
//! to it over a socket, exactly as to a city's mail server. It keeps what it receives, and can
//! refuse or stall on demand, as mail servers do.

use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use mailin_embedded::response::{INTERNAL_ERROR, OK};
use mailin_embedded::{Handler, Response, Server};

/// A message as it arrived.
#[derive(Debug, Clone)]
pub struct Received {
    pub to: Vec<String>,
    pub raw: String,
}

impl Received {
    /// A header's value, unfolded.
    pub fn header(&self, name: &str) -> Option<String> {
        let head = self.raw.split("\r\n\r\n").next().unwrap_or_default();
        let unfolded = head.replace("\r\n ", " ").replace("\r\n\t", " ");
        unfolded.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name)
                .then(|| value.trim().to_owned())
        })
    }

    /// The decoded bodies of every part, as one text: what a reader sees.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for part in self.raw.split("\r\n--") {
            let Some((head, body)) = part.split_once("\r\n\r\n") else {
                continue;
            };
            let head = head.to_ascii_lowercase();
            if head.contains("quoted-printable") {
                out.push_str(&quoted_printable(body));
            } else if head.contains("content-transfer-encoding: base64") {
                out.push_str(&base64(body));
            } else {
                out.push_str(body);
            }
            out.push('\n');
        }
        out
    }
}

fn quoted_printable(body: &str) -> String {
    let joined = body.replace("=\r\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'='
            && let Some(hex) = joined.get(i + 1..i + 3)
            && let Ok(byte) = u8::from_str_radix(hex, 16)
        {
            out.push(byte);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn base64(body: &str) -> String {
    use base64::Engine;
    let joined: String = body.split_whitespace().collect();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(joined)
        .unwrap_or_default();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// What the server does with the next messages.
#[derive(Debug, Clone, Copy)]
pub enum Mood {
    Accept,
    /// Answers `451` (try again later) to this many messages, then accepts.
    Refuse(usize),
    /// Holds every message this long before taking it.
    Stall(Duration),
}

#[derive(Clone)]
struct Inbox {
    received: Arc<Mutex<Vec<Received>>>,
    mood: Arc<Mutex<Mood>>,
    to: Vec<String>,
    data: Vec<u8>,
}

impl Handler for Inbox {
    fn data_start(&mut self, _domain: &str, _from: &str, _is8bit: bool, to: &[String]) -> Response {
        // Before the message is taken: a client killed meanwhile has delivered nothing, and a
        // refusal here is one the client hears at once (as with greylisting).
        let mood = *self.mood.lock().unwrap();
        match mood {
            Mood::Stall(wait) => std::thread::sleep(wait),
            Mood::Refuse(n) if n > 0 => {
                *self.mood.lock().unwrap() = Mood::Refuse(n - 1);
                return INTERNAL_ERROR;
            }
            _ => {}
        }
        self.to = to.to_vec();
        self.data.clear();
        OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        self.received.lock().unwrap().push(Received {
            to: self.to.clone(),
            raw: String::from_utf8_lossy(&self.data).into_owned(),
        });
        OK
    }
}

pub struct MailServer {
    /// `smtp://127.0.0.1:PORT`, for `--smtp-url`.
    pub url: String,
    received: Arc<Mutex<Vec<Received>>>,
    mood: Arc<Mutex<Mood>>,
}

impl MailServer {
    pub fn start() -> MailServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("smtp://{}", listener.local_addr().unwrap());
        let inbox = Inbox {
            received: Arc::default(),
            mood: Arc::new(Mutex::new(Mood::Accept)),
            to: Vec::new(),
            data: Vec::new(),
        };
        let (received, mood) = (inbox.received.clone(), inbox.mood.clone());
        let mut server = Server::new(inbox);
        server.with_name("smtp.test").with_tcp_listener(listener);
        std::thread::spawn(move || {
            if let Err(e) = server.serve() {
                panic!("the test SMTP server stopped: {e}");
            }
        });
        MailServer {
            url,
            received,
            mood,
        }
    }

    pub fn set_mood(&self, mood: Mood) {
        *self.mood.lock().unwrap() = mood;
    }

    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    /// The messages to `address`.
    pub fn to(&self, address: &str) -> Vec<Received> {
        self.received()
            .into_iter()
            .filter(|m| m.to.iter().any(|t| t.eq_ignore_ascii_case(address)))
            .collect()
    }

    /// Waits until `n` messages have arrived in all (a mail is sent beside the answer, so it
    /// may arrive a moment after it), letting the server's tasks run meanwhile.
    pub async fn wait_for(&self, n: usize, within: Duration) -> Vec<Received> {
        let start = Instant::now();
        loop {
            let received = self.received();
            if received.len() >= n || start.elapsed() > within {
                return received;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}
