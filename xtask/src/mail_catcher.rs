//! A mail catcher on this machine (MailDev, from npm): a real SMTP server that keeps every mail
//! in an inbox page instead of delivering it. `cargo xtask run` points the server at it so a
//! newcomer can sign in end to end; the browser journeys read the sign-in codes and
//! notifications from its JSON API.

use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::tools;
use crate::workspace::Workspace;

/// The ports MailDev documents, for a stable inbox address in `cargo xtask run`.
pub const USUAL_PORTS: (u16, u16) = (1025, 1080);

pub struct MailCatcher {
    child: Child,
    /// For the server's `--smtp-url`.
    pub smtp_url: String,
    /// The inbox page; its JSON API is `email` below it.
    pub inbox_url: String,
}

impl MailCatcher {
    /// Starts MailDev on the usual ports when they are free, else on free ones.
    pub fn start_usual(ws: &Workspace) -> Result<MailCatcher> {
        let (smtp, web) = USUAL_PORTS;
        if is_free(smtp) && is_free(web) {
            MailCatcher::start(ws, smtp, web)
        } else {
            MailCatcher::start_anywhere(ws)
        }
    }

    /// Starts MailDev on two free ports.
    pub fn start_anywhere(ws: &Workspace) -> Result<MailCatcher> {
        MailCatcher::start(ws, free_port()?, free_port()?)
    }

    fn start(ws: &Workspace, smtp: u16, web: u16) -> Result<MailCatcher> {
        let maildev = tools::ensure_maildev(ws)?;
        let mails = ws.target_dir.join("maildev");
        let _ = std::fs::remove_dir_all(&mails);
        std::fs::create_dir_all(&mails)
            .with_context(|| format!("could not create {}", mails.display()))?;
        let child = Command::new(&maildev)
            .args(["--smtp", &smtp.to_string(), "--web", &web.to_string()])
            .args(["--ip", "127.0.0.1", "--web-ip", "127.0.0.1", "--silent"])
            .arg("--mail-directory")
            .arg(&mails)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .with_context(|| format!("could not start {}", maildev.display()))?;
        let catcher = MailCatcher {
            child,
            smtp_url: format!("smtp://127.0.0.1:{smtp}"),
            inbox_url: format!("http://127.0.0.1:{web}/"),
        };
        wait_for(smtp, &maildev)?;
        wait_for(web, &maildev)?;
        Ok(catcher)
    }

    /// Leaves MailDev running after this process is gone (`cargo xtask run` hands its process
    /// to the server; Ctrl-C in the terminal stops both).
    pub fn keep_running(self) {
        std::mem::forget(self);
    }
}

impl Drop for MailCatcher {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn is_free(port: u16) -> bool {
    TcpListener::bind((Ipv4Addr::LOCALHOST, port)).is_ok()
}

fn free_port() -> Result<u16> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).context("no free port")?;
    Ok(listener.local_addr()?.port())
}

fn wait_for(port: u16, program: &Path) -> Result<()> {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(30) {
        if TcpStream::connect((Ipv4Addr::LOCALHOST, port)).is_ok() {
            return Ok(());
        }
        thread::sleep(Duration::from_millis(100));
    }
    bail!(
        "{} did not listen on port {port} within 30 s",
        program.display()
    )
}
