//! `budaya gen-data`: a province of any size for benchmarks and load tests, the same for the same seed. Its
//! structure, selections and reports go through the app's services (validated, audited, notifying, at the
//! times they would have happened); the bulk of the actions is written in batches with the dashboard's counts.
//! Sign-ins: `g{seed}.peninjau.00` reviews the whole province, `g{seed}.PP.NNN.kepala` heads OPD NNN of Pemda PP
//! (00 is the province), all with the demo password.

mod actions;
mod names;
mod rng;
mod structure;

use crate::{
    ServiceError, ServiceResult, Services,
    audit::{self, AuditEntry, RequestMeta},
    demo::reports::{Story, shift},
    programme::year,
};
use chrono::{DateTime, Datelike, Utc};
use domain::programme::Quarter;
use rng::Rng;
use sea_orm::ConnectionTrait;

/// The password of every generated user (the demo's).
pub const PASSWORD: &str = "budaya-demo";

/// How big a province to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shape {
    /// Pemdas: the province and its regencies (1-99).
    pub pemdas: u8,
    /// OPDs in each Pemda (1-999).
    pub opds_per_pemda: u16,
    /// Programme years up to the current one (1-10).
    pub years: u8,
    /// Actions in all (at least one per OPD: its sample with real files).
    pub actions: u64,
    /// The seed: the same seed gives the same province.
    pub seed: u64,
}

impl Shape {
    /// Refuses sizes the codes and calendars cannot hold.
    pub fn check(&self) -> ServiceResult<()> {
        let fault = if !(1..=99).contains(&self.pemdas) {
            Some("Jumlah Pemda harus 1 sampai 99.")
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

/// Generates the province of `shape` next to whatever the database holds; refuses a seed already generated.
pub async fn generate(services: &Services, shape: &Shape, now: DateTime<Utc>) -> ServiceResult<Generated> {
    shape.check()?;
    let mut rng = Rng::new(shape.seed);
    let pemdas = structure::pemdas(services, shape, &mut rng, now).await?;
    let province = pemdas.first().map(|p| p.id.into_uuid()).unwrap_or_default();
    let today = year::pemda_today(&services.db, province, now).await?;
    let first = today.year() - i32::from(shape.years) + 1;
    let years: Vec<i32> = (first..=today.year()).collect();
    let opds = structure::opds(services, shape, &pemdas, &years, &mut rng, now).await?;
    let begun: Vec<(i32, Quarter)> = years
        .iter()
        .flat_map(|y| Quarter::ALL.map(|q| (*y, q)))
        .filter(|(y, q)| q.start(*y).is_some_and(|start| start <= today))
        .collect();
    let bulk = shape.actions.saturating_sub(shape.opds());
    let opd_count = u64::try_from(opds.len()).unwrap_or(1).max(1);
    for (n, opd) in opds.iter().enumerate() {
        let samples = actions::sample(services, opd, today).await?;
        let share = bulk / opd_count + u64::from(u64::try_from(n).unwrap_or(0) < bulk % opd_count);
        actions::bulk(services, opd, &begun, share, today, now, &samples, &mut rng).await?;
    }
    // Fresh statistics before the reports read the bulk rows: without them PostgreSQL plans for empty tables
    // and scans (measured: 100 reports in 5 minutes before, 650 a minute after).
    services.db.execute_unprepared("ANALYZE").await?;
    let ended: Vec<(i32, Quarter)> =
        begun.iter().copied().filter(|(y, q)| q.end(*y).is_some_and(|end| end < today)).collect();
    let meta = RequestMeta::default();
    let mut reports = 0;
    for opd in &opds {
        let reviewer = &pemdas[opd.pemda].reviewer;
        for (k, (year, quarter)) in ended.iter().copied().enumerate() {
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
                story.play(id, plot, k + 1 == ended.len()).await?;
            }
        }
    }
    // The bulk actions were tallied without the per-write upkeep: recompute the standings they change.
    let mut by_pemda: std::collections::BTreeMap<usize, Vec<uuid::Uuid>> = std::collections::BTreeMap::new();
    for opd in &opds {
        by_pemda.entry(opd.pemda).or_default().push(opd.id.into_uuid());
    }
    for ids in by_pemda.values() {
        let txn = sea_orm::TransactionTrait::begin(&services.db).await?;
        crate::dashboard::standing::refresh(&txn, ids, &years).await?;
        txn.commit().await?;
    }
    let generated = Generated { opds: opd_count, actions: bulk + opd_count, reports };
    let mut entry = AuditEntry::new(None, "data.generate", "install", None);
    entry.after = Some(serde_json::json!({
        "seed": shape.seed, "pemdas": shape.pemdas, "opds_per_pemda": shape.opds_per_pemda,
        "years": shape.years, "actions": generated.actions, "reports": reports,
    }));
    audit::record(&services.db, entry, &meta, now).await?;
    Ok(generated)
}
