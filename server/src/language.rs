//! `GET /bahasa/{tag}?ke=/path`: remembers the chosen UI language in a cookie and goes back to the page.
//! A plain link, so switching works before (and without) hydration.

use app::i18n::{COOKIE, Locale};
use axum::{
    extract::{Path, Query},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

/// Query of the language switch.
#[derive(Debug, Deserialize)]
pub struct Back {
    /// Where to return to; only a path on this site is followed.
    ke: Option<String>,
}

/// Sets the language cookie for a year and redirects back.
pub async fn switch(Path(tag): Path<String>, Query(back): Query<Back>) -> Response {
    let Some(locale) = Locale::from_tag(&tag) else {
        return (StatusCode::NOT_FOUND, "unknown language").into_response();
    };
    let target = back.ke.filter(|path| is_local_path(path)).unwrap_or_else(|| "/".to_owned());
    let cookie = format!("{COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly", locale.tag());
    let mut response = Redirect::to(&target).into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

/// Whether `path` stays on this site: absolute path, not protocol-relative, no backslash tricks.
fn is_local_path(path: &str) -> bool {
    path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') && !path.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::is_local_path;

    #[test]
    fn only_paths_on_this_site_are_followed_back() {
        assert!(is_local_path("/nilai?cari=kecepatan"));
        assert!(!is_local_path("//evil.example/"));
        assert!(!is_local_path("https://evil.example/"));
        assert!(!is_local_path("/\\evil.example"));
        assert!(!is_local_path("/\nSet-Cookie: x"));
    }
}
