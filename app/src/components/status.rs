//! Pages and panels for what did not work: not found, and errors with their reference id.

use crate::components::raw_text::PageTitle;
use crate::{
    error::AppError,
    i18n::{use_locale, use_messages},
    routes,
};
use leptos::prelude::*;

/// The 404 page; on the server it also sets the status.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    let m = use_messages();
    view! {
        <PageTitle text=m.not_found_title />
        <section class="status-page" data-testid="not-found">
            <p class="status-code">"404"</p>
            <h1>{m.not_found_title}</h1>
            <p>{m.not_found_body}</p>
            <a class="button" href=routes::HOME>
                {m.back_home}
            </a>
        </section>
    }
}

/// An error in the user's language, with the reference id of an internal error and nothing else of it.
#[component]
pub fn ErrorPanel(error: AppError) -> impl IntoView {
    let m = use_messages();
    let locale = use_locale();
    let reference = error.reference().map(|reference| {
        view! {
            <p class="error-reference">
                {m.error_reference}": " <code data-testid="error-reference">{reference.to_owned()}</code>
            </p>
        }
    });
    let (href, label) = match error {
        AppError::Unauthenticated => (routes::SIGN_IN, m.nav_sign_in),
        _ => (routes::HOME, m.back_home),
    };
    view! {
        <PageTitle text=m.error_title />
        <section class="status-page error" role="alert" data-testid="error">
            <h1>{m.error_title}</h1>
            <p>{error.message(locale)}</p>
            {reference}
            <a class="button" href=href>
                {label}
            </a>
        </section>
    }
}
