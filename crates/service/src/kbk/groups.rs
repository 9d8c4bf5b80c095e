//! Forming KBKs (Kepala OPD or Admin OPD): name, work unit, SK, members and their seats. Seats carry the KBK
//! access roles on the OPD; a KBK is deactivated, never deleted (decision 3).

use crate::{
    ServiceError, ServiceResult,
    access::{
        Actor, Scope,
        reach::{self, InOpd},
        users,
    },
    audit::{self, AuditEntry, RequestMeta},
    dashboard::standing,
    entity::{app_user, evidence_file, kbk, kbk_member, org_unit, role_grant},
};
use chrono::{DateTime, Utc};
use domain::{
    access::Action,
    account::{Nip, UserView},
    field::{Problem, Problems},
    ids::{EvidenceId, KbkId, MemberId, OrgUnitId, UserId},
    kbk::{DecreeView, KbkInput, KbkRole, KbkView, MemberInput, MemberView, size_warning},
    locale::Locale,
    text::{Name, parse_optional_text},
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use std::collections::HashMap;
use uuid::Uuid;

/// Builds the views of `rows` in three queries, or two when they all belong to `known`.
async fn views(
    db: &impl ConnectionTrait,
    rows: Vec<kbk::Model>,
    known: Option<&org_unit::Model>,
) -> ServiceResult<Vec<KbkView>> {
    let members = kbk_member::Entity::find()
        .filter(kbk_member::Column::KbkId.is_in(rows.iter().map(|row| row.id)))
        .order_by_asc(kbk_member::Column::CreatedAt)
        .order_by_asc(kbk_member::Column::Id)
        .all(db)
        .await?;
    let decrees: HashMap<Uuid, Uuid> = evidence_file::Entity::find()
        .filter(evidence_file::Column::KbkId.is_in(rows.iter().map(|row| row.id)))
        .filter(evidence_file::Column::Purpose.eq(super::evidence::DECREE))
        .order_by_asc(evidence_file::Column::CreatedAt)
        .order_by_asc(evidence_file::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|file| (file.kbk_id, file.id))
        .collect();
    let opds = crate::org::names::of(db, rows.iter().map(|row| row.opd_id), known).await?;
    let mut by_kbk: HashMap<Uuid, Vec<MemberView>> = HashMap::new();
    for member in members {
        let role = member.role.parse::<KbkRole>().map_err(|err| ServiceError::Invalid(err.to_string()))?;
        by_kbk.entry(member.kbk_id).or_default().push(MemberView {
            id: MemberId::from_uuid(member.id),
            user_id: member.user_id.map(UserId::from_uuid),
            name: member.name,
            nip: member.nip,
            role,
            active: member.active,
        });
    }
    Ok(rows
        .into_iter()
        .map(|row| {
            let mut members = by_kbk.remove(&row.id).unwrap_or_default();
            members.sort_by_key(|m| (!m.active, KbkRole::ALL.iter().position(|r| *r == m.role)));
            let active_members = members.iter().filter(|m| m.active).count();
            let decree = match (row.sk_number, row.sk_date) {
                (Some(number), Some(date)) => Some(DecreeView {
                    number,
                    date,
                    evidence_id: decrees.get(&row.id).copied().map(EvidenceId::from_uuid),
                }),
                _ => None,
            };
            KbkView {
                id: KbkId::from_uuid(row.id),
                opd_id: OrgUnitId::from_uuid(row.opd_id),
                opd_name: opds.get(&row.opd_id).cloned().unwrap_or_default(),
                name: row.name,
                work_unit: row.work_unit,
                decree,
                active: row.active,
                size_warning: row.active.then(|| size_warning(active_members, Locale::Id)).flatten(),
                members,
            }
        })
        .collect())
}

/// The view of one KBK.
pub async fn view(db: &impl ConnectionTrait, row: kbk::Model) -> ServiceResult<KbkView> {
    views(db, vec![row], None).await?.pop().ok_or(ServiceError::NotFound)
}

/// The OPD's KBKs, active first, by name.
pub async fn list_for_opd(db: &DatabaseConnection, actor: &Actor, opd: OrgUnitId) -> ServiceResult<Vec<KbkView>> {
    of_unit(db, &reach::visible_opd(db, actor, opd).await?).await
}

/// Every KBK of an OPD the caller has already been shown, active first.
pub(crate) async fn of_unit(db: &DatabaseConnection, unit: &org_unit::Model) -> ServiceResult<Vec<KbkView>> {
    let rows = kbk::Entity::find()
        .filter(kbk::Column::OpdId.eq(unit.id))
        .order_by_desc(kbk::Column::Active)
        .order_by_asc(kbk::Column::Name)
        .all(db)
        .await?;
    views(db, rows, Some(unit)).await
}

/// The KBK and its OPD, if the actor may see them.
pub async fn visible(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: KbkId,
) -> ServiceResult<(kbk::Model, org_unit::Model)> {
    let shown = shown(db, actor, id).await?;
    Ok((shown.row, shown.opd))
}

/// A KBK the caller may see, with its OPD and its Pemda's time zone, in one statement (else not found).
pub async fn shown(db: &impl ConnectionTrait, actor: &Actor, id: KbkId) -> ServiceResult<InOpd<kbk::Model>> {
    let select = kbk::Entity::find_by_id(id.into_uuid());
    reach::in_visible_opd(db, actor, select, kbk::Column::OpdId, kbk::Column::PemdaId).await
}

/// The view of `row`, a KBK of `unit` the caller has already been shown (`visible`).
pub async fn view_in(db: &impl ConnectionTrait, row: kbk::Model, unit: &org_unit::Model) -> ServiceResult<KbkView> {
    views(db, vec![row], Some(unit)).await?.pop().ok_or(ServiceError::NotFound)
}

/// One KBK.
pub async fn get(db: &DatabaseConnection, actor: &Actor, id: KbkId) -> ServiceResult<KbkView> {
    let (row, unit) = visible(db, actor, id).await?;
    view_in(db, row, &unit).await
}

fn invalid(message: impl Into<String>) -> ServiceError {
    ServiceError::Invalid(message.into())
}

/// A parsed KBK form.
struct KbkFields {
    name: Name,
    work_unit: Name,
    sk_number: Option<String>,
    sk_date: Option<chrono::NaiveDate>,
}

fn parse_kbk(input: &KbkInput) -> ServiceResult<KbkFields> {
    let mut problems = Problems::default();
    let name = problems.check("name", Name::parse(&input.name), Problem::Text);
    let work_unit = problems.check("work_unit", Name::parse(&input.work_unit), Problem::Text);
    let sk_number = problems.check(
        "sk_number",
        parse_optional_text(input.sk_number.as_deref(), domain::kbk::MAX_SK_NUMBER),
        Problem::Text,
    );
    if let Some(sk_number) = &sk_number
        && sk_number.is_some() != input.sk_date.is_some()
    {
        let field = if sk_number.is_some() { "sk_date" } else { "sk_number" };
        problems.add(field, Problem::DecreeHalf);
    }
    match (name, work_unit, sk_number) {
        (Some(name), Some(work_unit), Some(sk_number)) if problems.is_empty() => {
            Ok(KbkFields { name, work_unit, sk_number, sk_date: input.sk_date })
        }
        _ => Err(ServiceError::Fields(problems.into_vec())),
    }
}

fn entry<'a>(actor: &'a Actor, action: &'a str, row: &kbk::Model) -> AuditEntry<'a> {
    let mut entry = AuditEntry::new(Some(actor), action, "kbk", Some(row.id.to_string()));
    entry.pemda_id = Some(row.pemda_id);
    entry
}

/// Forms a KBK in the OPD.
pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    opd: OrgUnitId,
    input: KbkInput,
    meta: &RequestMeta,
    now: DateTime<Utc>,
) -> ServiceResult<KbkView> {
    let unit = reach::opd_for(db, actor, opd, Action::ManageKbk).await?;
    let fields = parse_kbk(&input)?;
    let txn = db.begin().await?;
    let row = kbk::ActiveModel {
        id: Set(Uuid::now_v7()),
        pemda_id: Set(unit.pemda_id),
        opd_id: Set(unit.id),
        name: Set(fields.name.to_string()),
        work_unit: Set(fields.work_unit.to_string()),
        sk_number: Set(fields.sk_number),
        sk_date: Set(fields.sk_date),
        active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await
    .map_err(|err| match ServiceError::from(err) {
        ServiceError::Conflict(_) => {
            ServiceError::Conflict(format!("OPD ini sudah punya KBK bernama {}.", fields.name))
        }
        other => other,
    })?;
    let created = view(&txn, row.clone()).await?;
    let mut audit_entry = entry(actor, "kbk.create", &row);
    audit_entry.after = serde_json::to_value(&created).ok();
    standing::refresh_kept(&txn, &[row.opd_id], now).await?;
    audit::record(&txn, audit_entry, meta, now).await?;
    txn.commit().await?;
    Ok(created)
}

/// Changes a KBK's name, work unit or SK, or (de)activates it.
pub async fn update(
    db: &DatabaseConnection,
    actor: &Actor,
    id: KbkId,
    input: KbkInput,
    active: Option<bool>,
    meta: &RequestMeta,
    now: DateTime<Utc>,
) -> ServiceResult<KbkView> {
    let (row, unit) = visible(db, actor, id).await?;
    reach::require(actor, Action::ManageKbk, &unit.path)?;
    let fields = parse_kbk(&input)?;
    let txn = db.begin().await?;
    let before = view(&txn, row.clone()).await?;
    let mut model: kbk::ActiveModel = row.clone().into();
    model.name = Set(fields.name.to_string());
    model.work_unit = Set(fields.work_unit.to_string());
    model.sk_number = Set(fields.sk_number);
    model.sk_date = Set(fields.sk_date);
    if let Some(active) = active {
        model.active = Set(active);
    }
    model.updated_at = Set(now);
    let row = model.update(&txn).await?;
    let after = view(&txn, row.clone()).await?;
    let action = match active {
        Some(false) if before.active => "kbk.deactivate",
        Some(true) if !before.active => "kbk.activate",
        _ => "kbk.update",
    };
    let mut audit_entry = entry(actor, action, &row);
    audit_entry.before = serde_json::to_value(&before).ok();
    audit_entry.after = serde_json::to_value(&after).ok();
    standing::refresh_kept(&txn, &[row.opd_id], now).await?;
    audit::record(&txn, audit_entry, meta, now).await?;
    txn.commit().await?;
    Ok(after)
}

/// Whether the user holds any role inside the OPD's subtree (is one of its users).
async fn belongs_to(db: &impl ConnectionTrait, user: Uuid, opd: &org_unit::Model) -> ServiceResult<bool> {
    let grants = role_grant::Entity::find().filter(role_grant::Column::UserId.eq(user)).all(db).await?;
    let units = org_unit::Entity::find()
        .filter(org_unit::Column::Id.is_in(grants.iter().filter_map(|grant| grant.org_unit_id)))
        .all(db)
        .await?;
    Ok(units.iter().any(|unit| unit.path.starts_with(&opd.path)))
}

/// Gives `user` the access role of `role` on the OPD, unless they already hold it there.
async fn grant_seat_role(
    txn: &impl ConnectionTrait,
    user: Uuid,
    role: KbkRole,
    opd: &org_unit::Model,
    meta: &RequestMeta,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    let held = role_grant::Entity::find()
        .filter(role_grant::Column::UserId.eq(user))
        .filter(role_grant::Column::Role.eq(role.access_role().as_str()))
        .filter(role_grant::Column::OrgUnitId.eq(opd.id))
        .one(txn)
        .await?;
    if held.is_some() {
        return Ok(());
    }
    // The seat, not the manager's rank, grants the role; the `kbk.add_member` entry records who seated them.
    users::grant_role(
        txn,
        UserId::from_uuid(user),
        role.access_role(),
        Some(OrgUnitId::from_uuid(opd.id)),
        None,
        meta,
        now,
    )
    .await
}

/// Seats a member: a user of the OPD (who gets the seat's access role there) or a named outsider.
pub async fn add_member(
    db: &DatabaseConnection,
    actor: &Actor,
    id: KbkId,
    input: MemberInput,
    meta: &RequestMeta,
    now: DateTime<Utc>,
) -> ServiceResult<KbkView> {
    let (row, unit) = visible(db, actor, id).await?;
    reach::require(actor, Action::ManageKbk, &unit.path)?;
    if !row.active {
        return Err(ServiceError::Conflict("KBK ini nonaktif; aktifkan dulu sebelum menambah anggota.".into()));
    }
    let (user_id, name, nip) = match input.user_id {
        Some(user) => {
            let account = app_user::Entity::find_by_id(user.into_uuid()).one(db).await?;
            let account = match account {
                Some(account) if belongs_to(db, account.id, &unit).await? => account,
                _ => return Err(invalid("Pengguna itu bukan pegawai OPD ini.")),
            };
            (Some(account.id), account.full_name, account.nip)
        }
        None => {
            let name = Name::parse(input.name.as_deref().unwrap_or_default())
                .map_err(|e| ServiceError::field("name", Problem::Text(e)))?;
            let nip = Nip::parse_optional(input.nip.as_deref())
                .map_err(|e| ServiceError::field("nip", Problem::Account(e)))?;
            (None, name.to_string(), nip.map(String::from))
        }
    };
    if let Some(user) = user_id {
        let seated = kbk_member::Entity::find()
            .filter(kbk_member::Column::KbkId.eq(row.id))
            .filter(kbk_member::Column::UserId.eq(user))
            .filter(kbk_member::Column::Active.eq(true))
            .one(db)
            .await?;
        if seated.is_some() {
            return Err(ServiceError::Conflict(format!("{name} sudah menjadi anggota KBK ini.")));
        }
    }
    let txn = db.begin().await?;
    let member = kbk_member::ActiveModel {
        id: Set(Uuid::now_v7()),
        kbk_id: Set(row.id),
        user_id: Set(user_id),
        name: Set(name),
        nip: Set(nip),
        role: Set(input.role.as_str().to_owned()),
        active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    if let Some(user) = user_id {
        grant_seat_role(&txn, user, input.role, &unit, meta, now).await?;
    }
    let after = view(&txn, row.clone()).await?;
    let mut audit_entry = entry(actor, "kbk.add_member", &row);
    audit_entry.after =
        Some(serde_json::json!({ "member": member.id, "name": member.name, "role": member.role, "user": user_id }));
    standing::refresh_kept(&txn, &[row.opd_id], now).await?;
    audit::record(&txn, audit_entry, meta, now).await?;
    txn.commit().await?;
    Ok(after)
}

/// The people a manager may seat in a KBK of `unit` (an OPD the caller has already been shown, `visible`): every
/// user holding a role in it, by username.
pub async fn candidates_in(
    db: &impl ConnectionTrait,
    actor: &Actor,
    unit: &org_unit::Model,
) -> ServiceResult<Vec<UserView>> {
    reach::require(actor, Action::ManageKbk, &unit.path)?;
    users::list_in_scope(db, &Scope::subtree(&unit.path), None, 500).await
}

/// Ends a member's seat (kept in the history). Their KBK access role on the OPD goes when no other active seat
/// in the OPD needs it.
pub async fn remove_member(
    db: &DatabaseConnection,
    actor: &Actor,
    id: KbkId,
    member: MemberId,
    meta: &RequestMeta,
    now: DateTime<Utc>,
) -> ServiceResult<KbkView> {
    let (row, unit) = visible(db, actor, id).await?;
    reach::require(actor, Action::ManageKbk, &unit.path)?;
    let seat = kbk_member::Entity::find_by_id(member.into_uuid())
        .filter(kbk_member::Column::KbkId.eq(row.id))
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let txn = db.begin().await?;
    let mut model: kbk_member::ActiveModel = seat.clone().into();
    model.active = Set(false);
    model.updated_at = Set(now);
    model.update(&txn).await?;
    if let (Some(user), Ok(role)) = (seat.user_id, seat.role.parse::<KbkRole>()) {
        let opd_kbks = kbk::Entity::find().filter(kbk::Column::OpdId.eq(unit.id)).all(&txn).await?;
        let still_needed = kbk_member::Entity::find()
            .filter(kbk_member::Column::UserId.eq(user))
            .filter(kbk_member::Column::Active.eq(true))
            .filter(kbk_member::Column::KbkId.is_in(opd_kbks.iter().map(|k| k.id)))
            .all(&txn)
            .await?
            .iter()
            .any(|other| other.role.parse::<KbkRole>().is_ok_and(|r| r.access_role() == role.access_role()));
        if !still_needed {
            role_grant::Entity::delete_many()
                .filter(role_grant::Column::UserId.eq(user))
                .filter(role_grant::Column::Role.eq(role.access_role().as_str()))
                .filter(role_grant::Column::OrgUnitId.eq(unit.id))
                .exec(&txn)
                .await?;
        }
    }
    let after = view(&txn, row.clone()).await?;
    let mut audit_entry = entry(actor, "kbk.remove_member", &row);
    audit_entry.before = Some(serde_json::json!({ "member": seat.id, "name": seat.name, "role": seat.role }));
    standing::refresh_kept(&txn, &[row.opd_id], now).await?;
    audit::record(&txn, audit_entry, meta, now).await?;
    txn.commit().await?;
    Ok(after)
}

/// The actor's active seat in the KBK, if any.
pub async fn seat_of(db: &impl ConnectionTrait, actor: &Actor, kbk: Uuid) -> ServiceResult<Option<KbkRole>> {
    let seats = kbk_member::Entity::find()
        .filter(kbk_member::Column::KbkId.eq(kbk))
        .filter(kbk_member::Column::UserId.eq(actor.user_id.into_uuid()))
        .filter(kbk_member::Column::Active.eq(true))
        .all(db)
        .await?;
    Ok(KbkRole::strongest(seats.iter().filter_map(|seat| seat.role.parse::<KbkRole>().ok())))
}
