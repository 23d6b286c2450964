//! JSON text into tokens: the scalars whole, lists and objects by their opening bracket.

use super::error::{Invalid, Result};

pub(super) struct Reader<'de> {
    pub(super) text: &'de str,
    /// A byte offset, always at a character boundary.
    pub(super) at: usize,
}

/// What a value starts with: the whole of a scalar, or the opening of a list or an object.
pub(super) enum Token<'de> {
    Null,
    Bool(bool),
    Borrowed(&'de str),
    Owned(String),
    Unsigned(u64),
    Negative(i64),
    Float(f64),
    List,
    Object,
}

impl<'de> Reader<'de> {
    pub(super) fn new(text: &'de str) -> Reader<'de> {
        Reader { text, at: 0 }
    }

    /// The next byte that is not white space, not taken.
    pub(super) fn peek(&mut self) -> Option<u8> {
        let bytes = self.text.as_bytes();
        while let Some(&b) = bytes.get(self.at) {
            if !matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
                return Some(b);
            }
            self.at += 1;
        }
        None
    }

    pub(super) fn expect(&mut self, byte: u8) -> Result<()> {
        if self.peek() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(Invalid)
        }
    }

    /// Kept apart from the generic `deserialize_any`, so each type read gets only a dispatch.
    pub(super) fn token(&mut self) -> Result<Token<'de>> {
        let first = self.peek().ok_or(Invalid)?;
        let rest = &self.text.as_bytes()[self.at..];
        let word = |word: &str, token: Token<'de>| {
            rest.starts_with(word.as_bytes())
                .then_some((word.len(), token))
                .ok_or(Invalid)
        };
        let (length, token) = match first {
            b'n' => word("null", Token::Null)?,
            b't' => word("true", Token::Bool(true))?,
            b'f' => word("false", Token::Bool(false))?,
            b'[' => (1, Token::List),
            b'{' => (1, Token::Object),
            b'"' => {
                self.at += 1;
                return self.string();
            }
            _ => return self.number(),
        };
        self.at += length;
        Ok(token)
    }

    /// A string, after its opening quote: borrowed from the text when it has no escapes.
    fn string(&mut self) -> Result<Token<'de>> {
        let bytes = self.text.as_bytes();
        let mut owned: Option<String> = None;
        let mut from = self.at;
        loop {
            match *bytes.get(self.at).ok_or(Invalid)? {
                b'"' => {
                    let tail = self.text.get(from..self.at).ok_or(Invalid)?;
                    self.at += 1;
                    return Ok(match owned {
                        None => Token::Borrowed(tail),
                        Some(mut text) => {
                            text.push_str(tail);
                            Token::Owned(text)
                        }
                    });
                }
                b'\\' => {
                    let text = owned.get_or_insert_with(String::new);
                    text.push_str(self.text.get(from..self.at).ok_or(Invalid)?);
                    let escaped = *bytes.get(self.at + 1).ok_or(Invalid)?;
                    self.at += 2;
                    text.push(match escaped {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.escaped_char()?,
                        _ => return Err(Invalid),
                    });
                    from = self.at;
                }
                0..=0x1f => return Err(Invalid),
                _ => self.at += 1,
            }
        }
    }

    /// The character of a `\u` escape and its four hex digits (read after the `\u`), or of a
    /// surrogate pair such as `\uD83D\uDE00`.
    fn escaped_char(&mut self) -> Result<char> {
        let high = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&high) {
            if self.text.as_bytes().get(self.at..self.at + 2) != Some(b"\\u") {
                return Err(Invalid);
            }
            self.at += 2;
            let low = self.hex4()?;
            if !(0xDC00..0xE000).contains(&low) {
                return Err(Invalid);
            }
            0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
        } else {
            high
        };
        char::from_u32(code).ok_or(Invalid)
    }

    fn hex4(&mut self) -> Result<u32> {
        let digits = self
            .text
            .as_bytes()
            .get(self.at..self.at + 4)
            .ok_or(Invalid)?;
        self.at += 4;
        digits
            .iter()
            .try_fold(0, |n, &d| Some(n * 16 + char::from(d).to_digit(16)?))
            .ok_or(Invalid)
    }

    fn number(&mut self) -> Result<Token<'de>> {
        let bytes = self.text.as_bytes();
        let negative = bytes.get(self.at) == Some(&b'-');
        if negative {
            self.at += 1;
        }
        let (mut mantissa, mut exponent, read) = self.digits(0, false);
        if read == 0 {
            return Err(Invalid);
        }
        let mut whole = true;
        if bytes.get(self.at) == Some(&b'.') {
            self.at += 1;
            let (with_fraction, places, read) = self.digits(mantissa, true);
            if read == 0 {
                return Err(Invalid);
            }
            (mantissa, exponent, whole) = (with_fraction, exponent + places, false);
        }
        if matches!(bytes.get(self.at), Some(b'e' | b'E')) {
            self.at += 1;
            let sign = match bytes.get(self.at) {
                Some(b'-') => -1,
                Some(b'+') => 1,
                _ => 0,
            };
            self.at += usize::from(sign != 0);
            let (power, _, read) = self.digits(0, false);
            if read == 0 {
                return Err(Invalid);
            }
            let power = i32::try_from(power.min(999)).unwrap_or(999);
            (exponent, whole) = (exponent + if sign < 0 { -power } else { power }, false);
        }
        if whole && exponent == 0 {
            if !negative {
                return Ok(Token::Unsigned(mantissa));
            }
            if mantissa <= 1 << 63 {
                return Ok(Token::Negative((mantissa as i64).wrapping_neg()));
            }
        }
        let scale = 10f64.powi(exponent.clamp(-999, 999).abs());
        let magnitude = if mantissa == 0 {
            0.0
        } else if exponent < 0 {
            mantissa as f64 / scale
        } else {
            mantissa as f64 * scale
        };
        Ok(Token::Float(if negative { -magnitude } else { magnitude }))
    }

    /// Decimal digits appended to `value` as long as it fits a `u64`: the value, the power of ten
    /// it stands for (digits of a whole number that did not fit count up, with `fraction` the
    /// places that did count down), and how many digits were read.
    fn digits(&mut self, mut value: u64, fraction: bool) -> (u64, i32, usize) {
        let (mut exponent, mut read, mut full) = (0, 0, false);
        while let Some(d @ b'0'..=b'9') = self.text.as_bytes().get(self.at).copied() {
            match value
                .checked_mul(10)
                .and_then(|v| v.checked_add(u64::from(d - b'0')))
            {
                Some(next) if !full => {
                    value = next;
                    exponent -= i32::from(fraction);
                }
                _ => {
                    full = true;
                    exponent += i32::from(!fraction);
                }
            }
            self.at += 1;
            read += 1;
        }
        (value, exponent, read)
    }
}
