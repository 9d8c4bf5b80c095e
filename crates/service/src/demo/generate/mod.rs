//! `budaya gen-data`: a province, or a nation of provinces, of any size for benchmarks and load tests, the same
//! for the same seed. Its structure, selections and reports go through the app's services (validated, audited,
//! notifying, at the times they would have happened); the bulk of the actions is written in batches with the
//! dashboard's counts. Sign-ins: `g{seed}.peninjau.00` reviews the top node (the province, or the national node
//! above several), `g{seed}.PP.NNN.kepala` heads OPD NNN of Pemda PP (numbered from 00 for one province, from 01
//! under a national node), all with the demo password.

mod actions;
mod names;
mod rng;
mod structure;

use crate::{
    ServiceError, ServiceResult, Services,
    audit::{self, AuditEntry, RequestMeta},
    dashboard::standing,
    demo::reports::{Story, shift},
    programme::year,
};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use domain::programme::Quarter;
use futures::{StreamExt, TryStreamExt, stream};
use rng::Rng;
use sea_orm::{ConnectionTrait, DbBackend, TransactionTrait};
use std::{collections::BTreeMap, time::Instant};
use structure::Opd;

/// The password of every generated user (the demo's).
pub const PASSWORD: &str = "budaya-demo";

/// How big a province (or nation) to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shape {
    /// Provinces (1-99): more than one sit under a national node.
    pub provinces: u8,
    /// Pemdas in all: the provinces and their regencies, shared out evenly over the provinces (1-999).
    pub pemdas: u16,
    /// OPDs in each Pemda (1-999).
    pub opds_per_pemda: u16,
    /// Programme years up to the current one (1-10).
    pub years: u8,
    /// Actions in all (at least one per Pemda: its sample with real files).
    pub actions: u64,
    /// The seed: the same seed gives the same province.
    pub seed: u64,
}

impl Shape {
    /// Refuses sizes the codes and calendars cannot hold.
    pub fn check(&self) -> ServiceResult<()> {
        let fault = if !(1..=99).contains(&self.provinces) {
            Some("Jumlah provinsi harus 1 sampai 99.")
        } else if !(u16::from(self.provinces)..=999).contains(&self.pemdas) {
            Some("Jumlah Pemda harus 1 sampai 999, dan tidak kurang dari jumlah provinsi.")
        } else if !(1..=999).contains(&self.opds_per_pemda) {
            Some("Jumlah OPD per Pemda harus 1 sampai 999.")
        } else if !(1..=10).contains(&self.years) {
            Some("Jumlah tahun harus 1 sampai 10.")
        } else {
            None
        };
        fault.map_or(Ok(()), |reason| Err(ServiceError::Invalid(reason.into())))
    }

    fn opds(&self) -> u64 {
        u64::from(self.pemdas) * u64::from(self.opds_per_pemda)
    }

    /// The bulk actions (beyond each Pemda's sample) of the OPD generated `index`th: an even share.
    fn bulk_share(&self, index: usize) -> u64 {
        let bulk = self.actions.saturating_sub(u64::from(self.pemdas));
        let opds = self.opds().max(1);
        bulk / opds + u64::from(u64::try_from(index).unwrap_or(u64::MAX) < bulk % opds)
    }

    /// How many Pemdas (the province itself included) province `index` holds.
    fn pemdas_of(&self, index: u8) -> u16 {
        let provinces = u16::from(self.provinces.max(1));
        self.pemdas / provinces + u16::from(u16::from(index) < self.pemdas % provinces)
    }
}

/// What was generated.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Generated {
    /// OPDs (each with a KBK and a selection per year).
    pub opds: u64,
    /// Actions, including one sample per OPD with real files.
    pub actions: u64,
    /// Reports started.
    pub reports: usize,
}

/// Pemdas generated at once on PostgreSQL (SQLite has one writer: one at a time there). Measured on 2 cores: three
/// at once did the work of 1.7.
const PARALLEL_PEMDAS: usize = 4;

/// The calendar of a generation: the years and the quarters begun and ended by today.
struct Calendar {
    today: NaiveDate,
    years: Vec<i32>,
    begun: Vec<(i32, Quarter)>,
    ended: Vec<(i32, Quarter)>,
}

/// Generates the province (or nation) of `shape` next to whatever the database holds; refuses a seed already
/// generated. Each Pemda is generated on its own random stream, several at once on PostgreSQL, with the
/// standings upkeep of every write deferred to one refresh per Pemda at the end.
pub async fn generate(services: &Services, shape: &Shape, now: DateTime<Utc>) -> ServiceResult<Generated> {
    shape.check()?;
    let started = Instant::now();
    let mut rng = Rng::new(shape.seed);
    let pemdas = structure::pemdas(services, shape, &mut rng, now).await?;
    let province = pemdas.first().map(|p| p.id.into_uuid()).unwrap_or_default();
    let today = year::pemda_today(&services.db, province, now).await?;
    let first = today.year() - i32::from(shape.years) + 1;
    let years: Vec<i32> = (first..=today.year()).collect();
    let begun: Vec<(i32, Quarter)> = years
        .iter()
        .flat_map(|y| Quarter::ALL.map(|q| (*y, q)))
        .filter(|(y, q)| q.start(*y).is_some_and(|start| start <= today))
        .collect();
    let ended = begun.iter().copied().filter(|(y, q)| q.end(*y).is_some_and(|end| end < today)).collect();
    let calendar = Calendar { today, years, begun, ended };
    let streams: Vec<Rng> = pemdas.iter().map(|_| rng.fork()).collect();
    let postgres = services.db.get_database_backend() == DbBackend::Postgres;
    let parallel = if postgres { PARALLEL_PEMDAS } else { 1 };
    let (opds, reports) = standing::with_upkeep_deferred(async {
        let values = structure::catalogue(services).await?;
        let mut made: Vec<(Vec<Opd>, Rng)> = stream::iter(pemdas.iter().zip(streams).enumerate())
            .map(|(p, (pemda, mut rng))| {
                let (calendar, values) = (&calendar, &values);
                async move {
                    let opds =
                        structure::opds(services, shape, p, pemda, &calendar.years, values, &mut rng, now).await?;
                    // The Pemda's first OPD logs today's action through the upload path with real files; every
                    // bulk action of the Pemda points at those files.
                    let samples = match opds.first() {
                        Some(opd) => actions::sample(services, opd, calendar.today).await?,
                        None => actions::Samples::default(),
                    };
                    for (n, opd) in opds.iter().enumerate() {
                        let index = p * usize::from(shape.opds_per_pemda) + n;
                        let share = shape.bulk_share(index);
                        actions::bulk(services, opd, &calendar.begun, share, calendar.today, now, &samples, &mut rng)
                            .await?;
                    }
                    ServiceResult::Ok((opds, rng))
                }
            })
            .buffered(parallel)
            .try_collect()
            .await?;
        // Fresh statistics before the reports read the bulk rows: without them PostgreSQL plans for empty tables
        // and scans (measured: 100 reports in 5 minutes before, 650 a minute after).
        services.db.execute_unprepared("ANALYZE").await?;
        tracing::info!(
            opds = shape.opds(),
            actions = shape.actions,
            seconds = started.elapsed().as_secs(),
            "structure and actions generated"
        );
        let reports: Vec<usize> = stream::iter(made.iter_mut().enumerate())
            .map(|(p, (opds, rng))| {
                let (pemdas, calendar) = (&pemdas, &calendar);
                async move {
                    let count = reports(services, pemdas, opds, calendar, rng, now).await?;
                    // The report tables grow from nothing here: each time they have doubled, fresh statistics,
                    // or PostgreSQL keeps the plans it cached for empty tables and scans them (measured at
                    // national size: 2,300 reports a minute with the scans, 2,500 without).
                    if postgres && (p + 1).is_power_of_two() {
                        services
                            .db
                            .execute_unprepared("ANALYZE report, report_event, report_submission, extension_request")
                            .await?;
                    }
                    ServiceResult::Ok(count)
                }
            })
            .buffered(parallel)
            .try_collect()
            .await?;
        let opds: Vec<Opd> = made.into_iter().flat_map(|(opds, _)| opds).collect();
        ServiceResult::Ok((opds, reports.into_iter().sum::<usize>()))
    })
    .await?;
    tracing::info!(reports, seconds = started.elapsed().as_secs(), "reports generated");
    // Every write above skipped the standings upkeep: compute the OPDs' standings and their roll-ups once.
    let mut by_pemda: BTreeMap<usize, Vec<uuid::Uuid>> = BTreeMap::new();
    for opd in &opds {
        by_pemda.entry(opd.pemda).or_default().push(opd.id.into_uuid());
    }
    for ids in by_pemda.values() {
        let txn = services.db.begin().await?;
        standing::refresh(&txn, ids, &calendar.years).await?;
        txn.commit().await?;
    }
    // Statistics for what the load wrote, as autovacuum would gather them in time: the first reads after it
    // (a benchmark's) are then planned for the tables as they are.
    services.db.execute_unprepared("ANALYZE").await?;
    let opd_count = u64::try_from(opds.len()).unwrap_or(0);
    let generated = Generated { opds: opd_count, actions: shape.actions.max(u64::from(shape.pemdas)), reports };
    let mut entry = AuditEntry::new(None, "data.generate", "install", None);
    entry.after = Some(serde_json::json!({
        "seed": shape.seed, "provinces": shape.provinces, "pemdas": shape.pemdas,
        "opds_per_pemda": shape.opds_per_pemda, "years": shape.years, "actions": generated.actions,
        "reports": reports,
    }));
    audit::record(&services.db, entry, &RequestMeta::default(), now).await?;
    Ok(generated)
}

/// The reports of one Pemda's OPDs for every ended quarter; returns how many were started.
async fn reports(
    services: &Services,
    pemdas: &[structure::Pemda],
    opds: &[Opd],
    calendar: &Calendar,
    rng: &mut Rng,
    now: DateTime<Utc>,
) -> ServiceResult<usize> {
    let meta = RequestMeta::default();
    let mut reports = 0;
    for opd in opds {
        let reviewer = &pemdas[opd.pemda].reviewer;
        for (k, (year, quarter)) in calendar.ended.iter().copied().enumerate() {
            // A few OPDs never start a report, a few leave it a draft; the rest play the demo's stories.
            let fate = rng.below(100);
            if fate < 3 {
                continue;
            }
            let rules = year::rules(&services.db, pemdas[opd.pemda].id.into_uuid(), year).await?;
            let (Some(due), Some(end)) = (rules.due_date(quarter), quarter.end(year)) else { continue };
            let story = Story { services, kepala: &opd.kepala, reviewer, meta: &meta, due, now };
            let id = story.start(opd.id, year, quarter, shift(end, 1), &opd.name).await?;
            reports += 1;
            if fate >= 6 {
                let plot = match fate {
                    6..80 => 0,
                    80..88 => 1,
                    88..94 => 2,
                    _ => 3,
                };
                story.play(id, plot, k + 1 == calendar.ended.len()).await?;
            }
        }
    }
    Ok(reports)
}
