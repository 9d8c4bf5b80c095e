//! Compiling a report from the OPD's data: the chosen values, the verified actions of the quarter under each,
//! what the self-check needs, and the snapshot a submission keeps.

use super::{feed, quarter_of, state_of};
use crate::{
    ServiceError, ServiceResult,
    entity::{
        action_value, evidence_file, kbk, kbk_action, report, report_exclusion, report_submission, selection_choice,
        value, value_selection,
    },
};
use chrono::{DateTime, NaiveDate, Utc};
use domain::{
    ids::{ActionId, ValueId},
    kbk::ActionKind,
    report::{
        Narrative, QuarterFacts,
        changes::{Snapshot, SnapshotAction},
        view::{ReportAction, ReturnNote, ValueSection},
    },
    workflow::ReviewState,
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, QuerySelect};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// A report's content as it stands.
pub(crate) struct Compiled {
    /// Actions per chosen value.
    pub sections: Vec<ValueSection>,
    /// What the self-check reads.
    pub facts: QuarterFacts,
    /// What a submission now would keep.
    pub snapshot: Snapshot,
}

pub(crate) fn narrative(row: &report::Model) -> Narrative {
    Narrative {
        achievements: row.achievements.clone(),
        obstacles: row.obstacles.clone(),
        follow_up: row.follow_up.clone(),
    }
}

/// The snapshot of `revision`, if the report was ever submitted that often.
pub(crate) async fn submission(
    db: &impl ConnectionTrait,
    report: Uuid,
    revision: i32,
) -> ServiceResult<Option<Snapshot>> {
    Ok(submissions(db, report, &[revision]).await?.remove(&revision))
}

/// The snapshots of those of `revisions` the report was submitted with, by revision, in one query.
pub(crate) async fn submissions(
    db: &impl ConnectionTrait,
    report: Uuid,
    revisions: &[i32],
) -> ServiceResult<HashMap<i32, Snapshot>> {
    let rows = report_submission::Entity::find()
        .filter(report_submission::Column::ReportId.eq(report))
        .filter(report_submission::Column::Revision.is_in(revisions.iter().copied()))
        .all(db)
        .await?;
    rows.into_iter()
        .map(|row| {
            let snapshot = serde_json::from_str(&row.snapshot)
                .map_err(|err| ServiceError::Invalid(format!("stored snapshot: {err}")))?;
            Ok((row.revision, snapshot))
        })
        .collect()
}

/// The chosen values of the OPD's selection for the year (in any state), in the order chosen, and whether the
/// selection is approved.
async fn chosen_values(db: &impl ConnectionTrait, row: &report::Model) -> ServiceResult<(Vec<value::Model>, bool)> {
    let Some(selection) = value_selection::Entity::find()
        .filter(value_selection::Column::OpdId.eq(row.opd_id))
        .filter(value_selection::Column::Year.eq(row.year))
        .one(db)
        .await?
    else {
        return Ok((Vec::new(), false));
    };
    let choices = selection_choice::Entity::find()
        .filter(selection_choice::Column::SelectionId.eq(selection.id))
        .order_by_asc(selection_choice::Column::Position)
        .all(db)
        .await?;
    let mut values: HashMap<Uuid, value::Model> = value::Entity::find()
        .filter(value::Column::Id.is_in(choices.iter().map(|c| c.value_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|v| (v.id, v))
        .collect();
    let ordered = choices.iter().filter_map(|c| values.remove(&c.value_id)).collect();
    Ok((ordered, selection.state == ReviewState::Accepted.as_str()))
}

/// What a report shows of an action: a few columns of its row, never its description.
#[derive(FromQueryResult)]
struct QuarterAction {
    id: Uuid,
    kbk_id: Uuid,
    title: String,
    kind: String,
    started_on: NaiveDate,
    attendees: i32,
    updated_at: DateTime<Utc>,
}

/// The verified actions of the OPD dated in the report's quarter; once handed in, only those it was handed in with.
async fn quarter_actions(db: &impl ConnectionTrait, row: &report::Model) -> ServiceResult<Vec<QuarterAction>> {
    use kbk_action::Column as C;
    let quarter = quarter_of(row)?;
    let (Some(start), Some(end)) = (quarter.start(row.year), quarter.end(row.year)) else {
        return Ok(Vec::new());
    };
    let mut actions = kbk_action::Entity::find()
        .select_only()
        .columns([C::Id, C::KbkId, C::Title, C::Kind, C::StartedOn, C::Attendees, C::UpdatedAt])
        .filter(C::OpdId.eq(row.opd_id))
        .filter(C::StartedOn.between(start, end))
        .filter(C::State.eq(ReviewState::Accepted.as_str()))
        .order_by_asc(C::StartedOn)
        .order_by_asc(C::Id)
        .into_model::<QuarterAction>()
        .all(db)
        .await?;
    if matches!(state_of(row)?, ReviewState::Submitted | ReviewState::Accepted) {
        let held: HashSet<ActionId> = submission(db, row.id, row.revision)
            .await?
            .map(|s| s.actions.into_iter().map(|a| a.id).collect())
            .unwrap_or_default();
        actions.retain(|a| held.contains(&ActionId::from_uuid(a.id)));
    }
    Ok(actions)
}

/// Compiles `row` from the OPD's current data; `note` supplies the reviewer's comments on single actions.
pub(crate) async fn compile(
    db: &impl ConnectionTrait,
    row: &report::Model,
    note: Option<&ReturnNote>,
) -> ServiceResult<Compiled> {
    let (values, values_approved) = chosen_values(db, row).await?;
    let actions = quarter_actions(db, row).await?;
    let ids: Vec<Uuid> = actions.iter().map(|a| a.id).collect();
    // Which of the quarter's actions live which value: a set, so each section is one pass over the actions.
    let links: HashSet<(Uuid, Uuid)> = action_value::Entity::find()
        .select_only()
        .columns([action_value::Column::ActionId, action_value::Column::ValueId])
        .filter(action_value::Column::ActionId.is_in(ids.clone()))
        .into_tuple()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let evidence: HashMap<Uuid, u32> = evidence_file::Entity::find()
        .select_only()
        .column(evidence_file::Column::ActionId)
        .column_as(evidence_file::Column::Id.count(), "files")
        .filter(evidence_file::Column::ActionId.is_in(ids.clone()))
        .group_by(evidence_file::Column::ActionId)
        .into_tuple::<(Uuid, i64)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(action, files)| (action, u32::try_from(files).unwrap_or(u32::MAX)))
        .collect();
    let groups = kbk::Entity::find().filter(kbk::Column::OpdId.eq(row.opd_id)).all(db).await?;
    let kbk_formed = groups.iter().any(|k| k.active);
    let kbks: HashMap<Uuid, String> = groups.into_iter().map(|k| (k.id, k.name)).collect();
    let excluded: HashSet<Uuid> = report_exclusion::Entity::find()
        .filter(report_exclusion::Column::ReportId.eq(row.id))
        .all(db)
        .await?
        .into_iter()
        .map(|e| e.action_id)
        .collect();

    let entry = |action: &QuarterAction| ReportAction {
        id: ActionId::from_uuid(action.id),
        title: action.title.clone(),
        kind: action.kind.parse().unwrap_or(ActionKind::LainLain),
        started_on: action.started_on,
        kbk_name: kbks.get(&action.kbk_id).cloned().unwrap_or_default(),
        attendees: u32::try_from(action.attendees).unwrap_or(0),
        evidence_count: evidence.get(&action.id).copied().unwrap_or(0),
        excluded: excluded.contains(&action.id),
        comment: feed::comment_on(note, ActionId::from_uuid(action.id)),
    };
    let sections: Vec<ValueSection> = values
        .iter()
        .map(|value| ValueSection {
            value_id: ValueId::from_uuid(value.id),
            code: value.code.clone(),
            name: value.name.clone(),
            actions: actions.iter().filter(|a| links.contains(&(a.id, value.id))).map(entry).collect(),
        })
        .collect();
    let verified_per_value = sections
        .iter()
        .map(|s| {
            let counted = s.actions.iter().filter(|a| !a.excluded).count();
            (format!("{} {}", s.code, s.name), u32::try_from(counted).unwrap_or(u32::MAX))
        })
        .collect();
    let narrative = narrative(row);
    let snapshot = Snapshot {
        actions: actions
            .iter()
            .filter(|a| !excluded.contains(&a.id))
            .filter(|a| values.iter().any(|v| links.contains(&(a.id, v.id))))
            .map(|a| SnapshotAction {
                id: ActionId::from_uuid(a.id),
                title: a.title.clone(),
                fingerprint: a.updated_at.to_rfc3339(),
            })
            .collect(),
        narrative: narrative.clone(),
    };
    let facts = QuarterFacts { kbk_formed, values_approved, verified_per_value, narrative };
    Ok(Compiled { sections, facts, snapshot })
}
