//! `/masuk`: the sign-in page. A plain form that works before hydration; with JavaScript it submits in place.

use super::api::SignIn;
use crate::components::raw_text::PageTitle;
use crate::islands::island_hydrated;
use crate::{
    components::forms::{ErrorSummary, Field, FormState},
    i18n::use_messages,
    routes,
};
use leptos::prelude::*;

/// The sign-in page.
#[island]
pub fn SignInPage(ke: Option<String>) -> impl IntoView {
    island_hydrated();
    let m = use_messages();
    let action = ServerAction::<SignIn>::new();
    let next = ke.unwrap_or_else(|| routes::HOME.to_owned());
    let form = FormState::new("sign-in", action);
    view! {
        <PageTitle text=m.sign_in_title />
        <section class="sign-in card">
            <h1>{m.sign_in_title}</h1>
            <p class="muted">{m.sign_in_lead}</p>
            <ErrorSummary form />
            <ActionForm action {..form.checks()}>
                <input type="hidden" name="next" value=next />
                <Field form name="username" label=m.sign_in_username>
                    <input
                        {..form.control("username")}
                        name="username"
                        autocomplete="username"
                        required
                        autocapitalize="none"
                        data-testid="username"
                    />
                </Field>
                <Field form name="password" label=m.sign_in_password>
                    <input
                        {..form.control("password")}
                        name="password"
                        type="password"
                        autocomplete="current-password"
                        required
                        data-testid="password"
                    />
                </Field>
                <button class="button" type="submit" data-testid="sign-in-submit" disabled=move || action.pending().get()>
                    {m.sign_in_submit}
                </button>
            </ActionForm>
        </section>
    }
}
