//! Who is calling: an API token (`Authorization: Bearer`) or the session cookie is resolved to an actor once per request, by a middleware that puts the
//! actor and the request's metadata into the request's extensions, where REST handlers (via [`RequireActor`])
//! and server functions (via the app's `ssr` helpers) find them.

use crate::{api::ApiError, state::AppState};
use app::{
    error::AppError,
    ssr::{CurrentActor, SESSION_COOKIE},
};
use axum::{
    extract::{ConnectInfo, FromRequestParts, Request, State},
    middleware::Next,
    response::Response,
};
use http::{HeaderMap, HeaderValue, header, request::Parts};
use service::{access::Actor, audit::RequestMeta};
use std::net::SocketAddr;

/// The value of the session cookie in `headers`, if any.
pub fn session_token(headers: &HeaderMap) -> Option<String> {
    app::ssr::cookie_value(headers, SESSION_COOKIE)
}

/// The secret of an `Authorization: Bearer` header, if any.
pub fn bearer_token(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(http::header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, secret) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| secret.trim().to_owned())
}

/// Resolves the session (if any) and records the request's id and client address. Every answer but a static
/// file may depend on who asked, so it is marked `no-store`: no shared proxy, and no back button after
/// sign-out, shows one person's page to the next.
pub async fn authenticate(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let meta = RequestMeta {
        request_id: request.headers().get("x-request-id").and_then(|v| v.to_str().ok()).map(str::to_owned),
        client_addr: request.extensions().get::<ConnectInfo<SocketAddr>>().map(|info| info.0.ip().to_string()),
    };
    // Static files (the wasm, JS, CSS and favicon every page pulls) need no caller: skip the session lookup.
    if is_static_asset(request.uri().path()) {
        request.extensions_mut().insert(meta);
        request.extensions_mut().insert(CurrentActor(None));
        return next.run(request).await;
    }
    let now = state.services.clock.now();
    let db = &state.services.db;
    let found = match (bearer_token(request.headers()), session_token(request.headers())) {
        (Some(secret), _) => service::access::tokens::actor_for_secret(db, &secret, now).await,
        (None, Some(token)) => service::access::sessions::actor_for_token(db, &token, state.auth.policy, now).await,
        (None, None) => Ok(None),
    };
    let actor = found.unwrap_or_else(|error| {
        tracing::error!(%error, "authentication lookup failed");
        None
    });
    request.extensions_mut().insert(meta);
    request.extensions_mut().insert(CurrentActor(actor));
    let mut response = next.run(request).await;
    response.headers_mut().entry(header::CACHE_CONTROL).or_insert(HeaderValue::from_static("no-store"));
    response
}

/// Whether `path` is one of the site's static files, served without looking at who asks.
fn is_static_asset(path: &str) -> bool {
    path.starts_with("/pkg/") || path == "/favicon.svg"
}

/// A REST handler argument that answers 401 unless the caller is signed in.
#[derive(Debug)]
pub struct RequireActor(pub Actor);

impl<S: Send + Sync> FromRequestParts<S> for RequireActor {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<CurrentActor>()
            .and_then(|current| current.0.clone())
            .map(RequireActor)
            .ok_or(ApiError(AppError::Unauthenticated))
    }
}

/// The request's id and client address, for the audit trail.
#[derive(Debug)]
pub struct Meta(pub RequestMeta);

impl<S: Send + Sync> FromRequestParts<S> for Meta {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(Meta(parts.extensions.get::<RequestMeta>().cloned().unwrap_or_default()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::header;

    #[test]
    fn only_the_sites_static_files_skip_the_session_lookup() {
        assert!(is_static_asset("/pkg/budaya.wasm"));
        assert!(is_static_asset("/favicon.svg"));
        assert!(!is_static_asset("/pengguna"));
        assert!(!is_static_asset("/api/v1/pkg/x"));
    }

    #[test]
    fn the_session_cookie_is_found_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, "budaya_lang=en; budaya_sesi=abc123; x=1".parse().expect("header"));
        assert_eq!(session_token(&headers).as_deref(), Some("abc123"));
        headers.insert(header::COOKIE, "budaya_sesi=".parse().expect("header"));
        assert_eq!(session_token(&headers), None);
    }
}
