//! Fixture builders: put data in place directly, so tests of behaviour start from a known state.

use chrono::Utc;
use domain::{
    org::{OrgKind, OrgUnitView, Timezone},
    text::{Name, OrgCode},
};
use sea_orm::DatabaseConnection;
use service::org::{PlaceUnit, find_by_code, place_unit};

/// Builds an org unit: `OrgUnitBuilder::pemda("63", OrgKind::Provinsi).build(&db)`.
#[derive(Clone, Debug)]
pub struct OrgUnitBuilder {
    unit: PlaceUnit,
}

impl OrgUnitBuilder {
    /// A Pemda node in WITA.
    pub fn pemda(code: &str, kind: OrgKind) -> Self {
        Self::new(code, kind, None).timezone(Timezone::Wita)
    }

    /// An agency or unit under `parent`.
    pub fn agency(code: &str, kind: OrgKind, parent: &str) -> Self {
        Self::new(code, kind, Some(parent))
    }

    fn new(code: &str, kind: OrgKind, parent: Option<&str>) -> Self {
        let code = OrgCode::parse(code).expect("valid code");
        let name = Name::parse(&format!("Unit {code}")).expect("valid name");
        let parent = parent.map(|p| OrgCode::parse(p).expect("valid parent code"));
        Self { unit: PlaceUnit { code, parent, kind, name, timezone: None } }
    }

    /// Placed under the node with code `parent`.
    pub fn under(mut self, parent: &str) -> Self {
        self.unit.parent = Some(OrgCode::parse(parent).expect("valid parent code"));
        self
    }

    /// With this name.
    pub fn named(mut self, name: &str) -> Self {
        self.unit.name = Name::parse(name).expect("valid name");
        self
    }

    /// With this time zone.
    pub fn timezone(mut self, timezone: Timezone) -> Self {
        self.unit.timezone = Some(timezone);
        self
    }

    /// Inserts it and returns it as stored.
    pub async fn build(self, db: &DatabaseConnection) -> OrgUnitView {
        place_unit(db, &self.unit, Utc::now()).await.expect("place the unit");
        find_by_code(db, &self.unit.code).await.expect("read back").expect("the unit exists")
    }
}
