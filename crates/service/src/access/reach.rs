//! Finding an OPD for a caller: one outside what they may see is "not found"; one they may see but not act
//! on is "forbidden". Every programme service starts here.

use super::Actor;
use crate::{ServiceError, ServiceResult, entity::org_unit};
use domain::{access::Action, ids::OrgUnitId, org::OrgKind};
use sea_orm::{ConnectionTrait, EntityTrait};

/// The OPD (an agency node, not a Pemda) with this id, if the actor may see its programme data.
pub async fn visible_opd(db: &impl ConnectionTrait, actor: &Actor, opd: OrgUnitId) -> ServiceResult<org_unit::Model> {
    let scope = actor.scope(Action::ViewProgramme).ok_or(ServiceError::NotFound)?;
    let unit = org_unit::Entity::find_by_id(opd.into_uuid()).one(db).await?.ok_or(ServiceError::NotFound)?;
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
