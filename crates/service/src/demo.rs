//! Demo data (`budaya seed-demo`): the Kalimantan Timur province with Kota Bontang under it, from
//! `data/demo/org-tree.toml`. Idempotent: running it again changes nothing.

use crate::{
    ServiceError, ServiceResult,
    org::{PlaceUnit, Placed, place_unit},
};
use chrono::{DateTime, Utc};
use domain::{
    org::{OrgKind, Timezone},
    text::{Name, OrgCode},
};
use sea_orm::{DatabaseConnection, TransactionTrait};
use serde::Deserialize;

const ORG_TREE_FILE: &str = "demo/org-tree.toml";
const ORG_TREE: &str = include_str!("../data/demo/org-tree.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OrgTreeFile {
    units: Vec<UnitRow>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitRow {
    code: String,
    parent: Option<String>,
    kind: String,
    name: String,
    timezone: Option<String>,
}

/// What a demo seed changed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DemoSeed {
    /// Org units inserted.
    pub inserted: usize,
    /// Org units corrected.
    pub updated: usize,
    /// Org units already as shipped.
    pub unchanged: usize,
}

fn bundled(reason: impl ToString) -> ServiceError {
    ServiceError::BundledData { file: ORG_TREE_FILE, reason: reason.to_string() }
}

fn parse_unit(row: UnitRow) -> ServiceResult<PlaceUnit> {
    let code = OrgCode::parse(&row.code).map_err(|err| bundled(format!("{}: {err}", row.code)))?;
    Ok(PlaceUnit {
        parent: row
            .parent
            .as_deref()
            .map(OrgCode::parse)
            .transpose()
            .map_err(|err| bundled(format!("{code}: {err}")))?,
        kind: row.kind.parse::<OrgKind>().map_err(|err| bundled(format!("{code}: {err}")))?,
        name: Name::parse(&row.name).map_err(|err| bundled(format!("{code}: {err}")))?,
        timezone: row
            .timezone
            .as_deref()
            .map(str::parse::<Timezone>)
            .transpose()
            .map_err(|err| bundled(format!("{code}: {err}")))?,
        code,
    })
}

/// Loads the demo org tree in one transaction.
pub async fn seed(db: &DatabaseConnection, now: DateTime<Utc>) -> ServiceResult<DemoSeed> {
    let file: OrgTreeFile = toml::from_str(ORG_TREE).map_err(bundled)?;
    let units = file.units.into_iter().map(parse_unit).collect::<ServiceResult<Vec<_>>>()?;
    let txn = db.begin().await?;
    let mut seed = DemoSeed::default();
    for unit in &units {
        match place_unit(&txn, unit, now).await? {
            Placed::Inserted => seed.inserted += 1,
            Placed::Updated => seed.updated += 1,
            Placed::Unchanged => seed.unchanged += 1,
        }
    }
    txn.commit().await?;
    Ok(seed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_tree_parses_and_lists_parents_before_children() {
        let file: OrgTreeFile = toml::from_str(ORG_TREE).expect("demo tree parses");
        let units: Vec<PlaceUnit> = file.units.into_iter().map(|row| parse_unit(row).expect("valid row")).collect();
        let mut seen = std::collections::HashSet::new();
        for unit in &units {
            if let Some(parent) = &unit.parent {
                assert!(seen.contains(parent), "{} comes before its parent {parent}", unit.code);
            }
            assert!(seen.insert(unit.code.clone()), "{} appears twice", unit.code);
        }
    }

    #[test]
    fn the_demo_tree_holds_kaltim_bontang_and_both_organisation_bureaus() {
        let file: OrgTreeFile = toml::from_str(ORG_TREE).expect("demo tree parses");
        let names: Vec<&str> = file.units.iter().map(|u| u.name.as_str()).collect();
        for expected in [
            "Pemerintah Provinsi Kalimantan Timur",
            "Pemerintah Kota Bontang",
            "Biro Organisasi",
            "Bagian Organisasi",
            "Dinas Lingkungan Hidup",
            "Dinas Kependudukan dan Pencatatan Sipil",
            "RSUD Taman Husada",
            "Kecamatan Bontang Barat",
        ] {
            assert!(names.contains(&expected), "missing {expected}");
        }
    }
}
