//! User account fields, parsed once at the edge: username, NIP and password, each with a message in the user's
//! language when rejected.

use crate::{
    access::Role,
    ids::{ApiTokenId, OrgUnitId, UserId},
    locale::Locale,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Why an account field was rejected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum AccountError {
    /// Username outside 3-32 characters or with characters other than a-z, 0-9, `.`, `_`, `-`.
    #[error("invalid username")]
    Username,
    /// NIP that is not 18 digits.
    #[error("NIP must be 18 digits")]
    NipLength,
    /// NIP whose birth date, appointment month or gender digit is impossible.
    #[error("NIP does not encode a valid birth date, appointment month and gender")]
    NipStructure,
    /// Password shorter than the minimum.
    #[error("password too short")]
    PasswordTooShort,
    /// Password longer than the maximum.
    #[error("password too long")]
    PasswordTooLong,
    /// E-mail address without one `@` between two plain parts, or longer than 254 characters.
    #[error("invalid e-mail address")]
    Email,
}

impl AccountError {
    /// The rejection as a sentence for the user.
    pub const fn message(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (AccountError::Username, Locale::Id) => {
                "Nama pengguna 3-32 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung."
            }
            (AccountError::Username, Locale::En) => {
                "A username has 3-32 characters: lower-case letters, digits, dots, underscores or hyphens."
            }
            (AccountError::NipLength, Locale::Id) => "NIP harus 18 digit angka.",
            (AccountError::NipLength, Locale::En) => "A NIP has exactly 18 digits.",
            (AccountError::NipStructure, Locale::Id) => {
                "NIP tidak valid: 8 digit pertama tanggal lahir (TTTTBBHH), 6 berikutnya TMT (TTTTBB), lalu 1 atau 2 untuk jenis kelamin."
            }
            (AccountError::NipStructure, Locale::En) => {
                "Invalid NIP: the first 8 digits are a birth date (YYYYMMDD), the next 6 the appointment month (YYYYMM), then 1 or 2 for gender."
            }
            (AccountError::PasswordTooShort, Locale::Id) => "Kata sandi minimal 10 karakter.",
            (AccountError::PasswordTooShort, Locale::En) => "A password has at least 10 characters.",
            (AccountError::PasswordTooLong, Locale::Id) => "Kata sandi paling banyak 128 karakter.",
            (AccountError::PasswordTooLong, Locale::En) => "A password has at most 128 characters.",
            (AccountError::Email, Locale::Id) => {
                "Alamat email tidak valid: satu @ di antara nama dan domain, tanpa spasi, paling banyak 254 karakter."
            }
            (AccountError::Email, Locale::En) => {
                "Invalid e-mail address: one @ between a name and a domain, no spaces, at most 254 characters."
            }
        }
    }
}

/// A login name: 3-32 of a-z, 0-9, `.`, `_`, `-`, starting with a letter or digit; stored lower-case.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Username(String);

impl Username {
    /// Parses a username; upper-case ASCII letters are folded to lower case (only ASCII: the Kelvin sign must
    /// not become `k`).
    pub fn parse(raw: &str) -> Result<Self, AccountError> {
        let name = raw.trim().to_ascii_lowercase();
        let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-');
        let starts_well = name.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
        if (3..=32).contains(&name.len()) && starts_well && name.chars().all(allowed) {
            Ok(Self(name))
        } else {
            Err(AccountError::Username)
        }
    }
}

/// Nomor Induk Pegawai: 18 digits, the first 8 a birth date, the next 6 the appointment (TMT) year and month,
/// then the gender digit (1 or 2) and a 3-digit serial.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Nip(String);

impl Nip {
    /// Parses a NIP, ignoring the spaces it is often written with (`19800101 200501 1 001`).
    pub fn parse(raw: &str) -> Result<Self, AccountError> {
        let digits: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
        if digits.len() != 18 || !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(AccountError::NipLength);
        }
        let number = |range: std::ops::Range<usize>| digits[range].parse::<u32>().unwrap_or(0);
        let birth = NaiveDate::from_ymd_opt(number(0..4) as i32, number(4..6), number(6..8));
        let appointment = NaiveDate::from_ymd_opt(number(8..12) as i32, number(12..14), 1);
        match (birth, appointment, &digits[14..15]) {
            (Some(birth), Some(appointment), "1" | "2") if appointment > birth => Ok(Self(digits)),
            _ => Err(AccountError::NipStructure),
        }
    }

    /// A NIP that may be left blank, which means none (outsiders and contract staff have none).
    pub fn parse_optional(raw: Option<&str>) -> Result<Option<Self>, AccountError> {
        raw.filter(|nip| !nip.trim().is_empty()).map(Self::parse).transpose()
    }
}

/// A new password as typed: 10 to 128 characters. Never logged and never serialised.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    /// Shortest accepted password.
    pub const MIN: usize = 10;
    /// Longest accepted password (argon2 works on any length; this bounds the work per request).
    pub const MAX: usize = 128;

    /// Checks a new password's length in characters.
    pub fn parse(raw: &str) -> Result<Self, AccountError> {
        match raw.chars().count() {
            n if n < Self::MIN => Err(AccountError::PasswordTooShort),
            n if n > Self::MAX => Err(AccountError::PasswordTooLong),
            _ => Ok(Self(raw.to_owned())),
        }
    }

    /// The password, for hashing.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}

/// An e-mail address for notifications: one `@` between two parts without whitespace or control characters, at
/// most 254 characters as typed; surrounding whitespace is trimmed. Deliverability is the mail server's concern.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    /// Longest accepted address (RFC 5321's path limit less the angle brackets).
    pub const MAX: usize = 254;

    /// Parses an address.
    pub fn parse(raw: &str) -> Result<Self, AccountError> {
        let address = raw.trim();
        let plain =
            |part: &str| !part.is_empty() && !part.chars().any(|c| c.is_whitespace() || c.is_control() || c == '@');
        match address.split_once('@') {
            Some((name, domain)) if raw.chars().count() <= Self::MAX && plain(name) && plain(domain) => {
                Ok(Self(address.to_owned()))
            }
            _ => Err(AccountError::Email),
        }
    }

    /// An address that may be left blank, which means none; too long is refused even when blank.
    pub fn parse_optional(raw: Option<&str>) -> Result<Option<Self>, AccountError> {
        match raw {
            Some(raw) if raw.chars().count() > Self::MAX => Err(AccountError::Email),
            Some(raw) if !raw.trim().is_empty() => Self::parse(raw).map(Some),
            _ => Ok(None),
        }
    }
}

/// A role held on a node of the org tree, as shown to the user and API clients.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GrantView {
    /// The role.
    pub role: Role,
    /// The node it is granted on (and holds for everything below); `None` for install-wide administrators.
    pub org_unit_id: Option<OrgUnitId>,
    /// The node's code.
    pub org_unit_code: Option<String>,
    /// The node's name.
    pub org_unit_name: Option<String>,
}

/// A user as shown to themselves, to user managers and API clients. Never carries the password hash.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserView {
    /// The account.
    pub id: UserId,
    /// Login name.
    pub username: String,
    /// Full name with titles.
    pub full_name: String,
    /// NIP, for civil servants.
    pub nip: Option<String>,
    /// E-mail address for notifications.
    pub email: Option<String>,
    /// Deactivated users cannot sign in.
    pub active: bool,
    /// Roles and where they hold.
    pub grants: Vec<GrantView>,
}

/// A personal API token as listed to its owner; the secret itself is shown once, at creation, and never stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiTokenView {
    /// The token.
    pub id: ApiTokenId,
    /// What the owner called it (e.g. the integration using it).
    pub name: String,
    /// The first characters of the secret, to recognise it.
    pub prefix: String,
    /// When it was created.
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// When it was last used (to the minute).
    pub last_used_at: Option<chrono::DateTime<chrono::Utc>>,
    /// When it was revoked; revoked tokens no longer authenticate.
    pub revoked_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// One event of the audit trail as shown to reviewers and administrators.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEventView {
    /// Sequence number in the chain.
    pub id: i64,
    /// When it happened.
    pub occurred_at: chrono::DateTime<chrono::Utc>,
    /// The zone of the Pemda it happened in, which its time is shown in; none for install-wide events.
    pub timezone: Option<crate::org::Timezone>,
    /// Username of who did it (`sistem` for the system; the name tried, for failed sign-ins).
    pub actor: String,
    /// What happened, e.g. `user.create`, `auth.sign_in`.
    pub action: String,
    /// The kind of object.
    pub object_type: String,
    /// The object's id.
    pub object_id: Option<String>,
    /// The object before the change, as JSON text.
    pub before: Option<String>,
    /// The object after the change, as JSON text.
    pub after: Option<String>,
    /// The HTTP request that caused it.
    pub request_id: Option<String>,
    /// The client's address.
    pub client_addr: Option<String>,
}

crate::text::string_newtype_impls!(AccountError => Username, Nip, Email);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_are_folded_to_lower_case() {
        assert_eq!(Username::parse(" Kepala.DLH ").map(String::from), Ok("kepala.dlh".to_owned()));
    }

    #[test]
    fn only_ascii_letters_are_folded_so_a_kelvin_sign_is_no_k() {
        assert_eq!(Username::parse("\u{212a}epala"), Err(AccountError::Username));
        assert_eq!(Username::parse("İnspektorat"), Err(AccountError::Username));
    }

    #[test]
    fn an_email_has_one_at_between_two_plain_parts_and_blank_means_none() {
        assert_eq!(
            Email::parse(" sekretariat@bontangkota.go.id ").map(String::from).as_deref(),
            Ok("sekretariat@bontangkota.go.id")
        );
        for bad in ["tanpa-at", "@domain", "nama@", "a@b@c", "nama @domain", "nama@do\u{0}main"] {
            assert_eq!(Email::parse(bad), Err(AccountError::Email), "{bad:?}");
        }
        assert_eq!(Email::parse_optional(Some("  ")), Ok(None));
        assert_eq!(Email::parse_optional(None), Ok(None));
        assert_eq!(Email::parse_optional(Some(&format!("{}@x.id", "a".repeat(Email::MAX)))), Err(AccountError::Email));
        assert_ne!(AccountError::Email.message(Locale::Id), AccountError::Email.message(Locale::En));
    }

    #[test]
    fn usernames_reject_spaces_short_names_and_a_leading_dot() {
        for bad in ["ab", "kepala dlh", ".kepala", "kepala@dlh", &"a".repeat(33), "kepaladlh😀"] {
            assert_eq!(Username::parse(bad), Err(AccountError::Username), "{bad:?}");
        }
    }

    #[test]
    fn a_nip_written_with_spaces_is_accepted() {
        assert_eq!(Nip::parse("19800101 200501 1 001").map(String::from), Ok("198001012005011001".to_owned()));
    }

    #[test]
    fn a_nip_must_have_18_digits() {
        assert_eq!(Nip::parse("19800101200501100"), Err(AccountError::NipLength));
        assert_eq!(Nip::parse("19800101200501100X"), Err(AccountError::NipLength));
    }

    #[test]
    fn a_nip_with_an_impossible_date_or_gender_is_rejected() {
        assert_eq!(Nip::parse("198013012005011001"), Err(AccountError::NipStructure), "month 13");
        assert_eq!(Nip::parse("198001012005013001"), Err(AccountError::NipStructure), "gender 3");
        assert_eq!(Nip::parse("198001011975011001"), Err(AccountError::NipStructure), "appointed before birth");
    }

    #[test]
    fn passwords_between_10_and_128_characters_are_accepted() {
        assert!(Password::parse("budaya-demo").is_ok());
        assert_eq!(Password::parse("pendek"), Err(AccountError::PasswordTooShort));
        assert_eq!(Password::parse(&"x".repeat(129)), Err(AccountError::PasswordTooLong));
    }

    #[test]
    fn a_password_never_shows_in_debug_output() {
        let password = Password::parse("rahasia-sekali").expect("valid");
        assert_eq!(format!("{password:?}"), "Password(***)");
    }
}
