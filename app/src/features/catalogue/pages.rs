//! `/nilai`: the value catalogue, rendered on the server. Only the search box is an island: it shows and hides
//! the server-rendered values as the user types, so the browser gets no catalogue data and no page-sized code.
//! Without JavaScript the same box submits `?cari=` and the server hides what does not match.

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
#[component]
pub fn CataloguePage(kerangka: Option<String>, cari: Option<String>) -> impl IntoView {
    let m = use_messages();
    let catalogue = Resource::new(move || kerangka.clone(), load_catalogue);
    let cari = cari.unwrap_or_default();
    view! {
        <PageTitle text=m.values_title />
        <h1>{m.values_title}</h1>
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || {
                let cari = cari.clone();
                Suspend::new(async move {
                    match catalogue.await {
                        Ok(view) => view! { <Catalogue view cari /> }.into_any(),
                        Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Catalogue(view: CatalogueView, cari: String) -> impl IntoView {
    let m = use_messages();
    let locale = use_locale();
    let CatalogueView { frameworks, selected } = view;
    let summary = &selected.summary;
    let counts = if summary.pair_count > 0 {
        (m.values_counts)(summary.pair_count, summary.value_count)
    } else {
        (m.values_single_count)(summary.value_count)
    };
    let terms = SearchTerms::parse(&cari);

    let picker = frameworks
        .into_iter()
        .map(|framework| {
            let current = (framework.id == summary.id).then_some("page");
            view! {
                <a href=routes::values_of(framework.id) aria-current=current data-testid="framework-link">
                    {framework.name.get(locale).to_owned()}
                </a>
            }
        })
        .collect_view();

    view! {
        <nav class="framework-picker" aria-label=m.values_framework>
            {picker}
        </nav>
        <header class="framework-head">
            <h2>{summary.name.get(locale).to_owned()}</h2>
            <p class="muted">{summary.source.clone()} " · " {counts}</p>
            <p>{summary.description.get(locale).to_owned()}</p>
        </header>
        <CatalogueSearch
            framework=summary.id.to_string()
            shown=selected.count_matching(&terms)
            total=summary.value_count as usize
            cari
        />
        <div class="catalogue">{render_listing(&selected, &terms, locale)}</div>
    }
}

/// The search box, the count of values shown and the no-match notice. Typing filters the listing rendered
/// beside it; `shown` is what the server's filter by `cari` showed.
#[island]
fn CatalogueSearch(framework: String, cari: String, shown: usize, total: usize) -> impl IntoView {
    island_hydrated();
    let m = use_messages();
    let search = RwSignal::new(cari);
    let shown = RwSignal::new(shown);
    let on_input = move |ev| {
        let typed = event_target_value(&ev);
        #[cfg(feature = "hydrate")]
        shown.set(super::filter::show_matching(&SearchTerms::parse(&typed)));
        search.set(typed);
    };
    let no_match = move || {
        (shown.get() == 0)
            .then(|| view! { <p class="empty" data-testid="no-match">{(m.values_no_match)(&search.get())}</p> })
    };
    view! {
        <form class="search" method="get" action=routes::VALUES role="search" on:submit=|ev| ev.prevent_default()>
            <input type="hidden" name="kerangka" value=framework />
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
                    on:input=on_input
                />
                <button type="submit">{m.values_search_submit}</button>
            </div>
        </form>
        <p class="count" aria-live="polite" data-testid="value-count">
            {move || (m.values_showing)(shown.get(), total)}
        </p>
        {no_match}
    }
}

/// Every value, the ones `terms` does not show hidden, each with the text the browser's filter searches.
fn render_listing(detail: &FrameworkDetail, terms: &SearchTerms, locale: Locale) -> impl IntoView + use<> {
    let pairs = detail.pairs.iter().map(|pair| render_pair(pair, &pair.shown(terms), locale)).collect_view();
    let standalone = (!detail.standalone_values.is_empty()).then(|| {
        let shown = detail.standalone_shown(terms);
        view! {
            <section hidden=!shown.contains(&true) class="pair standalone">
                <ul class="values">{render_values(&detail.standalone_values, &shown, locale)}</ul>
            </section>
        }
    });
    view! {
        {pairs}
        {standalone}
    }
}

fn render_values(values: &[ValueView], shown: &[bool], locale: Locale) -> impl IntoView + use<> {
    values.iter().zip(shown).map(|(value, shown)| render_value(value, *shown, locale)).collect_view()
}

fn render_pair(pair: &PairView, shown: &[bool], locale: Locale) -> impl IntoView + use<> {
    let m = crate::i18n::messages(locale);
    view! {
        <section
            hidden=!shown.contains(&true)
            class="pair"
            data-testid="pair"
            data-pair=pair.number
            data-search=pair.search_text()
        >
            <header class="pair-head">
                <span class="pair-number" title=m.values_pair>
                    {pair.number}
                </span>
                <div>
                    <h3>{pair.name.get(locale).to_owned()}</h3>
                    <p class="muted">{pair.description.get(locale).to_owned()}</p>
                </div>
            </header>
            <ul class="values">{render_values(&pair.values, shown, locale)}</ul>
        </section>
    }
}

fn render_value(value: &ValueView, shown: bool, locale: Locale) -> impl IntoView + use<> {
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
        <li hidden=!shown class="value" data-testid="value" data-code=value.code.clone() data-search=value.search_text()>
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
