//! Demo data (`budaya seed-demo`): the Kalimantan Timur province with Kota Bontang under it, from
//! `data/demo/org-tree.toml`, demo users for every role from `data/demo/users.toml`, and (in [`programme`])
//! the current year's programme. Idempotent: running it again changes nothing.

pub mod generate;
pub mod programme;
pub mod reports;

use crate::{
    ServiceError, ServiceResult,
    access::{
        password,
        users::{self, NewUser},
    },
    audit::RequestMeta,
    org::{PlaceUnit, Placed, find_by_code, place_unit},
};
use chrono::{DateTime, Utc};
use domain::{
    access::Role,
    account::{Nip, Password, Username},
    org::{OrgKind, Timezone},
    text::{Name, OrgCode},
};
use sea_orm::{DatabaseConnection, TransactionTrait};
use serde::Deserialize;

const ORG_TREE_FILE: &str = "demo/org-tree.toml";
const ORG_TREE: &str = include_str!("../../data/demo/org-tree.toml");
const USERS_FILE: &str = "demo/users.toml";
const USERS: &str = include_str!("../../data/demo/users.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UsersFile {
    password: String,
    users: Vec<UserRow>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UserRow {
    username: String,
    full_name: String,
    nip: Option<String>,
    role: String,
    unit: Option<String>,
    pemda: Option<String>,
}

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
    /// Demo users created (existing usernames are left alone).
    pub users_created: usize,
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
    seed.users_created = seed_users(&txn, now).await?;
    txn.commit().await?;
    Ok(seed)
}

async fn seed_users(txn: &impl sea_orm::ConnectionTrait, now: DateTime<Utc>) -> ServiceResult<usize> {
    let file: UsersFile = toml::from_str(USERS).map_err(|err| users_bundled(err.to_string()))?;
    let password = Password::parse(&file.password).map_err(|err| users_bundled(err.to_string()))?;
    let mut missing = Vec::new();
    for row in file.users {
        if users::find_by_username(txn, &row.username).await?.is_none() {
            missing.push(row);
        }
    }
    if missing.is_empty() {
        return Ok(0);
    }
    // One hash for the shared demo password keeps seeding fast; real accounts each get their own salt.
    let hash = password::hash(&password).await?;
    let meta = RequestMeta::default();
    for row in &missing {
        let unit = match &row.unit {
            Some(code) => Some(unit_id(txn, code).await?),
            None => None,
        };
        let pemda_id = match &row.pemda {
            Some(code) => Some(unit_id(txn, code).await?),
            None => None,
        };
        let user = NewUser {
            username: Username::parse(&row.username)
                .map_err(|err| users_bundled(format!("{}: {err}", row.username)))?,
            full_name: Name::parse(&row.full_name).map_err(|err| users_bundled(format!("{}: {err}", row.username)))?,
            nip: row
                .nip
                .as_deref()
                .map(Nip::parse)
                .transpose()
                .map_err(|err| users_bundled(format!("{}: {err}", row.username)))?,
            email: None,
            password: password.clone(),
            pemda_id,
        };
        let role = row.role.parse::<Role>().map_err(|err| users_bundled(format!("{}: {err}", row.username)))?;
        let id = users::insert_user(txn, user, hash.clone(), None, &meta, now).await?;
        users::grant_role(txn, id, role, unit, None, &meta, now).await?;
    }
    Ok(missing.len())
}

async fn unit_id(txn: &impl sea_orm::ConnectionTrait, code: &str) -> ServiceResult<domain::ids::OrgUnitId> {
    let parsed = OrgCode::parse(code).map_err(|err| users_bundled(format!("{code}: {err}")))?;
    find_by_code(txn, &parsed).await?.map(|unit| unit.id).ok_or_else(|| users_bundled(format!("no unit {code}")))
}

fn users_bundled(reason: String) -> ServiceError {
    ServiceError::BundledData { file: USERS_FILE, reason }
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
    fn every_demo_user_parses_and_every_role_has_one() {
        let file: UsersFile = toml::from_str(USERS).expect("demo users parse");
        assert!(Password::parse(&file.password).is_ok());
        for row in &file.users {
            assert!(Username::parse(&row.username).is_ok(), "{}", row.username);
            assert!(row.nip.as_deref().is_none_or(|nip| Nip::parse(nip).is_ok()), "{}", row.username);
        }
        let roles: std::collections::HashSet<Role> =
            file.users.iter().map(|row| row.role.parse::<Role>().expect("role")).collect();
        assert!(Role::ALL.into_iter().filter(|r| *r != Role::Fasilitator).all(|r| roles.contains(&r)));
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
