//! Checks on single strings.

use super::{Rule, ValidationErrors};

/// Characters that render invisibly or reorder text. They have no place in a title or a name and
/// are a classic way to disguise spam or spoof a name ("Pemkot" that reads otherwise).
fn is_forbidden(c: char, multiline: bool) -> bool {
    if multiline && (c == '\n' || c == '\t') {
        return false;
    }
    c.is_control()
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{FEFF}')
}

/// Checks a required or optional text field already trimmed by `tidy_*`.
pub(super) fn check_text(
    errors: &mut ValidationErrors,
    field: &str,
    value: &str,
    (min, max): (usize, usize),
    multiline: bool,
) {
    let len = value.chars().count();
    if len == 0 {
        if min > 0 {
            errors.push(field, Rule::Required);
        }
    } else if value.chars().any(|c| is_forbidden(c, multiline)) {
        errors.push(field, Rule::ControlCharacters);
    } else if len < min {
        errors.push(field, Rule::TooShort { min });
    } else if len > max {
        errors.push(field, Rule::TooLong { max });
    }
}

/// A pragmatic address check: what a person can mistype (missing `@`, missing domain, spaces),
/// not the full RFC 5322 grammar, which accepts addresses no mail server delivers to.
pub fn is_valid_email(email: &str) -> bool {
    let Some((local, domain)) = email.rsplit_once('@') else {
        return false;
    };
    let labels_ok = domain.split('.').all(|l| {
        !l.is_empty()
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_alphanumeric() || c == '-')
    });
    email.len() <= super::limits::EMAIL
        && !local.is_empty()
        && local.len() <= 64
        && !local.contains('@')
        && !email.chars().any(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | ',' | ';')
        })
        && domain.contains('.')
        && labels_ok
}

/// A phone or WhatsApp number as Indonesians write it: `0812-3456-7890`, `+62 812 3456 7890`,
/// `(022) 123 4567`. Between 8 and 15 digits (E.164's maximum).
pub fn is_valid_phone(phone: &str) -> bool {
    let body = phone.strip_prefix('+').unwrap_or(phone);
    let digits = body.chars().filter(char::is_ascii_digit).count();
    body.chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')' | '.'))
        && (8..=15).contains(&digits)
}

/// An `http(s)` address with a host. Other schemes (`javascript:`, `data:`) are refused because
/// the widget renders the address as a link.
pub fn is_valid_website(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    url.len() <= super::limits::WEBSITE
        && host.contains('.')
        && !host.starts_with('.')
        && !url.chars().any(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '\'' | '`')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(value: &str, limits: (usize, usize), multiline: bool) -> Option<Rule> {
        let mut errors = ValidationErrors::default();
        check_text(&mut errors, "f", value, limits, multiline);
        errors.rule("f").cloned()
    }

    #[test]
    fn text_lengths_count_characters_not_bytes() {
        assert_eq!(rule("", (1, 5), false), Some(Rule::Required));
        assert_eq!(rule("", (0, 5), false), None);
        assert_eq!(rule("ab", (3, 5), false), Some(Rule::TooShort { min: 3 }));
        assert_eq!(
            rule("abcdef", (3, 5), false),
            Some(Rule::TooLong { max: 5 })
        );
        assert_eq!(
            rule("éééé", (3, 4), false),
            None,
            "four characters, eight bytes"
        );
    }

    #[test]
    fn control_and_bidi_characters_are_refused_newlines_only_in_long_text() {
        assert_eq!(
            rule("Festival\u{0}Kopi", (3, 50), false),
            Some(Rule::ControlCharacters)
        );
        assert_eq!(
            rule("Festival\nKopi", (3, 50), false),
            Some(Rule::ControlCharacters)
        );
        assert_eq!(rule("Festival\nKopi", (3, 50), true), None);
        assert_eq!(
            rule("Pemkot \u{202E}gnudnaB", (3, 50), false),
            Some(Rule::ControlCharacters)
        );
        assert_eq!(
            rule("Festival\u{7f}", (3, 50), true),
            Some(Rule::ControlCharacters)
        );
    }

    #[test]
    fn emails() {
        for ok in ["ani@contoh.id", "dinas.koperasi@bandung.go.id", "a+b@x.co"] {
            assert!(is_valid_email(ok), "{ok}");
        }
        for bad in [
            "",
            "ani",
            "ani@",
            "@contoh.id",
            "ani@contoh",
            "ani @contoh.id",
            "ani@contoh..id",
            "a@b@c.id",
            "<a@b.id>",
        ] {
            assert!(!is_valid_email(bad), "{bad}");
        }
    }

    #[test]
    fn phones() {
        for ok in [
            "081234567890",
            "+62 812 3456 7890",
            "(022) 4231 567",
            "0812-3456-7890",
        ] {
            assert!(is_valid_phone(ok), "{ok}");
        }
        for bad in [
            "",
            "123",
            "0812 3456 7890 1234 5",
            "+62+812345678",
            "0812abc45678",
            "phone",
        ] {
            assert!(!is_valid_phone(bad), "{bad}");
        }
    }

    #[test]
    fn websites() {
        assert!(is_valid_website("https://bandung.go.id/ekraf"));
        assert!(is_valid_website("http://komunitas.id"));
        for bad in [
            "javascript:alert(1)",
            "bandung.go.id",
            "https://",
            "https://localhost",
            "https://x.id/\"onmouseover=",
            "data:text/html,hi",
        ] {
            assert!(!is_valid_website(bad), "{bad}");
        }
    }
}
