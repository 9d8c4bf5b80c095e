//! The names of org units, for views that show each row's unit beside it.

use crate::{ServiceResult, entity::org_unit};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use std::collections::HashMap;
use uuid::Uuid;

/// The names of the units `ids`, by id: one query, or none when every id is the unit the caller already holds.
pub(crate) async fn of(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = Uuid>,
    known: Option<&org_unit::Model>,
) -> ServiceResult<HashMap<Uuid, String>> {
    let ids: Vec<Uuid> = ids.into_iter().collect();
    if let Some(unit) = known.filter(|unit| ids.iter().all(|id| *id == unit.id)) {
        return Ok(HashMap::from([(unit.id, unit.name.clone())]));
    }
    let rows: Vec<(Uuid, String)> = org_unit::Entity::find()
        .select_only()
        .column(org_unit::Column::Id)
        .column(org_unit::Column::Name)
        .filter(org_unit::Column::Id.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}
