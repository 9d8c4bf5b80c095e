//! The summary-first dashboard of a node: headline figures and their change since the quarter before, one
//! row per child Pemda, the OPDs that need attention, and one page of the node's OPDs in the order asked. It
//! reads roll-ups (one row per child node and OPD kind) and one page of standings, never every OPD below the
//! node, so a province costs what a Pemda costs.

use super::{
    frame::{self, Located},
    standing::{self, Counts, is_pemda, pemda_kinds},
    weights,
};
use crate::{
    ServiceError, ServiceResult, access::Actor, entity::opd_standing, entity::org_unit, keyset, org::path,
    report::summary::Calendar,
};
use chrono::{DateTime, NaiveDate, Utc};
use domain::{
    dashboard::{
        Band,
        overview::{Headline, NodeRow, OpdOrder, OpdPage, OpdRow, Overview, Tally},
        view::{DashboardQuery, WeightsVersion},
    },
    ids::{OrgUnitId, ReportId},
    org::OrgKind,
    programme::Quarter,
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Select};
use std::collections::BTreeSet;
use uuid::Uuid;

/// OPDs per page, unless asked for fewer or more.
pub const PAGE: u64 = 25;
/// The most OPDs one page holds.
pub const MAX_PAGE: u64 = 100;
/// OPDs listed as needing attention.
const ATTENTION: u64 = 5;

/// One page of the OPD table: its order and where it starts (the last OPD of the page before).
#[derive(Clone, Copy, Debug, Default)]
pub struct PageRequest {
    /// The order.
    pub order: OpdOrder,
    /// The OPD the page starts after.
    pub after: Option<OrgUnitId>,
    /// How many OPDs (default [`PAGE`]; 1 to [`MAX_PAGE`], else the request is refused).
    pub limit: Option<u64>,
}

/// The quarter before `quarter` of `year`.
fn previous(year: i32, quarter: i16) -> (i32, i16) {
    if quarter == 1 { (year - 1, 4) } else { (year, quarter - 1) }
}

/// The standings of the node's subtree in one quarter (a path range, so an index serves it).
pub(super) fn in_subtree(
    node: &org_unit::Model,
    year: i32,
    quarter: i16,
    kind: Option<&str>,
) -> Select<opd_standing::Entity> {
    use opd_standing::Column as S;
    let mut select = opd_standing::Entity::find()
        .filter(S::Year.eq(year))
        .filter(S::Quarter.eq(quarter))
        .filter(path::subtree(S::Path, &node.path));
    if let Some(kind) = kind {
        select = select.filter(S::Kind.eq(kind));
    }
    select
}

/// The node's figures in `(year, quarter)`: its roll-up for a Pemda, else the sum of its few standings.
async fn figures(
    db: &impl ConnectionTrait,
    node: &org_unit::Model,
    year: i32,
    quarter: i16,
    kind: Option<&str>,
) -> ServiceResult<Tally> {
    if is_pemda(node) {
        let rollups = standing::rollups(db, &[node.id], year, quarter, kind).await?;
        return Ok(rollups.get(&node.id).map(Counts::tally).unwrap_or_default());
    }
    let rows = in_subtree(node, year, quarter, kind).all(db).await?;
    Ok(rows.iter().fold(Counts::default(), |sum, row| sum.plus(&Counts::of(row))).tally())
}

/// A row per child Pemda, then one for the node's own OPDs if it has any.
async fn children(
    db: &impl ConnectionTrait,
    node: &org_unit::Model,
    total: &Tally,
    year: i32,
    quarter: i16,
    kind: Option<&str>,
) -> ServiceResult<Vec<NodeRow>> {
    if !is_pemda(node) {
        return Ok(vec![]);
    }
    let below = org_unit::Entity::find()
        .filter(org_unit::Column::ParentId.eq(node.id))
        .filter(org_unit::Column::Kind.is_in(pemda_kinds()))
        .filter(org_unit::Column::Active.eq(true))
        .order_by_asc(org_unit::Column::Name)
        .all(db)
        .await?;
    let ids: Vec<Uuid> = below.iter().map(|u| u.id).collect();
    let rollups = standing::rollups(db, &ids, year, quarter, kind).await?;
    let mut own = total.clone();
    let mut rows = Vec::new();
    for unit in &below {
        let tally = rollups.get(&unit.id).map(Counts::tally).unwrap_or_default();
        own.subtract(&tally);
        rows.push(NodeRow { id: Some(OrgUnitId::from_uuid(unit.id)), name: unit.name.clone(), tally });
    }
    if own.opds > 0 {
        rows.insert(0, NodeRow { id: None, name: node.name.clone(), tally: own });
    }
    Ok(rows)
}

/// `select` in `order`, starting after the standing `after`.
fn ordered(
    select: Select<opd_standing::Entity>,
    order: OpdOrder,
    after: Option<&opd_standing::Model>,
) -> Select<opd_standing::Entity> {
    use opd_standing::Column as S;
    let select = match after {
        None => select,
        Some(last) => select.filter(match order {
            OpdOrder::Lowest => {
                keyset::after((S::ScoreTenths, S::OpdId), (last.score_tenths, last.opd_id), keyset::Order::Ascending)
            }
            OpdOrder::Highest => {
                keyset::after((S::ScoreTenths, S::OpdId), (last.score_tenths, last.opd_id), keyset::Order::Descending)
            }
            OpdOrder::Name => {
                keyset::after((S::Name, S::OpdId), (last.name.as_str(), last.opd_id), keyset::Order::Ascending)
            }
        }),
    };
    match order {
        OpdOrder::Lowest => select.order_by_asc(S::ScoreTenths).order_by_asc(S::OpdId),
        OpdOrder::Highest => select.order_by_desc(S::ScoreTenths).order_by_desc(S::OpdId),
        OpdOrder::Name => select.order_by_asc(S::Name).order_by_asc(S::OpdId),
    }
}

/// The rows shown for `standings`: their Pemdas' names, due dates and days waiting.
async fn rows(
    db: &impl ConnectionTrait,
    standings: &[opd_standing::Model],
    now: DateTime<Utc>,
) -> ServiceResult<Vec<OpdRow>> {
    let keys: Vec<_> = standings.iter().map(|s| (s.opd_id, s.pemda_id, s.year)).collect();
    let calendar = Calendar::load(db, &keys).await?;
    let today = |pemda: Uuid| -> NaiveDate { calendar.zone(pemda).local(now).date_naive() };
    Ok(standings
        .iter()
        .map(|s| {
            let quarter = Quarter::try_from(u8::try_from(s.quarter).unwrap_or(0)).ok();
            let due = quarter.and_then(|q| calendar.due(s.pemda_id, s.year, q));
            let stage = s.stage.as_deref().and_then(standing::stage_of);
            OpdRow {
                opd_id: OrgUnitId::from_uuid(s.opd_id),
                opd_name: s.name.clone(),
                pemda_id: OrgUnitId::from_uuid(s.pemda_id),
                pemda_name: calendar.name(s.pemda_id),
                score: f64::from(s.score_tenths) / 10.0,
                band: standing::band_of(&s.band).unwrap_or(Band::SangatKurang),
                facts: standing::facts(s),
                stage,
                days: s
                    .waiting_since
                    .filter(|_| stage.is_some())
                    .map(|since| (today(s.pemda_id) - since).num_days().max(0)),
                report_id: s.report_id.map(ReportId::from_uuid),
                state: s.report_state.as_deref().and_then(|state| state.parse().ok()),
                due_on: s.extended_to.or(due),
                submitted: s.submitted,
            }
        })
        .collect())
}

/// The weights in force for the Pemdas in view, by name, each marked with whether `actor` may change it.
async fn weights_in_view<'a>(
    db: &impl ConnectionTrait,
    actor: &Actor,
    node: &org_unit::Model,
    children: &[NodeRow],
    rows: impl Iterator<Item = &'a opd_standing::Model>,
) -> ServiceResult<Vec<(String, WeightsVersion)>> {
    let mut ids: BTreeSet<Uuid> = rows.map(|row| row.pemda_id).collect();
    ids.insert(node.pemda_id);
    ids.extend(children.iter().filter_map(|c| c.id).map(OrgUnitId::into_uuid));
    let ids: Vec<Uuid> = ids.into_iter().collect();
    let units = org_unit::Entity::find().filter(org_unit::Column::Id.is_in(ids.iter().copied())).all(db).await?;
    let mut in_force = weights::in_force(db, &ids).await?;
    let mut named: Vec<(String, WeightsVersion)> = units
        .iter()
        .filter_map(|unit| {
            let mut version = in_force.remove(&unit.id)?;
            version.editable = weights::may_set(actor, &unit.path);
            Some((unit.name.clone(), version))
        })
        .collect();
    named.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(named)
}

/// The overview of `query`'s node for `actor`, with the page of OPDs `page` asks for.
pub async fn overview(
    db: &impl ConnectionTrait,
    actor: &Actor,
    query: &DashboardQuery,
    page: PageRequest,
    now: DateTime<Utc>,
) -> ServiceResult<Overview> {
    let size = page.limit.unwrap_or(PAGE);
    if !(1..=MAX_PAGE).contains(&size) {
        return Err(ServiceError::Invalid(format!("Ukuran halaman harus 1 sampai {MAX_PAGE} OPD.")));
    }
    let Located { frame, node, quarter, today, .. } = frame::locate(db, actor, query, now).await?;
    let kind = frame.opd_type.map(OrgKind::as_str);
    let (year, q) = (frame.year, i16::from(quarter.number()));
    let (before_year, before_q) = previous(year, q);
    let current = figures(db, &node, year, q, kind).await?;
    let headline = Headline {
        previous: figures(db, &node, before_year, before_q, kind).await?,
        due: quarter.end(year).is_some_and(|end| end < today),
        current: current.clone(),
    };
    let children = children(db, &node, &current, year, q, kind).await?;

    let after = match page.after {
        // Looked up inside the node's subtree only: a page never starts at an OPD the caller cannot see.
        Some(id) => Some(
            in_subtree(&node, year, q, kind)
                .filter(opd_standing::Column::OpdId.eq(id.into_uuid()))
                .one(db)
                .await?
                .ok_or_else(|| ServiceError::Invalid("Halaman tidak dikenal; mulai dari halaman pertama.".into()))?,
        ),
        None => None,
    };
    let mut standings =
        ordered(in_subtree(&node, year, q, kind), page.order, after.as_ref()).limit(size + 1).all(db).await?;
    let more = standings.len() > usize::try_from(size).unwrap_or(usize::MAX);
    standings.truncate(usize::try_from(size).unwrap_or(usize::MAX));
    let next = more.then(|| standings.last().map(|s| s.opd_id.to_string())).flatten();
    // The first page of the lowest is the attention list's own start: its rows are built once.
    let lowest_first = page.order == OpdOrder::Lowest && after.is_none();
    let elsewhere = if lowest_first {
        Vec::new()
    } else {
        ordered(in_subtree(&node, year, q, kind), OpdOrder::Lowest, None).limit(ATTENTION).all(db).await?
    };
    let weights = weights_in_view(db, actor, &node, &children, standings.iter().chain(&elsewhere)).await?;
    let page_rows = rows(db, &standings, now).await?;
    let attention = if lowest_first {
        page_rows.iter().take(usize::try_from(ATTENTION).unwrap_or(0)).cloned().collect()
    } else {
        rows(db, &elsewhere, now).await?
    };
    Ok(Overview {
        frame,
        headline,
        children,
        weights,
        attention,
        page: OpdPage { order: page.order, rows: page_rows, total: current.opds, next, first: after.is_none() },
    })
}
