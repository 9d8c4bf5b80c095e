//! Extension requests: an OPD asks for a later due date with a reason before it first submits; a Peninjau
//! grants a new date or refuses. Both the request and the decision are kept.

use super::{
    feed::{self, Detail},
    flow::title,
    summary::{Calendar, summary},
    visible,
};
use crate::{
    ServiceError, ServiceResult,
    access::{Actor, reach},
    audit::{self, AuditEntry, RequestMeta},
    entity::{extension_request, report},
    notify,
};
use chrono::{DateTime, NaiveDate, Utc};
use domain::{
    access::Action,
    field::Problem,
    ids::{ExtensionId, ReportId},
    locale::Locale,
    report::{
        NOTE_MAX,
        view::{ExtensionState, ExtensionView},
    },
    text::{parse_optional_text, parse_text},
    time::format_date,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use uuid::Uuid;

/// The report's requests, newest first.
pub(crate) async fn views(db: &impl ConnectionTrait, report: Uuid) -> ServiceResult<Vec<ExtensionView>> {
    let rows = extension_request::Entity::find()
        .filter(extension_request::Column::ReportId.eq(report))
        .order_by_desc(extension_request::Column::RequestedAt)
        .all(db)
        .await?;
    let names = crate::access::names::of(db, rows.iter().map(|r| r.requested_by)).await?;
    Ok(rows
        .into_iter()
        .map(|row| ExtensionView {
            id: ExtensionId::from_uuid(row.id),
            requested_by_name: names.get(&row.requested_by).cloned().unwrap_or_default(),
            reason: row.reason,
            requested_at: row.requested_at,
            state: row.state.parse().unwrap_or(ExtensionState::Pending),
            granted_to: row.granted_to,
            note: row.note,
            decided_at: row.decided_at,
        })
        .collect())
}

/// Asks for a later due date (Kepala or Admin OPD), before the report is first submitted.
pub async fn request(
    db: &DatabaseConnection,
    actor: &Actor,
    id: ReportId,
    reason: &str,
    meta: &RequestMeta,
    now: DateTime<Utc>,
) -> ServiceResult<ExtensionView> {
    let (row, unit) = visible(db, actor, id).await?;
    reach::require(actor, Action::SubmitReport, &unit.path)?;
    let reason = parse_text(reason, NOTE_MAX).map_err(|err| ServiceError::field("reason", Problem::Text(err)))?;
    if row.first_submitted_at.is_some() {
        return Err(ServiceError::Conflict(
            "Laporan ini sudah pernah diajukan; batas waktunya tidak lagi berlaku.".into(),
        ));
    }
    let pending = extension_request::Entity::find()
        .filter(extension_request::Column::ReportId.eq(row.id))
        .filter(extension_request::Column::State.eq(ExtensionState::Pending.as_str()))
        .one(db)
        .await?;
    if pending.is_some() {
        return Err(ServiceError::Conflict("Permohonan perpanjangan sebelumnya belum diputuskan.".into()));
    }
    let txn = db.begin().await?;
    let stored = extension_request::ActiveModel {
        id: Set(Uuid::now_v7()),
        report_id: Set(row.id),
        reason: Set(reason.clone()),
        requested_by: Set(actor.user_id.into_uuid()),
        requested_at: Set(now),
        state: Set(ExtensionState::Pending.as_str().to_owned()),
        granted_to: Set(None),
        note: Set(None),
        decided_by: Set(None),
        decided_at: Set(None),
    }
    .insert(&txn)
    .await?;
    feed::record(&txn, row.id, "extension_requested", actor, Detail::text(reason.clone()), now).await?;
    let mut entry = AuditEntry::by(actor, "extension_request.create", "extension_request", stored.id, row.pemda_id);
    entry.after = Some(serde_json::json!({ "report": row.id, "reason": reason }));
    audit::record(&txn, entry, meta, now).await?;
    let message = format!("{}: permohonan perpanjangan batas waktu.", title(&row, &unit.name));
    let reviewers = notify::reviewers_of(&txn, &unit.path).await?;
    notify::send(&txn, &reviewers, Some(actor), "extension_requested", Some(row.id), &message, now).await?;
    let view = views(&txn, row.id).await?.into_iter().find(|v| v.id.into_uuid() == stored.id);
    txn.commit().await?;
    view.ok_or(ServiceError::NotFound)
}

/// A reviewer's answer to a request.
#[derive(Clone, Debug)]
pub enum ExtensionDecision {
    /// A new due date, after the one in force.
    Grant {
        /// The new due date.
        due_on: NaiveDate,
        /// Optional note.
        note: Option<String>,
    },
    /// Refused, with the reason.
    Refuse {
        /// Why.
        note: String,
    },
}

/// Grants or refuses a pending request (a Peninjau whose subtree holds the OPD).
pub async fn decide(
    db: &DatabaseConnection,
    actor: &Actor,
    id: ExtensionId,
    decision: ExtensionDecision,
    meta: &RequestMeta,
    now: DateTime<Utc>,
) -> ServiceResult<ExtensionView> {
    let request = extension_request::Entity::find_by_id(id.into_uuid()).one(db).await?.ok_or(ServiceError::NotFound)?;
    let (row, unit) = visible(db, actor, ReportId::from_uuid(request.report_id)).await?;
    reach::require(actor, Action::ReviewReport, &unit.path)?;
    if request.state != ExtensionState::Pending.as_str() {
        return Err(ServiceError::Conflict("Permohonan ini sudah diputuskan.".into()));
    }
    let calendar = Calendar::load(db, &[(row.opd_id, row.pemda_id, row.year)]).await?;
    let due = summary(&calendar, &row, now)?.due_on;
    let (state, granted_to, note) = match decision {
        ExtensionDecision::Grant { due_on, note } => {
            if due_on <= due {
                return Err(ServiceError::field("due_on", Problem::DueNotAfter { due }));
            }
            let note = parse_optional_text(note.as_deref(), NOTE_MAX)
                .map_err(|err| ServiceError::field("note", Problem::Text(err)))?;
            (ExtensionState::Granted, Some(due_on), note)
        }
        ExtensionDecision::Refuse { note } => {
            let note = parse_text(&note, NOTE_MAX).map_err(|err| ServiceError::field("note", Problem::Text(err)))?;
            (ExtensionState::Refused, None, Some(note))
        }
    };
    let txn = db.begin().await?;
    let mut model: extension_request::ActiveModel = request.clone().into();
    model.state = Set(state.as_str().to_owned());
    model.granted_to = Set(granted_to);
    model.note = Set(note.clone());
    model.decided_by = Set(Some(actor.user_id.into_uuid()));
    model.decided_at = Set(Some(now));
    model.update(&txn).await?;
    if let Some(to) = granted_to {
        let mut report: report::ActiveModel = row.clone().into();
        report.extended_to = Set(Some(to));
        report.updated_at = Set(now);
        report.update(&txn).await?;
        crate::dashboard::standing::refresh(&txn, &[row.opd_id], &[row.year]).await?;
    }
    let (kind, verb, message) = match granted_to {
        Some(to) => (
            "extension_granted",
            "grant",
            format!("{}: perpanjangan dikabulkan hingga {}.", title(&row, &unit.name), format_date(to, Locale::Id)),
        ),
        None => ("extension_refused", "refuse", format!("{}: perpanjangan ditolak.", title(&row, &unit.name))),
    };
    let text = note.clone().map_or_else(|| message.clone(), |note| format!("{message} {note}"));
    feed::record(&txn, row.id, kind, actor, Detail::text(text.clone()), now).await?;
    let action = format!("extension_request.{verb}");
    let mut entry = AuditEntry::by(actor, &action, "extension_request", request.id, row.pemda_id);
    entry.before = Some(serde_json::json!({ "state": request.state, "due_on": due }));
    entry.after = Some(serde_json::json!({ "state": state.as_str(), "granted_to": granted_to, "note": note }));
    audit::record(&txn, entry, meta, now).await?;
    let heads = notify::heads_of(&txn, unit.id).await?;
    notify::send(&txn, &heads, Some(actor), "extension_decided", Some(row.id), &text, now).await?;
    let view = views(&txn, row.id).await?.into_iter().find(|v| v.id == id);
    txn.commit().await?;
    view.ok_or(ServiceError::NotFound)
}
