//! Sending mail over SMTP, through lettre: the connection settings of `--smtp-url` and the
//! shape of every message (plain text and HTML, a stable `Message-ID`, one-click unsubscribe).

use std::time::Duration;

use lettre::message::header::{ContentType, HeaderName, HeaderValue, MessageId};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::error::Error;

/// A message ready to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// The local part of the `Message-ID`: the same on every attempt at one notification, so
    /// a receiver that got it twice (a process killed after sending, before recording it) can
    /// tell.
    pub message_id: String,
    /// The one-click unsubscribe address (RFC 8058), for notifications.
    pub unsubscribe: Option<String>,
}

pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// The domain of message ids: the sender's.
    domain: String,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer").field("from", &self.from).finish()
    }
}

impl Mailer {
    /// `smtp_url`: `smtp://USER:PASS@HOST:587` (STARTTLS required), `smtps://USER:PASS@HOST:465`
    /// (TLS from the start), or `smtp://HOST:PORT` on a loopback address (a local mail catcher:
    /// plain, nothing leaves the machine).
    pub fn new(smtp_url: &str, from: &str, timeout: Duration) -> Result<Mailer, Error> {
        let url = with_tls_default(smtp_url);
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&url)
            .map_err(|e| Error::Config(format!("--smtp-url: {e}")))?
            .timeout(Some(timeout))
            .build();
        let from: Mailbox = from
            .parse()
            .map_err(|e| Error::Config(format!("--mail-from `{from}`: {e}")))?;
        let domain = from.email.domain().to_owned();
        Ok(Mailer {
            transport,
            from,
            domain,
        })
    }

    /// Sends one message; the error is the server's answer, for the outbox's `last_error` (it
    /// holds no message text).
    pub async fn send(&self, letter: &Letter) -> Result<(), String> {
        let to: Mailbox = letter
            .to
            .parse()
            .map_err(|e| format!("recipient address: {e}"))?;
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(&letter.subject)
            .header(MessageId::from(format!(
                "<{}@{}>",
                letter.message_id, self.domain
            )));
        if let Some(url) = &letter.unsubscribe {
            builder = builder
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe"),
                    format!("<{url}>"),
                ))
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                    "List-Unsubscribe=One-Click".to_owned(),
                ));
        }
        let message = builder
            .multipart(
                MultiPart::alternative()
                    .singlepart(
                        SinglePart::builder()
                            .header(ContentType::TEXT_PLAIN)
                            .body(letter.text.clone()),
                    )
                    .singlepart(
                        SinglePart::builder()
                            .header(ContentType::TEXT_HTML)
                            .body(letter.html.clone()),
                    ),
            )
            .map_err(|e| format!("building the message: {e}"))?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}

/// `smtp://` without a `tls` parameter means STARTTLS, required, except towards a loopback host
/// (a mail catcher on this machine, which offers none).
fn with_tls_default(url: &str) -> String {
    let Some(rest) = url.strip_prefix("smtp://") else {
        return url.to_owned();
    };
    if url.contains("tls=") {
        return url.to_owned();
    }
    let authority = rest.split(['/', '?']).next().unwrap_or_default();
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if let Some(v6) = host_port.strip_prefix('[') {
        v6.split(']').next().unwrap_or_default()
    } else {
        host_port.split(':').next().unwrap_or_default()
    };
    let loopback = host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    if loopback {
        return url.to_owned();
    }
    let separator = if url.contains('?') { '&' } else { '?' };
    format!("{url}{separator}tls=required")
}

#[cfg(test)]
mod tests {
    use super::with_tls_default;

    #[test]
    fn plain_smtp_is_for_this_machine_only() {
        assert_eq!(
            with_tls_default("smtp://user:pass@mail.example.id:587"),
            "smtp://user:pass@mail.example.id:587?tls=required"
        );
        assert_eq!(
            with_tls_default("smtp://127.0.0.1:1025"),
            "smtp://127.0.0.1:1025"
        );
        assert_eq!(
            with_tls_default("smtp://localhost:1025"),
            "smtp://localhost:1025"
        );
        assert_eq!(with_tls_default("smtp://[::1]:25"), "smtp://[::1]:25");
        assert_eq!(
            with_tls_default("smtp://mail.example.id?tls=opportunistic"),
            "smtp://mail.example.id?tls=opportunistic"
        );
        assert_eq!(
            with_tls_default("smtps://u:p@mail.example.id"),
            "smtps://u:p@mail.example.id"
        );
    }
}
