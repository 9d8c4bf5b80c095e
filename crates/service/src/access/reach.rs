//! Finding an OPD for a caller: one outside what they may see is "not found"; one they may see but not act
//! on is "forbidden". Every programme service starts here.

use super::Actor;
use crate::{ServiceError, ServiceResult, entity::org_unit};
use domain::{
    access::Action,
    ids::OrgUnitId,
    org::{OrgKind, Timezone},
};
use sea_orm::{
    ConnectionTrait, EntityTrait, FromQueryResult, IdenStatic, JoinType, QuerySelect, QueryTrait, Select, SelectA,
    SelectB,
    sea_query::{Expr, ExprTrait, Query, SubQueryStatement},
};

/// A row that belongs to an OPD (a KBK, a report), with the OPD and its Pemda's time zone.
pub struct InOpd<M> {
    /// The row.
    pub row: M,
    /// Its OPD.
    pub opd: org_unit::Model,
    /// Its Pemda's time zone, in which its dates are days.
    pub timezone: Timezone,
}

/// The row `select` finds (`opd` and `pemda` name its OPD and Pemda columns) with its OPD and its Pemda's time
/// zone, in one statement; not found unless the actor may see the OPD.
pub async fn in_visible_opd<E: EntityTrait>(
    db: &impl ConnectionTrait,
    actor: &Actor,
    select: Select<E>,
    opd: E::Column,
    pemda: E::Column,
) -> ServiceResult<InOpd<E::Model>> {
    const PEMDA: &str = "pemda";
    const TIMEZONE: &str = "pemda_timezone";
    let join = E::belongs_to(org_unit::Entity).from(opd).to(org_unit::Column::Id);
    let mut select = select.join(JoinType::InnerJoin, join.into()).select_also(org_unit::Entity).into_query();
    let timezone = Query::select()
        .from_as(org_unit::Entity, PEMDA)
        .column((PEMDA, org_unit::Column::Timezone))
        .and_where(Expr::col((PEMDA, org_unit::Column::Id)).equals((E::default(), pemda)))
        .to_owned();
    select.expr_as(SubQueryStatement::from(timezone), TIMEZONE);
    let Some(found) = db.query_one(&select).await? else { return Err(ServiceError::NotFound) };
    let opd = shown_opd(actor, Some(org_unit::Model::from_query_result(&found, SelectB.as_str())?))?;
    Ok(InOpd {
        row: E::Model::from_query_result(&found, SelectA.as_str())?,
        opd,
        timezone: Timezone::recorded(found.try_get::<Option<String>>("", TIMEZONE)?.as_deref()),
    })
}

/// The OPD (an agency node, not a Pemda) with this id, if the actor may see its programme data.
pub async fn visible_opd(db: &impl ConnectionTrait, actor: &Actor, opd: OrgUnitId) -> ServiceResult<org_unit::Model> {
    let unit = org_unit::Entity::find_by_id(opd.into_uuid()).one(db).await?;
    shown_opd(actor, unit)
}

/// `unit` (read by the caller, perhaps joined onto a row of its own), if it is an OPD the actor may see.
fn shown_opd(actor: &Actor, unit: Option<org_unit::Model>) -> ServiceResult<org_unit::Model> {
    let scope = actor.scope(Action::ViewProgramme).ok_or(ServiceError::NotFound)?;
    let unit = unit.ok_or(ServiceError::NotFound)?;
    if !scope.covers(&unit.path) {
        return Err(ServiceError::NotFound);
    }
    if unit.kind.parse::<OrgKind>().is_ok_and(OrgKind::is_pemda) {
        return Err(ServiceError::Invalid("Unit ini adalah Pemda, bukan OPD.".into()));
    }
    Ok(unit)
}

/// Checks the actor may perform `action` on the OPD at `path` (which they can already see).
pub fn require(actor: &Actor, action: Action, path: &str) -> ServiceResult<()> {
    if actor.scope(action).is_some_and(|scope| scope.covers(path)) {
        Ok(())
    } else {
        Err(ServiceError::Forbidden(forbidden_message(action).into()))
    }
}

/// The OPD, if the actor may see it and perform `action` on it.
pub async fn opd_for(
    db: &impl ConnectionTrait,
    actor: &Actor,
    opd: OrgUnitId,
    action: Action,
) -> ServiceResult<org_unit::Model> {
    let unit = visible_opd(db, actor, opd).await?;
    require(actor, action, &unit.path)?;
    if !unit.active && action != Action::ViewProgramme {
        return Err(ServiceError::Conflict("OPD ini sudah dinonaktifkan; datanya hanya dapat dibaca.".into()));
    }
    Ok(unit)
}

fn forbidden_message(action: Action) -> &'static str {
    match action {
        Action::ChooseValues => "Hanya Kepala OPD yang memilih nilai OPD.",
        Action::ReviewValues => "Hanya Peninjau yang menyetujui atau mengembalikan pilihan nilai.",
        Action::ManageKbk => "Hanya Kepala OPD atau Admin OPD yang mengelola KBK.",
        Action::LogAction => "Hanya anggota KBK yang mencatat kegiatan.",
        Action::VerifyAction => "Hanya Ketua KBK atau Fasilitator yang memverifikasi kegiatan.",
        Action::ConfigureProgramme => "Hanya Peninjau yang mengatur tahun program.",
        Action::SubmitReport => "Hanya Kepala OPD atau Admin OPD yang menyusun dan mengajukan laporan.",
        Action::ReviewReport => "Hanya Peninjau yang menerima, mengembalikan atau membuka kembali laporan.",
        _ => "Peran Anda tidak mengizinkan tindakan ini.",
    }
}
