//! `/nilai`: the value catalogue. The search box filters in the browser as the user types; without JavaScript
//! the same box submits `?cari=` and the server renders the filtered list.

use super::api::{CatalogueView, load_catalogue};
use crate::components::raw_text::PageTitle;
use crate::islands::island_hydrated;
use crate::{
    components::status::ErrorPanel,
    i18n::{Locale, use_locale, use_messages},
    routes,
};
use domain::catalogue::{FrameworkDetail, PairView, SearchTerms, ValueView};
use leptos::prelude::*;

/// The catalogue page: the framework `kerangka` of the query, filtered by `cari`.
#[island(lazy)]
pub fn CataloguePage(kerangka: Option<String>, cari: Option<String>) -> impl IntoView {
    island_hydrated();
    let m = use_messages();
    let catalogue = Resource::new(move || kerangka.clone(), load_catalogue);
    let search = RwSignal::new(cari.unwrap_or_default());
    view! {
        <PageTitle text=m.values_title />
        <h1>{m.values_title}</h1>
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                match catalogue.await {
                    Ok(view) => view! { <Catalogue view search /> }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Catalogue(view: CatalogueView, search: RwSignal<String>) -> impl IntoView {
    let m = use_messages();
    let locale = use_locale();
    let CatalogueView { frameworks, selected } = view;
    let selected_id = selected.summary.id;
    let summary = selected.summary.clone();
    let counts = if summary.pair_count > 0 {
        (m.values_counts)(summary.pair_count, summary.value_count)
    } else {
        (m.values_single_count)(summary.value_count)
    };
    let detail = StoredValue::new(selected);
    let total = summary.value_count as usize;

    let picker = frameworks
        .into_iter()
        .map(|framework| {
            let current = (framework.id == selected_id).then_some("page");
            view! {
                <a href=routes::values_of(framework.id) aria-current=current data-testid="framework-link">
                    {framework.name.get(locale).to_owned()}
                </a>
            }
        })
        .collect_view();

    let shown = move || detail.with_value(|d| d.count_matching(&SearchTerms::parse(&search.get())));
    let listing = move || {
        let terms = SearchTerms::parse(&search.get());
        detail.with_value(|d| render_listing(d, &terms, locale))
    };
    let no_match = move || {
        (shown() == 0)
            .then(|| view! { <p class="empty" data-testid="no-match">{(m.values_no_match)(&search.get())}</p> })
    };

    view! {
        <nav class="framework-picker" aria-label=m.values_framework>
            {picker}
        </nav>
        <header class="framework-head">
            <h2>{summary.name.get(locale).to_owned()}</h2>
            <p class="muted">{summary.source.clone()} " · " {counts}</p>
            <p>{summary.description.get(locale).to_owned()}</p>
        </header>
        <form class="search" method="get" action=routes::VALUES role="search" on:submit=|ev| ev.prevent_default()>
            <input type="hidden" name="kerangka" value=selected_id.to_string() />
            <label for="cari">{m.values_search_label}</label>
            <div class="search-row">
                <input
                    id="cari"
                    name="cari"
                    type="search"
                    autocomplete="off"
                    placeholder=m.values_search_placeholder
                    data-testid="search"
                    prop:value=move || search.get()
                    on:input=move |ev| search.set(event_target_value(&ev))
                />
                <button type="submit">{m.values_search_submit}</button>
            </div>
        </form>
        <p class="count" aria-live="polite" data-testid="value-count">
            {move || (m.values_showing)(shown(), total)}
        </p>
        {no_match}
        <div class="catalogue">{listing}</div>
    }
}

fn render_listing(detail: &FrameworkDetail, terms: &SearchTerms, locale: Locale) -> AnyView {
    let pairs = detail
        .pairs
        .iter()
        .filter_map(|pair| {
            let values = pair.matching_values(terms);
            (!values.is_empty()).then(|| render_pair(pair, &values, locale))
        })
        .collect_view();
    let standalone = detail.standalone_matching(terms);
    let standalone = (!standalone.is_empty()).then(|| {
        view! {
            <section class="pair standalone">
                <ul class="values">{standalone.into_iter().map(|value| render_value(value, locale)).collect_view()}</ul>
            </section>
        }
    });
    view! {
        {pairs}
        {standalone}
    }
    .into_any()
}

fn render_pair(pair: &PairView, values: &[&ValueView], locale: Locale) -> impl IntoView + use<> {
    let m = crate::i18n::messages(locale);
    view! {
        <section class="pair" data-testid="pair" data-pair=pair.number>
            <header class="pair-head">
                <span class="pair-number" title=m.values_pair>
                    {pair.number}
                </span>
                <div>
                    <h3>{pair.name.get(locale).to_owned()}</h3>
                    <p class="muted">{pair.description.get(locale).to_owned()}</p>
                </div>
            </header>
            <ul class="values">{values.iter().map(|value| render_value(value, locale)).collect_view()}</ul>
        </section>
    }
}

fn render_value(value: &ValueView, locale: Locale) -> impl IntoView + use<> {
    let m = crate::i18n::messages(locale);
    let other = match locale {
        Locale::Id => Locale::En,
        Locale::En => Locale::Id,
    };
    let gloss = value.name.get(other);
    let gloss = (gloss != value.name.get(locale)).then(|| {
        view! {
            <span class="value-gloss" lang=other.tag()>
                {gloss.to_owned()}
            </span>
        }
    });
    let description = value.description.get(locale);
    let description = (!description.is_empty()).then(|| view! { <p>{description.to_owned()}</p> });
    let indicators = (!value.indicators.is_empty()).then(|| {
        view! {
            <p class="indicators-label">{m.values_indicators}</p>
            <ul class="indicators">
                {value.indicators.iter().map(|i| view! { <li>{i.text.get(locale).to_owned()}</li> }).collect_view()}
            </ul>
        }
    });
    view! {
        <li class="value" data-testid="value" data-code=value.code.clone()>
            <div class="value-head">
                <span class="value-code">{value.code.clone()}</span>
                <span class="value-name">{value.name.get(locale).to_owned()}</span>
                {gloss}
            </div>
            {description}
            {indicators}
        </li>
    }
}
