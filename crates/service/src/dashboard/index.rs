//! The compliance index chart of a node, read from the OPDs' standings, highest first: one indexed range per
//! batch, never a recomputation. Its CSV holds every OPD below the node and is read and sent a batch at a time,
//! so a national export keeps no more than one batch in memory.

use super::{
    frame::{self, Located},
    overview::in_subtree,
};
use crate::{ServiceResult, access::Actor, entity::opd_standing};
use chrono::{DateTime, Utc};
use domain::{
    dashboard::{
        chart::{ChartKind, ChartRow, ChartTable, csv_record, format_number},
        view::DashboardQuery,
    },
    locale::Locale,
    org::OrgKind,
};
use futures::{Stream, StreamExt};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, FromQueryResult, QueryFilter, QueryOrder, QuerySelect,
    Select,
};
use uuid::Uuid;

/// OPDs read per batch of the CSV.
const BATCH: u64 = 1000;
const ROW_HEADING: &str = "OPD";
const COLUMN: &str = "Indeks";

/// What an index chart shows: the node, its quarter and the OPD kind, located within the caller's reach.
pub struct IndexChart {
    located: Located,
}

/// Locates `query` for `actor` (a node outside the caller's reach is not found, before anything is sent).
pub async fn locate(
    db: &impl ConnectionTrait,
    actor: &Actor,
    query: &DashboardQuery,
    now: DateTime<Utc>,
) -> ServiceResult<IndexChart> {
    Ok(IndexChart { located: frame::locate(db, actor, query, now).await? })
}

impl IndexChart {
    fn standings(&self) -> Select<opd_standing::Entity> {
        let Located { frame, node, quarter, .. } = &self.located;
        in_subtree(node, frame.year, i16::from(quarter.number()), frame.opd_type.map(OrgKind::as_str))
    }

    /// Every OPD's index, as the SVG chart plots it.
    pub async fn table(&self, db: &impl ConnectionTrait, locale: Locale) -> ServiceResult<ChartTable> {
        let Located { frame, quarter, .. } = &self.located;
        let rows = ranked(self.standings(), None)
            .into_model::<Ranked>()
            .all(db)
            .await?
            .into_iter()
            .map(|s| ChartRow { values: vec![Some(s.score())], label: s.name })
            .collect();
        let title = format!(
            "{} — {}, {} {}",
            ChartKind::Index.title(locale),
            frame.org_unit_name,
            quarter.label(locale),
            frame.year
        );
        Ok(ChartTable {
            kind: ChartKind::Index,
            title,
            row_heading: ROW_HEADING.to_owned(),
            columns: vec![COLUMN.to_owned()],
            rows,
        })
    }

    /// The CSV: its header, then a chunk per batch of OPDs, highest first.
    pub fn csv(self, db: DatabaseConnection) -> impl Stream<Item = ServiceResult<String>> + Send + 'static {
        self.csv_in_batches(db, BATCH)
    }

    /// The CSV read `batch` OPDs at a time (at least one).
    pub fn csv_in_batches(
        self,
        db: DatabaseConnection,
        batch: u64,
    ) -> impl Stream<Item = ServiceResult<String>> + Send + 'static {
        let batch = batch.max(1);
        let header = csv_record([ROW_HEADING, COLUMN].into_iter().map(str::to_owned));
        let rows = futures::stream::unfold(Some((self, db, None)), move |state| async move {
            let (chart, db, after) = state?;
            let rows =
                match ranked(chart.standings(), after.as_ref()).limit(batch).into_model::<Ranked>().all(&db).await {
                    Ok(rows) => rows,
                    Err(error) => return Some((Err(error.into()), None)),
                };
            let last = rows.last().cloned()?;
            let more = u64::try_from(rows.len()).unwrap_or(u64::MAX) == batch;
            let chunk: String = rows
                .into_iter()
                .map(|s| {
                    let score = format_number(s.score());
                    csv_record([s.name, score].into_iter())
                })
                .collect();
            Some((Ok(chunk), more.then_some((chart, db, Some(last)))))
        });
        futures::stream::iter([Ok(header)]).chain(rows)
    }
}

/// What the chart and its CSV show of a standing, and the order's keys.
#[derive(Clone, Debug, FromQueryResult)]
struct Ranked {
    opd_id: Uuid,
    name: String,
    score_tenths: i32,
}

impl Ranked {
    fn score(&self) -> f64 {
        f64::from(self.score_tenths) / 10.0
    }
}

/// `select` highest index first, then by name, starting after the standing `after`: only the columns shown.
fn ranked(select: Select<opd_standing::Entity>, after: Option<&Ranked>) -> Select<opd_standing::Entity> {
    use opd_standing::Column as S;
    let select = match after {
        None => select,
        Some(last) => select.filter(
            Condition::any().add(S::ScoreTenths.lt(last.score_tenths)).add(
                Condition::all().add(S::ScoreTenths.eq(last.score_tenths)).add(
                    Condition::any()
                        .add(S::Name.gt(last.name.as_str()))
                        .add(Condition::all().add(S::Name.eq(last.name.as_str())).add(S::OpdId.gt(last.opd_id))),
                ),
            ),
        ),
    };
    select
        .select_only()
        .columns([S::OpdId, S::Name, S::ScoreTenths])
        .order_by_desc(S::ScoreTenths)
        .order_by_asc(S::Name)
        .order_by_asc(S::OpdId)
}
