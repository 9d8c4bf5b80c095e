//! The numbers behind each chart, as one table per chart (see `domain::dashboard::chart`).

use super::{compliance::scores, facts::YearData, frame::Scope};
use crate::{
    ServiceError, ServiceResult,
    catalogue::builtin::KEPMENPAN_25_2002_URN,
    entity::{report_event, value, value_framework},
};
use domain::{
    dashboard::{
        chart::{ChartKind, ChartRow, ChartTable},
        view::{OpdScore, average},
    },
    locale::Locale,
    programme::Quarter,
    workflow::{ReviewState, Subject},
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::{BTreeMap, HashMap, HashSet};
use uuid::Uuid;

/// How many OPDs the trend compares when none are asked for: the lowest scorers that have started the
/// programme, who need attention first.
const TREND_DEFAULT_OPDS: usize = 3;

fn as_f64(n: usize) -> Option<f64> {
    Some(f64::from(u32::try_from(n).unwrap_or(u32::MAX)))
}

/// The table of `kind` for the scope; `compare` picks the OPDs of the trend.
pub(crate) async fn table(
    db: &impl ConnectionTrait,
    scope: &Scope,
    data: &YearData,
    kind: ChartKind,
    compare: &[Uuid],
    locale: Locale,
) -> ServiceResult<ChartTable> {
    let view = format!("{}, {} {}", scope.frame.org_unit_name, scope.quarter.label(locale), scope.frame.year);
    let (row_heading, columns, rows) = match kind {
        // Served from the standings by `index`, never from a year's recomputation.
        ChartKind::Index => return Err(ServiceError::NotFound),
        ChartKind::Heatmap => heatmap(db, scope, data, locale).await?,
        ChartKind::Trend => trend(scope, data, compare, locale),
        ChartKind::ReportStates => report_states(scope, data, locale),
        ChartKind::ValueAdoption => value_adoption(db, scope, data, locale).await?,
        ChartKind::ReviewTurnaround => review_turnaround(db, data, locale).await?,
    };
    let title = match kind {
        ChartKind::Trend | ChartKind::ReportStates | ChartKind::ValueAdoption | ChartKind::ReviewTurnaround => {
            format!("{} — {}, {}", kind.title(locale), scope.frame.org_unit_name, scope.frame.year)
        }
        ChartKind::Index | ChartKind::Heatmap => format!("{} — {view}", kind.title(locale)),
    };
    Ok(ChartTable { kind, title, row_heading: row_heading.to_owned(), columns, rows })
}

type Parts = (&'static str, Vec<String>, Vec<ChartRow>);

/// Values by id, in catalogue order.
async fn values(db: &impl ConnectionTrait, ids: impl IntoIterator<Item = Uuid>) -> ServiceResult<Vec<value::Model>> {
    Ok(value::Entity::find()
        .filter(value::Column::Id.is_in(ids))
        .order_by_asc(value::Column::FrameworkId)
        .order_by_asc(value::Column::Position)
        .all(db)
        .await?)
}

fn value_name(value: &value::Model, locale: Locale) -> String {
    match locale {
        Locale::Id => value.name.clone(),
        Locale::En => value.name_en.clone(),
    }
}

async fn heatmap(db: &impl ConnectionTrait, scope: &Scope, data: &YearData, locale: Locale) -> ServiceResult<Parts> {
    let chosen: HashSet<Uuid> = data.selections.values().flat_map(|s| s.values.iter().copied()).collect();
    let columns = values(db, chosen).await?;
    let q = i16::from(scope.quarter.number());
    let rows = scope
        .opds
        .iter()
        .map(|opd| {
            let mine: HashSet<Uuid> =
                data.selections.get(&opd.id).map(|s| s.values.iter().copied().collect()).unwrap_or_default();
            let values = columns
                .iter()
                .map(|v| {
                    let verified = data.value_verified.get(&(opd.id, q, v.id)).copied().unwrap_or(0);
                    mine.contains(&v.id).then(|| f64::from(verified))
                })
                .collect();
            ChartRow { label: opd.name.clone(), values }
        })
        .collect();
    Ok(("OPD", columns.iter().map(|v| value_name(v, locale)).collect(), rows))
}

fn trend(scope: &Scope, data: &YearData, compare: &[Uuid], locale: Locale) -> Parts {
    let quarters: Vec<Quarter> = Quarter::ALL.into_iter().filter(|q| *q <= scope.quarter).collect();
    let per_quarter: Vec<Vec<OpdScore>> = quarters.iter().map(|q| scores(scope, data, *q)).collect();
    let picked: Vec<(Uuid, String)> = if compare.is_empty() {
        // Lowest first, those with a KBK before those that have not started: a flat zero line says little.
        let mut latest: Vec<&OpdScore> = per_quarter.last().map(|s| s.iter().rev().collect()).unwrap_or_default();
        latest.sort_by_key(|o| !o.facts.kbk_active);
        latest.iter().take(TREND_DEFAULT_OPDS).map(|o| (o.opd_id.into_uuid(), o.opd_name.clone())).collect()
    } else {
        scope.opds.iter().filter(|o| compare.contains(&o.id)).map(|o| (o.id, o.name.clone())).collect()
    };
    let mut columns = vec![match locale {
        Locale::Id => "Rata-rata".to_owned(),
        Locale::En => "Average".to_owned(),
    }];
    columns.extend(picked.iter().map(|(_, name)| name.clone()));
    let rows = quarters
        .iter()
        .zip(&per_quarter)
        .map(|(quarter, scores)| {
            let mut values = vec![average(scores.iter().map(|s| s.score.total))];
            values.extend(
                picked.iter().map(|(id, _)| scores.iter().find(|s| s.opd_id.into_uuid() == *id).map(|s| s.score.total)),
            );
            ChartRow { label: quarter.label(locale), values }
        })
        .collect();
    ("Triwulan", columns, rows)
}

fn report_states(scope: &Scope, data: &YearData, locale: Locale) -> Parts {
    let mut columns = vec![match locale {
        Locale::Id => "Belum dibuat".to_owned(),
        Locale::En => "Not started".to_owned(),
    }];
    columns.extend(ReviewState::ALL.iter().map(|s| s.label(Subject::Report, locale).to_owned()));
    let rows = Quarter::ALL
        .into_iter()
        .filter(|q| *q <= scope.quarter)
        .map(|quarter| {
            let mut counts = vec![0usize; columns.len()];
            for opd in &scope.opds {
                let slot = data
                    .report(opd.id, quarter)
                    .and_then(|r| r.state.parse::<ReviewState>().ok())
                    .and_then(|state| ReviewState::ALL.iter().position(|s| *s == state))
                    .map_or(0, |i| i + 1);
                counts[slot] += 1;
            }
            ChartRow { label: quarter.label(locale), values: counts.into_iter().map(as_f64).collect() }
        })
        .collect();
    ("Triwulan", columns, rows)
}

async fn value_adoption(
    db: &impl ConnectionTrait,
    scope: &Scope,
    data: &YearData,
    locale: Locale,
) -> ServiceResult<Parts> {
    let mut adopted: HashMap<Uuid, usize> = HashMap::new();
    for opd in &scope.opds {
        for value in data.selections.get(&opd.id).map(|s| s.values.as_slice()).unwrap_or_default() {
            *adopted.entry(*value).or_default() += 1;
        }
    }
    let chosen = values(db, adopted.keys().copied()).await?;
    let frameworks: Vec<Uuid> = if chosen.is_empty() {
        value_framework::Entity::find()
            .filter(value_framework::Column::Urn.eq(KEPMENPAN_25_2002_URN))
            .all(db)
            .await?
            .into_iter()
            .map(|f| f.id)
            .collect()
    } else {
        chosen.iter().map(|v| v.framework_id).collect::<HashSet<_>>().into_iter().collect()
    };
    let catalogue = value::Entity::find()
        .filter(value::Column::FrameworkId.is_in(frameworks))
        .order_by_asc(value::Column::FrameworkId)
        .order_by_asc(value::Column::Position)
        .all(db)
        .await?;
    let rows = catalogue
        .iter()
        .map(|v| ChartRow {
            label: format!("{}. {}", v.position, value_name(v, locale)),
            values: vec![as_f64(adopted.get(&v.id).copied().unwrap_or(0))],
        })
        .collect();
    Ok(("Nilai", vec!["OPD".to_owned()], rows))
}

/// The middle of `days` (the mean of the two middle ones for an even count).
fn median(mut days: Vec<f64>) -> Option<f64> {
    days.sort_by(f64::total_cmp);
    let n = days.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(days[n / 2]),
        _ => Some((days[n / 2 - 1] + days[n / 2]) / 2.0),
    }
}

async fn review_turnaround(db: &impl ConnectionTrait, data: &YearData, locale: Locale) -> ServiceResult<Parts> {
    let events = report_event::Entity::find()
        .filter(report_event::Column::ReportId.is_in(data.reports.values().map(|r| r.id)))
        .filter(report_event::Column::Kind.is_in(["submitted", "accepted", "returned"]))
        .order_by_asc(report_event::Column::At)
        .order_by_asc(report_event::Column::Id)
        .all(db)
        .await?;
    let mut waiting_since = HashMap::new();
    let mut per_reviewer: BTreeMap<Uuid, Vec<f64>> = BTreeMap::new();
    for event in &events {
        if event.kind == "submitted" {
            waiting_since.insert(event.report_id, event.at);
        } else if let Some(since) = waiting_since.remove(&event.report_id) {
            let hours = (event.at - since).num_minutes() as f64 / 60.0;
            per_reviewer.entry(event.actor_id).or_default().push((hours / 24.0 * 10.0).round() / 10.0);
        }
    }
    let names = crate::access::names::of(db, per_reviewer.keys().copied()).await?;
    let mut rows: Vec<ChartRow> = per_reviewer
        .into_iter()
        .map(|(reviewer, days)| {
            let decisions = as_f64(days.len());
            ChartRow { label: names.get(&reviewer).cloned().unwrap_or_default(), values: vec![median(days), decisions] }
        })
        .collect();
    rows.sort_by(|a, b| a.label.cmp(&b.label));
    let columns = match locale {
        Locale::Id => vec!["Median hari".to_owned(), "Keputusan".to_owned()],
        Locale::En => vec!["Median days".to_owned(), "Decisions".to_owned()],
    };
    Ok((
        match locale {
            Locale::Id => "Peninjau",
            Locale::En => "Reviewer",
        },
        columns,
        rows,
    ))
}

#[cfg(test)]
mod tests {
    use super::median;

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        assert_eq!(median(vec![4.0, 1.0, 3.0, 2.0]), Some(2.5));
        assert_eq!(median(vec![5.0, 1.0, 3.0]), Some(3.0));
        assert_eq!(median(vec![]), None);
    }
}
