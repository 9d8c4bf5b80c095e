//! Typed, layered settings: defaults, then an optional TOML file, then `BUDAYA_*` environment variables.
//! Anything invalid stops start-up with a message that names the setting and says what to write instead.

use figment::{
    Figment,
    providers::{Env, Format, Serialized, Toml},
};
use serde::{Deserialize, Serialize};
use service::{db::Engine, mail::Mailer, storage::S3Settings};
use std::{
    net::SocketAddr,
    path::{Path, PathBuf},
};

/// The settings Budaya runs with.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Address to listen on (`BUDAYA_ADDR`).
    pub addr: SocketAddr,
    /// Directory for the SQLite file and the evidence files (`BUDAYA_DATA_DIR`).
    pub data_dir: PathBuf,
    /// Database URL (`BUDAYA_DATABASE_URL`); by default a SQLite file in the data directory.
    pub database_url: String,
    /// Directory holding the built JS, wasm and CSS (`BUDAYA_SITE_ROOT`), written by `cargo leptos build`.
    pub site_root: PathBuf,
    /// Mark cookies `Secure` and send HSTS: set when served over HTTPS (`BUDAYA_SECURE_COOKIES`).
    pub secure_cookies: bool,
    /// Sessions end after this many minutes without a request (`BUDAYA_SESSION_IDLE_MINUTES`).
    pub session_idle_minutes: u32,
    /// Sessions end this many hours after sign-in (`BUDAYA_SESSION_HOURS`).
    pub session_hours: u32,
    /// Largest accepted evidence file in MB (`BUDAYA_MAX_UPLOAD_MB`, default 10).
    pub max_upload_mb: u32,
    /// Evidence in an S3-compatible bucket instead of `data_dir/evidence`, when `BUDAYA_S3_BUCKET` is set.
    pub s3: Option<S3Settings>,
    /// How often the server queues and sends report reminders, in minutes; 0 turns it off
    /// (`BUDAYA_REMINDER_MINUTES`, default 60). Each user gets at most one digest a day.
    pub reminder_minutes: u32,
    /// Where mail goes: the SMTP server of `BUDAYA_SMTP_URL` sending as `BUDAYA_MAIL_FROM`, else `.eml` files in
    /// `data_dir/outbox`.
    pub mailer: Mailer,
}

/// The settings as read, before validation.
#[derive(Debug, Serialize, Deserialize)]
struct RawSettings {
    addr: String,
    data_dir: PathBuf,
    database_url: Option<String>,
    site_root: PathBuf,
    secure_cookies: bool,
    session_idle_minutes: u32,
    session_hours: u32,
    max_upload_mb: u32,
    s3_bucket: Option<String>,
    s3_endpoint: Option<String>,
    s3_region: String,
    s3_prefix: String,
    s3_access_key_id: Option<String>,
    s3_secret_access_key: Option<String>,
    reminder_minutes: u32,
    smtp_url: Option<String>,
    mail_from: String,
}

impl Default for RawSettings {
    fn default() -> Self {
        Self {
            addr: "127.0.0.1:3000".into(),
            data_dir: "data".into(),
            database_url: None,
            site_root: "target/site".into(),
            secure_cookies: false,
            session_idle_minutes: 30,
            session_hours: 12,
            max_upload_mb: 10,
            s3_bucket: None,
            s3_endpoint: None,
            s3_region: "us-east-1".into(),
            s3_prefix: "evidence".into(),
            s3_access_key_id: None,
            s3_secret_access_key: None,
            reminder_minutes: 60,
            smtp_url: None,
            mail_from: "Budaya <budaya@localhost>".into(),
        }
    }
}

const KEYS: [&str; 17] = [
    "addr",
    "data_dir",
    "database_url",
    "site_root",
    "secure_cookies",
    "session_idle_minutes",
    "session_hours",
    "max_upload_mb",
    "s3_bucket",
    "s3_endpoint",
    "s3_region",
    "s3_prefix",
    "s3_access_key_id",
    "s3_secret_access_key",
    "reminder_minutes",
    "smtp_url",
    "mail_from",
];

/// Why the settings cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    /// The named configuration file does not exist.
    #[error("configuration file {0} does not exist; create it or leave out --config/BUDAYA_CONFIG")]
    MissingFile(PathBuf),
    /// The file or environment could not be read.
    #[error("cannot read the settings: {0}")]
    Unreadable(String),
    /// `addr` is not host:port.
    #[error("BUDAYA_ADDR = {0:?} is not an address; write an IP and a port, e.g. 127.0.0.1:3000")]
    Addr(String),
    /// A session lifetime of zero.
    #[error("BUDAYA_SESSION_IDLE_MINUTES and BUDAYA_SESSION_HOURS must be at least 1")]
    SessionLifetime,
    /// An upload limit of zero or above 1 GB.
    #[error("BUDAYA_MAX_UPLOAD_MB must be between 1 and 1024")]
    UploadLimit,
    /// The database URL names an engine Budaya does not support.
    #[error("BUDAYA_S3_ENDPOINT = {0:?} is not a URL; write e.g. https://s3.example.go.id or http://127.0.0.1:9000")]
    S3Endpoint(String),
    /// The SMTP URL or the sender cannot be used.
    #[error(
        "BUDAYA_SMTP_URL = {0:?} / BUDAYA_MAIL_FROM cannot be used ({1}); write e.g. \
         smtp://user:password@mail.example.go.id:587?tls=required and \"Budaya <budaya@example.go.id>\""
    )]
    Smtp(String, String),
    #[error(
        "BUDAYA_DATABASE_URL = {0:?} is not supported; use sqlite://path/to/file.db or postgres://user@host/database"
    )]
    DatabaseUrl(String),
}

impl Settings {
    /// Reads the settings. `file` is the configuration file named on the command line or in `BUDAYA_CONFIG`;
    /// without one, `budaya.toml` in the working directory is read if present.
    pub fn load(file: Option<&Path>) -> Result<Self, SettingsError> {
        let file = match file {
            Some(path) if !path.exists() => return Err(SettingsError::MissingFile(path.to_owned())),
            Some(path) => Some(path.to_owned()),
            None => Some(PathBuf::from("budaya.toml")).filter(|path| path.exists()),
        };
        let mut figment = Figment::from(Serialized::defaults(RawSettings::default()));
        if let Some(file) = file {
            figment = figment.merge(Toml::file_exact(file));
        }
        figment = figment.merge(Env::prefixed("BUDAYA_").only(&KEYS));
        let raw: RawSettings = figment.extract().map_err(|err| SettingsError::Unreadable(err.to_string()))?;
        Self::validate(raw)
    }

    fn validate(raw: RawSettings) -> Result<Self, SettingsError> {
        let addr = raw.addr.trim().parse().map_err(|_| SettingsError::Addr(raw.addr.clone()))?;
        let database_url = match raw.database_url.filter(|url| !url.trim().is_empty()) {
            Some(url) if Engine::of_url(&url).is_some() => url,
            Some(url) => return Err(SettingsError::DatabaseUrl(redact(&url))),
            None => format!("sqlite://{}?mode=rwc", raw.data_dir.join("budaya.db").display()),
        };
        if raw.session_idle_minutes == 0 || raw.session_hours == 0 {
            return Err(SettingsError::SessionLifetime);
        }
        if !(1..=1024).contains(&raw.max_upload_mb) {
            return Err(SettingsError::UploadLimit);
        }
        let filled = |value: Option<String>| value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        let s3 = filled(raw.s3_bucket).map(|bucket| S3Settings {
            bucket,
            endpoint: filled(raw.s3_endpoint),
            region: raw.s3_region,
            access_key_id: filled(raw.s3_access_key_id),
            secret_access_key: filled(raw.s3_secret_access_key),
            prefix: raw.s3_prefix,
        });
        let endpoint = s3.as_ref().and_then(|s3| s3.endpoint.as_deref());
        if let Some(endpoint) = endpoint.filter(|e| !(e.starts_with("http://") || e.starts_with("https://"))) {
            return Err(SettingsError::S3Endpoint(endpoint.to_owned()));
        }
        let outbox = raw.data_dir.join("outbox");
        let mailer = match filled(raw.smtp_url) {
            Some(url) => Mailer::smtp(&url, raw.mail_from.trim(), outbox)
                .map_err(|err| SettingsError::Smtp(redact(&url), err))?,
            None => Mailer::Outbox(outbox),
        };
        Ok(Self {
            addr,
            data_dir: raw.data_dir,
            database_url,
            site_root: raw.site_root,
            secure_cookies: raw.secure_cookies,
            session_idle_minutes: raw.session_idle_minutes,
            session_hours: raw.session_hours,
            max_upload_mb: raw.max_upload_mb,
            s3,
            reminder_minutes: raw.reminder_minutes,
            mailer,
        })
    }

    /// The database URL with any password hidden, for logs and messages.
    pub fn database_url_redacted(&self) -> String {
        redact(&self.database_url)
    }
}

/// Hides the password of a URL such as `postgres://user:secret@host/db`.
fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_owned() };
    let Some((credentials, host)) = rest.split_once('@') else { return url.to_owned() };
    match credentials.split_once(':') {
        Some((user, _password)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw() -> RawSettings {
        RawSettings::default()
    }

    #[test]
    fn the_defaults_serve_on_loopback_with_sqlite_in_the_data_directory() {
        let settings = Settings::validate(raw()).expect("defaults are valid");
        assert_eq!(settings.addr.to_string(), "127.0.0.1:3000");
        assert_eq!(settings.database_url, "sqlite://data/budaya.db?mode=rwc");
    }

    #[test]
    fn an_address_without_a_port_is_rejected_with_an_example() {
        let error = Settings::validate(RawSettings { addr: "localhost".into(), ..raw() }).expect_err("invalid");
        assert!(error.to_string().contains("127.0.0.1:3000"), "{error}");
    }

    #[test]
    fn an_unsupported_database_is_rejected_without_echoing_its_password() {
        let url = "mysql://root:hunter2@localhost/budaya".to_owned();
        let error = Settings::validate(RawSettings { database_url: Some(url), ..raw() }).expect_err("invalid");
        assert!(!error.to_string().contains("hunter2"), "{error}");
        assert!(error.to_string().contains("postgres://"), "{error}");
    }

    #[test]
    fn a_postgres_url_is_taken_as_given_and_redacted_for_display() {
        let url = "postgres://budaya:secret@db.internal/budaya".to_owned();
        let settings = Settings::validate(RawSettings { database_url: Some(url.clone()), ..raw() }).expect("valid");
        assert_eq!(settings.database_url, url);
        assert_eq!(settings.database_url_redacted(), "postgres://budaya:***@db.internal/budaya");
    }

    #[test]
    fn a_named_configuration_file_that_is_missing_is_an_error() {
        let error = Settings::load(Some(Path::new("/nonexistent/budaya.toml"))).expect_err("missing");
        assert!(matches!(error, SettingsError::MissingFile(_)));
    }

    #[test]
    fn a_configuration_file_overrides_the_defaults() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("budaya.toml");
        std::fs::write(&file, "addr = \"0.0.0.0:8080\"\ndata_dir = \"/srv/budaya\"\n").expect("write");
        let settings = Settings::load(Some(&file)).expect("valid file");
        assert_eq!(settings.addr.to_string(), "0.0.0.0:8080");
        assert_eq!(settings.database_url, "sqlite:///srv/budaya/budaya.db?mode=rwc");
    }

    #[test]
    fn evidence_goes_to_s3_only_when_a_bucket_is_named_and_its_endpoint_must_be_a_url() {
        assert!(Settings::validate(raw()).expect("defaults").s3.is_none(), "local files by default");
        let bucket =
            RawSettings { s3_bucket: Some("bukti".into()), s3_endpoint: Some("http://127.0.0.1:9000".into()), ..raw() };
        let s3 = Settings::validate(bucket).expect("valid").s3.expect("s3");
        assert_eq!((s3.bucket.as_str(), s3.region.as_str(), s3.prefix.as_str()), ("bukti", "us-east-1", "evidence"));
        let bad = RawSettings { s3_bucket: Some("bukti".into()), s3_endpoint: Some("127.0.0.1:9000".into()), ..raw() };
        assert!(matches!(Settings::validate(bad), Err(SettingsError::S3Endpoint(_))));
    }

    #[test]
    fn mail_goes_to_the_outbox_unless_an_smtp_url_is_set_and_a_bad_one_stops_start_up_without_its_password() {
        let outbox = Settings::validate(raw()).expect("defaults").mailer;
        assert!(matches!(outbox, Mailer::Outbox(dir) if dir == Path::new("data/outbox")));
        let smtp = RawSettings { smtp_url: Some("smtp://relay:secret@127.0.0.1:2525".into()), ..raw() };
        let mailer = Settings::validate(smtp).expect("valid").mailer;
        assert!(matches!(mailer, Mailer::Smtp { .. }));
        assert!(!format!("{mailer:?}").contains("secret"), "{mailer:?}");
        let bad = RawSettings { smtp_url: Some("imap://relay:secret@mail".into()), ..raw() };
        let error = Settings::validate(bad).expect_err("not SMTP");
        assert!(matches!(error, SettingsError::Smtp(..)) && !error.to_string().contains("secret"), "{error}");
        let sender =
            RawSettings { smtp_url: Some("smtp://127.0.0.1:2525".into()), mail_from: "bukan alamat".into(), ..raw() };
        assert!(matches!(Settings::validate(sender), Err(SettingsError::Smtp(..))));
    }
}
