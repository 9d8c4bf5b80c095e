//! Form parts shared by every page: the error of a server action's last run, shown above the forms, and the
//! org unit picker's options.

use crate::{error::AppError, i18n::use_locale};
use domain::org::OrgUnitView;
use leptos::prelude::*;

/// `<option>`s for picking one of `units`, each shown as "code · name".
pub fn unit_options<'a>(units: impl IntoIterator<Item = &'a OrgUnitView>) -> AnyView {
    units
        .into_iter()
        .map(|unit| view! { <option value=unit.id.to_string()>{format!("{} · {}", unit.code, unit.name)}</option> })
        .collect_view()
        .into_any()
}

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
