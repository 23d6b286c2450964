//! Origins, as browsers compare them (`https://bandung.go.id`): for the pages a share link may
//! send a browser on to, and the other servers the loader may be pointed at.

use axum::http::Uri;

/// `scheme://host[:port]` of an absolute http(s) URL without credentials, lower-cased.
pub fn origin_of(url: &str) -> Option<String> {
    let uri: Uri = url.parse().ok()?;
    let scheme = uri.scheme_str()?.to_ascii_lowercase();
    let authority = uri.authority()?.as_str();
    if !matches!(scheme.as_str(), "http" | "https") || authority.contains('@') {
        return None;
    }
    Some(format!("{scheme}://{}", authority.to_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_origins_without_credentials_count() {
        assert_eq!(
            origin_of("https://Bandung.go.id/ekraf?x=1").as_deref(),
            Some("https://bandung.go.id")
        );
        assert_eq!(
            origin_of("http://127.0.0.1:8080/").as_deref(),
            Some("http://127.0.0.1:8080")
        );
        assert_eq!(origin_of("javascript:alert(1)"), None);
        assert_eq!(origin_of("https://evil.example@bandung.go.id/"), None);
        assert_eq!(origin_of("/relative"), None);
    }
}
