//! A person's to-do, from their roles: the OPD's values and reports for its head and admin, their own actions
//! (and those to verify) for KBK members, and the review queues for reviewers. Each part is a few indexed
//! lookups of the person's own OPD, KBK or review reach, whatever the size of the install.

use crate::{
    ServiceResult,
    access::{Actor, reach},
    entity::kbk_action,
    kbk::groups,
    programme::{selection, year},
    report::queue,
};
use chrono::{DateTime, Utc};
use domain::{
    access::Action,
    ids::{KbkId, OrgUnitId},
    todo::{Todo, ordered},
    workflow::ReviewState,
};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};

/// Everything waiting for the actor, urgent items first (a member's work is in their home KBK).
pub async fn for_actor(db: &DatabaseConnection, actor: &Actor, now: DateTime<Utc>) -> ServiceResult<Vec<Todo>> {
    let mut items = Vec::new();
    let opd = actor
        .view
        .grants
        .iter()
        .find(|grant| grant.role.permits(Action::SubmitReport))
        .and_then(|grant| grant.org_unit_id);
    if let Some(opd) = opd {
        items.extend(opd_work(db, actor, opd, now).await?);
    }
    if let Some(kbk) = actor.home_kbk {
        items.extend(kbk_work(db, actor, kbk).await?);
    }
    if actor.may(Action::ReviewReport) {
        let inbox = queue::review_queue(db, actor, None, 1, now).await?;
        let count = inbox.per_pemda.iter().map(|pemda| pemda.waiting).sum();
        if count > 0 {
            items.push(Todo::ReportsToReview { count });
        }
    }
    if actor.may(Action::ReviewValues) {
        let waiting = selection::list_for_review(db, actor, Some(ReviewState::Submitted), None).await?;
        if !waiting.is_empty() {
            items.push(Todo::SelectionsToReview { count: waiting.len() as u64 });
        }
    }
    Ok(ordered(items))
}

/// The OPD's values until approved, and its open quarters' reports until submitted.
async fn opd_work(
    db: &DatabaseConnection,
    actor: &Actor,
    opd: OrgUnitId,
    now: DateTime<Utc>,
) -> ServiceResult<Vec<Todo>> {
    let unit = reach::visible_opd(db, actor, opd).await?;
    let year = year::active_year(db, unit.pemda_id, now).await?;
    let mut items = Vec::new();
    let chosen = selection::list_for_opd(db, actor, opd).await?.into_iter().find(|s| s.year == year);
    let state = chosen.map(|selection| selection.state);
    if state != Some(ReviewState::Accepted) {
        items.push(Todo::ChooseValues { opd, year, state });
    }
    let reports = queue::for_opd(db, actor, opd, None, None, now).await?;
    for slot in reports.quarters {
        let (quarter, year) = (slot.quarter, reports.year);
        match slot.report.as_ref().map(|report| (report.id, report.state)) {
            Some((report, ReviewState::Returned)) => items.push(Todo::ReportReturned { report, year, quarter }),
            Some((_, ReviewState::Submitted | ReviewState::Accepted)) => {}
            started if slot.open => items.push(Todo::ReportDue {
                opd,
                report: started.map(|(report, _)| report),
                year,
                quarter,
                due_on: slot.due_on,
                overdue: slot.overdue,
            }),
            _ => {}
        }
    }
    Ok(items)
}

/// The member's own returned and draft actions, and for a verifier those waiting in the KBK.
async fn kbk_work(db: &DatabaseConnection, actor: &Actor, kbk: KbkId) -> ServiceResult<Vec<Todo>> {
    let in_state = |state: ReviewState| {
        kbk_action::Entity::find()
            .filter(kbk_action::Column::KbkId.eq(kbk.into_uuid()))
            .filter(kbk_action::Column::State.eq(state.as_str()))
    };
    let mine = |state| in_state(state).filter(kbk_action::Column::AuthorId.eq(actor.user_id.into_uuid()));
    let mut items = Vec::new();
    let returned = mine(ReviewState::Returned).count(db).await?;
    if returned > 0 {
        items.push(Todo::ActionsReturned { kbk, count: returned });
    }
    let drafts = mine(ReviewState::Draft).count(db).await?;
    if drafts > 0 {
        items.push(Todo::ActionsDraft { kbk, count: drafts });
    }
    if groups::seat_of(db, actor, kbk.into_uuid()).await?.is_some_and(|seat| seat.verifies()) {
        let waiting = in_state(ReviewState::Submitted)
            .filter(kbk_action::Column::AuthorId.ne(actor.user_id.into_uuid()))
            .count(db)
            .await?;
        if waiting > 0 {
            items.push(Todo::ActionsToVerify { kbk, count: waiting });
        }
    }
    Ok(items)
}
