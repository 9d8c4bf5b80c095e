//! Resolving what a dashboard request shows: the node (within the caller's reach), the year, the quarter, the
//! OPD kind, and the OPDs that fall in it. A node outside the caller's reach is "not found", like any data.

use super::{
    standing::{is_opd, pemda_kinds},
    weights,
};
use crate::{
    ServiceError, ServiceResult,
    access::{self, Actor},
    entity::org_unit,
    org::path,
    programme::year,
};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use domain::{
    access::Action,
    dashboard::view::{DashboardQuery, Frame, FrameNode},
    ids::OrgUnitId,
    org::{OrgKind, Timezone},
    programme::Quarter,
};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// A resolved request: the frame, its OPDs (by name) and the Pemdas they belong to.
#[derive(Clone)]
pub(crate) struct Scope {
    pub frame: Frame,
    pub quarter: Quarter,
    /// Whether the quarter was asked for (the rates then show only it, else every quarter up to it).
    pub quarter_asked: bool,
    pub opds: Vec<org_unit::Model>,
    pub pemdas: HashMap<Uuid, org_unit::Model>,
    /// The Pemdas whose index weights the caller may set.
    pub configurable: HashSet<Uuid>,
    pub now: DateTime<Utc>,
}

impl Scope {
    /// The OPDs' ids.
    pub fn opd_ids(&self) -> Vec<Uuid> {
        self.opds.iter().map(|opd| opd.id).collect()
    }

    /// The Pemdas' ids.
    pub fn pemda_ids(&self) -> Vec<Uuid> {
        self.pemdas.keys().copied().collect()
    }

    /// The Pemda's name.
    pub fn pemda_name(&self, pemda: Uuid) -> String {
        self.pemdas.get(&pemda).map(|p| p.name.clone()).unwrap_or_default()
    }

    /// Today in the Pemda's zone.
    pub fn today(&self, pemda: Uuid) -> NaiveDate {
        let zone = self.pemdas.get(&pemda).and_then(|p| p.timezone.as_deref()).and_then(|tz| tz.parse().ok());
        zone.unwrap_or(Timezone::Wib).local(self.now).date_naive()
    }

    /// The quarters the rates and the trend cover: the asked one, or every quarter up to the frame's.
    pub fn quarters(&self) -> Vec<Quarter> {
        if self.quarter_asked {
            vec![self.quarter]
        } else {
            Quarter::ALL.into_iter().filter(|q| *q <= self.quarter).collect()
        }
    }
}

/// The latest quarter of `year` that has ended by `today` (the one being reported), or the first.
fn reported_quarter(year: i32, today: NaiveDate) -> Quarter {
    if year < today.year() {
        return Quarter::ALL[3];
    }
    Quarter::ALL.into_iter().rev().find(|q| q.end(year).is_some_and(|end| end < today)).unwrap_or(Quarter::ALL[0])
}

/// A located request: the frame and its node, before any OPD is read.
pub(crate) struct Located {
    pub frame: Frame,
    pub node: org_unit::Model,
    pub quarter: Quarter,
    pub quarter_asked: bool,
    /// Today in the node's Pemda.
    pub today: NaiveDate,
}

/// Locates `query` for `actor`: the node (within reach), year, quarter and OPD kind, and the nodes the picker
/// offers (see [`pickable`]). Reads no OPD it does not show.
pub(crate) async fn locate(
    db: &impl ConnectionTrait,
    actor: &Actor,
    query: &DashboardQuery,
    now: DateTime<Utc>,
) -> ServiceResult<Located> {
    let reach = actor
        .scope(Action::ViewDashboard)
        .ok_or_else(|| ServiceError::Forbidden("Dasbor kepatuhan untuk Peninjau, Pimpinan dan pimpinan OPD.".into()))?;
    let opd_type = query
        .opd_type
        .as_deref()
        .filter(|t| !t.is_empty())
        .map(|t| t.parse::<OrgKind>().map_err(|_| ServiceError::Invalid(format!("Jenis OPD tidak dikenal: {t}."))))
        .transpose()?;
    let node = match query.org_unit {
        Some(id) => org_unit::Entity::find_by_id(id.into_uuid())
            .one(db)
            .await?
            .filter(|unit| reach.covers(&unit.path))
            .ok_or(ServiceError::NotFound)?,
        // The first node in reach is the root of its first subtree: looked up by equal paths (or, install-wide,
        // among the tree's roots), which an index serves; a prepared `LIKE $1` cannot use one.
        None => {
            let mut tops = Condition::any().add(org_unit::Column::Path.is_in(reach.roots().iter().cloned()));
            if reach.is_install_wide() {
                tops = tops.add(org_unit::Column::ParentId.is_null());
            }
            org_unit::Entity::find()
                .filter(tops)
                .order_by_asc(org_unit::Column::Path)
                .one(db)
                .await?
                .ok_or(ServiceError::NotFound)?
        }
    };
    let year = match query.year {
        Some(year) => year.get(),
        None => year::active_year(db, node.pemda_id, now).await?,
    };
    let today = year::pemda_today(db, node.pemda_id, now).await?;
    let (quarter, quarter_asked) = match query.quarter {
        Some(n) => {
            (Quarter::try_from(n).map_err(|_| ServiceError::Invalid("Triwulan harus 1 sampai 4.".into()))?, true)
        }
        None => (reported_quarter(year, today), false),
    };
    let pickable = pickable(db, &reach, &node).await?;
    let depth = |unit: &org_unit::Model| u8::try_from(unit.path.matches('/').count()).unwrap_or(u8::MAX);
    let top = pickable.iter().map(depth).min().unwrap_or(0);
    let nodes = pickable
        .iter()
        .map(|u| FrameNode { id: OrgUnitId::from_uuid(u.id), name: u.name.clone(), depth: depth(u) - top })
        .collect();
    let frame = Frame {
        org_unit_id: OrgUnitId::from_uuid(node.id),
        org_unit_name: node.name.clone(),
        year,
        quarter: quarter.number(),
        opd_type,
        nodes,
    };
    Ok(Located { frame, node, quarter, quarter_asked, today })
}

/// The nodes the picker offers: each Pemda on the way from the top of the caller's reach down to the node in
/// view, with the Pemdas directly below each of them. Its length follows the tree's depth and fan-out (a
/// national reviewer sees the 38 provinces, then one province's regencies), never the Pemdas in reach. A
/// caller who sees no Pemda picks among the OPDs in reach instead.
async fn pickable(
    db: &impl ConnectionTrait,
    reach: &access::Scope,
    node: &org_unit::Model,
) -> ServiceResult<Vec<org_unit::Model>> {
    let steps: Vec<Uuid> =
        path::lineage(&node.path).filter(|p| reach.covers(p)).filter_map(|p| path::ids(p).last()).collect();
    let tops = reach.roots().iter().filter_map(|p| path::ids(p).last());
    let mut offered = Condition::any()
        .add(org_unit::Column::Id.is_in(steps.iter().copied().chain(tops)))
        .add(org_unit::Column::ParentId.is_in(steps));
    if reach.is_install_wide() {
        offered = offered.add(org_unit::Column::ParentId.is_null());
    }
    let pemdas = org_unit::Entity::find()
        .filter(offered)
        .filter(org_unit::Column::Kind.is_in(pemda_kinds()))
        .filter(org_unit::Column::Active.eq(true))
        .order_by_asc(org_unit::Column::Path)
        .all(db)
        .await?;
    if !pemdas.is_empty() {
        return Ok(pemdas);
    }
    Ok(org_unit::Entity::find()
        .filter(reach.condition(org_unit::Column::Path))
        .order_by_asc(org_unit::Column::Path)
        .all(db)
        .await?
        .into_iter()
        .filter(is_opd)
        .collect())
}

/// Resolves `query` for `actor`, with every OPD below the node.
pub(crate) async fn resolve(
    db: &impl ConnectionTrait,
    actor: &Actor,
    query: &DashboardQuery,
    now: DateTime<Utc>,
) -> ServiceResult<Scope> {
    let Located { frame, node, quarter, quarter_asked, .. } = locate(db, actor, query, now).await?;
    let mut opds: Vec<org_unit::Model> = org_unit::Entity::find()
        .filter(path::subtree(org_unit::Column::Path, &node.path))
        .all(db)
        .await?
        .into_iter()
        .filter(is_opd)
        .filter(|u| frame.opd_type.is_none_or(|kind| u.kind == kind.as_str()))
        .collect();
    let pemda_ids: Vec<Uuid> = opds.iter().map(|o| o.pemda_id).chain([node.pemda_id]).collect();
    let pemdas: HashMap<Uuid, org_unit::Model> = org_unit::Entity::find()
        .filter(org_unit::Column::Id.is_in(pemda_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let configurable = pemdas.values().filter(|p| weights::may_set(actor, &p.path)).map(|p| p.id).collect();
    opds.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(Scope { frame, quarter, quarter_asked, opds, pemdas, configurable, now })
}
