//! The org tree: reading nodes as domain views and placing new nodes where the tree's rules allow.

pub mod manage;
pub(crate) mod names;
pub(crate) mod path;

use crate::{ServiceError, ServiceResult, dashboard::standing, entity::org_unit};
use chrono::{DateTime, Utc};
use domain::{
    ids::OrgUnitId,
    locale::Locale,
    org::{OrgKind, OrgTreeNode, OrgUnitView, PemdaSummary, PlacementError, Timezone, check_placement},
    text::{Name, OrgCode},
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, QuerySelect,
    Set,
    sea_query::{Expr, Func},
};
use std::collections::HashMap;
use uuid::Uuid;

pub(crate) fn view(row: org_unit::Model) -> ServiceResult<OrgUnitView> {
    let corrupt =
        |what: &str, found: &str| ServiceError::Invalid(format!("stored org unit {} has {what} {found:?}", row.code));
    let kind = row.kind.parse::<OrgKind>().map_err(|_| corrupt("kind", &row.kind))?;
    let timezone = match &row.timezone {
        Some(tz) => Some(tz.parse::<Timezone>().map_err(|_| corrupt("time zone", tz))?),
        None => None,
    };
    Ok(OrgUnitView {
        id: OrgUnitId::from_uuid(row.id),
        parent_id: row.parent_id.map(OrgUnitId::from_uuid),
        pemda_id: OrgUnitId::from_uuid(row.pemda_id),
        kind,
        code: row.code,
        name: row.name,
        timezone,
        active: row.active,
    })
}

/// Every node, ordered by code.
pub async fn list_units(db: &impl ConnectionTrait) -> ServiceResult<Vec<OrgUnitView>> {
    org_unit::Entity::find().order_by_asc(org_unit::Column::Code).all(db).await?.into_iter().map(view).collect()
}

/// The whole tree.
pub async fn tree(db: &impl ConnectionTrait) -> ServiceResult<Vec<OrgTreeNode>> {
    Ok(OrgTreeNode::forest(list_units(db).await?))
}

#[derive(FromQueryResult)]
struct PemdaCount {
    pemda_id: Uuid,
    count: i64,
}

/// Every Pemda with its number of agencies and units, in two queries whatever the size of the tree.
pub async fn pemda_overview(db: &impl ConnectionTrait) -> ServiceResult<Vec<PemdaSummary>> {
    let pemda_kinds = OrgKind::ALL.into_iter().filter(|kind| kind.is_pemda()).map(OrgKind::as_str);
    let pemdas = org_unit::Entity::find()
        .filter(org_unit::Column::Kind.is_in(pemda_kinds.clone()))
        .order_by_asc(org_unit::Column::Code)
        .all(db)
        .await?;
    let counts: HashMap<Uuid, i64> = org_unit::Entity::find()
        .select_only()
        .column(org_unit::Column::PemdaId)
        .column_as(Expr::from(Func::count(Expr::col(org_unit::Column::Id))), "count")
        .filter(org_unit::Column::Kind.is_not_in(pemda_kinds))
        .group_by(org_unit::Column::PemdaId)
        .into_model::<PemdaCount>()
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.pemda_id, row.count))
        .collect();
    pemdas
        .into_iter()
        .map(|row| {
            let agency_count = counts.get(&row.id).copied().unwrap_or(0);
            Ok(PemdaSummary { pemda: view(row)?, agency_count: u32::try_from(agency_count).unwrap_or(u32::MAX) })
        })
        .collect()
}

/// The active nodes inside `scope`, ordered by code (for pickers).
pub async fn units_in_scope(
    db: &impl ConnectionTrait,
    scope: &crate::access::Scope,
) -> ServiceResult<Vec<OrgUnitView>> {
    within(db, scope, true).await
}

/// The nodes inside `scope`, deactivated ones too when `only_active` is false, ordered by code.
pub(crate) async fn within(
    db: &impl ConnectionTrait,
    scope: &crate::access::Scope,
    only_active: bool,
) -> ServiceResult<Vec<OrgUnitView>> {
    let mut query = org_unit::Entity::find().order_by_asc(org_unit::Column::Code);
    if only_active {
        query = query.filter(org_unit::Column::Active.eq(true));
    }
    query.filter(scope.condition(org_unit::Column::Path)).all(db).await?.into_iter().map(view).collect()
}

/// The node with this code, if any.
pub async fn find_by_code(db: &impl ConnectionTrait, code: &OrgCode) -> ServiceResult<Option<OrgUnitView>> {
    org_unit::Entity::find().filter(org_unit::Column::Code.eq(code.as_ref())).one(db).await?.map(view).transpose()
}

/// A node to be placed in the tree, already parsed.
#[derive(Clone, Debug)]
pub struct PlaceUnit {
    /// Stable code; identifies the node across loads.
    pub code: OrgCode,
    /// The parent's code; `None` for a root.
    pub parent: Option<OrgCode>,
    /// What kind of node.
    pub kind: OrgKind,
    /// Official name.
    pub name: Name,
    /// Time zone (Pemda nodes only).
    pub timezone: Option<Timezone>,
}

/// What [`place_unit`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placed {
    /// A new node.
    Inserted,
    /// An existing node whose name, kind, parent or time zone changed.
    Updated,
    /// Already there as given.
    Unchanged,
}

/// Inserts the node, or brings the node with the same code in line with `unit`. Rejects a placement that breaks
/// the tree's rules, and an unknown parent.
pub async fn place_unit(db: &impl ConnectionTrait, unit: &PlaceUnit, now: DateTime<Utc>) -> ServiceResult<Placed> {
    let parent = match &unit.parent {
        Some(code) => Some(
            find_by_code(db, code)
                .await?
                .ok_or_else(|| ServiceError::Invalid(format!("{}: {code}", unknown_parent_message(Locale::Id))))?,
        ),
        None => None,
    };
    check_placement(unit.kind, parent.as_ref().map(|p| p.kind), unit.timezone)
        .map_err(|err| ServiceError::Invalid(err.message(Locale::Id).to_owned()))?;
    let parent_id = parent.as_ref().map(|p| p.id.into_uuid());
    let timezone = unit.timezone.map(|tz| tz.abbreviation().to_owned());
    let existing = org_unit::Entity::find().filter(org_unit::Column::Code.eq(unit.code.as_ref())).one(db).await?;
    let id = existing.as_ref().map_or_else(Uuid::now_v7, |row| row.id);
    let parent_path = match parent_id {
        Some(parent) => org_unit::Entity::find_by_id(parent).one(db).await?.map(|row| row.path).unwrap_or_default(),
        None => "/".to_owned(),
    };
    if existing.as_ref().is_some_and(|row| parent_path.starts_with(&row.path)) {
        return Err(ServiceError::Invalid(PlacementError::BelowItself.message(Locale::Id).into()));
    }
    let path = format!("{parent_path}{id}/");
    let pemda_id = match &parent {
        _ if unit.kind.is_pemda() => id,
        Some(parent) => parent.pemda_id.into_uuid(),
        None => {
            return Err(ServiceError::Invalid(PlacementError::AgencyWithoutParent.message(Locale::Id).into()));
        }
    };
    match existing {
        Some(row)
            if (row.parent_id, row.pemda_id, row.kind.as_str(), row.name.as_str(), &row.timezone)
                == (parent_id, pemda_id, unit.kind.as_str(), unit.name.as_ref(), &timezone) =>
        {
            Ok(Placed::Unchanged)
        }
        Some(row) => {
            if row.path != path {
                move_subtree(db, &row.path, &path).await?;
            }
            let mut active: org_unit::ActiveModel = row.into();
            active.path = Set(path);
            active.parent_id = Set(parent_id);
            active.pemda_id = Set(pemda_id);
            active.kind = Set(unit.kind.as_str().to_owned());
            active.name = Set(unit.name.to_string());
            active.timezone = Set(timezone);
            active.updated_at = Set(now);
            active.update(db).await?;
            let below = standing::subtree(db, id).await?;
            standing::refresh_kept(db, &below, now).await?;
            Ok(Placed::Updated)
        }
        None => {
            org_unit::ActiveModel {
                id: Set(id),
                parent_id: Set(parent_id),
                pemda_id: Set(pemda_id),
                kind: Set(unit.kind.as_str().to_owned()),
                code: Set(unit.code.to_string()),
                path: Set(path),
                name: Set(unit.name.to_string()),
                timezone: Set(timezone),
                active: Set(true),
                created_at: Set(now),
                updated_at: Set(now),
            }
            .insert(db)
            .await?;
            standing::refresh_kept(db, &[id], now).await?;
            Ok(Placed::Inserted)
        }
    }
}

/// Rewrites the paths of every node below `old` (a moved node) to start with `new`. Row by row: a subtree is
/// a few dozen nodes, and no string expression binds its parameters alike on SQLite and PostgreSQL.
async fn move_subtree(db: &impl ConnectionTrait, old: &str, new: &str) -> ServiceResult<()> {
    let below = org_unit::Entity::find()
        .filter(path::subtree(org_unit::Column::Path, old))
        .filter(org_unit::Column::Path.ne(old))
        .all(db)
        .await?;
    for row in below {
        let path = format!("{new}{}", &row.path[old.len()..]);
        let mut active: org_unit::ActiveModel = row.into();
        active.path = Set(path);
        active.update(db).await?;
    }
    Ok(())
}

fn unknown_parent_message(locale: Locale) -> &'static str {
    match locale {
        Locale::Id => "Induk tidak ditemukan",
        Locale::En => "Parent not found",
    }
}
