//! Form parts shared by every page: the error of a server action's last run, the GOV.UK-style error summary
//! with a message at each field, and the org unit picker's options.
//!
//! A form keeps the browser's constraints (`required`, `min`, `type="date"`) so nothing invalid is sent, but
//! cancels the browser's own bubbles (which speak the browser's language, not the page's): its `invalid`
//! events are caught and each invalid control gets our message instead. What only the server can judge comes
//! back as [`AppError::Fields`] and is placed the same way.

use crate::{
    error::AppError,
    i18n::{Locale, Messages, messages, use_locale},
};
use domain::{field::FieldProblem, org::OrgUnitView};
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

/// The version of the action's last *successful* run: what a page's data should refetch on. A refused run
/// leaves it as it was, so the form is not drawn again and keeps what was typed.
pub fn saved<A>(action: ServerAction<A>) -> Memo<usize>
where
    A: leptos::server_fn::ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    A::Output: Clone + Send + Sync + 'static,
{
    Memo::new(move |last: Option<&usize>| {
        let ok = action.value().with(|value| matches!(value, Some(Ok(_))));
        if ok { action.version().get() } else { last.copied().unwrap_or_default() }
    })
}

/// Loads the page again after a successful run of `action`: the page around an island is rendered on the
/// server, so that is how it shows what changed. A refused run stays in place, with the form as typed.
pub fn reload_on_success<A>(action: ServerAction<A>)
where
    A: leptos::server_fn::ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    A::Output: Clone + Send + Sync + 'static,
{
    Effect::new(move |_| {
        if action.value().with(|value| matches!(value, Some(Ok(_)))) {
            // Nothing to recover if the browser refuses: the change is saved, the page just stays as it was.
            let _ = window().location().reload();
        }
    });
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

/// One problem as a form shows it: at its field, and as an item of the summary (which must read alone).
#[derive(Clone, Debug, PartialEq)]
struct Shown {
    field: String,
    at_field: String,
    in_summary: String,
}

/// The problems of one form, from the browser's constraints or from the server, and the fields they belong to.
#[derive(Clone, Copy)]
pub struct FormState {
    prefix: StoredValue<String>,
    locale: Locale,
    client: RwSignal<Vec<Shown>>,
    server: Signal<Option<AppError>>,
    labels: StoredValue<Vec<(&'static str, String)>>,
}

impl FormState {
    /// The state of a form whose fields' ids start with `prefix` (unique on the page), sent by `action`.
    pub fn new<A>(prefix: impl Into<String>, action: ServerAction<A>) -> Self
    where
        A: leptos::server_fn::ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
        A::Output: Clone + Send + Sync + 'static,
    {
        FormState {
            prefix: StoredValue::new(prefix.into()),
            locale: use_locale(),
            client: RwSignal::new(Vec::new()),
            server: failure(action),
            labels: StoredValue::new(Vec::new()),
        }
    }

    /// The element id of `field`.
    pub fn id(&self, field: &str) -> String {
        self.prefix.with_value(|prefix| format!("{prefix}-{field}"))
    }

    /// Names a field, so the summary links to it and the browser's findings are worded with its label.
    pub fn register(&self, name: &'static str, label: impl Into<String>) {
        let label = label.into();
        self.labels.update_value(|labels| {
            if !labels.iter().any(|(known, _)| *known == name) {
                labels.push((name, label));
            }
        });
    }

    fn label(&self, field: &str) -> Option<String> {
        self.labels.with_value(|labels| labels.iter().find(|(name, _)| *name == field).map(|(_, label)| label.clone()))
    }

    /// What to show: the browser's findings if the last try stopped there, else the server's answer (its
    /// field problems, or its one general message).
    fn shown(&self) -> (Vec<Shown>, Option<String>) {
        let client = self.client.get();
        if !client.is_empty() {
            return (client, None);
        }
        match self.server.get() {
            Some(AppError::Fields(problems)) => (problems.iter().map(|p| self.worded(p)).collect(), None),
            Some(other) => (Vec::new(), Some(other.message(self.locale))),
            None => (Vec::new(), None),
        }
    }

    /// The server's `problem` in the page's language; in the summary, after the field's label where the message
    /// does not name it.
    fn worded(&self, problem: &FieldProblem) -> Shown {
        let message = problem.problem.message(self.locale);
        let in_summary = match self.label(&problem.field) {
            Some(label) if problem.problem.needs_label() => format!("{label}: {message}"),
            _ if problem.problem.needs_label() => problem.sentence(self.locale),
            _ => message.clone(),
        };
        Shown { field: problem.field.clone(), at_field: message, in_summary }
    }

    fn problem(&self, field: &'static str) -> Option<String> {
        self.shown().0.into_iter().find(|p| p.field == field).map(|p| p.at_field)
    }

    /// The attributes of `field`'s control: its id. `aria-invalid` and `aria-describedby` follow its message
    /// (see [`FormState::mark_controls`]).
    pub fn control(self, field: &'static str) -> impl leptos::attr::Attribute {
        view! { <{..} id=self.id(field) /> }
    }

    /// Keeps each named control's `aria-invalid` and `aria-describedby` in step with its message. One effect per
    /// form rather than two reactive attributes per control: problems appear only in the browser, and reactive
    /// attributes would add rendering code to the wasm for every control of every form.
    #[cfg(feature = "hydrate")]
    fn mark_controls(self) {
        Effect::new(move |_| {
            let (shown, _) = self.shown();
            let names: Vec<&'static str> = self.labels.with_value(|labels| labels.iter().map(|(n, _)| *n).collect());
            for name in names {
                let id = self.id(name);
                let Some(control) = document().get_element_by_id(&id) else { continue };
                if shown.iter().any(|problem| problem.field == name) {
                    let _ = control.set_attribute("aria-invalid", "true");
                    let _ = control.set_attribute("aria-describedby", &format!("{id}-error"));
                } else {
                    let _ = control.remove_attribute("aria-invalid");
                    let _ = control.remove_attribute("aria-describedby");
                }
            }
        });
    }

    /// The form's own handlers, spread onto its `ActionForm`: `invalid` (caught on the way down) and `submit`.
    pub fn checks(self) -> impl leptos::attr::Attribute {
        view! { <{..} on:invalid:capture=self.on_invalid() on:submit=self.on_submit() /> }
    }

    /// The form's `invalid` (capture) handler: cancels the browser's bubble and notes every invalid control.
    fn on_invalid(self) -> impl Fn(leptos::ev::Event) + Clone + 'static {
        move |event| {
            event.prevent_default();
            #[cfg(feature = "hydrate")]
            if let Some(form) = event.current_target().and_then(|t| wasm_bindgen::JsCast::dyn_into(t).ok()) {
                self.client.set(self.browser_problems(&form));
            }
        }
    }

    /// The form's `submit` handler: the browser found nothing, so its old findings go.
    fn on_submit(self) -> impl Fn(leptos::ev::SubmitEvent) + Clone + 'static {
        move |_| self.client.set(Vec::new())
    }

    #[cfg(feature = "hydrate")]
    fn browser_problems(&self, form: &web_sys::HtmlFormElement) -> Vec<Shown> {
        use wasm_bindgen::JsCast;
        use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
        let controls = form.elements();
        (0..controls.length())
            .filter_map(|index| controls.item(index))
            .filter_map(|element| {
                let validity = if let Some(input) = element.dyn_ref::<HtmlInputElement>() {
                    input.validity()
                } else if let Some(select) = element.dyn_ref::<HtmlSelectElement>() {
                    select.validity()
                } else {
                    element.dyn_ref::<HtmlTextAreaElement>()?.validity()
                };
                if validity.valid() {
                    return None;
                }
                let id = element.id();
                let field = self
                    .labels
                    .with_value(|labels| labels.iter().map(|(name, _)| *name).find(|name| id == self.id(name)))?;
                let label = self.label(field)?;
                let attribute = |name: &str| element.get_attribute(name).unwrap_or_default();
                let is_select = element.tag_name().eq_ignore_ascii_case("select");
                let why = if validity.value_missing() {
                    Why::Missing { choose: is_select }
                } else if validity.bad_input() || validity.type_mismatch() || validity.pattern_mismatch() {
                    Why::Format
                } else if validity.step_mismatch() {
                    Why::NotWhole
                } else if validity.range_underflow() {
                    Why::Below(attribute("min"))
                } else if validity.range_overflow() {
                    Why::Above { max: attribute("max"), date: attribute("type") == "date" }
                } else if validity.too_short() {
                    Why::Short(attribute("minlength"))
                } else {
                    Why::Other
                };
                let message = why.message(&label, self.locale);
                Some(Shown { field: field.to_owned(), at_field: message.clone(), in_summary: message })
            })
            .collect()
    }
}

/// Why the browser found a control invalid.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
enum Why {
    Missing { choose: bool },
    Format,
    NotWhole,
    Below(String),
    Above { max: String, date: bool },
    Short(String),
    Other,
}

#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
impl Why {
    fn message(&self, label: &str, locale: Locale) -> String {
        let m: &Messages = messages(locale);
        match self {
            Why::Missing { choose: false } => (m.field_required)(label),
            Why::Missing { choose: true } => (m.field_choose)(label),
            Why::Format => (m.field_format)(label),
            Why::NotWhole => (m.field_whole)(label),
            Why::Below(min) => (m.field_at_least)(label, min),
            Why::Above { max, date: true } => {
                let day = chrono::NaiveDate::parse_from_str(max, "%Y-%m-%d")
                    .map_or_else(|_| max.clone(), |day| domain::time::format_date(day, locale));
                (m.field_not_after)(label, &day)
            }
            Why::Above { max, date: false } => (m.field_at_most)(label, max),
            Why::Short(min) => (m.field_too_short)(label, min),
            Why::Other => (m.field_invalid)(label),
        }
    }
}

/// The summary above a form: what is wrong, each item a link to its field. It takes the focus when it appears.
#[component]
pub fn ErrorSummary(form: FormState) -> impl IntoView {
    let m = messages(form.locale);
    let node = NodeRef::<leptos::html::Div>::new();
    #[cfg(feature = "hydrate")]
    form.mark_controls();
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        let (fields, general) = form.shown();
        if let Some(summary) = node.get()
            && (!fields.is_empty() || general.is_some())
        {
            let _ = summary.focus();
        }
    });
    let heading = form.id("problems");
    move || {
        let (fields, general) = form.shown();
        (!fields.is_empty() || general.is_some()).then(|| {
            let items = fields
                .into_iter()
                .map(|problem| match form.label(&problem.field).is_some() {
                    true => {
                        let target = form.id(&problem.field);
                        view! {
                            <li data-testid="summary-item">
                                <a href=format!("#{target}") on:click=move |event| focus_field(event, &target)>
                                    {problem.in_summary}
                                </a>
                            </li>
                        }
                        .into_any()
                    }
                    false => view! { <li data-testid="summary-item">{problem.in_summary}</li> }.into_any(),
                })
                .collect_view();
            view! {
                <div
                    class="error-summary"
                    role="alert"
                    tabindex="-1"
                    aria-labelledby=heading.clone()
                    node_ref=node
                    data-testid="error-summary"
                >
                    <h2 id=heading.clone()>{m.form_problems}</h2>
                    <ul>
                        {general.map(|message| view! { <li data-testid="summary-item">{message}</li> })}
                        {items}
                    </ul>
                </div>
            }
        })
    }
}

/// A summary link moves the focus to its field (a plain `#` link only scrolls).
fn focus_field(event: leptos::ev::MouseEvent, id: &str) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let field = document().get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(field) = field {
            event.prevent_default();
            let _ = field.focus();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (event, id);
}

/// One labelled field of a form: the label, the field's message when it has one, and the control (`children`),
/// which takes `{..form.control(name)}`.
#[component]
pub fn Field(
    form: FormState,
    name: &'static str,
    #[prop(into)] label: String,
    /// Spans the whole row of a grid form.
    #[prop(optional)]
    wide: bool,
    children: Children,
) -> impl IntoView {
    form.register(name, label.clone());
    view! {
        <div class="field" class:wide=wide>
            <label for=form.id(name)>{label}</label>
            <FieldMessage form name />
            {children()}
        </div>
    }
}

/// The message of `name`, when it has one, for a control labelled otherwise (a fieldset's legend).
#[component]
pub fn FieldMessage(form: FormState, name: &'static str) -> impl IntoView {
    let prefix = messages(form.locale).form_error_prefix;
    move || {
        form.problem(name).map(|message| {
            view! {
                <p class="field-error" id=format!("{}-error", form.id(name)) data-testid="field-error">
                    <span class="visually-hidden">{prefix} " "</span>
                    {message}
                </p>
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_the_browser_finds_is_worded_in_the_pages_language_with_the_fields_label() {
        let missing = Why::Missing { choose: false };
        assert_eq!(missing.message("Lokasi", Locale::Id), "Lokasi wajib diisi.");
        assert_eq!(missing.message("Location", Locale::En), "Location is required.");
        assert_eq!(Why::Missing { choose: true }.message("Nilai", Locale::Id), "Pilih nilai.");
        assert_eq!(Why::Short("10".into()).message("Kata sandi", Locale::Id), "Kata sandi paling sedikit 10 karakter.");
        assert_eq!(Why::Below("0".into()).message("Jumlah hadir", Locale::Id), "Jumlah hadir paling sedikit 0.");
    }

    #[test]
    fn a_date_past_its_limit_names_the_last_allowed_day_as_a_date() {
        let late = Why::Above { max: "2026-11-28".into(), date: true };
        let message = late.message("Tanggal kegiatan", Locale::Id);
        assert!(message.starts_with("Tanggal kegiatan tidak boleh setelah "), "{message}");
        assert!(message.contains("2026") && !message.contains("2026-11-28"), "{message}");
    }
}
