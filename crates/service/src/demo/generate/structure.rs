//! The generated province's structure, through the app's own services so it is validated and audited like real
//! work: the org tree, one reviewer per Pemda, four people per OPD, a KBK formed by SK, and an approved value
//! selection for every year.

use super::{Shape, names, rng::Rng};
use crate::{
    ServiceError, ServiceResult, Services,
    access::{
        Actor, password,
        users::{self, NewUser},
    },
    audit::RequestMeta,
    demo::reports::at,
    entity::value,
    kbk::{
        evidence::{self, Upload},
        groups,
    },
    org::{PlaceUnit, find_by_code, place_unit},
    programme::selection::{self, Decision},
};
use chrono::{DateTime, NaiveDate, Utc};
use domain::{
    access::Role,
    account::{Password, Username},
    ids::{KbkId, OrgUnitId, ValueId},
    kbk::{KbkInput, KbkRole, MemberInput},
    org::{OrgKind, Timezone},
    programme::{ChoiceInput, KeyBehaviour},
    text::{Name, OrgCode},
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, TransactionTrait};

const DECREE: &[u8] = include_bytes!("../../../data/demo/evidence/sk-kbk.pdf");

/// One generated Pemda and the reviewer who approves its OPDs' work.
pub(super) struct Pemda {
    pub(super) id: OrgUnitId,
    pub(super) code: OrgCode,
    /// Its number in usernames (`g{seed}.NN.…`).
    pub(super) number: usize,
    pub(super) reviewer: Actor,
}

/// One generated OPD: its people, its KBK, and the values it chose per year.
pub(super) struct Opd {
    /// Index of its Pemda in the generated list.
    pub(super) pemda: usize,
    pub(super) pemda_id: OrgUnitId,
    pub(super) id: OrgUnitId,
    pub(super) name: String,
    pub(super) kepala: Actor,
    pub(super) ketua: Actor,
    pub(super) members: Vec<Actor>,
    pub(super) kbk: KbkId,
    /// `(year, values chosen)`, oldest first.
    pub(super) chosen: Vec<(i32, Vec<ValueId>)>,
}

fn invalid(reason: impl ToString) -> ServiceError {
    ServiceError::Invalid(reason.to_string())
}

/// The root code of the province `seed` generates.
pub(super) fn root_code(seed: u64) -> ServiceResult<OrgCode> {
    OrgCode::parse(&format!("S{seed}")).map_err(invalid)
}

/// The Pemdas: each province followed by its regencies, each with its time zone and reviewer, under a national
/// node (with a reviewer of its own) when there are several provinces.
pub(super) async fn pemdas(
    services: &Services,
    shape: &Shape,
    rng: &mut Rng,
    now: DateTime<Utc>,
) -> ServiceResult<Vec<Pemda>> {
    let root = root_code(shape.seed)?;
    if find_by_code(&services.db, &root).await?.is_some() {
        return Err(ServiceError::Conflict(format!(
            "Data dengan benih {} sudah dibangkitkan di basis data ini.",
            shape.seed
        )));
    }
    let national = shape.provinces > 1;
    if national {
        let id = government(services, &root, None, OrgKind::Nasional, "Indonesia", Timezone::Wib, now).await?;
        person(services, &reviewer_name(shape, 0), rng, Role::Peninjau, id, id, now).await?;
    }
    // Each province, then its regencies: planned first, then placed with a reviewer each, in this order.
    let mut planned = Vec::new();
    for province in 0..shape.provinces {
        let region = names::region(usize::from(province));
        let code = if national {
            OrgCode::parse(&format!("{root}.P{:02}", province + 1)).map_err(invalid)?
        } else {
            root.clone()
        };
        let parent = national.then(|| root.clone());
        planned.push((code.clone(), parent, OrgKind::Provinsi, format!("Pemerintah Provinsi {region}")));
        for regency in 1..shape.pemdas_of(province) {
            let child = OrgCode::parse(&format!("{code}.K{regency:02}")).map_err(invalid)?;
            let name = format!("Pemerintah Kabupaten {region} {regency}");
            planned.push((child, Some(code.clone()), OrgKind::Kabupaten, name));
        }
    }
    let mut pemdas = Vec::new();
    for (code, parent, kind, name) in planned {
        let id = government(services, &code, parent, kind, &name, Timezone::Wita, now).await?;
        let number = pemdas.len() + usize::from(national);
        let reviewer = person(services, &reviewer_name(shape, number), rng, Role::Peninjau, id, id, now).await?;
        pemdas.push(Pemda { id, code, number, reviewer });
    }
    Ok(pemdas)
}

fn reviewer_name(shape: &Shape, number: usize) -> String {
    format!("g{}.peninjau.{number:02}", shape.seed)
}

/// Places a government node (national or Pemda) and returns its id.
async fn government(
    services: &Services,
    code: &OrgCode,
    parent: Option<OrgCode>,
    kind: OrgKind,
    name: &str,
    timezone: Timezone,
    now: DateTime<Utc>,
) -> ServiceResult<OrgUnitId> {
    let unit = PlaceUnit {
        code: code.clone(),
        parent,
        kind,
        name: Name::parse(name).map_err(invalid)?,
        timezone: Some(timezone),
    };
    place_unit(&services.db, &unit, now).await?;
    Ok(find_by_code(&services.db, code).await?.ok_or_else(|| invalid("Pemda vanished"))?.id)
}

/// A user with one role on `unit`, the shared generated password and a generated name.
async fn person(
    services: &Services,
    username: &str,
    rng: &mut Rng,
    role: Role,
    unit: OrgUnitId,
    pemda: OrgUnitId,
    now: DateTime<Utc>,
) -> ServiceResult<Actor> {
    let password = Password::parse(super::PASSWORD).map_err(invalid)?;
    // One hash for the shared password keeps generation fast, as in the demo seed.
    let hash = shared_hash(&password).await?;
    let full_name = format!("{} {}", rng.pick(&names::GIVEN), rng.pick(&names::FAMILY));
    let user = NewUser {
        username: Username::parse(username).map_err(invalid)?,
        full_name: Name::parse(&full_name).map_err(invalid)?,
        nip: None,
        email: None,
        password,
        pemda_id: Some(pemda),
    };
    let meta = RequestMeta::default();
    let txn = services.db.begin().await?;
    let id = users::insert_user(&txn, user, hash, None, &meta, now).await?;
    users::grant_role(&txn, id, role, Some(unit), None, &meta, now).await?;
    txn.commit().await?;
    let row = users::find_by_username(&services.db, username).await?.ok_or_else(|| invalid("user vanished"))?;
    users::load_actor(&services.db, &row).await
}

async fn shared_hash(password: &Password) -> ServiceResult<String> {
    static HASH: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    HASH.get_or_try_init(|| password::hash(password)).await.cloned()
}

/// The OPDs of the `p`th Pemda, each with its people, KBK and approved selections for `years`.
#[expect(clippy::too_many_arguments, reason = "one call site; a struct would only rename them")]
pub(super) async fn opds(
    services: &Services,
    shape: &Shape,
    p: usize,
    pemda: &Pemda,
    years: &[i32],
    values: &[ValueId],
    rng: &mut Rng,
    now: DateTime<Utc>,
) -> ServiceResult<Vec<Opd>> {
    let mut opds = Vec::new();
    let first_year = years.first().copied().unwrap_or_default();
    let formed = at(NaiveDate::from_ymd_opt(first_year, 1, 10).unwrap_or_default(), now);
    let number = pemda.number;
    for index in 0..usize::from(shape.opds_per_pemda) {
        let (kind, name) = names::agency(index);
        let code = OrgCode::parse(&format!("{}.D{:03}", pemda.code, index + 1)).map_err(invalid)?;
        let unit = PlaceUnit {
            code: code.clone(),
            parent: Some(pemda.code.clone()),
            kind,
            name: Name::parse(&name).map_err(invalid)?,
            timezone: None,
        };
        place_unit(&services.db, &unit, formed).await?;
        let id = find_by_code(&services.db, &code).await?.ok_or_else(|| invalid("OPD vanished"))?.id;
        let user = |seat: &str| format!("g{}.{number:02}.{:03}.{seat}", shape.seed, index + 1);
        let kepala = person(services, &user("kepala"), rng, Role::KepalaOpd, id, pemda.id, formed).await?;
        let ketua = person(services, &user("ketua"), rng, Role::KetuaKbk, id, pemda.id, formed).await?;
        let mut members = Vec::new();
        for n in 1..=2 {
            members.push(
                person(services, &user(&format!("anggota{n}")), rng, Role::AnggotaKbk, id, pemda.id, formed).await?,
            );
        }
        let kbk = form_kbk(services, &kepala, id, &name, [&ketua, &members[0], &members[1]], formed).await?;
        let mut chosen = Vec::new();
        for year in years {
            let picked = choose(services, &kepala, &pemda.reviewer, id, *year, values, rng, now).await?;
            chosen.push((*year, picked));
        }
        opds.push(Opd { pemda: p, pemda_id: pemda.id, id, name, kepala, ketua, members, kbk, chosen });
    }
    Ok(opds)
}

/// The 34 values of KepMenPAN 25/2002, in catalogue order (pairs side by side).
pub(super) async fn catalogue(services: &Services) -> ServiceResult<Vec<ValueId>> {
    let framework =
        crate::catalogue::get_framework_by_urn(&services.db, crate::catalogue::KEPMENPAN_25_2002_URN).await?;
    let rows = value::Entity::find()
        .filter(value::Column::FrameworkId.eq(framework.summary.id.into_uuid()))
        .order_by_asc(value::Column::Position)
        .all(&services.db)
        .await?;
    Ok(rows.into_iter().map(|row| ValueId::from_uuid(row.id)).collect())
}

async fn form_kbk(
    services: &Services,
    kepala: &Actor,
    opd: OrgUnitId,
    opd_name: &str,
    seats: [&Actor; 3],
    now: DateTime<Utc>,
) -> ServiceResult<KbkId> {
    let meta = RequestMeta::default();
    let input = KbkInput {
        name: format!("KBK {opd_name}"),
        work_unit: "Sekretariat".to_owned(),
        sk_number: Some(format!("800/{}/KBK", opd.into_uuid().simple())),
        sk_date: Some(now.date_naive()),
    };
    let group = groups::create(&services.db, kepala, opd, input, &meta, now).await?;
    let upload = Upload { file_name: "SK KBK.pdf".to_owned(), bytes: DECREE.to_vec() };
    evidence::attach_decree(services, kepala, group.id, upload, &meta).await?;
    for (n, seat) in seats.into_iter().enumerate() {
        let role = if n == 0 { KbkRole::Ketua } else { KbkRole::Anggota };
        let input = MemberInput { user_id: Some(seat.user_id), name: None, nip: None, role };
        groups::add_member(&services.db, kepala, group.id, input, &meta, now).await?;
    }
    Ok(group.id)
}

/// Three to five values from different pairs, chosen on the year's first working days and approved.
#[expect(clippy::too_many_arguments, reason = "one call site; a struct would only rename them")]
async fn choose(
    services: &Services,
    kepala: &Actor,
    reviewer: &Actor,
    opd: OrgUnitId,
    year: i32,
    values: &[ValueId],
    rng: &mut Rng,
    now: DateTime<Utc>,
) -> ServiceResult<Vec<ValueId>> {
    let pairs = values.len() / 2;
    let mut order: Vec<usize> = (0..pairs).collect();
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i + 1));
    }
    let wanted = 3 + rng.below(3);
    let mut picked: Vec<ValueId> = order.iter().take(wanted).map(|pair| values[pair * 2 + rng.below(2)]).collect();
    picked.sort_by_key(|v| values.iter().position(|x| x == v));
    let choices = picked
        .iter()
        .map(|value_id| ChoiceInput {
            value_id: *value_id,
            reason: "Nilai ini menjawab keluhan layanan yang paling sering diterima unit kerja.".to_owned(),
            behaviours: vec![KeyBehaviour {
                description: "Kegiatan terjadwal yang menghidupkan nilai".to_owned(),
                target: "Minimal 1 kegiatan terdokumentasi setiap triwulan".to_owned(),
            }],
        })
        .collect();
    let meta = RequestMeta::default();
    let on = at(NaiveDate::from_ymd_opt(year, 1, 5).unwrap_or_default(), now);
    let db = &services.db;
    let created =
        selection::create(db, kepala, opd, Some(crate::programme::year::checked(year)?), choices, &meta, on).await?;
    selection::submit(db, kepala, created.id, &meta, on).await?;
    selection::decide(db, reviewer, created.id, Decision::Approve, &meta, on).await?;
    Ok(picked)
}
