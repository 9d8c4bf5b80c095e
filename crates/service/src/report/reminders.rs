//! Daily reminder digests for the Kepala and Admin OPD of agencies that have not submitted: reports due within
//! seven days and reports overdue, in one message per user per day (in the Pemda's calendar), queued in the mail
//! outbox and shown in the bell.

use super::summary::Calendar;
use crate::{
    ServiceResult,
    entity::{app_user, mail_outbox, org_unit, report, role_grant},
    notify,
    programme::year,
};
use chrono::{DateTime, NaiveDate, Utc};
use domain::{access::Role, locale::Locale, programme::Quarter, time::format_date};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set, TransactionTrait};
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

/// How many days before its due date a report is announced.
pub const DUE_SOON_DAYS: i64 = 7;

/// One line of a digest.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Pending {
    opd: String,
    quarter: Quarter,
    year: i32,
    due: NaiveDate,
    overdue: bool,
}

impl Pending {
    fn line(&self) -> String {
        let quarter = self.quarter.label(Locale::Id);
        let due = format_date(self.due, Locale::Id);
        if self.overdue {
            format!("- {}: laporan {quarter} {} lewat batas waktu {due} dan belum diajukan.", self.opd, self.year)
        } else {
            format!("- {}: laporan {quarter} {} jatuh tempo {due}.", self.opd, self.year)
        }
    }
}

/// What a run queued.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReminderRun {
    /// Digests queued by this run (users already reminded today are skipped).
    pub queued: usize,
}

/// Queues today's digest for every OPD head with something due soon or overdue who has none yet today.
pub async fn queue_digests(db: &DatabaseConnection, now: DateTime<Utc>) -> ServiceResult<ReminderRun> {
    let grants = role_grant::Entity::find()
        .filter(role_grant::Column::Role.is_in([Role::KepalaOpd.as_str(), Role::AdminOpd.as_str()]))
        .all(db)
        .await?;
    let opds: HashMap<Uuid, org_unit::Model> = org_unit::Entity::find()
        .filter(org_unit::Column::Id.is_in(grants.iter().filter_map(|g| g.org_unit_id)))
        .filter(org_unit::Column::Active.eq(true))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let mut years: HashMap<Uuid, i32> = HashMap::new();
    for pemda in opds.values().map(|o| o.pemda_id) {
        if let std::collections::hash_map::Entry::Vacant(entry) = years.entry(pemda) {
            entry.insert(year::active_year(db, pemda, now).await?);
        }
    }
    // Last year's fourth quarter falls due in January of this one.
    let periods = |year: i32| std::iter::once((year - 1, Quarter::ALL[3])).chain(Quarter::ALL.map(|q| (year, q)));
    let keys: Vec<(Uuid, Uuid, i32)> = opds
        .values()
        .flat_map(|o| [years[&o.pemda_id] - 1, years[&o.pemda_id]].map(|y| (o.id, o.pemda_id, y)))
        .collect();
    let calendar = Calendar::load(db, &keys).await?;
    let reports = report::Entity::find()
        .filter(report::Column::OpdId.is_in(opds.keys().copied()))
        .filter(report::Column::Year.is_in(years.values().flat_map(|y| [y - 1, *y])))
        .all(db)
        .await?;
    let mut pending_by_opd: HashMap<Uuid, Vec<Pending>> = HashMap::new();
    for opd in opds.values() {
        let today = calendar.zone(opd.pemda_id).local(now).date_naive();
        for (year, quarter) in periods(years[&opd.pemda_id]) {
            let row = reports
                .iter()
                .find(|r| r.opd_id == opd.id && r.year == year && r.quarter == i16::from(quarter.number()));
            if row.is_some_and(|r| r.first_submitted_at.is_some()) {
                continue;
            }
            let Some(due) = row.and_then(|r| r.extended_to).or_else(|| calendar.due(opd.pemda_id, year, quarter))
            else {
                continue;
            };
            let days_left = (due - today).num_days();
            // Last year's report stops nagging a month after its due date; this year's keep going.
            let stale = year < years[&opd.pemda_id] && days_left < -30;
            if days_left <= DUE_SOON_DAYS && !stale {
                let line = Pending { opd: opd.name.clone(), quarter, year, due, overdue: days_left < 0 };
                pending_by_opd.entry(opd.id).or_default().push(line);
            }
        }
    }
    let users: HashMap<Uuid, app_user::Model> = app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(grants.iter().map(|g| g.user_id)))
        .filter(app_user::Column::Active.eq(true))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let mut digests: BTreeMap<Uuid, (NaiveDate, Vec<Pending>)> = BTreeMap::new();
    for grant in &grants {
        let (Some(opd), Some(user)) = (grant.org_unit_id.and_then(|id| opds.get(&id)), users.get(&grant.user_id))
        else {
            continue;
        };
        let Some(lines) = pending_by_opd.get(&opd.id) else { continue };
        let today = calendar.zone(opd.pemda_id).local(now).date_naive();
        let entry = digests.entry(user.id).or_insert_with(|| (today, Vec::new()));
        entry.1.extend(lines.iter().filter(|l| !entry.1.contains(l)).cloned().collect::<Vec<_>>());
    }
    let mut run = ReminderRun::default();
    for (user, (day, lines)) in digests {
        if queue_one(db, &users[&user], day, &lines, now).await? {
            run.queued += 1;
        }
    }
    Ok(run)
}

/// Queues one user's digest for `day` unless they already have it; the unique index settles races.
async fn queue_one(
    db: &DatabaseConnection,
    user: &app_user::Model,
    day: NaiveDate,
    lines: &[Pending],
    now: DateTime<Utc>,
) -> ServiceResult<bool> {
    let exists = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::UserId.eq(user.id))
        .filter(mail_outbox::Column::Day.eq(day))
        .filter(mail_outbox::Column::Kind.eq("reminder"))
        .one(db)
        .await?;
    if exists.is_some() {
        return Ok(false);
    }
    let overdue = lines.iter().filter(|l| l.overdue).count();
    let subject = format!(
        "Pengingat laporan Budaya Kerja {}: {} lewat batas, {} segera jatuh tempo",
        format_date(day, Locale::Id),
        overdue,
        lines.len() - overdue
    );
    let body = format!(
        "Yth. {},\n\nLaporan triwulan berikut belum diajukan:\n{}\n\nSalam,\nBudaya",
        user.full_name,
        lines.iter().map(Pending::line).collect::<Vec<_>>().join("\n")
    );
    let txn = db.begin().await?;
    let inserted = mail_outbox::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user.id),
        day: Set(day),
        kind: Set("reminder".to_owned()),
        to_address: Set(user.email.clone()),
        subject: Set(subject.clone()),
        body: Set(body),
        created_at: Set(now),
        sent_at: Set(None),
    }
    .insert(&txn)
    .await;
    match inserted {
        Ok(_) => {}
        // Another run queued it between our check and our insert.
        Err(err) if matches!(err.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(_))) => return Ok(false),
        Err(err) => return Err(err.into()),
    }
    let kind = if overdue > 0 { "overdue" } else { "due_soon" };
    notify::send(&txn, &[user.id], None, kind, None, &subject, now).await?;
    txn.commit().await?;
    Ok(true)
}
