//! Cross-site request protection: a state-changing request (anything but GET, HEAD, OPTIONS) whose `Origin`
//! (or, without one, `Referer`) names another site is refused. Requests with neither come from non-browser
//! clients, which carry no ambient cookies worth forging (and the session cookie is SameSite=Lax besides).
//! An origin is scheme, host and port: `https://host` is another site than `http://host`.

use app::error::AppError;
use axum::{
    extract::{Request, State},
    middleware::Next,
    response::Response,
};
use http::{HeaderMap, Method, header};

use crate::{api::ApiError, state::AppState};

/// Refuses cross-site state-changing requests with 403.
pub async fn same_origin_only(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Result<Response, ApiError> {
    let scheme = if state.auth.secure_cookies { "https" } else { "http" };
    if matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS)
        || is_same_origin(request.headers(), scheme)
    {
        Ok(next.run(request).await)
    } else {
        tracing::warn!(origin = ?request.headers().get(header::ORIGIN), uri = %request.uri(), "cross-site request refused");
        Err(ApiError(AppError::Forbidden("Permintaan dari situs lain ditolak.".into())))
    }
}

/// Whether the request's declared origin is this site (`scheme`, and the `Host` it was sent to), or it declares
/// none.
fn is_same_origin(headers: &HeaderMap, scheme: &str) -> bool {
    let declared =
        headers.get(header::ORIGIN).or_else(|| headers.get(header::REFERER)).and_then(|value| value.to_str().ok());
    let Some(declared) = declared else { return true };
    let Some(host) = headers.get(header::HOST).and_then(|value| value.to_str().ok()) else { return false };
    let Some((declared_scheme, rest)) = declared.split_once("://") else { return false };
    let authority = rest.split('/').next().unwrap_or_default();
    declared_scheme.eq_ignore_ascii_case(scheme) && authority.eq_ignore_ascii_case(host)
}

#[cfg(test)]
mod tests {
    use super::is_same_origin;
    use http::{HeaderMap, header};

    fn headers(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        pairs.iter().map(|(name, value)| (name.clone(), value.parse().expect("header value"))).collect()
    }

    #[test]
    fn a_request_from_this_site_passes() {
        assert!(is_same_origin(
            &headers(&[(header::HOST, "budaya.kaltimprov.go.id"), (header::ORIGIN, "https://budaya.kaltimprov.go.id")]),
            "https"
        ));
        assert!(is_same_origin(
            &headers(&[(header::HOST, "127.0.0.1:3000"), (header::REFERER, "http://127.0.0.1:3000/masuk")]),
            "http"
        ));
    }

    #[test]
    fn the_same_host_under_another_scheme_is_another_site() {
        assert!(!is_same_origin(
            &headers(&[(header::HOST, "127.0.0.1:3101"), (header::ORIGIN, "https://127.0.0.1:3101")]),
            "http"
        ));
        assert!(!is_same_origin(
            &headers(&[(header::HOST, "budaya.go.id"), (header::REFERER, "http://budaya.go.id/masuk")]),
            "https"
        ));
    }

    #[test]
    fn a_request_from_another_site_is_refused() {
        assert!(!is_same_origin(
            &headers(&[(header::HOST, "127.0.0.1:3000"), (header::ORIGIN, "https://evil.example")]),
            "http"
        ));
        assert!(!is_same_origin(&headers(&[(header::HOST, "127.0.0.1:3000"), (header::ORIGIN, "null")]), "http"));
        assert!(!is_same_origin(
            &headers(&[(header::HOST, "budaya.go.id"), (header::ORIGIN, "https://budaya.go.id.evil.example")]),
            "https"
        ));
    }

    #[test]
    fn a_client_that_declares_no_origin_passes() {
        assert!(is_same_origin(&headers(&[(header::HOST, "127.0.0.1:3000")]), "http"));
    }
}
