//! The generated actions. One per Pemda goes through the services with real photo and attendance files (the
//! sample a reviewer can open); the rest, the bulk of history, is written in batches with their values,
//! evidence metadata pointing at the sample's stored files, and the dashboard's counts for them, all in one
//! transaction per OPD so the counts never disagree with the rows.

use super::{names, rng::Rng, structure::Opd};
use crate::{
    ServiceResult, Services,
    audit::RequestMeta,
    dashboard::tally::{self, Key},
    demo::reports::{at, shift},
    entity::{action_value, evidence_file, kbk_action},
    kbk::{
        actions,
        evidence::{self, Upload},
    },
};
use chrono::{DateTime, NaiveDate, Utc};
use domain::{ids::ValueId, kbk::ActionInput, programme::Quarter, workflow::ReviewState};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionTrait};
use std::collections::HashMap;
use uuid::Uuid;

const PHOTO: &[u8] = include_bytes!("../../../data/demo/evidence/foto-kegiatan.jpg");
const ATTENDANCE: &[u8] = include_bytes!("../../../data/demo/evidence/daftar-hadir.pdf");
/// Rows per INSERT: well under SQLite's and PostgreSQL's limits on bound parameters.
const BATCH: usize = 400;

/// The stored files every bulk action's evidence points at.
#[derive(Default)]
pub(super) struct Samples {
    files: Vec<evidence_file::Model>,
}

/// Logs today's action of the OPD through the services, with a real photo and attendance list, as a draft.
pub(super) async fn sample(services: &Services, opd: &Opd, today: NaiveDate) -> ServiceResult<Samples> {
    let meta = RequestMeta::default();
    let values = opd.chosen.last().map(|(_, values)| values.clone()).unwrap_or_default();
    let input = ActionInput {
        title: "Rapat evaluasi budaya kerja".to_owned(),
        kind: domain::kbk::ActionKind::PertemuanRutin,
        started_on: today,
        ended_on: None,
        location: "Ruang rapat".to_owned(),
        value_ids: values.into_iter().take(1).collect(),
        description: "Evaluasi capaian nilai yang dipilih dan rencana kegiatan berikutnya.".to_owned(),
        participants: 20,
        attendees: 18,
        result: Some("Rencana kegiatan triwulan disepakati.".to_owned()),
        indicator: None,
        target: None,
        realisation: None,
    };
    let author = &opd.members[0];
    let action = actions::create(&services.db, author, opd.kbk, input, &meta, services.clock.now()).await?;
    for (name, bytes) in [("foto-kegiatan.jpg", PHOTO), ("daftar-hadir.pdf", ATTENDANCE)] {
        let upload = Upload { file_name: name.to_owned(), bytes: bytes.to_vec() };
        evidence::attach_to_action(services, author, action.id, upload, &meta).await?;
    }
    let files = evidence_file::Entity::find()
        .filter(evidence_file::Column::ActionId.eq(action.id.into_uuid()))
        .all(&services.db)
        .await?;
    Ok(Samples { files })
}

/// Per quarter: verified actions, those recording a result, and per value how many live it.
#[derive(Default)]
struct Counts {
    verified: i32,
    with_result: i32,
    per_value: HashMap<Uuid, i32>,
}

/// Rows waiting to be inserted together.
#[derive(Default)]
struct Batch {
    actions: Vec<kbk_action::ActiveModel>,
    values: Vec<action_value::ActiveModel>,
    evidence: Vec<evidence_file::ActiveModel>,
}

impl Batch {
    async fn flush(&mut self, txn: &impl ConnectionTrait) -> ServiceResult<()> {
        if self.actions.is_empty() {
            return Ok(());
        }
        kbk_action::Entity::insert_many(std::mem::take(&mut self.actions)).exec_without_returning(txn).await?;
        for chunk in std::mem::take(&mut self.values).chunks(BATCH * 2) {
            action_value::Entity::insert_many(chunk.to_vec()).exec_without_returning(txn).await?;
        }
        for chunk in std::mem::take(&mut self.evidence).chunks(BATCH) {
            evidence_file::Entity::insert_many(chunk.to_vec()).exec_without_returning(txn).await?;
        }
        Ok(())
    }
}

/// What one bulk action is, before it becomes rows.
struct Planned {
    date: NaiveDate,
    values: Vec<ValueId>,
    state: ReviewState,
}

/// Writes `count` actions of the OPD spread over `quarters` (those begun by `today`), with their evidence
/// metadata and counts. Each ended quarter opens with one verified action per chosen value, so its report
/// passes the self-check; the current quarter holds work in every state.
#[expect(clippy::too_many_arguments, reason = "one call site; a struct would only rename them")]
pub(super) async fn bulk(
    services: &Services,
    opd: &Opd,
    quarters: &[(i32, Quarter)],
    count: u64,
    today: NaiveDate,
    now: DateTime<Utc>,
    samples: &Samples,
    rng: &mut Rng,
) -> ServiceResult<()> {
    let txn = services.db.begin().await?;
    let mut batch = Batch::default();
    let mut counts: HashMap<(i32, Quarter), Counts> = HashMap::new();
    let spread = u64::try_from(quarters.len()).unwrap_or(1).max(1);
    for (n, (year, quarter)) in quarters.iter().copied().enumerate() {
        let share = count / spread + u64::from(u64::try_from(n).unwrap_or(0) < count % spread);
        let chosen = opd.chosen.iter().find(|(y, _)| *y == year).map(|(_, v)| v.clone()).unwrap_or_default();
        let (Some(start), Some(end)) = (quarter.start(year), quarter.end(year)) else { continue };
        let current = end >= today;
        let days = usize::try_from((end.min(today) - start).num_days() + 1).unwrap_or(1);
        for i in 0..usize::try_from(share).unwrap_or(0) {
            let date = shift(start, i64::try_from(rng.below(days)).unwrap_or(0));
            let plan = plan(rng, i, &chosen, current, date);
            if plan.state == ReviewState::Accepted {
                let entry = counts.entry((year, quarter)).or_default();
                entry.verified += 1;
                for value in &plan.values {
                    *entry.per_value.entry(value.into_uuid()).or_default() += 1;
                }
            }
            let result = add(&mut batch, opd, plan, now, samples, rng);
            if result {
                counts.entry((year, quarter)).or_default().with_result += 1;
            }
            if batch.actions.len() >= BATCH {
                batch.flush(&txn).await?;
            }
        }
    }
    batch.flush(&txn).await?;
    for ((year, quarter), c) in counts {
        let key = Key {
            pemda: opd.pemda_id.into_uuid(),
            opd: opd.id.into_uuid(),
            year,
            quarter: i16::from(quarter.number()),
        };
        tally::verified_in_bulk(&txn, key, c.verified, c.with_result, &c.per_value).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// The `i`th action of a quarter: the first ones live each chosen value once and are verified; the rest live
/// one or two values, mostly verified in ended quarters and in every state in the current one.
fn plan(rng: &mut Rng, i: usize, chosen: &[ValueId], current: bool, date: NaiveDate) -> Planned {
    let values = match chosen.get(i) {
        Some(value) => vec![*value],
        None if chosen.is_empty() => Vec::new(),
        None => {
            let first = *rng.pick(chosen);
            let second = *rng.pick(chosen);
            if first == second { vec![first] } else { vec![first, second] }
        }
    };
    let roll = rng.below(100);
    let state = match (i < chosen.len() && !current, current, roll) {
        (true, _, _) => ReviewState::Accepted,
        (false, true, 0..55) | (false, false, 0..94) => ReviewState::Accepted,
        (false, true, 55..70) => ReviewState::Submitted,
        (false, true, 70..80) | (false, false, 94..97) => ReviewState::Returned,
        _ => ReviewState::Draft,
    };
    Planned { date, values, state }
}

/// Adds the action's rows to `batch`; returns whether it is verified and records a result against a target.
fn add(batch: &mut Batch, opd: &Opd, plan: Planned, now: DateTime<Utc>, samples: &Samples, rng: &mut Rng) -> bool {
    let (kind, title) = *rng.pick(&names::ACTIONS);
    let created = at(shift(plan.date, 1), now);
    let millis = u64::try_from(created.timestamp_millis()).unwrap_or(0);
    let id = rng.id_at(millis);
    let author = if rng.chance(20) { &opd.ketua } else { rng.pick(&opd.members) };
    let measured = rng.chance(40);
    let participants = 8 + i32::try_from(rng.below(40)).unwrap_or(0);
    let handed_in = plan.state != ReviewState::Draft;
    let decided = matches!(plan.state, ReviewState::Accepted | ReviewState::Returned);
    let later = |days: i64| at(shift(plan.date, days), now);
    batch.actions.push(kbk_action::ActiveModel {
        id: Set(id),
        pemda_id: Set(opd.pemda_id.into_uuid()),
        opd_id: Set(opd.id.into_uuid()),
        kbk_id: Set(opd.kbk.into_uuid()),
        author_id: Set(author.user_id.into_uuid()),
        title: Set(format!("{title} {}", plan.date.format("%d/%m/%Y"))),
        kind: Set(kind.as_str().to_owned()),
        started_on: Set(plan.date),
        ended_on: Set(None),
        location: Set(format!("Kantor {}", opd.name)),
        description: Set(format!("{title} bersama seluruh anggota KBK untuk menghidupkan nilai yang dipilih.")),
        participants: Set(participants),
        attendees: Set(participants - i32::try_from(rng.below(4)).unwrap_or(0)),
        result: Set(Some("Kesepakatan tindak lanjut dicatat dalam notulen.".to_owned())),
        indicator: Set(measured.then(|| "Layanan selesai tepat waktu".to_owned())),
        target: Set(measured.then(|| "90%".to_owned())),
        realisation: Set(measured.then(|| format!("{}%", 80 + rng.below(20)))),
        state: Set(plan.state.as_str().to_owned()),
        return_reason: Set((plan.state == ReviewState::Returned).then(|| "Lengkapi notulen dan daftar hadir.".into())),
        entered_on: Set(created.date_naive()),
        submitted_at: Set(handed_in.then(|| later(2))),
        decided_at: Set(decided.then(|| later(4))),
        decided_by: Set(decided.then(|| opd.ketua.user_id.into_uuid())),
        created_at: Set(created),
        updated_at: Set(if decided { later(4) } else { created }),
    });
    for value in &plan.values {
        batch.values.push(action_value::ActiveModel { action_id: Set(id), value_id: Set(value.into_uuid()) });
    }
    for file in &samples.files {
        batch.evidence.push(evidence_file::ActiveModel {
            id: Set(rng.id_at(millis)),
            pemda_id: Set(opd.pemda_id.into_uuid()),
            opd_id: Set(opd.id.into_uuid()),
            kbk_id: Set(opd.kbk.into_uuid()),
            action_id: Set(Some(id)),
            uploaded_by: Set(author.user_id.into_uuid()),
            created_at: Set(created),
            ..evidence_file::ActiveModel::from(file.clone())
        });
    }
    plan.state == ReviewState::Accepted && measured
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_actions_of_an_ended_quarter_live_every_chosen_value_and_are_verified() {
        let chosen: Vec<ValueId> = (0..4).map(|_| ValueId::from_uuid(Uuid::now_v7())).collect();
        let mut rng = Rng::new(3);
        let date = NaiveDate::from_ymd_opt(2025, 2, 1).unwrap_or_default();
        for (i, value) in chosen.iter().enumerate() {
            let planned = plan(&mut rng, i, &chosen, false, date);
            assert_eq!(planned.values, vec![*value]);
            assert_eq!(planned.state, ReviewState::Accepted);
        }
        let rest: Vec<Planned> = (4..400).map(|i| plan(&mut rng, i, &chosen, false, date)).collect();
        assert!(rest.iter().all(|p| !p.values.is_empty() && p.values.len() <= 2));
        assert!(rest.iter().any(|p| p.state != ReviewState::Accepted), "ended quarters keep a few loose ends");
    }

    #[test]
    fn the_current_quarter_holds_actions_in_every_state() {
        let chosen: Vec<ValueId> = (0..3).map(|_| ValueId::from_uuid(Uuid::now_v7())).collect();
        let mut rng = Rng::new(5);
        let date = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap_or_default();
        let states: std::collections::HashSet<&str> =
            (0..200).map(|i| plan(&mut rng, i, &chosen, true, date).state.as_str()).collect();
        assert_eq!(states.len(), 4, "{states:?}");
    }
}
