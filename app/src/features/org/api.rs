//! Server functions of the org tree pages.

use crate::error::AppError;
use domain::{
    account::AuditEventView,
    catalogue::FrameworkSummary,
    org::{OrgUnitView, Timezone},
    programme::{ProgrammeYear, ProgrammeYearView},
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The nodes the caller administers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgAdmin {
    /// Every node within reach, deactivated ones too, ordered by code.
    pub units: Vec<OrgUnitView>,
    /// Whether the caller may add a node at the root (Administrators only).
    pub may_add_root: bool,
}

/// A node with what its page offers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitPage {
    /// The node.
    pub unit: OrgUnitView,
    /// Its parent, if any.
    pub parent: Option<OrgUnitView>,
    /// Where it may move to.
    pub move_targets: Vec<OrgUnitView>,
    /// For a Pemda the caller configures: the year's settings and the frameworks to choose from.
    pub year: Option<YearSettings>,
    /// Changes to the node, newest first.
    pub history: Vec<AuditEventView>,
    /// Zone to show times in.
    pub timezone: Timezone,
}

/// A Pemda's programme-year settings with the frameworks on offer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearSettings {
    /// The rules (stored, or the defaults if the year is not set up yet).
    pub rules: ProgrammeYearView,
    /// Every framework in the catalogue.
    pub frameworks: Vec<FrameworkSummary>,
}

/// A new node as typed into the form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitFields {
    /// Parent id; empty for a root.
    pub parent_id: String,
    /// Kind (storage form).
    pub kind: String,
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Time zone abbreviation; empty for agencies.
    pub timezone: String,
}

/// A programme year's settings as typed into the form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearFields {
    /// The Pemda.
    pub pemda: String,
    /// The year.
    pub year: i32,
    /// "on" when ticked.
    pub active: Option<String>,
    /// Ticked frameworks: `f` + framework id -> "on" (the prefix keeps `serde_qs` from reading a digit-led id
    /// as an array index).
    #[serde(default)]
    pub frameworks: std::collections::BTreeMap<String, String>,
    /// Fewest values.
    pub min_values: u8,
    /// Most values.
    pub max_values: u8,
    /// Fewest key behaviours.
    pub min_behaviours: u8,
    /// Due date of quarter I (`YYYY-MM-DD`).
    pub due_q1: String,
    /// Due date of quarter II.
    pub due_q2: String,
    /// Due date of quarter III.
    pub due_q3: String,
    /// Due date of quarter IV.
    pub due_q4: String,
}

#[cfg(feature = "ssr")]
fn timezone_of(raw: &str) -> Result<Option<Timezone>, AppError> {
    match raw.trim() {
        "" => Ok(None),
        tz => tz.parse().map(Some).map_err(|_| AppError::Invalid("Zona waktu harus WIB, WITA atau WIT.".into())),
    }
}

#[cfg(feature = "ssr")]
fn kind_of(raw: &str) -> Result<domain::org::OrgKind, AppError> {
    raw.parse().map_err(|_| AppError::Invalid("Pilih jenis unit.".into()))
}

/// The nodes the caller administers.
#[server(prefix = "/fn", endpoint = "org/units")]
pub async fn load_org_admin() -> Result<OrgAdmin, AppError> {
    use crate::ssr::{fail, require_actor, services};
    use domain::access::Action;
    let actor = require_actor()?;
    let services = services()?;
    let units = service::org::manage::list(&services.db, &actor).await.or_else(fail)?;
    let may_add_root = actor.scope(Action::ManageOrgTree).is_some_and(|scope| scope.is_install_wide());
    Ok(OrgAdmin { units, may_add_root })
}

/// Adds a node.
#[server(prefix = "/fn", endpoint = "org/add")]
pub async fn add_unit(fields: UnitFields) -> Result<OrgUnitView, AppError> {
    use crate::ssr::{fail, request_meta, require_actor, services};
    let actor = require_actor()?;
    let services = services()?;
    let parent_id = match fields.parent_id.trim() {
        "" => None,
        id => Some(id.parse().or_else(|_| fail(AppError::NotFound))?),
    };
    let input = domain::org::NewUnitInput {
        parent_id,
        kind: kind_of(&fields.kind).or_else(fail)?,
        code: fields.code,
        name: fields.name,
        timezone: timezone_of(&fields.timezone).or_else(fail)?,
    };
    let now = services.clock.now();
    service::org::manage::add(&services.db, &actor, input, &request_meta(), now).await.or_else(fail)
}

/// One node with its history, where it may move, and (for a Pemda) its programme-year settings.
#[server(prefix = "/fn", endpoint = "org/unit")]
pub async fn load_unit(id: String, year: Option<ProgrammeYear>) -> Result<UnitPage, AppError> {
    use crate::ssr::{fail, require_actor, services};
    use domain::access::Action;
    use service::org::manage;
    let actor = require_actor()?;
    let services = services()?;
    let db = &services.db;
    let Ok(unit_id) = id.parse() else { return fail(AppError::NotFound) };
    let unit = manage::get(db, &actor, unit_id).await.or_else(fail)?;
    let all = manage::list(db, &actor).await.or_else(fail)?;
    let parent = unit.parent_id.and_then(|parent| all.iter().find(|u| u.id == parent).cloned());
    let move_targets = domain::org::move_targets(&all, &unit)
        .into_iter()
        .filter(|target| Some(target.id) != unit.parent_id)
        .cloned()
        .collect();
    let configures = actor.may(Action::ConfigureProgramme);
    let year = if unit.kind.is_pemda() && configures {
        let pemda = unit.id.into_uuid();
        let year = match year {
            Some(year) => year,
            None => {
                let active =
                    service::programme::year::active_year(db, pemda, services.clock.now()).await.or_else(fail)?;
                service::programme::year::checked(active).or_else(fail)?
            }
        };
        let rules = service::programme::year::get(db, &actor, unit.id, year).await.or_else(fail)?;
        let frameworks = service::catalogue::list_frameworks(db).await.or_else(fail)?;
        Some(YearSettings { rules, frameworks })
    } else {
        None
    };
    let history = manage::history(db, &actor, unit_id).await.or_else(fail)?;
    let timezone = service::programme::year::unit_timezone(db, unit.id.into_uuid()).await.or_else(fail)?;
    Ok(UnitPage { unit, parent, move_targets, year, history, timezone })
}

/// Renames a node, changes its kind or time zone, or moves it (an empty `parent_id` keeps the parent).
#[server(prefix = "/fn", endpoint = "org/change")]
pub async fn change_unit(
    id: String,
    name: Option<String>,
    kind: Option<String>,
    timezone: Option<String>,
    parent_id: Option<String>,
) -> Result<OrgUnitView, AppError> {
    use crate::ssr::{fail, request_meta, require_actor, services};
    let actor = require_actor()?;
    let services = services()?;
    let Ok(unit) = id.parse() else { return fail(AppError::NotFound) };
    let parent_id = match parent_id.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(id) => Some(id.parse().or_else(|_| fail(AppError::NotFound))?),
    };
    let change = domain::org::UnitChange {
        name,
        kind: kind.as_deref().map(kind_of).transpose().or_else(fail)?,
        timezone: timezone.as_deref().map(timezone_of).transpose().or_else(fail)?.flatten(),
        parent_id,
        active: None,
    };
    let now = services.clock.now();
    service::org::manage::update(&services.db, &actor, unit, change, &request_meta(), now).await.or_else(fail)
}

/// Deactivates or reactivates a node.
#[server(prefix = "/fn", endpoint = "org/set-active")]
pub async fn set_unit_active(id: String, active: bool) -> Result<OrgUnitView, AppError> {
    use crate::ssr::{fail, request_meta, require_actor, services};
    let actor = require_actor()?;
    let services = services()?;
    let Ok(unit) = id.parse() else { return fail(AppError::NotFound) };
    let change = domain::org::UnitChange { active: Some(active), ..Default::default() };
    let now = services.clock.now();
    service::org::manage::update(&services.db, &actor, unit, change, &request_meta(), now).await.or_else(fail)
}

/// Stores a Pemda's programme-year settings.
#[server(prefix = "/fn", endpoint = "org/year")]
pub async fn configure_year(fields: YearFields) -> Result<ProgrammeYearView, AppError> {
    use crate::ssr::{fail, request_meta, require_actor, services};
    let actor = require_actor()?;
    let services = services()?;
    let Ok(pemda_id) = fields.pemda.parse() else { return fail(AppError::NotFound) };
    let framework_ids =
        fields.frameworks.keys().map(|key| key.trim_start_matches('f').parse()).collect::<Result<Vec<_>, _>>();
    let due_dates = [&fields.due_q1, &fields.due_q2, &fields.due_q3, &fields.due_q4]
        .map(|day| day.trim().parse())
        .into_iter()
        .collect::<Result<Vec<_>, _>>();
    let (Ok(framework_ids), Ok(due_dates)) = (framework_ids, due_dates) else {
        return fail(AppError::Invalid("Kerangka nilai atau tanggal batas tidak valid.".into()));
    };
    let rules = ProgrammeYearView {
        pemda_id,
        year: fields.year,
        active: fields.active.is_some(),
        framework_ids,
        min_values: fields.min_values,
        max_values: fields.max_values,
        min_behaviours: fields.min_behaviours,
        due_dates,
    };
    let now = services.clock.now();
    service::programme::year::configure(&services.db, &actor, rules, &request_meta(), now).await.or_else(fail)
}
