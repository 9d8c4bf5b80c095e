//! `/` for a signed-in person: their to-do, each item linked to where it is done, and their places.

use super::{
    api::MyWork,
    text::{Text, use_text},
};
use crate::{
    components::nav::places,
    i18n::{Locale, use_locale, use_messages},
    routes,
};
use domain::{time::format_date, todo::Todo, workflow::ReviewState};
use leptos::prelude::*;

/// The sentence and link of one item.
fn item(todo: &Todo, t: &Text, locale: Locale) -> (String, String) {
    match todo {
        Todo::ChooseValues { opd, year, state } => {
            let say = match state {
                Some(ReviewState::Submitted) => t.values_submitted,
                Some(ReviewState::Returned) => t.values_returned,
                _ => t.choose_values,
            };
            (say(*year), routes::opd_values(*opd))
        }
        Todo::ReportDue { opd, report, year, quarter, due_on, overdue } => {
            let say = if *overdue { t.report_overdue } else { t.report_due };
            let href = report.map_or_else(|| routes::opd_reports(*opd), routes::report);
            (say(*quarter, *year, &format_date(*due_on, locale)), href)
        }
        Todo::ReportReturned { report, year, quarter } => {
            ((t.report_returned)(*quarter, *year), routes::report(*report))
        }
        Todo::ActionsReturned { kbk, count } => {
            ((t.actions_returned)(*count), format!("{}#kegiatan", routes::kbk(*kbk)))
        }
        Todo::ActionsDraft { kbk, count } => ((t.actions_draft)(*count), format!("{}#kegiatan", routes::kbk(*kbk))),
        Todo::ActionsToVerify { kbk, count } => {
            ((t.actions_to_verify)(*count), format!("{}#kegiatan", routes::kbk(*kbk)))
        }
        Todo::ReportsToReview { count } => ((t.reports_to_review)(*count), routes::REVIEW.into()),
        Todo::SelectionsToReview { count } => ((t.selections_to_review)(*count), routes::REVIEW.into()),
    }
}

/// The to-do list and the person's places.
#[component]
pub fn TodoPage(work: MyWork) -> impl IntoView {
    let MyWork { me, items } = work;
    let t = use_text();
    let m = use_messages();
    let locale = use_locale();
    let list = if items.is_empty() {
        view! { <p class="empty" data-testid="todo-empty">{t.nothing}</p> }.into_any()
    } else {
        let rows = items
            .iter()
            .map(|todo| {
                let (text, href) = item(todo, t, locale);
                let urgent =
                    todo.is_urgent().then(|| view! { <span class="badge state-returned">{t.urgent}</span> " " });
                view! {
                    <li class="todo-item" data-testid="todo-item">
                        {urgent}
                        <a href=href>{text}</a>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="todo">{rows}</ul> }.into_any()
    };
    let (own, more) = places(&me);
    view! {
        <h1>{t.title}</h1>
        <p class="lead">{t.lead}</p>
        <section class="card" data-testid="todo">{list}</section>
        <section class="card">
            <h2>{t.places}</h2>
            <ul class="plain">
                {own.into_iter().chain(more).map(|place| view! { <li><a href=place.href()>{place.label(m)}</a></li> }).collect_view()}
            </ul>
        </section>
    }
}
