//! Server-side helpers for server functions: the injected services, the signed-in actor, cookies, and answering
//! with the error's status.

use crate::error::AppError;
use leptos::prelude::*;
use leptos_axum::ResponseOptions;
use service::{
    Services,
    access::{Actor, sessions::SessionPolicy},
    audit::RequestMeta,
};

/// The services provided by the server for this request.
pub fn services() -> Result<Services, AppError> {
    use_context::<Services>().ok_or_else(|| AppError::internal(&"Services missing from the Leptos context"))
}

/// Sets the HTTP status of the current response to match `error`, then passes it on, so a page whose data
/// failed to load answers 404 or 500 rather than 200.
pub fn fail<T>(error: impl Into<AppError>) -> Result<T, AppError> {
    let error = error.into();
    if let Some(response) = use_context::<ResponseOptions>()
        && let Ok(status) = http::StatusCode::from_u16(error.status())
    {
        response.set_status(status);
    }
    Err(error)
}

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "budaya_sesi";

/// The signed-in actor of the current request, put into the request's extensions by the server's
/// authentication middleware (`None` when anonymous).
#[derive(Clone, Debug)]
pub struct CurrentActor(pub Option<Actor>);

/// How sessions and their cookies behave, provided by the server.
#[derive(Clone, Copy, Debug)]
pub struct AuthSettings {
    /// Idle and absolute lifetimes.
    pub policy: SessionPolicy,
    /// Whether cookies carry `Secure` (when served over HTTPS).
    pub secure_cookies: bool,
}

impl AuthSettings {
    /// The `Set-Cookie` value that stores a new session's secret.
    pub fn session_cookie(&self, token: &str) -> String {
        let secure = if self.secure_cookies { "; Secure" } else { "" };
        let max_age = self.policy.absolute.num_seconds();
        format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}")
    }

    /// The `Set-Cookie` value that removes the session cookie.
    pub fn clear_session_cookie(&self) -> String {
        let secure = if self.secure_cookies { "; Secure" } else { "" };
        format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}")
    }
}

fn request_parts() -> Option<http::request::Parts> {
    use_context::<http::request::Parts>()
}

/// The signed-in actor, if any.
pub fn actor() -> Option<Actor> {
    request_parts().and_then(|parts| parts.extensions.get::<CurrentActor>().and_then(|current| current.0.clone()))
}

/// The signed-in actor, or a 401.
pub fn require_actor() -> Result<Actor, AppError> {
    match actor() {
        Some(actor) => Ok(actor),
        None => fail(AppError::Unauthenticated),
    }
}

/// The request's id and client address, for the audit trail.
pub fn request_meta() -> RequestMeta {
    request_parts().and_then(|parts| parts.extensions.get::<RequestMeta>().cloned()).unwrap_or_default()
}

/// The session cookie's secret sent with this request, if any.
pub fn session_token() -> Option<String> {
    cookie_value(&request_parts()?.headers, SESSION_COOKIE)
}

/// The value of cookie `name` in `headers`, if set and not empty.
pub fn cookie_value(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find_map(|header| crate::i18n::cookie_in_header(header, name))
        .map(str::to_owned)
}

/// The server's auth settings.
pub fn auth_settings() -> Result<AuthSettings, AppError> {
    use_context::<AuthSettings>().ok_or_else(|| AppError::internal(&"AuthSettings missing from the Leptos context"))
}

/// Adds a `Set-Cookie` header to the response.
pub fn set_cookie(value: &str) {
    if let (Some(response), Ok(value)) = (use_context::<ResponseOptions>(), http::HeaderValue::from_str(value)) {
        response.append_header(http::header::SET_COOKIE, value);
    }
}

/// The policy for pages: scripts from this site carrying the page's nonce (the hydration loader) and wasm;
/// everything else from this site only; never framed.
pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
         frame-ancestors 'none'"
    )
}

/// Sets the page's Content-Security-Policy with the nonce Leptos gave this render.
pub fn set_content_security_policy() {
    let Some(nonce) = use_nonce() else { return };
    if let (Some(response), Ok(value)) =
        (use_context::<ResponseOptions>(), http::HeaderValue::from_str(&content_security_policy(&nonce)))
    {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}
