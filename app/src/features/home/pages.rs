//! The home page.

use super::{
    api::{load_regions, load_todo},
    todo::TodoPage,
};
use crate::components::raw_text::PageTitle;
use crate::{
    components::status::ErrorPanel,
    error::AppError,
    i18n::{use_locale, use_messages},
    routes,
};
use domain::org::PemdaSummary;
use leptos::prelude::*;

/// `/`: a signed-in person's to-do; for visitors, the programme explained.
#[component]
pub fn HomePage() -> impl IntoView {
    let m = use_messages();
    let work = Resource::new(|| (), |_| load_todo());
    let regions = Resource::new(|| (), |_| load_regions());
    view! {
        <PageTitle text=m.nav_home />
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                match work.await {
                    Ok(Some(work)) => view! { <TodoPage work /> }.into_any(),
                    Ok(None) => {
                        // Awaited here, not in a `Suspense` of its own: one nested in this `Suspend` takes
                        // its hydration id whenever the server gets to it, and the browser's would differ.
                        let regions = regions.await;
                        view! { <Explainer regions /> }.into_any()
                    }
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The programme in four steps, the value catalogue, and the regional governments.
#[component]
fn Explainer(regions: Result<Vec<PemdaSummary>, AppError>) -> impl IntoView {
    let m = use_messages();
    let locale = use_locale();
    view! {
        <section class="hero">
            <h1>{m.home_title}</h1>
            <p class="lead">{m.home_lead}</p>
        </section>
        <section aria-labelledby="alur">
            <h2 id="alur">{m.home_steps_title}</h2>
            <ol class="steps">
                {m
                    .home_steps
                    .iter()
                    .map(|(title, body)| {
                        view! {
                            <li>
                                <strong>{*title}</strong>
                                <span>{*body}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </section>
        <div class="cards">
            <section class="card">
                <h2>{m.home_values_title}</h2>
                <p>{m.home_values_body}</p>
                <a class="button" href=routes::VALUES>
                    {m.home_values_link}
                </a>
            </section>
            <section class="card" data-testid="regions">
                <h2>{m.home_regions_title}</h2>
                {match regions {
                            Ok(list) if list.is_empty() => view! { <p>{m.home_regions_empty}</p> }.into_any(),
                            Ok(list) => {
                                view! {
                                    <ul class="regions">
                                        {list
                                            .into_iter()
                                            .map(|region| {
                                                view! {
                                                    <li>
                                                        <strong>{region.pemda.name}</strong>
                                                        <span class="muted">
                                                            {region.pemda.kind.label(locale)} " · "
                                                            {(m.home_region_agencies)(region.agency_count as usize)}
                                                        </span>
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ul>
                                }
                                    .into_any()
                            }
                            Err(error) => view! { <ErrorPanel error /> }.into_any(),
                        }}
            </section>
        </div>
    }
}
