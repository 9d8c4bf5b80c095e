//! A report's activity feed: every step with its actor and words, read back for the report page.

use crate::{ServiceError, ServiceResult, access::Actor, entity::report_event};
use chrono::{DateTime, Utc};
use domain::{
    ids::ActionId,
    report::{
        ReturnCode,
        view::{ActionComment, ReportEventView, ReturnNote},
    },
};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// What a step carries beside its kind.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(crate) struct Detail {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<ReturnCode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<ActionComment>,
}

impl Detail {
    pub(crate) fn text(text: impl Into<String>) -> Self {
        Self { text: Some(text.into()), ..Self::default() }
    }
}

/// Appends a step. Saving the draft again and again shows as one "updated" step, moved to the latest save.
pub(crate) async fn record(
    txn: &impl ConnectionTrait,
    report: Uuid,
    kind: &str,
    actor: &Actor,
    detail: Detail,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    let detail = serde_json::to_string(&detail).map_err(|err| ServiceError::Invalid(err.to_string()))?;
    if kind == "updated" {
        let last = report_event::Entity::find()
            .filter(report_event::Column::ReportId.eq(report))
            .order_by_desc(report_event::Column::At)
            .one(txn)
            .await?;
        if let Some(last) = last.filter(|e| e.kind == "updated" && e.actor_id == actor.user_id.into_uuid()) {
            let mut model: report_event::ActiveModel = last.into();
            model.at = Set(now);
            model.update(txn).await?;
            return Ok(());
        }
    }
    report_event::ActiveModel {
        id: Set(Uuid::now_v7()),
        report_id: Set(report),
        kind: Set(kind.to_owned()),
        actor_id: Set(actor.user_id.into_uuid()),
        at: Set(now),
        detail: Set(detail),
    }
    .insert(txn)
    .await?;
    Ok(())
}

/// The feed of a report, oldest first, with the note of its latest return or reopening.
pub(crate) async fn read(
    db: &impl ConnectionTrait,
    report: Uuid,
) -> ServiceResult<(Vec<ReportEventView>, Option<ReturnNote>)> {
    let rows = report_event::Entity::find()
        .filter(report_event::Column::ReportId.eq(report))
        .order_by_asc(report_event::Column::At)
        .order_by_asc(report_event::Column::Id)
        .all(db)
        .await?;
    let names = crate::access::names::of(db, rows.iter().map(|row| row.actor_id)).await?;
    let mut events = Vec::with_capacity(rows.len());
    let mut note = None;
    for row in rows {
        let detail: Detail = serde_json::from_str(&row.detail).unwrap_or_default();
        let actor_name = names.get(&row.actor_id).cloned().unwrap_or_default();
        if row.kind == "returned" || row.kind == "reopened" {
            note = Some(ReturnNote {
                code: detail.code,
                text: detail.text.clone().unwrap_or_default(),
                comments: detail.comments.clone(),
                by_name: actor_name.clone(),
                at: row.at,
            });
        }
        events.push(ReportEventView { kind: row.kind, actor_name, at: row.at, text: detail.text });
    }
    Ok((events, note))
}

/// The comment on `action` in `note`, if any.
pub(crate) fn comment_on(note: Option<&ReturnNote>, action: ActionId) -> Option<String> {
    note?.comments.iter().find(|c| c.action_id == action).map(|c| c.text.clone())
}
