//! A report's life: created for a quarter that has begun, edited and submitted by the OPD, accepted or returned
//! (with a code, words and comments on single actions) by a Peninjau, reopened only by a reviewer.

use super::{
    compile::{compile, narrative, submission, submissions},
    extension, feed,
    feed::Detail,
    quarter_of, shown, state_of,
    summary::{Calendar, summaries, summary},
    visible,
};
use crate::{
    ServiceError, ServiceResult,
    access::{
        Actor,
        reach::{self, InOpd},
    },
    audit::{self, AuditEntry, RequestMeta},
    dashboard::{standing, tally},
    entity::{org_unit, report, report_exclusion, report_submission},
    notify,
    programme::year,
    workflow,
};
use chrono::{DateTime, Utc};
use domain::{
    access::Action,
    field::Problem,
    ids::{ActionId, OrgUnitId, ReportId},
    locale::Locale,
    programme::{ProgrammeYear, Quarter},
    report::{
        NOTE_MAX, Narrative, REASON_MAX, ReturnCode, ReturnReason,
        changes::{ReportChanges, diff},
        is_late, self_check,
        view::{ActionComment, ReportView},
    },
    text::parse_text,
    workflow::{ReviewState, Step, Subject},
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set, TransactionTrait,
};
use uuid::Uuid;

fn invalid(message: impl Into<String>) -> ServiceError {
    ServiceError::Invalid(message.into())
}

/// "Laporan Triwulan II 2026 Dinas Lingkungan Hidup".
pub(crate) fn title(row: &report::Model, opd_name: &str) -> String {
    let quarter = quarter_of(row).map(|q| q.label(Locale::Id)).unwrap_or_default();
    format!("Laporan {quarter} {} {opd_name}", row.year)
}

/// The report in full, as `actor` sees it.
pub(crate) async fn view(
    db: &impl ConnectionTrait,
    row: report::Model,
    now: DateTime<Utc>,
) -> ServiceResult<ReportView> {
    let state = state_of(&row)?;
    let summary = summaries(db, std::slice::from_ref(&row), now).await?.pop().ok_or(ServiceError::NotFound)?;
    let (events, note) = feed::read(db, row.id).await?;
    // The last reason stays in view until the OPD hands the report in again.
    let note = note.filter(|_| state.is_editable() && row.revision > 0);
    let compiled = compile(db, &row, note.as_ref()).await?;
    Ok(ReportView {
        summary,
        narrative: narrative(&row),
        sections: compiled.sections,
        checks: if state.is_editable() { self_check(&compiled.facts) } else { Vec::new() },
        return_note: note,
        extensions: extension::views(db, row.id).await?,
        events,
    })
}

fn entry<'a>(actor: &'a Actor, action: &'a str, row: &report::Model) -> AuditEntry<'a> {
    AuditEntry::by(actor, action, "report", row.id, row.pemda_id)
}

/// One report.
pub async fn get(
    db: &DatabaseConnection,
    actor: &Actor,
    id: ReportId,
    now: DateTime<Utc>,
) -> ServiceResult<ReportView> {
    let (row, _) = visible(db, actor, id).await?;
    view(db, row, now).await
}

/// Starts the OPD's report for a quarter that has begun, as an empty draft.
pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    opd: OrgUnitId,
    year: ProgrammeYear,
    quarter: Quarter,
    meta: &RequestMeta,
    now: DateTime<Utc>,
) -> ServiceResult<ReportView> {
    let year = year.get();
    let unit = reach::opd_for(db, actor, opd, Action::SubmitReport).await?;
    let today = year::pemda_today(db, unit.pemda_id, now).await?;
    if quarter.start(year).is_none_or(|start| start > today) {
        return Err(invalid(format!(
            "{} {year} belum dimulai; laporannya dibuat setelah triwulan berjalan.",
            quarter.label(Locale::Id)
        )));
    }
    let existing = report::Entity::find()
        .filter(report::Column::OpdId.eq(unit.id))
        .filter(report::Column::Year.eq(year))
        .filter(report::Column::Quarter.eq(i16::from(quarter.number())))
        .one(db)
        .await?;
    if existing.is_some() {
        return Err(ServiceError::Conflict(format!("Laporan {} {year} sudah ada.", quarter.label(Locale::Id))));
    }
    let txn = db.begin().await?;
    let row = report::ActiveModel {
        id: Set(Uuid::now_v7()),
        pemda_id: Set(unit.pemda_id),
        opd_id: Set(unit.id),
        year: Set(year),
        quarter: Set(i16::from(quarter.number())),
        state: Set(ReviewState::Draft.as_str().to_owned()),
        achievements: Set(String::new()),
        obstacles: Set(String::new()),
        follow_up: Set(String::new()),
        extended_to: Set(None),
        revision: Set(0),
        first_submitted_at: Set(None),
        submitted_at: Set(None),
        late: Set(false),
        decided_at: Set(None),
        decided_by: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    feed::record(&txn, row.id, "created", actor, Detail::default(), now).await?;
    standing::refresh(&txn, &[row.opd_id], &[row.year]).await?;
    let mut audit_entry = entry(actor, "report.create", &row);
    audit_entry.after = serde_json::to_value(summaries(&txn, std::slice::from_ref(&row), now).await?).ok();
    audit::record(&txn, audit_entry, meta, now).await?;
    let created = view(&txn, row, now).await?;
    txn.commit().await?;
    Ok(created)
}

/// Applies `step` inside `txn`: checks the state allows it and nobody changed the report since it was read,
/// stores it with `change` applied and writes the audit entry (before and after). Callers refresh the
/// dashboard standing after recording the step in the feed, whose returns it counts.
async fn transition(
    txn: &impl ConnectionTrait,
    actor: &Actor,
    row: report::Model,
    step: Step,
    change: impl FnOnce(&mut report::ActiveModel),
    meta: &RequestMeta,
    now: DateTime<Utc>,
) -> ServiceResult<report::Model> {
    let from = state_of(&row)?;
    let to = workflow::next::<report::Entity>(from, step)?;
    let mut model: report::ActiveModel = row.clone().into();
    model.state = Set(to.as_str().to_owned());
    model.updated_at = Set(now);
    change(&mut model);
    workflow::claim(txn, row.id, from, model).await?;
    let stored = report::Entity::find_by_id(row.id).one(txn).await?.ok_or(ServiceError::NotFound)?;
    if to == ReviewState::Accepted {
        let held = submission(txn, stored.id, stored.revision).await?.unwrap_or_default();
        tally::report_accepted(txn, &stored, &held).await?;
    } else if from == ReviewState::Accepted {
        tally::report_reopened(txn, &stored).await?;
    }
    let action = workflow::audit_action::<report::Entity>(step);
    let mut audit_entry = entry(actor, &action, &row);
    let snapshot =
        |r: &report::Model| serde_json::json!({ "state": r.state, "narrative": narrative(r), "revision": r.revision });
    audit_entry.before = Some(snapshot(&row));
    audit_entry.after = Some(snapshot(&stored));
    audit::record(txn, audit_entry, meta, now).await?;
    Ok(stored)
}

/// What the OPD changes in a draft or returned report; `None` leaves that part as it is.
#[derive(Clone, Debug, Default)]
pub struct ReportEdit {
    /// The narrative sections.
    pub narrative: Option<Narrative>,
    /// Verified actions of the quarter to leave out.
    pub excluded: Option<Vec<ActionId>>,
}

/// Parses the three narrative sections, naming the section at fault.
pub fn parse_narrative(achievements: &str, obstacles: &str, follow_up: &str) -> ServiceResult<Narrative> {
    Narrative::parse(achievements, obstacles, follow_up)
        .map_err(|(section, err)| invalid(format!("{}: {}", section.label(Locale::Id), err.message(Locale::Id))))
}

/// The report, if the actor may see it and act on it as `action`.
async fn for_action(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: ReportId,
    action: Action,
) -> ServiceResult<(report::Model, org_unit::Model)> {
    let (row, unit) = visible(db, actor, id).await?;
    reach::require(actor, action, &unit.path)?;
    Ok((row, unit))
}

fn refuse_step(row: &report::Model, step: Step) -> ServiceResult<()> {
    state_of(row)?.after(step, Subject::Report).map(|_| ()).map_err(|err| {
        let mut message = err.message(Locale::Id);
        if err.state == ReviewState::Accepted {
            message.push_str(" Laporan yang diterima terkunci beserta kegiatannya; Peninjau dapat membukanya kembali.");
        }
        ServiceError::Conflict(message)
    })
}

/// Changes the narrative or the left-out actions of a draft or returned report (which becomes a draft again).
pub async fn update(
    db: &DatabaseConnection,
    actor: &Actor,
    id: ReportId,
    edit: ReportEdit,
    meta: &RequestMeta,
    now: DateTime<Utc>,
) -> ServiceResult<ReportView> {
    let (row, _) = for_action(db, actor, id, Action::SubmitReport).await?;
    refuse_step(&row, Step::Edit)?;
    if let Some(excluded) = &edit.excluded {
        let compiled = compile(db, &row, None).await?;
        let known = |id: &ActionId| compiled.sections.iter().flat_map(|s| &s.actions).any(|a| a.id == *id);
        if !excluded.iter().all(known) {
            return Err(invalid("Hanya kegiatan terverifikasi triwulan ini yang dapat dikecualikan dari laporan."));
        }
    }
    let txn = db.begin().await?;
    if let Some(excluded) = &edit.excluded {
        report_exclusion::Entity::delete_many()
            .filter(report_exclusion::Column::ReportId.eq(row.id))
            .exec(&txn)
            .await?;
        for action in excluded {
            report_exclusion::ActiveModel { report_id: Set(row.id), action_id: Set(action.into_uuid()) }
                .insert(&txn)
                .await?;
        }
    }
    let updated = transition(
        &txn,
        actor,
        row,
        Step::Edit,
        |model| {
            if let Some(narrative) = edit.narrative {
                model.achievements = Set(narrative.achievements);
                model.obstacles = Set(narrative.obstacles);
                model.follow_up = Set(narrative.follow_up);
            }
        },
        meta,
        now,
    )
    .await?;
    feed::record(&txn, updated.id, "updated", actor, Detail::default(), now).await?;
    standing::refresh(&txn, &[updated.opd_id], &[updated.year]).await?;
    let updated = view(&txn, updated, now).await?;
    txn.commit().await?;
    Ok(updated)
}

/// Hands the report to the bureau once its self-check passes; the first submission fixes whether it was late.
pub async fn submit(
    db: &DatabaseConnection,
    actor: &Actor,
    id: ReportId,
    meta: &RequestMeta,
    now: DateTime<Utc>,
) -> ServiceResult<ReportView> {
    let (row, unit) = for_action(db, actor, id, Action::SubmitReport).await?;
    refuse_step(&row, Step::Submit)?;
    let compiled = compile(db, &row, None).await?;
    let failures = self_check(&compiled.facts);
    if !failures.is_empty() {
        let reasons: Vec<String> = failures.iter().map(|f| f.message(Locale::Id)).collect();
        return Err(invalid(format!("Laporan belum dapat diajukan. {}", reasons.join(" "))));
    }
    let calendar = Calendar::load(db, &[(row.opd_id, row.pemda_id, row.year)]).await?;
    let due = summary(&calendar, &row, now)?.due_on;
    let late = row.first_submitted_at.map_or_else(|| is_late(now, due, calendar.zone(row.pemda_id)), |_| row.late);
    let revision = row.revision + 1;
    let snapshot = serde_json::to_string(&compiled.snapshot).map_err(|err| invalid(err.to_string()))?;
    let txn = db.begin().await?;
    report_submission::ActiveModel {
        id: Set(Uuid::now_v7()),
        report_id: Set(row.id),
        revision: Set(revision),
        submitted_at: Set(now),
        submitted_by: Set(actor.user_id.into_uuid()),
        snapshot: Set(snapshot),
    }
    .insert(&txn)
    .await?;
    let first = row.first_submitted_at.unwrap_or(now);
    let submitted = transition(
        &txn,
        actor,
        row,
        Step::Submit,
        |model| {
            model.revision = Set(revision);
            model.first_submitted_at = Set(Some(first));
            model.submitted_at = Set(Some(now));
            model.late = Set(late);
        },
        meta,
        now,
    )
    .await?;
    let text = late.then(|| "Diajukan setelah batas waktu.".to_owned());
    feed::record(&txn, submitted.id, "submitted", actor, Detail { text, ..Detail::default() }, now).await?;
    standing::refresh(&txn, &[submitted.opd_id], &[submitted.year]).await?;
    let again = if revision > 1 { " kembali" } else { "" };
    let late_note = if late { " (terlambat)" } else { "" };
    let message = format!("{} diajukan{again}{late_note}.", title(&submitted, &unit.name));
    let reviewers = notify::reviewers_of(&txn, &unit.path).await?;
    notify::send(&txn, &reviewers, Some(actor), "submitted", Some(submitted.id), &message, now).await?;
    let submitted = view(&txn, submitted, now).await?;
    txn.commit().await?;
    Ok(submitted)
}

/// The reviewer's decision on a submitted report.
#[derive(Clone, Debug)]
pub enum Decision {
    /// Accept: the report and its actions are locked.
    Accept,
    /// Return to the OPD: a code, words, and optional comments on single actions.
    Return {
        /// The code.
        code: ReturnCode,
        /// The words.
        text: String,
        /// Comments on single actions of the report.
        comments: Vec<ActionComment>,
    },
}

/// Accepts or returns a submitted report (a Peninjau whose subtree holds the OPD).
pub async fn decide(
    db: &DatabaseConnection,
    actor: &Actor,
    id: ReportId,
    decision: Decision,
    meta: &RequestMeta,
    now: DateTime<Utc>,
) -> ServiceResult<ReportView> {
    let (row, unit) = for_action(db, actor, id, Action::ReviewReport).await?;
    let (step, kind, detail) = match decision {
        Decision::Accept => (Step::Accept, "accepted", Detail::default()),
        Decision::Return { code, text, comments } => {
            let reason =
                ReturnReason::parse(code, &text).map_err(|err| ServiceError::field("reason", Problem::Text(err)))?;
            let held = submission(db, row.id, row.revision).await?.unwrap_or_default();
            let mut kept = Vec::new();
            for comment in comments {
                let text = parse_text(&comment.text, NOTE_MAX)
                    .map_err(|err| invalid(format!("Komentar kegiatan: {}", err.message(Locale::Id))))?;
                if !held.actions.iter().any(|a| a.id == comment.action_id) {
                    return Err(invalid("Komentar hanya untuk kegiatan yang ada dalam laporan ini."));
                }
                kept.push(ActionComment { action_id: comment.action_id, text });
            }
            (Step::Return, "returned", Detail { code: Some(reason.code), text: Some(reason.text), comments: kept })
        }
    };
    refuse_step(&row, step)?;
    let txn = db.begin().await?;
    let decided = transition(
        &txn,
        actor,
        row,
        step,
        |model| {
            model.decided_at = Set(Some(now));
            model.decided_by = Set(Some(actor.user_id.into_uuid()));
        },
        meta,
        now,
    )
    .await?;
    let message = match (&detail.code, &detail.text) {
        (Some(code), Some(text)) => {
            format!("{} dikembalikan: {}. {text}", title(&decided, &unit.name), code.label(Locale::Id))
        }
        _ => format!("{} diterima.", title(&decided, &unit.name)),
    };
    feed::record(&txn, decided.id, kind, actor, detail, now).await?;
    standing::refresh(&txn, &[decided.opd_id], &[decided.year]).await?;
    let heads = notify::heads_of(&txn, unit.id).await?;
    notify::send(&txn, &heads, Some(actor), kind, Some(decided.id), &message, now).await?;
    let decided = view(&txn, decided, now).await?;
    txn.commit().await?;
    Ok(decided)
}

/// Reopens an accepted report with a reason: it goes back to the OPD, unlocked.
pub async fn reopen(
    db: &DatabaseConnection,
    actor: &Actor,
    id: ReportId,
    reason: &str,
    meta: &RequestMeta,
    now: DateTime<Utc>,
) -> ServiceResult<ReportView> {
    let (row, unit) = for_action(db, actor, id, Action::ReviewReport).await?;
    let reason = parse_text(reason, REASON_MAX).map_err(|err| ServiceError::field("reason", Problem::Text(err)))?;
    refuse_step(&row, Step::Reopen)?;
    let txn = db.begin().await?;
    let reopened = transition(&txn, actor, row, Step::Reopen, |_| {}, meta, now).await?;
    let message = format!("{} dibuka kembali: {reason}", title(&reopened, &unit.name));
    feed::record(&txn, reopened.id, "reopened", actor, Detail::text(reason), now).await?;
    standing::refresh(&txn, &[reopened.opd_id], &[reopened.year]).await?;
    let heads = notify::heads_of(&txn, unit.id).await?;
    notify::send(&txn, &heads, Some(actor), "reopened", Some(reopened.id), &message, now).await?;
    let reopened = view(&txn, reopened, now).await?;
    txn.commit().await?;
    Ok(reopened)
}

/// What changed between the submission the reviewer sent back and the latest one (empty before a resubmission).
pub async fn changes(db: &DatabaseConnection, actor: &Actor, id: ReportId) -> ServiceResult<ReportChanges> {
    let (row, _) = visible(db, actor, id).await?;
    changes_of(db, &row).await
}

/// The report's page: the report with its OPD and Pemda time zone (read once), and its changes since the last return.
pub async fn page(
    db: &DatabaseConnection,
    actor: &Actor,
    id: ReportId,
    now: DateTime<Utc>,
) -> ServiceResult<(InOpd<ReportView>, ReportChanges)> {
    let InOpd { row, opd, timezone } = shown(db, actor, id).await?;
    let changes = changes_of(db, &row).await?;
    Ok((InOpd { row: view(db, row, now).await?, opd, timezone }, changes))
}

async fn changes_of(db: &impl ConnectionTrait, row: &report::Model) -> ServiceResult<ReportChanges> {
    let mut kept = submissions(db, row.id, &[row.revision, row.revision - 1]).await?;
    let (Some(now), Some(before)) = (kept.remove(&row.revision), kept.remove(&(row.revision - 1))) else {
        return Ok(ReportChanges::default());
    };
    Ok(diff(&before, u32::try_from(row.revision - 1).unwrap_or(0), &now))
}
