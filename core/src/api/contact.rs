/// How to reach the person behind a record. Private: shown only to the record's owner, to admins
/// of its region and to the other side of an accepted pledge.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Contact {
    /// The person to ask for.
    pub person: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// A phone or WhatsApp number, as people write them in Indonesia (`0812…` or `+62 812…`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

impl Contact {
    /// A WhatsApp click-to-chat link for the phone number, which `wa.me` wants in international
    /// form without `+`: a national `0812…` is Indonesian, so it becomes `62812…`. `None` without
    /// a number of 8 to 15 digits.
    pub fn whatsapp_link(&self) -> Option<String> {
        let phone = self.phone.as_deref()?.trim();
        let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
        let international = if phone.starts_with('+') {
            digits
        } else if let Some(national) = digits.strip_prefix('0') {
            format!("62{national}")
        } else {
            digits
        };
        (8..=15)
            .contains(&international.len())
            .then(|| format!("https://wa.me/{international}"))
    }
}

#[cfg(test)]
mod tests {
    use super::Contact;

    fn link(phone: &str) -> Option<String> {
        Contact {
            phone: Some(phone.into()),
            ..Contact::default()
        }
        .whatsapp_link()
    }

    #[test]
    fn whatsapp_links_carry_the_number_in_international_form() {
        assert_eq!(
            link("0812-3456-7890").as_deref(),
            Some("https://wa.me/6281234567890")
        );
        assert_eq!(
            link("+62 812 3456 7890").as_deref(),
            Some("https://wa.me/6281234567890")
        );
        assert_eq!(
            link("62 812 3456 789").as_deref(),
            Some("https://wa.me/628123456789")
        );
        assert_eq!(
            link("(022) 250-1234").as_deref(),
            Some("https://wa.me/62222501234")
        );
        assert_eq!(link("123"), None);
        assert_eq!(Contact::default().whatsapp_link(), None);
    }
}
