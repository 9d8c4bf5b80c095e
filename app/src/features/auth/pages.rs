//! `/masuk`: the sign-in page. A plain form that works before hydration; with JavaScript it submits in place.

use super::api::SignIn;
use crate::components::raw_text::PageTitle;
use crate::{
    i18n::{use_locale, use_messages},
    routes,
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The sign-in page.
#[component]
pub fn SignInPage() -> impl IntoView {
    let m = use_messages();
    let locale = use_locale();
    let action = ServerAction::<SignIn>::new();
    let query = use_query_map();
    let next = query.read_untracked().get("ke").unwrap_or_else(|| routes::HOME.to_owned());
    let error = move || {
        action.value().get().and_then(Result::err).map(|error| {
            view! {
                <p class="form-error" role="alert" data-testid="sign-in-error">
                    {error.message(locale)}
                </p>
            }
        })
    };
    view! {
        <PageTitle text=m.sign_in_title />
        <section class="sign-in card">
            <h1>{m.sign_in_title}</h1>
            <p class="muted">{m.sign_in_lead}</p>
            <ActionForm action>
                <input type="hidden" name="next" value=next />
                <label for="username">{m.sign_in_username}</label>
                <input
                    id="username"
                    name="username"
                    autocomplete="username"
                    required
                    autocapitalize="none"
                    data-testid="username"
                />
                <label for="password">{m.sign_in_password}</label>
                <input
                    id="password"
                    name="password"
                    type="password"
                    autocomplete="current-password"
                    required
                    data-testid="password"
                />
                {error}
                <button class="button" type="submit" data-testid="sign-in-submit" disabled=move || action.pending().get()>
                    {m.sign_in_submit}
                </button>
            </ActionForm>
        </section>
    }
}
