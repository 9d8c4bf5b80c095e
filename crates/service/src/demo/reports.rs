//! The demo reports: for each demo OPD, a report for every quarter of the year that has ended, walked through
//! the same services the app uses at the times it would have happened: on time and accepted, late and returned
//! before acceptance, extended, and the latest quarter left waiting (submitted or returned) so the reviewer's
//! inbox and the OPDs' lists have work in them. An OPD whose self-check fails keeps a draft and asks for more time.
//! The first OPD's latest report is left drafted and ready, for its Kepala to submit.

use crate::{
    ServiceError, ServiceResult, Services,
    access::{Actor, users},
    audit::RequestMeta,
    entity::report,
    programme::year,
    report::{
        Decision, ReportEdit,
        extension::{self, ExtensionDecision},
        flow::{self, parse_narrative},
    },
};
use chrono::{DateTime, Days, NaiveDate, NaiveTime, Utc};
use domain::{ids::ReportId, programme::Quarter, report::ReturnCode};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

const OPDS: [(&str, &str); 5] = [
    ("64.74.DLH", "kepala.dlh"),
    ("64.74.DISDUKCAPIL", "kepala.disdukcapil"),
    ("64.74.RSUD", "kepala.rsud"),
    ("64.74.KEC-BARAT", "kepala.kecbarat"),
    ("64.74.BPKD", "kepala.bpkd"),
];
const REVIEWER: &str = "peninjau.bontang";

async fn actor(services: &Services, username: &str) -> ServiceResult<Actor> {
    let user = users::find_by_username(&services.db, username)
        .await?
        .ok_or_else(|| ServiceError::BundledData { file: "demo/users.toml", reason: format!("no user {username}") })?;
    users::load_actor(&services.db, &user).await
}

/// 09:00 WITA on `date`, or `now` if that is still to come.
pub(super) fn at(date: NaiveDate, now: DateTime<Utc>) -> DateTime<Utc> {
    let nine_wita = date.and_time(NaiveTime::from_hms_opt(1, 0, 0).unwrap_or_default()).and_utc();
    nine_wita.min(now)
}

pub(super) fn shift(date: NaiveDate, days: i64) -> NaiveDate {
    if days >= 0 {
        date.checked_add_days(Days::new(days.unsigned_abs())).unwrap_or(date)
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs())).unwrap_or(date)
    }
}

/// Seeds the reports of the ended quarters; returns how many were started. Idempotent per quarter.
pub async fn seed(services: &Services, now: DateTime<Utc>) -> ServiceResult<usize> {
    let db = &services.db;
    let reviewer = actor(services, REVIEWER).await?;
    let meta = RequestMeta::default();
    let mut started = 0;
    for (k, (code, kepala)) in OPDS.into_iter().enumerate() {
        let code = domain::text::OrgCode::parse(code).map_err(|err| ServiceError::Invalid(err.to_string()))?;
        let Some(unit) = crate::org::find_by_code(db, &code).await? else { continue };
        let kepala = actor(services, kepala).await?;
        let pemda = unit.pemda_id.into_uuid();
        let today = year::pemda_today(db, pemda, now).await?;
        let rules = year::rules(db, pemda, year::active_year(db, pemda, now).await?).await?;
        let ended: Vec<Quarter> =
            Quarter::ALL.into_iter().filter(|q| q.end(rules.year).is_some_and(|end| end < today)).collect();
        for (p, quarter) in ended.iter().copied().enumerate() {
            let exists = report::Entity::find()
                .filter(report::Column::OpdId.eq(unit.id.into_uuid()))
                .filter(report::Column::Year.eq(rules.year))
                .filter(report::Column::Quarter.eq(i16::from(quarter.number())))
                .one(db)
                .await?;
            let (Some(due), Some(end), None) = (rules.due_date(quarter), quarter.end(rules.year), exists) else {
                continue;
            };
            let latest = p + 1 == ended.len();
            let story = Story { services, kepala: &kepala, reviewer: &reviewer, meta: &meta, due, now };
            let id = story.start(unit.id, rules.year, quarter, shift(end, 1), &unit.name).await?;
            started += 1;
            if !(k == 0 && latest) {
                story.play(id, (k + p) % 4, latest).await?;
            }
        }
    }
    Ok(started)
}

/// One report's way through the year.
pub(super) struct Story<'a> {
    pub(super) services: &'a Services,
    pub(super) kepala: &'a Actor,
    pub(super) reviewer: &'a Actor,
    pub(super) meta: &'a RequestMeta,
    pub(super) due: NaiveDate,
    pub(super) now: DateTime<Utc>,
}

impl Story<'_> {
    fn when(&self, days_after_due: i64) -> DateTime<Utc> {
        at(shift(self.due, days_after_due), self.now)
    }

    pub(super) async fn start(
        &self,
        opd: domain::ids::OrgUnitId,
        year: i32,
        quarter: Quarter,
        on: NaiveDate,
        opd_name: &str,
    ) -> ServiceResult<ReportId> {
        let db = &self.services.db;
        let created = flow::create(
            db,
            self.kepala,
            opd,
            crate::programme::year::checked(year)?,
            quarter,
            self.meta,
            at(on, self.now),
        )
        .await?;
        let narrative = parse_narrative(
            &format!(
                "Setiap nilai terpilih {opd_name} dijalankan dengan kegiatan terdokumentasi pada {}.",
                quarter.label(domain::locale::Locale::Id)
            ),
            "Jadwal kegiatan beberapa kali bertabrakan dengan agenda pimpinan; diatasi dengan rapat daring.",
            "Menambah kegiatan lapangan dan memperbaiki kelengkapan notulen pada triwulan berikutnya.",
        )?;
        let edit = ReportEdit { narrative: Some(narrative), excluded: None };
        flow::update(db, self.kepala, created.summary.id, edit, self.meta, at(on, self.now)).await?;
        Ok(created.summary.id)
    }

    async fn submit(&self, id: ReportId, days_after_due: i64) -> ServiceResult<bool> {
        match flow::submit(&self.services.db, self.kepala, id, self.meta, self.when(days_after_due)).await {
            Ok(_) => Ok(true),
            Err(ServiceError::Invalid(_)) => Ok(false),
            Err(err) => Err(err),
        }
    }

    async fn decide(&self, id: ReportId, decision: Decision, days_after_due: i64) -> ServiceResult<()> {
        flow::decide(&self.services.db, self.reviewer, id, decision, self.meta, self.when(days_after_due)).await?;
        Ok(())
    }

    fn returned() -> Decision {
        Decision::Return {
            code: ReturnCode::EvidenceMismatch,
            text: "Foto kegiatan belum menunjukkan peserta; lengkapi dengan daftar hadir bertanda tangan.".into(),
            comments: Vec::new(),
        }
    }

    /// Plays `plot` (0 on time, 1 late then returned, 2 extended, 3 returned); the latest quarter stops short of
    /// acceptance.
    pub(super) async fn play(&self, id: ReportId, plot: usize, latest: bool) -> ServiceResult<()> {
        let db = &self.services.db;
        if plot == 2 || !self.submit_if(plot, id).await? {
            let reason = "Kegiatan triwulan ini bertumpuk dengan persiapan audit; mohon tambahan waktu dua pekan.";
            let request = extension::request(db, self.kepala, id, reason, self.meta, self.when(-3)).await?;
            if plot != 2 {
                return Ok(());
            }
            let grant = ExtensionDecision::Grant { due_on: shift(self.due, 14), note: None };
            extension::decide(db, self.reviewer, request.id, grant, self.meta, self.when(-2)).await?;
            if !self.submit(id, 10).await? || latest {
                return Ok(());
            }
            return self.decide(id, Decision::Accept, 12).await;
        }
        match (plot, latest) {
            (0, false) => self.decide(id, Decision::Accept, 3).await,
            (0, true) => Ok(()),
            (_, true) => self.decide(id, Self::returned(), 6).await,
            _ => {
                self.decide(id, Self::returned(), 6).await?;
                if self.submit(id, 8).await? {
                    self.decide(id, Decision::Accept, 10).await?;
                }
                Ok(())
            }
        }
    }

    /// The first submission: on time for plots 0 and 3, four days late for plot 1.
    async fn submit_if(&self, plot: usize, id: ReportId) -> ServiceResult<bool> {
        self.submit(id, if plot == 1 { 4 } else { -2 }).await
    }
}
