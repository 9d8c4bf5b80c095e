//! Cross-site request protection: a state-changing request (anything but GET, HEAD, OPTIONS) whose `Origin`
//! (or, without one, `Referer`) names another site is refused. Requests with neither come from non-browser
//! clients, which carry no ambient cookies worth forging (and the session cookie is SameSite=Lax besides).

use app::error::AppError;
use axum::{extract::Request, middleware::Next, response::Response};
use http::{HeaderMap, Method, header};

use crate::api::ApiError;

/// Refuses cross-site state-changing requests with 403.
pub async fn same_origin_only(request: Request, next: Next) -> Result<Response, ApiError> {
    if matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS) || is_same_origin(request.headers()) {
        Ok(next.run(request).await)
    } else {
        tracing::warn!(origin = ?request.headers().get(header::ORIGIN), uri = %request.uri(), "cross-site request refused");
        Err(ApiError(AppError::Forbidden("Permintaan dari situs lain ditolak.".into())))
    }
}

/// Whether the request's declared origin is this site (the `Host` it was sent to), or it declares none.
fn is_same_origin(headers: &HeaderMap) -> bool {
    let declared =
        headers.get(header::ORIGIN).or_else(|| headers.get(header::REFERER)).and_then(|value| value.to_str().ok());
    let Some(declared) = declared else { return true };
    let Some(host) = headers.get(header::HOST).and_then(|value| value.to_str().ok()) else { return false };
    let authority = declared.split_once("://").map(|(_, rest)| rest.split('/').next().unwrap_or_default());
    authority.is_some_and(|authority| authority.eq_ignore_ascii_case(host))
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
        assert!(is_same_origin(&headers(&[
            (header::HOST, "budaya.kaltimprov.go.id"),
            (header::ORIGIN, "https://budaya.kaltimprov.go.id")
        ])));
        assert!(is_same_origin(&headers(&[
            (header::HOST, "127.0.0.1:3000"),
            (header::REFERER, "http://127.0.0.1:3000/masuk")
        ])));
    }

    #[test]
    fn a_request_from_another_site_is_refused() {
        assert!(!is_same_origin(&headers(&[
            (header::HOST, "127.0.0.1:3000"),
            (header::ORIGIN, "https://evil.example")
        ])));
        assert!(!is_same_origin(&headers(&[(header::HOST, "127.0.0.1:3000"), (header::ORIGIN, "null")])));
        assert!(!is_same_origin(&headers(&[
            (header::HOST, "budaya.go.id"),
            (header::ORIGIN, "https://budaya.go.id.evil.example")
        ])));
    }

    #[test]
    fn a_client_that_declares_no_origin_passes() {
        assert!(is_same_origin(&headers(&[(header::HOST, "127.0.0.1:3000")])));
    }
}
