//! The server binary as an operator runs it: started on a free port, spoken to over a real
//! socket, and stopped (or killed) like a process.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::Duration;

use super::static_dir;

/// A running `pentahelix-server serve`; killed when dropped.
pub struct Binary {
    /// Behind a lock so a test can kill a server its writer threads share.
    child: Mutex<Child>,
    /// What it printed first: "Pentahelix is running at http://…/".
    pub banner: String,
    pub addr: String,
}

/// A response as read off the socket.
pub struct Response {
    pub status: u16,
    /// The status line and headers, as sent.
    pub head: String,
    pub body: String,
}

impl Response {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

impl Binary {
    pub fn serve(database_url: &str, extra: &[&str]) -> Binary {
        Binary::serve_logging(database_url, extra, Stdio::null())
    }

    /// [`Binary::serve`], its log (stderr, at the default level) written to `log`.
    pub fn serve_logging(database_url: &str, extra: &[&str], log: impl Into<Stdio>) -> Binary {
        let mut child = Command::new(env!("CARGO_BIN_EXE_pentahelix-server"))
            .args([
                "serve",
                "--listen",
                "127.0.0.1:0",
                "--database-url",
                database_url,
            ])
            .args(extra)
            .arg("--static-dir")
            .arg(static_dir())
            .stdout(Stdio::piped())
            .stderr(log)
            .env_remove("RUST_LOG")
            .spawn()
            .unwrap();
        let mut banner = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut banner)
            .unwrap();
        let addr = banner
            .trim()
            .rsplit(' ')
            .next()
            .unwrap()
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_owned();
        assert!(!addr.is_empty(), "the server did not start: {banner:?}");
        Binary {
            child: Mutex::new(child),
            banner,
            addr,
        }
    }

    /// A raw HTTP/1.1 GET over a socket, as any client sends it; the whole response as text.
    pub fn get(&self, path: &str, token: Option<&str>) -> String {
        self.exchange("GET", path, token, &[], None)
            .expect("the server answers")
    }

    /// Any request, with an optional JSON body and extra headers.
    pub fn request(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<&serde_json::Value>,
        headers: &[(&str, &str)],
    ) -> Response {
        self.try_request(method, path, token, body, headers)
            .unwrap_or_else(|| panic!("{method} {path}: no complete answer"))
    }

    /// [`Binary::request`], or `None` when the connection failed or broke before a complete
    /// answer (the server was killed meanwhile).
    pub fn try_request(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<&serde_json::Value>,
        headers: &[(&str, &str)],
    ) -> Option<Response> {
        let raw = self.exchange(method, path, token, headers, body)?;
        let (head, body) = raw.split_once("\r\n\r\n")?;
        let status = head.split(' ').nth(1)?.parse().ok()?;
        let chunked = head
            .to_ascii_lowercase()
            .contains("transfer-encoding: chunked");
        let body = if chunked {
            dechunk(body)?
        } else {
            body.to_owned()
        };
        Some(Response {
            status,
            head: head.to_owned(),
            body,
        })
    }

    fn exchange(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        headers: &[(&str, &str)],
        body: Option<&serde_json::Value>,
    ) -> Option<String> {
        let mut stream = TcpStream::connect(&self.addr).ok()?;
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .ok()?;
        let mut request = format!("{method} {path} HTTP/1.1\r\nHost: {}\r\n", self.addr);
        if let Some(token) = token {
            request.push_str(&format!("Authorization: Bearer {token}\r\n"));
        }
        for (name, value) in headers {
            request.push_str(&format!("{name}: {value}\r\n"));
        }
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        if !body.is_empty() || method != "GET" {
            request.push_str(&format!(
                "Content-Type: application/json\r\nContent-Length: {}\r\n",
                body.len()
            ));
        }
        request.push_str("Connection: close\r\n\r\n");
        request.push_str(&body);
        stream.write_all(request.as_bytes()).ok()?;
        let mut response = String::new();
        stream.read_to_string(&mut response).ok()?;
        (!response.is_empty()).then_some(response)
    }

    /// SIGKILL: no shutdown, no flush, as a power cut or the OOM killer ends a process.
    pub fn kill(&self) {
        let mut child = self.child.lock().unwrap();
        child.kill().unwrap();
        child.wait().unwrap();
    }

    /// SIGTERM, then waits: the graceful stop a service manager sends.
    pub fn stop(&self) {
        let mut child = self.child.lock().unwrap();
        let _ = Command::new("kill").arg(child.id().to_string()).status();
        let _ = child.wait();
    }
}

impl Drop for Binary {
    fn drop(&mut self) {
        let child = self.child.get_mut().unwrap_or_else(|e| e.into_inner());
        let _ = child.kill();
        let _ = child.wait();
    }
}

fn dechunk(mut body: &str) -> Option<String> {
    let mut out = String::new();
    loop {
        let (size, rest) = body.split_once("\r\n")?;
        let size = usize::from_str_radix(size.trim(), 16).ok()?;
        if size == 0 {
            return Some(out);
        }
        out.push_str(rest.get(..size)?);
        body = rest.get(size + 2..)?;
    }
}
