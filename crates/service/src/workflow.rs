//! Storing review steps (`domain::workflow`) for any reviewed table: the next state or a conflict in the user's
//! words, the state-guarded update that makes concurrent reviewers safe, and the audit action's name.

use crate::{ServiceError, ServiceResult};
use domain::{
    locale::Locale,
    workflow::{ReviewState, Step, Subject},
};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

/// A table whose rows go through the review flow.
pub(crate) trait Reviewed: EntityTrait {
    /// The object type in the audit trail.
    const OBJECT: &'static str;
    /// How the flow is worded for it.
    const SUBJECT: Subject;
    /// The message when someone else changed the row first.
    const STALE: &'static str;
    /// The primary key column.
    fn id_column() -> Self::Column;
    /// The state column.
    fn state_column() -> Self::Column;
}

/// The state after `step`, or a conflict explaining why not.
pub(crate) fn next<E: Reviewed>(from: ReviewState, step: Step) -> ServiceResult<ReviewState> {
    from.after(step, E::SUBJECT).map_err(|err| ServiceError::Conflict(err.message(Locale::Id)))
}

/// Stores `model` over row `id` only if its state is still `from`: of two reviewers acting at once, one wins
/// and the other is told to reload.
pub(crate) async fn claim<E, A>(txn: &impl ConnectionTrait, id: Uuid, from: ReviewState, model: A) -> ServiceResult<()>
where
    E: Reviewed,
    A: ActiveModelTrait<Entity = E> + Send,
{
    let claimed = E::update_many()
        .set(model)
        .filter(E::id_column().eq(id))
        .filter(E::state_column().eq(from.as_str()))
        .exec(txn)
        .await?;
    if claimed.rows_affected == 1 { Ok(()) } else { Err(ServiceError::Conflict(E::STALE.into())) }
}

/// The audit action of `step`, e.g. `action.verify`, `value_selection.approve`.
pub(crate) fn audit_action<E: Reviewed>(step: Step) -> String {
    let verb = match (step, E::SUBJECT) {
        (Step::Edit, _) => "update",
        (Step::Submit, _) => "submit",
        (Step::Accept, Subject::Selection) => "approve",
        (Step::Accept, Subject::Action) => "verify",
        (Step::Accept, Subject::Report) => "accept",
        (Step::Return, _) => "return",
        (Step::Reopen, _) => "reopen",
    };
    format!("{}.{verb}", E::OBJECT)
}

impl Reviewed for crate::entity::value_selection::Entity {
    const OBJECT: &'static str = "value_selection";
    const SUBJECT: Subject = Subject::Selection;
    const STALE: &'static str = "Pilihan nilai baru saja diubah orang lain; muat ulang halaman.";

    fn id_column() -> Self::Column {
        crate::entity::value_selection::Column::Id
    }

    fn state_column() -> Self::Column {
        crate::entity::value_selection::Column::State
    }
}

impl Reviewed for crate::entity::kbk_action::Entity {
    const OBJECT: &'static str = "action";
    const SUBJECT: Subject = Subject::Action;
    const STALE: &'static str = "Kegiatan baru saja diubah orang lain; muat ulang halaman.";

    fn id_column() -> Self::Column {
        crate::entity::kbk_action::Column::Id
    }

    fn state_column() -> Self::Column {
        crate::entity::kbk_action::Column::State
    }
}

impl Reviewed for crate::entity::report::Entity {
    const OBJECT: &'static str = "report";
    const SUBJECT: Subject = Subject::Report;
    const STALE: &'static str = "Laporan baru saja diubah orang lain; muat ulang halaman.";

    fn id_column() -> Self::Column {
        crate::entity::report::Column::Id
    }

    fn state_column() -> Self::Column {
        crate::entity::report::Column::State
    }
}
