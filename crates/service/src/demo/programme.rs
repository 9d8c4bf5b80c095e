//! The demo programme (`data/demo/programme.toml`): for each demo OPD an approved value selection, a KBK formed
//! by SK with its members, and a documented action per month of the current year up to today, in every review
//! state. Everything goes through the same services the app uses, as the demo users, so it is validated and
//! audited like real work. Idempotent: an OPD that already has its selection or KBK keeps what it has.

use crate::{
    ServiceError, ServiceResult, Services,
    access::{Actor, users},
    audit::RequestMeta,
    entity::{kbk, value},
    kbk::{
        actions::{self, Verdict},
        evidence::{self, Upload},
        groups,
    },
    org::find_by_code,
    programme::{
        selection::{self, Decision},
        year,
    },
};
use chrono::{DateTime, NaiveDate, Utc};
use domain::{
    ids::{KbkId, OrgUnitId, ValueId},
    kbk::{ActionInput, KbkInput, KbkRole, MemberInput},
    programme::{ChoiceInput, KeyBehaviour, Quarter},
    text::OrgCode,
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde::Deserialize;

const FILE: &str = "demo/programme.toml";
const PROGRAMME: &str = include_str!("../../data/demo/programme.toml");
const PHOTO: &[u8] = include_bytes!("../../data/demo/evidence/foto-kegiatan.jpg");
const ATTENDANCE: &[u8] = include_bytes!("../../data/demo/evidence/daftar-hadir.pdf");
const DECREE: &[u8] = include_bytes!("../../data/demo/evidence/sk-kbk.pdf");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProgrammeFile {
    reviewer: String,
    opds: Vec<OpdRow>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OpdRow {
    code: String,
    kepala: String,
    kbk: String,
    work_unit: String,
    sk_number: String,
    author: String,
    verifier: String,
    members: Vec<MemberRow>,
    choices: Vec<ChoiceRow>,
    actions: Vec<ActionRow>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MemberRow {
    user: Option<String>,
    name: Option<String>,
    nip: Option<String>,
    role: KbkRole,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ChoiceRow {
    value: String,
    reason: String,
    behaviours: Vec<KeyBehaviour>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ActionRow {
    title: String,
    kind: domain::kbk::ActionKind,
    values: Vec<String>,
    location: String,
    description: String,
    result: Option<String>,
    indicator: Option<String>,
    target: Option<String>,
    realisation: Option<String>,
}

/// What the demo programme seed created.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ProgrammeSeed {
    /// Value selections created (and approved).
    pub selections: usize,
    /// KBKs formed.
    pub kbks: usize,
    /// Actions logged.
    pub actions: usize,
}

fn bundled(reason: impl ToString) -> ServiceError {
    ServiceError::BundledData { file: FILE, reason: reason.to_string() }
}

async fn actor(db: &impl ConnectionTrait, username: &str) -> ServiceResult<Actor> {
    let user = users::find_by_username(db, username).await?.ok_or_else(|| bundled(format!("no user {username}")))?;
    users::load_actor(db, &user).await
}

async fn value_id(db: &impl ConnectionTrait, code: &str) -> ServiceResult<ValueId> {
    let framework = crate::catalogue::get_framework_by_urn(db, crate::catalogue::KEPMENPAN_25_2002_URN).await?;
    let row = value::Entity::find()
        .filter(value::Column::FrameworkId.eq(framework.summary.id.into_uuid()))
        .filter(value::Column::Code.eq(code))
        .one(db)
        .await?
        .ok_or_else(|| bundled(format!("no value {code}")))?;
    Ok(ValueId::from_uuid(row.id))
}

/// Seeds the demo programme of the current year; needs the demo org tree and users.
pub async fn seed(services: &Services, now: DateTime<Utc>) -> ServiceResult<ProgrammeSeed> {
    let file: ProgrammeFile = toml::from_str(PROGRAMME).map_err(bundled)?;
    let db = &services.db;
    let reviewer = actor(db, &file.reviewer).await?;
    let meta = RequestMeta::default();
    let mut seed = ProgrammeSeed::default();
    for opd in &file.opds {
        let code = OrgCode::parse(&opd.code).map_err(bundled)?;
        let unit = find_by_code(db, &code).await?.ok_or_else(|| bundled(format!("no unit {code}")))?;
        let kepala = actor(db, &opd.kepala).await?;
        let year = year::active_year(db, unit.pemda_id.into_uuid(), now).await?;
        let existing = selection::list_for_opd(db, &kepala, unit.id).await?;
        if !existing.iter().any(|s| s.year == year) {
            let mut choices = Vec::new();
            for choice in &opd.choices {
                choices.push(ChoiceInput {
                    value_id: value_id(db, &choice.value).await?,
                    reason: choice.reason.clone(),
                    behaviours: choice.behaviours.clone(),
                });
            }
            let created = selection::create(
                db,
                &kepala,
                unit.id,
                Some(crate::programme::year::checked(year)?),
                choices,
                &meta,
                now,
            )
            .await?;
            selection::submit(db, &kepala, created.id, &meta, now).await?;
            selection::decide(db, &reviewer, created.id, Decision::Approve, &meta, now).await?;
            seed.selections += 1;
        }
        let formed = kbk::Entity::find()
            .filter(kbk::Column::OpdId.eq(unit.id.into_uuid()))
            .filter(kbk::Column::Name.eq(opd.kbk.as_str()))
            .one(db)
            .await?;
        if formed.is_none() {
            let group = form_kbk(services, &kepala, unit.id, opd, year, &meta, now).await?;
            seed.kbks += 1;
            seed.actions += log_actions(services, opd, group, year, &meta, now).await?;
        }
    }
    Ok(seed)
}

async fn form_kbk(
    services: &Services,
    kepala: &Actor,
    opd_id: OrgUnitId,
    opd: &OpdRow,
    year: i32,
    meta: &RequestMeta,
    now: DateTime<Utc>,
) -> ServiceResult<KbkId> {
    let db = &services.db;
    let input = KbkInput {
        name: opd.kbk.clone(),
        work_unit: opd.work_unit.clone(),
        sk_number: Some(opd.sk_number.replace("{year}", &year.to_string())),
        sk_date: NaiveDate::from_ymd_opt(year, 1, 15),
    };
    let group = groups::create(db, kepala, opd_id, input, meta, now).await?;
    let upload = Upload { file_name: format!("SK KBK {}.pdf", opd.kbk), bytes: DECREE.to_vec() };
    evidence::attach_decree(services, kepala, group.id, upload, meta).await?;
    for member in &opd.members {
        let user_id = match &member.user {
            Some(username) => Some(actor(db, username).await?.user_id),
            None => None,
        };
        let input = MemberInput { user_id, name: member.name.clone(), nip: member.nip.clone(), role: member.role };
        groups::add_member(db, kepala, group.id, input, meta, now).await?;
    }
    Ok(group.id)
}

/// Each quarter begun so far gets one action per template of the OPD, dated up to today, so every chosen value
/// the templates cover is lived each quarter. In the current quarter the newest stays a draft, the next is
/// waiting for verification, the third was returned; the rest are verified, so ended quarters can be reported.
async fn log_actions(
    services: &Services,
    opd: &OpdRow,
    group: KbkId,
    year: i32,
    meta: &RequestMeta,
    now: DateTime<Utc>,
) -> ServiceResult<usize> {
    let db = &services.db;
    let author = actor(db, &opd.author).await?;
    let verifier = actor(db, &opd.verifier).await?;
    let pemda = find_by_code(db, &OrgCode::parse(&opd.code).map_err(bundled)?)
        .await?
        .ok_or_else(|| bundled("unit vanished"))?
        .pemda_id;
    let today = year::pemda_today(db, pemda.into_uuid(), now).await?;
    let mut planned: Vec<(NaiveDate, usize)> = Vec::new();
    for quarter in Quarter::ALL {
        for (template, _) in opd.actions.iter().enumerate() {
            let offset = u32::try_from(template).unwrap_or(0);
            let month = u32::from(quarter.number()) * 3 - 2 + offset % 3;
            if let Some(date) = NaiveDate::from_ymd_opt(year, month, 3 + offset + 9 * (offset / 3)) {
                planned.push((date, template));
            }
        }
    }
    planned.retain(|(date, _)| *date <= today);
    planned.sort();
    let current = planned.iter().filter(|(date, _)| Quarter::of(*date) == Quarter::of(today)).count();
    let dates: Vec<(usize, (NaiveDate, usize))> = planned.into_iter().enumerate().collect();
    let total = dates.len();
    for (index, (date, template)) in dates {
        let template = &opd.actions[template];
        let mut value_ids = Vec::new();
        for code in &template.values {
            value_ids.push(value_id(db, code).await?);
        }
        let participants = 12 + u32::try_from(index).unwrap_or(0) * 3;
        let input = ActionInput {
            title: template.title.clone(),
            kind: template.kind,
            started_on: date,
            ended_on: None,
            location: template.location.clone(),
            value_ids,
            description: template.description.clone(),
            participants,
            attendees: participants - 2,
            result: template.result.clone(),
            indicator: template.indicator.clone(),
            target: template.target.clone(),
            realisation: template.realisation.clone(),
        };
        let action = actions::create(db, &author, group, input, meta, now).await?;
        for (name, bytes) in [("foto-kegiatan.jpg", PHOTO), ("daftar-hadir.pdf", ATTENDANCE)] {
            let upload = Upload { file_name: name.to_owned(), bytes: bytes.to_vec() };
            evidence::attach_to_action(services, &author, action.id, upload, meta).await?;
        }
        // Ages 0-2 (draft, waiting, returned) only within the current quarter; everything older is verified.
        let age = Some(total - 1 - index).filter(|age| *age < current).unwrap_or(usize::MAX);
        if age == 0 {
            continue;
        }
        actions::submit(db, &author, action.id, meta, now).await?;
        match age {
            1 => {}
            2 => {
                let reason = "Foto belum menunjukkan kegiatan; lampirkan notulen rapat.".to_owned();
                actions::decide(db, &verifier, action.id, Verdict::Return(reason), meta, now).await?;
            }
            _ => {
                actions::decide(db, &verifier, action.id, Verdict::Verify, meta, now).await?;
            }
        }
    }
    Ok(total)
}
