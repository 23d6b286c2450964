//! The reader's one error, which composes no message.

use std::fmt;

use serde::de;

/// The text is not the JSON of the type asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Invalid;

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("not the JSON expected")
    }
}

impl std::error::Error for Invalid {}

/// Every constructor is written out, so none composes the message serde's defaults would.
impl de::Error for Invalid {
    fn custom<T: fmt::Display>(_: T) -> Invalid {
        Invalid
    }

    fn invalid_type(_: de::Unexpected, _: &dyn de::Expected) -> Invalid {
        Invalid
    }

    fn invalid_value(_: de::Unexpected, _: &dyn de::Expected) -> Invalid {
        Invalid
    }

    fn invalid_length(_: usize, _: &dyn de::Expected) -> Invalid {
        Invalid
    }

    fn unknown_variant(_: &str, _: &'static [&'static str]) -> Invalid {
        Invalid
    }

    fn unknown_field(_: &str, _: &'static [&'static str]) -> Invalid {
        Invalid
    }

    fn missing_field(_: &'static str) -> Invalid {
        Invalid
    }

    fn duplicate_field(_: &'static str) -> Invalid {
        Invalid
    }
}

pub type Result<T> = std::result::Result<T, Invalid>;
