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
    let target = app::routes::local_path_or_home(back.ke.as_deref());
    let cookie = format!("{COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly", locale.tag());
    let mut response = Redirect::to(&target).into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}
