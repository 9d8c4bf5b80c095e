//! Each OPD's standing per quarter (its facts, index, report and stage) and, per Pemda node, the sums of the
//! standings in its subtree by OPD kind: what the province's and the nation's dashboards read instead of every
//! OPD. Both are kept by the transactions that change what they summarise: [`refresh`] recomputes the OPDs it
//! is given and moves each roll-up above them by the difference, so a roll-up always equals the sum of the
//! standings below it ([`recount`] proves it; [`rebuild`] repairs it).

use super::facts::YearData;
use crate::{
    ServiceResult,
    entity::{action_tally, opd_standing, org_unit, programme_year, report, value_selection},
    org::path,
};
use chrono::{DateTime, Datelike, Utc};
use domain::{
    dashboard::{Band, Facts, overview::Tally, score, view::Stage},
    org::OrgKind,
    programme::Quarter,
    workflow::ReviewState,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    TransactionTrait,
    sea_query::{Alias, Expr, ExprTrait, OnConflict, Query},
};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use uuid::Uuid;

const ROLLUP: &str = "node_rollup";

/// One sum a roll-up keeps over the standings below its node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    /// OPDs.
    Opds,
    /// With the quarter's report submitted.
    Submitted,
    /// Submitted by the due date.
    OnTime,
    /// Accepted.
    Accepted,
    /// Index scores, in tenths (exact sums).
    ScoreTenths,
    /// In band "Baik".
    BandBaik,
    /// In band "Cukup".
    BandCukup,
    /// In band "Kurang".
    BandKurang,
    /// In band "Sangat kurang".
    BandSangatKurang,
    /// Stuck before forming a KBK.
    StuckKbkFormed,
    /// Stuck before approved values.
    StuckValuesApproved,
    /// Stuck before a verified action.
    StuckActionsLogged,
    /// Stuck before an on-time report.
    StuckSubmittedOnTime,
    /// Stuck before an accepted report.
    StuckAccepted,
    /// Report being written.
    StateDraft,
    /// Report waiting for review.
    StateSubmitted,
    /// Report returned.
    StateReturned,
    /// Report accepted (the same as [`Measure::Accepted`], kept with the other states).
    StateAccepted,
    /// With an SK uploaded.
    Decree,
    /// With an active KBK.
    KbkActive,
    /// With approved values.
    ValuesApproved,
    /// Verified actions.
    Verified,
    /// Actions counted by accepted reports.
    Counted,
}

impl Measure {
    /// Every measure, in column order.
    pub const ALL: [Measure; 23] = [
        Measure::Opds,
        Measure::Submitted,
        Measure::OnTime,
        Measure::Accepted,
        Measure::ScoreTenths,
        Measure::BandBaik,
        Measure::BandCukup,
        Measure::BandKurang,
        Measure::BandSangatKurang,
        Measure::StuckKbkFormed,
        Measure::StuckValuesApproved,
        Measure::StuckActionsLogged,
        Measure::StuckSubmittedOnTime,
        Measure::StuckAccepted,
        Measure::StateDraft,
        Measure::StateSubmitted,
        Measure::StateReturned,
        Measure::StateAccepted,
        Measure::Decree,
        Measure::KbkActive,
        Measure::ValuesApproved,
        Measure::Verified,
        Measure::Counted,
    ];

    /// Its column in `node_rollup`.
    pub const fn column(self) -> &'static str {
        match self {
            Measure::Opds => "opds",
            Measure::Submitted => "submitted",
            Measure::OnTime => "on_time",
            Measure::Accepted => "accepted",
            Measure::ScoreTenths => "score_tenths",
            Measure::BandBaik => "band_baik",
            Measure::BandCukup => "band_cukup",
            Measure::BandKurang => "band_kurang",
            Measure::BandSangatKurang => "band_sangat_kurang",
            Measure::StuckKbkFormed => "stuck_kbk_formed",
            Measure::StuckValuesApproved => "stuck_values_approved",
            Measure::StuckActionsLogged => "stuck_actions_logged",
            Measure::StuckSubmittedOnTime => "stuck_submitted_on_time",
            Measure::StuckAccepted => "stuck_accepted",
            Measure::StateDraft => "state_draft",
            Measure::StateSubmitted => "state_submitted",
            Measure::StateReturned => "state_returned",
            Measure::StateAccepted => "state_accepted",
            Measure::Decree => "decree",
            Measure::KbkActive => "kbk_active",
            Measure::ValuesApproved => "values_approved",
            Measure::Verified => "verified",
            Measure::Counted => "counted",
        }
    }

    /// The OPDs in `band`.
    pub const fn band(band: Band) -> Self {
        match band {
            Band::Baik => Measure::BandBaik,
            Band::Cukup => Measure::BandCukup,
            Band::Kurang => Measure::BandKurang,
            Band::SangatKurang => Measure::BandSangatKurang,
        }
    }

    /// The OPDs stuck before `stage`.
    pub const fn stuck(stage: Stage) -> Self {
        match stage {
            Stage::KbkFormed => Measure::StuckKbkFormed,
            Stage::ValuesApproved => Measure::StuckValuesApproved,
            Stage::ActionsLogged => Measure::StuckActionsLogged,
            Stage::SubmittedOnTime => Measure::StuckSubmittedOnTime,
            Stage::Accepted => Measure::StuckAccepted,
        }
    }

    /// The OPDs whose report is in `state`.
    pub const fn state(state: ReviewState) -> Self {
        match state {
            ReviewState::Draft => Measure::StateDraft,
            ReviewState::Submitted => Measure::StateSubmitted,
            ReviewState::Returned => Measure::StateReturned,
            ReviewState::Accepted => Measure::StateAccepted,
        }
    }

    const fn index(self) -> usize {
        self as usize
    }
}

/// The sums of some standings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts([i64; 23]);

impl Counts {
    /// One measure.
    pub fn get(&self, measure: Measure) -> i64 {
        self.0[measure.index()]
    }

    fn add(&mut self, measure: Measure, n: i64) {
        self.0[measure.index()] += n;
    }

    /// What one standing adds.
    pub(crate) fn of(row: &opd_standing::Model) -> Self {
        let mut counts = Self::default();
        let yes = |b: bool| i64::from(b);
        counts.add(Measure::Opds, 1);
        counts.add(Measure::Submitted, yes(row.submitted));
        counts.add(Measure::OnTime, yes(row.on_time));
        counts.add(Measure::Accepted, yes(row.accepted));
        counts.add(Measure::ScoreTenths, i64::from(row.score_tenths));
        if let Some(band) = band_of(&row.band) {
            counts.add(Measure::band(band), 1);
        }
        if let Some(stage) = row.stage.as_deref().and_then(stage_of) {
            counts.add(Measure::stuck(stage), 1);
        }
        if let Some(state) = row.report_state.as_deref().and_then(|s| s.parse::<ReviewState>().ok()) {
            counts.add(Measure::state(state), 1);
        }
        counts.add(Measure::Decree, yes(row.decree));
        counts.add(Measure::KbkActive, yes(row.kbk_active));
        counts.add(Measure::ValuesApproved, yes(row.values_approved));
        counts.add(Measure::Verified, i64::from(row.verified));
        counts.add(Measure::Counted, i64::from(row.counted));
        counts
    }

    pub(crate) fn plus(mut self, other: &Counts) -> Self {
        for (mine, theirs) in self.0.iter_mut().zip(other.0) {
            *mine += theirs;
        }
        self
    }

    fn minus(mut self, other: &Counts) -> Self {
        for (mine, theirs) in self.0.iter_mut().zip(other.0) {
            *mine -= theirs;
        }
        self
    }

    fn is_zero(&self) -> bool {
        self.0.iter().all(|n| *n == 0)
    }

    /// The sums as the dashboard shows them.
    pub fn tally(&self) -> Tally {
        let n = |measure: Measure| u32::try_from(self.get(measure)).unwrap_or(0);
        Tally {
            opds: n(Measure::Opds),
            submitted: n(Measure::Submitted),
            on_time: n(Measure::OnTime),
            accepted: n(Measure::Accepted),
            score_tenths: self.get(Measure::ScoreTenths),
            bands: Band::ALL.map(|band| n(Measure::band(band))),
            stuck: Stage::ALL.map(|stage| n(Measure::stuck(stage))),
            states: ReviewState::ALL.map(|state| n(Measure::state(state))),
        }
    }
}

/// The facts a standing was computed from.
pub(crate) fn facts(row: &opd_standing::Model) -> Facts {
    let n = |v: i32| u32::try_from(v).unwrap_or(0);
    Facts {
        decree: row.decree,
        values_approved: row.values_approved,
        kbk_active: row.kbk_active,
        verified_actions: n(row.verified),
        counted_actions: n(row.counted),
        target_actions: n(row.target),
        values_chosen: n(row.values_chosen),
        values_lived: n(row.values_lived),
        on_time: row.on_time,
        accepted: row.accepted,
        returns: n(row.returns),
        actions_with_result: n(row.with_result),
    }
}

/// The roll-ups of `nodes` in one quarter, summed over OPD kinds (or of `kind` only).
pub(crate) async fn rollups(
    db: &impl ConnectionTrait,
    nodes: &[Uuid],
    year: i32,
    quarter: i16,
    kind: Option<&str>,
) -> ServiceResult<HashMap<Uuid, Counts>> {
    if nodes.is_empty() {
        return Ok(HashMap::new());
    }
    let mut select = Query::select();
    select
        .from(Alias::new(ROLLUP))
        .column(Alias::new("node_id"))
        .and_where(Expr::col(Alias::new("node_id")).is_in(nodes.iter().copied()))
        .and_where(Expr::col(Alias::new("year")).eq(year))
        .and_where(Expr::col(Alias::new("quarter")).eq(quarter));
    if let Some(kind) = kind {
        select.and_where(Expr::col(Alias::new("kind")).eq(kind));
    }
    for measure in Measure::ALL {
        select.column(Alias::new(measure.column()));
    }
    let mut sums: HashMap<Uuid, Counts> = HashMap::new();
    for row in db.query_all(&select).await? {
        let sum = sums.entry(row.try_get("", "node_id")?).or_default();
        for measure in Measure::ALL {
            sum.add(measure, row.try_get::<i64>("", measure.column())?);
        }
    }
    Ok(sums)
}

/// Where a roll-up belongs: a Pemda node's quarter, for one kind of OPD.
pub type RollupKey = (Uuid, i32, i16, String);

/// The stored names of bands and stages (snake case, as in the API).
fn band_name(band: Band) -> &'static str {
    match band {
        Band::Baik => "baik",
        Band::Cukup => "cukup",
        Band::Kurang => "kurang",
        Band::SangatKurang => "sangat_kurang",
    }
}

pub(crate) fn band_of(name: &str) -> Option<Band> {
    [Band::Baik, Band::Cukup, Band::Kurang, Band::SangatKurang].into_iter().find(|b| band_name(*b) == name)
}

fn stage_name(stage: Stage) -> &'static str {
    match stage {
        Stage::KbkFormed => "kbk_formed",
        Stage::ValuesApproved => "values_approved",
        Stage::ActionsLogged => "actions_logged",
        Stage::SubmittedOnTime => "submitted_on_time",
        Stage::Accepted => "accepted",
    }
}

pub(crate) fn stage_of(name: &str) -> Option<Stage> {
    Stage::ALL.into_iter().find(|s| stage_name(*s) == name)
}

pub(crate) fn is_pemda(unit: &org_unit::Model) -> bool {
    unit.kind.parse::<OrgKind>().is_ok_and(OrgKind::is_pemda)
}

/// The Pemda kinds, as stored.
pub(crate) fn pemda_kinds() -> Vec<&'static str> {
    OrgKind::ALL.into_iter().filter(|k| k.is_pemda()).map(OrgKind::as_str).collect()
}

/// An OPD: an active agency directly under its Pemda (units below an agency report through it).
pub(crate) fn is_opd(unit: &org_unit::Model) -> bool {
    unit.active && !is_pemda(unit) && unit.parent_id == Some(unit.pemda_id)
}

/// The standings of `opds` in `year`, computed from what they are now.
fn compute(units: &[&org_unit::Model], data: &YearData) -> Vec<opd_standing::Model> {
    let year = data.year();
    let mut rows = Vec::new();
    for unit in units {
        for quarter in Quarter::ALL {
            let facts = data.facts(unit.id, quarter);
            let weights = data.weights.get(&unit.pemda_id).map(|w| w.weights).unwrap_or_default();
            let index = score(&facts, weights);
            let stage = Stage::stuck_at(&facts);
            let report = data.report(unit.id, quarter);
            let n = |v: u32| i32::try_from(v).unwrap_or(i32::MAX);
            rows.push(opd_standing::Model {
                opd_id: unit.id,
                year,
                quarter: i16::from(quarter.number()),
                pemda_id: unit.pemda_id,
                path: unit.path.clone(),
                kind: unit.kind.clone(),
                name: unit.name.clone(),
                decree: facts.decree,
                values_approved: facts.values_approved,
                kbk_active: facts.kbk_active,
                verified: n(facts.verified_actions),
                counted: n(facts.counted_actions),
                target: n(facts.target_actions),
                values_chosen: n(facts.values_chosen),
                values_lived: n(facts.values_lived),
                returns: n(facts.returns),
                with_result: n(facts.actions_with_result),
                report_id: report.map(|r| r.id),
                report_state: report.map(|r| r.state.clone()),
                submitted: report.is_some_and(|r| r.first_submitted_at.is_some()),
                on_time: facts.on_time,
                accepted: facts.accepted,
                extended_to: report.and_then(|r| r.extended_to),
                score_tenths: tenths(index.total),
                band: band_name(index.band).to_owned(),
                stage: stage.map(|s| stage_name(s).to_owned()),
                waiting_since: stage.and_then(|s| data.waiting_since(unit.id, quarter, s)),
            });
        }
    }
    rows
}

fn tenths(score: f64) -> i32 {
    // Scores are 0-100 to one decimal: the product is a small whole number.
    #[allow(clippy::cast_possible_truncation)]
    let tenths = (score * 10.0).round() as i32;
    tenths
}

tokio::task_local! {
    /// Set while a bulk load runs: its writes skip the standings upkeep, which the load redoes once at its end
    /// for every OPD it made (each write would otherwise recompute its OPD's year: most of a load's queries).
    static UPKEEP_DEFERRED: ();
}

/// Runs `load` with the standings upkeep of its writes deferred: the caller must [`refresh`] every OPD the load
/// touched, for every year it touched, when it ends.
pub(crate) async fn with_upkeep_deferred<F: Future>(load: F) -> F::Output {
    UPKEEP_DEFERRED.scope((), load).await
}

/// Recomputes the standings of `opds` (any units: those that are no longer OPDs lose theirs) in each of
/// `years`, and moves the roll-up of every Pemda above them by the difference. Runs inside the caller's
/// transaction; on PostgreSQL it first locks the units, so two writers refreshing one OPD take turns and the
/// second computes from what the first committed.
pub(crate) async fn refresh(txn: &impl ConnectionTrait, opds: &[Uuid], years: &[i32]) -> ServiceResult<()> {
    if opds.is_empty() || years.is_empty() || UPKEEP_DEFERRED.try_with(|()| ()).is_ok() {
        return Ok(());
    }
    let units = org_unit::Entity::find()
        .filter(org_unit::Column::Id.is_in(opds.iter().copied()))
        .order_by_asc(org_unit::Column::Id)
        .lock_exclusive()
        .all(txn)
        .await?;
    let current: Vec<&org_unit::Model> = units.iter().filter(|u| is_opd(u)).collect();
    let ids: Vec<Uuid> = current.iter().map(|u| u.id).collect();
    let pemdas: Vec<Uuid> = current.iter().map(|u| u.pemda_id).collect::<BTreeSet<_>>().into_iter().collect();
    let mut fresh = Vec::new();
    for year in years {
        let data = YearData::load(txn, &ids, &pemdas, *year).await?;
        fresh.extend(compute(&current, &data));
    }
    let old = opd_standing::Entity::find()
        .filter(opd_standing::Column::OpdId.is_in(opds.iter().copied()))
        .filter(opd_standing::Column::Year.is_in(years.iter().copied()))
        .all(txn)
        .await?;
    let nodes = pemda_nodes(txn, old.iter().chain(&fresh).map(|row| row.path.as_str())).await?;
    let mut deltas: HashMap<RollupKey, Counts> = HashMap::new();
    for (rows, sign) in [(&old, -1), (&fresh, 1)] {
        for row in rows.iter() {
            let counts = Counts::of(row);
            for node in path::ids(&row.path).filter(|id| nodes.contains(id)) {
                let delta = deltas.entry((node, row.year, row.quarter, row.kind.clone())).or_default();
                *delta = if sign > 0 { delta.plus(&counts) } else { delta.minus(&counts) };
            }
        }
    }
    opd_standing::Entity::delete_many()
        .filter(opd_standing::Column::OpdId.is_in(opds.iter().copied()))
        .filter(opd_standing::Column::Year.is_in(years.iter().copied()))
        .exec(txn)
        .await?;
    for chunk in fresh.chunks(200) {
        let models = chunk.iter().cloned().map(opd_standing::ActiveModel::from);
        opd_standing::Entity::insert_many(models).exec_without_returning(txn).await?;
    }
    let mut keys: Vec<_> = deltas.into_iter().filter(|(_, delta)| !delta.is_zero()).collect();
    // A fixed order, so concurrent writers lock roll-up rows in the same order and never deadlock.
    keys.sort_by(|a, b| a.0.cmp(&b.0));
    for (key, delta) in keys {
        add_to_rollup(txn, &key, &delta).await?;
    }
    Ok(())
}

/// The Pemda nodes among those `paths` name.
async fn pemda_nodes<'a>(
    txn: &impl ConnectionTrait,
    paths: impl Iterator<Item = &'a str>,
) -> ServiceResult<HashSet<Uuid>> {
    let ids: BTreeSet<Uuid> = paths.flat_map(path::ids).collect();
    let units = org_unit::Entity::find().filter(org_unit::Column::Id.is_in(ids)).all(txn).await?;
    Ok(units.iter().filter(|u| is_pemda(u)).map(|u| u.id).collect())
}

async fn add_to_rollup(txn: &impl ConnectionTrait, key: &RollupKey, delta: &Counts) -> ServiceResult<()> {
    let (node, year, quarter, kind) = key;
    let table = Alias::new(ROLLUP);
    let mut columns = vec![Alias::new("node_id"), Alias::new("year"), Alias::new("quarter"), Alias::new("kind")];
    columns.extend(Measure::ALL.iter().map(|m| Alias::new(m.column())));
    let mut values = vec![Expr::val(*node), Expr::val(*year), Expr::val(*quarter), Expr::val(kind.clone())];
    values.extend(Measure::ALL.iter().map(|m| Expr::val(delta.get(*m))));
    let mut on_conflict =
        OnConflict::columns([Alias::new("node_id"), Alias::new("year"), Alias::new("quarter"), Alias::new("kind")]);
    for measure in Measure::ALL {
        let column = Alias::new(measure.column());
        on_conflict.value(column.clone(), Expr::col((table.clone(), column)).add(delta.get(measure)));
    }
    let insert = Query::insert()
        .into_table(table)
        .columns(columns)
        .values_panic(values)
        .on_conflict(on_conflict.to_owned())
        .to_owned();
    txn.execute(&insert).await?;
    Ok(())
}

/// The years whose standings a change to `opds` that is not tied to a year touches: those kept for their
/// Pemdas, and the current one.
pub(crate) async fn kept_years(
    txn: &impl ConnectionTrait,
    opds: &[Uuid],
    now: DateTime<Utc>,
) -> ServiceResult<Vec<i32>> {
    let pemdas = org_unit::Entity::find()
        .select_only()
        .column(org_unit::Column::PemdaId)
        .filter(org_unit::Column::Id.is_in(opds.iter().copied()))
        .into_tuple::<Uuid>()
        .all(txn)
        .await?;
    let select = Query::select()
        .distinct()
        .column(Alias::new("year"))
        .from(Alias::new(ROLLUP))
        .and_where(Expr::col(Alias::new("node_id")).is_in(pemdas))
        .to_owned();
    let mut years = BTreeSet::from([now.year()]);
    for row in txn.query_all(&select).await? {
        years.insert(row.try_get::<i32>("", "year")?);
    }
    Ok(years.into_iter().collect())
}

/// [`refresh`] of `opds` in the years a change not tied to a year touches (a KBK, an SK, the index weights, the
/// org tree).
pub(crate) async fn refresh_kept(txn: &impl ConnectionTrait, opds: &[Uuid], now: DateTime<Utc>) -> ServiceResult<()> {
    let years = kept_years(txn, opds, now).await?;
    refresh(txn, opds, &years).await
}

/// The OPDs (and other units) in the subtree of `unit`, for changes to the tree.
pub(crate) async fn subtree(txn: &impl ConnectionTrait, unit: Uuid) -> ServiceResult<Vec<Uuid>> {
    let Some(root) = org_unit::Entity::find_by_id(unit).one(txn).await? else { return Ok(vec![]) };
    Ok(org_unit::Entity::find()
        .select_only()
        .column(org_unit::Column::Id)
        .filter(path::subtree(org_unit::Column::Path, &root.path))
        .into_tuple::<Uuid>()
        .all(txn)
        .await?)
}

/// The OPDs of `pemda`.
pub(crate) async fn opds_of(txn: &impl ConnectionTrait, pemda: Uuid) -> ServiceResult<Vec<Uuid>> {
    Ok(org_unit::Entity::find()
        .select_only()
        .column(org_unit::Column::Id)
        .filter(org_unit::Column::PemdaId.eq(pemda))
        .into_tuple::<Uuid>()
        .all(txn)
        .await?)
}

/// Gives every OPD its standings of the current year: a new year has none until something changes, and
/// the dashboard must still count every OPD in it. Cheap when nothing is missing (run at start and hourly).
pub async fn ensure_year(db: &DatabaseConnection, now: DateTime<Utc>) -> ServiceResult<usize> {
    let year = now.year();
    let covered: HashSet<Uuid> = opd_standing::Entity::find()
        .select_only()
        .column(opd_standing::Column::OpdId)
        .filter(opd_standing::Column::Year.eq(year))
        .filter(opd_standing::Column::Quarter.eq(1))
        .into_tuple::<Uuid>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let units = org_unit::Entity::find().filter(org_unit::Column::Active.eq(true)).all(db).await?;
    let mut missing: BTreeMap<Uuid, Vec<Uuid>> = BTreeMap::new();
    for unit in units.iter().filter(|u| is_opd(u) && !covered.contains(&u.id)) {
        missing.entry(unit.pemda_id).or_default().push(unit.id);
    }
    let mut added = 0;
    for opds in missing.values() {
        let txn = db.begin().await?;
        refresh(&txn, opds, &[year]).await?;
        txn.commit().await?;
        added += opds.len();
    }
    Ok(added)
}

/// Recomputes every standing and roll-up: for repairs (`budaya rebuild-tallies`), after bulk loads, and to
/// prove the kept ones right. Covers every year with programme data and the current one, one Pemda at a time.
pub async fn rebuild(txn: &impl ConnectionTrait, now: DateTime<Utc>) -> ServiceResult<()> {
    txn.execute(&Query::delete().from_table(Alias::new(ROLLUP)).to_owned()).await?;
    opd_standing::Entity::delete_many().exec(txn).await?;
    let mut years: BTreeSet<i32> = BTreeSet::from([now.year()]);
    years.extend(
        action_tally::Entity::find()
            .select_only()
            .column(action_tally::Column::Year)
            .distinct()
            .into_tuple::<i32>()
            .all(txn)
            .await?,
    );
    years.extend(
        report::Entity::find()
            .select_only()
            .column(report::Column::Year)
            .distinct()
            .into_tuple::<i32>()
            .all(txn)
            .await?,
    );
    years.extend(
        value_selection::Entity::find()
            .select_only()
            .column(value_selection::Column::Year)
            .distinct()
            .into_tuple::<i32>()
            .all(txn)
            .await?,
    );
    years.extend(
        programme_year::Entity::find()
            .select_only()
            .column(programme_year::Column::Year)
            .distinct()
            .into_tuple::<i32>()
            .all(txn)
            .await?,
    );
    let years: Vec<i32> = years.into_iter().collect();
    let units = org_unit::Entity::find().all(txn).await?;
    let mut by_pemda: BTreeMap<Uuid, Vec<Uuid>> = BTreeMap::new();
    for unit in units.iter().filter(|u| is_opd(u)) {
        by_pemda.entry(unit.pemda_id).or_default().push(unit.id);
    }
    for opds in by_pemda.values() {
        refresh(txn, opds, &years).await?;
    }
    Ok(())
}

/// The roll-ups as stored, without all-zero rows.
pub async fn stored(db: &impl ConnectionTrait) -> ServiceResult<BTreeMap<RollupKey, Counts>> {
    let mut select = Query::select();
    select.from(Alias::new(ROLLUP)).columns([
        Alias::new("node_id"),
        Alias::new("year"),
        Alias::new("quarter"),
        Alias::new("kind"),
    ]);
    for measure in Measure::ALL {
        select.column(Alias::new(measure.column()));
    }
    let mut rollups = BTreeMap::new();
    for row in db.query_all(&select).await? {
        let mut counts = Counts::default();
        for measure in Measure::ALL {
            counts.add(measure, row.try_get::<i64>("", measure.column())?);
        }
        if !counts.is_zero() {
            let key = (
                row.try_get("", "node_id")?,
                row.try_get("", "year")?,
                row.try_get("", "quarter")?,
                row.try_get("", "kind")?,
            );
            rollups.insert(key, counts);
        }
    }
    Ok(rollups)
}

/// The roll-ups recounted from the standings, without all-zero ones.
pub async fn recount(db: &impl ConnectionTrait) -> ServiceResult<BTreeMap<RollupKey, Counts>> {
    let standings = opd_standing::Entity::find().all(db).await?;
    let nodes = pemda_nodes(db, standings.iter().map(|row| row.path.as_str())).await?;
    let mut rollups: BTreeMap<RollupKey, Counts> = BTreeMap::new();
    for row in &standings {
        for node in path::ids(&row.path).filter(|id| nodes.contains(id)) {
            let sum = rollups.entry((node, row.year, row.quarter, row.kind.clone())).or_default();
            *sum = sum.plus(&Counts::of(row));
        }
    }
    rollups.retain(|_, counts| !counts.is_zero());
    Ok(rollups)
}

#[cfg(test)]
mod tests {
    use super::{Measure, band_name, band_of, stage_name, stage_of};
    use domain::dashboard::{Band, view::Stage};

    #[test]
    fn every_measure_has_its_own_column_in_the_order_of_the_list() {
        for (i, measure) in Measure::ALL.iter().enumerate() {
            assert_eq!(measure.index(), i);
        }
        let columns: std::collections::HashSet<_> = Measure::ALL.iter().map(|m| m.column()).collect();
        assert_eq!(columns.len(), Measure::ALL.len());
    }

    #[test]
    fn bands_and_stages_read_back_as_they_were_stored() {
        for band in [Band::Baik, Band::Cukup, Band::Kurang, Band::SangatKurang] {
            assert_eq!(band_of(band_name(band)), Some(band));
        }
        for stage in Stage::ALL {
            assert_eq!(stage_of(stage_name(stage)), Some(stage));
        }
    }
}
