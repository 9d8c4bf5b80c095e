//! Form feedback shared by every page: the error of a server action's last run, shown above the forms.

use crate::{error::AppError, i18n::use_locale};
use leptos::prelude::*;

/// The message of an action's failed last run, as a signal.
pub fn failure<A>(action: ServerAction<A>) -> Signal<Option<AppError>>
where
    A: leptos::server_fn::ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    A::Output: Clone + Send + Sync + 'static,
{
    Signal::derive(move || action.value().get().and_then(Result::err))
}

/// The first of `errors` that is set, shown above the page's forms.
pub fn form_errors(errors: Vec<Signal<Option<AppError>>>) -> impl IntoView {
    let locale = use_locale();
    move || {
        errors.iter().find_map(|error| error.get()).map(|error| {
            view! {
                <p class="form-error" role="alert" data-testid="form-error">
                    {error.message(locale)}
                </p>
            }
        })
    }
}
