//! Loads the built-in frameworks into the database, idempotently: rows are matched by their natural keys
//! (URN + version, pair number, value code, indicator position), inserted when missing and corrected when the
//! shipped text changed. Run at every start-up, so a new release's wording reaches existing installs.

use crate::{
    ServiceError, ServiceResult,
    entity::{behaviour_indicator, value, value_framework, value_pair},
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set, TransactionTrait,
};
use serde::Deserialize;
use std::collections::HashMap;
use uuid::Uuid;

/// URN of KepMenPAN 25/KEP/M.PAN/04/2002, the default framework for value selection.
pub const KEPMENPAN_25_2002_URN: &str = "urn:budaya:framework:kepmenpan-25-2002";

/// The shipped data files, compiled into the binary so it runs from anywhere.
const FILES: [(&str, &str); 2] = [
    ("kepmenpan-25-2002.toml", include_str!("../../data/catalogue/kepmenpan-25-2002.toml")),
    ("berakhlak.toml", include_str!("../../data/catalogue/berakhlak.toml")),
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrameworkFile {
    urn: String,
    version: i32,
    name: String,
    name_en: String,
    source: String,
    description: String,
    description_en: String,
    #[serde(default)]
    pairs: Vec<PairFile>,
    #[serde(default)]
    values: Vec<ValueFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PairFile {
    number: i32,
    name: String,
    name_en: String,
    description: String,
    description_en: String,
    values: Vec<ValueFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ValueFile {
    code: String,
    name: String,
    name_en: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    description_en: String,
    indicators: Vec<IndicatorFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct IndicatorFile {
    text: String,
    text_en: String,
}

/// What a load changed; all zeros when the database already matched the files.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BuiltInLoad {
    /// Rows inserted (frameworks, pairs, values and indicators together).
    pub inserted: usize,
    /// Rows whose text was corrected.
    pub updated: usize,
}

fn parse(file: &'static str, contents: &str) -> ServiceResult<FrameworkFile> {
    toml::from_str(contents).map_err(|err| ServiceError::BundledData { file, reason: err.to_string() })
}

/// Loads every built-in framework in one transaction.
pub async fn load_built_in(db: &DatabaseConnection, now: DateTime<Utc>) -> ServiceResult<BuiltInLoad> {
    let files = FILES.iter().map(|(name, contents)| parse(name, contents)).collect::<ServiceResult<Vec<_>>>()?;
    let txn = db.begin().await?;
    let mut load = BuiltInLoad::default();
    for file in &files {
        load_framework(&txn, file, now, &mut load).await?;
    }
    txn.commit().await?;
    Ok(load)
}

async fn load_framework(
    db: &impl ConnectionTrait,
    file: &FrameworkFile,
    now: DateTime<Utc>,
    load: &mut BuiltInLoad,
) -> ServiceResult<()> {
    let existing = value_framework::Entity::find()
        .filter(value_framework::Column::Urn.eq(&file.urn))
        .filter(value_framework::Column::Version.eq(file.version))
        .one(db)
        .await?;
    let framework_id = match existing {
        Some(row) => {
            let fresh = (&file.name, &file.name_en, &file.source, &file.description, &file.description_en);
            if fresh != (&row.name, &row.name_en, &row.source, &row.description, &row.description_en) {
                let mut active: value_framework::ActiveModel = row.clone().into();
                active.name = Set(file.name.clone());
                active.name_en = Set(file.name_en.clone());
                active.source = Set(file.source.clone());
                active.description = Set(file.description.clone());
                active.description_en = Set(file.description_en.clone());
                active.updated_at = Set(now);
                active.update(db).await?;
                load.updated += 1;
            }
            row.id
        }
        None => {
            let id = Uuid::now_v7();
            value_framework::ActiveModel {
                id: Set(id),
                urn: Set(file.urn.clone()),
                version: Set(file.version),
                name: Set(file.name.clone()),
                name_en: Set(file.name_en.clone()),
                source: Set(file.source.clone()),
                description: Set(file.description.clone()),
                description_en: Set(file.description_en.clone()),
                built_in: Set(true),
                owner_pemda_id: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
            }
            .insert(db)
            .await?;
            load.inserted += 1;
            id
        }
    };

    let mut pairs: HashMap<i32, value_pair::Model> = value_pair::Entity::find()
        .filter(value_pair::Column::FrameworkId.eq(framework_id))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.number, row))
        .collect();
    let mut values: HashMap<String, value::Model> = value::Entity::find()
        .filter(value::Column::FrameworkId.eq(framework_id))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.code.clone(), row))
        .collect();
    let value_ids: Vec<Uuid> = values.values().map(|v| v.id).collect();
    let mut indicators: HashMap<(Uuid, i32), behaviour_indicator::Model> = behaviour_indicator::Entity::find()
        .filter(behaviour_indicator::Column::ValueId.is_in(value_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|row| ((row.value_id, row.position), row))
        .collect();

    let mut position = 0;
    let mut sync = Sync { db, framework_id, load, values: &mut values, indicators: &mut indicators };
    for pair in &file.pairs {
        let pair_id = sync.pair(pairs.remove(&pair.number), pair).await?;
        for value in &pair.values {
            position += 1;
            sync.value(Some(pair_id), position, value).await?;
        }
    }
    for value in &file.values {
        position += 1;
        sync.value(None, position, value).await?;
    }
    Ok(())
}

/// The rows of one framework already in the database, being brought in line with its file.
struct Sync<'a, C> {
    db: &'a C,
    framework_id: Uuid,
    load: &'a mut BuiltInLoad,
    values: &'a mut HashMap<String, value::Model>,
    indicators: &'a mut HashMap<(Uuid, i32), behaviour_indicator::Model>,
}

impl<C: ConnectionTrait> Sync<'_, C> {
    async fn pair(&mut self, existing: Option<value_pair::Model>, file: &PairFile) -> ServiceResult<Uuid> {
        let fresh = (&file.name, &file.name_en, &file.description, &file.description_en);
        match existing {
            Some(row) if fresh == (&row.name, &row.name_en, &row.description, &row.description_en) => Ok(row.id),
            Some(row) => {
                let id = row.id;
                let mut active: value_pair::ActiveModel = row.into();
                active.name = Set(file.name.clone());
                active.name_en = Set(file.name_en.clone());
                active.description = Set(file.description.clone());
                active.description_en = Set(file.description_en.clone());
                active.update(self.db).await?;
                self.load.updated += 1;
                Ok(id)
            }
            None => {
                let id = Uuid::now_v7();
                value_pair::ActiveModel {
                    id: Set(id),
                    framework_id: Set(self.framework_id),
                    number: Set(file.number),
                    name: Set(file.name.clone()),
                    name_en: Set(file.name_en.clone()),
                    description: Set(file.description.clone()),
                    description_en: Set(file.description_en.clone()),
                }
                .insert(self.db)
                .await?;
                self.load.inserted += 1;
                Ok(id)
            }
        }
    }

    async fn value(&mut self, pair_id: Option<Uuid>, position: i32, file: &ValueFile) -> ServiceResult<()> {
        let fresh = (pair_id, position, &file.name, &file.name_en, &file.description, &file.description_en);
        let value_id = match self.values.remove(&file.code) {
            Some(row)
                if fresh
                    == (row.pair_id, row.position, &row.name, &row.name_en, &row.description, &row.description_en) =>
            {
                row.id
            }
            Some(row) => {
                let id = row.id;
                let mut active: value::ActiveModel = row.into();
                active.pair_id = Set(pair_id);
                active.position = Set(position);
                active.name = Set(file.name.clone());
                active.name_en = Set(file.name_en.clone());
                active.description = Set(file.description.clone());
                active.description_en = Set(file.description_en.clone());
                active.update(self.db).await?;
                self.load.updated += 1;
                id
            }
            None => {
                let id = Uuid::now_v7();
                value::ActiveModel {
                    id: Set(id),
                    framework_id: Set(self.framework_id),
                    pair_id: Set(pair_id),
                    code: Set(file.code.clone()),
                    position: Set(position),
                    name: Set(file.name.clone()),
                    name_en: Set(file.name_en.clone()),
                    description: Set(file.description.clone()),
                    description_en: Set(file.description_en.clone()),
                }
                .insert(self.db)
                .await?;
                self.load.inserted += 1;
                id
            }
        };
        for (position, indicator) in (1..).zip(&file.indicators) {
            match self.indicators.remove(&(value_id, position)) {
                Some(row) if (&row.text, &row.text_en) == (&indicator.text, &indicator.text_en) => {}
                Some(row) => {
                    let mut active: behaviour_indicator::ActiveModel = row.into();
                    active.text = Set(indicator.text.clone());
                    active.text_en = Set(indicator.text_en.clone());
                    active.update(self.db).await?;
                    self.load.updated += 1;
                }
                None => {
                    behaviour_indicator::ActiveModel {
                        id: Set(Uuid::now_v7()),
                        value_id: Set(value_id),
                        position: Set(position),
                        text: Set(indicator.text.clone()),
                        text_en: Set(indicator.text_en.clone()),
                    }
                    .insert(self.db)
                    .await?;
                    self.load.inserted += 1;
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &'static str) -> FrameworkFile {
        let (_, contents) = FILES.iter().find(|(file, _)| *file == name).expect("bundled file");
        parse(name, contents).expect("bundled file parses")
    }

    #[test]
    fn kepmenpan_ships_seventeen_pairs_of_two_values_numbered_pair_dot_member() {
        let kepmenpan = file("kepmenpan-25-2002.toml");
        assert_eq!(kepmenpan.urn, KEPMENPAN_25_2002_URN);
        assert_eq!(kepmenpan.pairs.len(), 17);
        for (number, pair) in (1..).zip(&kepmenpan.pairs) {
            assert_eq!(pair.number, number);
            let codes: Vec<&str> = pair.values.iter().map(|v| v.code.as_str()).collect();
            assert_eq!(codes, [format!("{number}.1"), format!("{number}.2")]);
        }
        assert!(kepmenpan.values.is_empty());
    }

    #[test]
    fn kepmenpan_names_its_values_as_the_regulation_does() {
        let kepmenpan = file("kepmenpan-25-2002.toml");
        let names: Vec<&str> = kepmenpan.pairs.iter().flat_map(|p| &p.values).map(|v| v.name.as_str()).collect();
        assert_eq!(names.len(), 34);
        assert_eq!(names[0], "Komitmen");
        assert_eq!(names[9], "Kepekaan terhadap lingkungan tugas");
        assert_eq!(names[14], "Ketepatan (keakurasian)");
        assert_eq!(names[15], "Kecepatan");
        assert_eq!(names[21], "Keteraturan bekerja");
        assert_eq!(names[33], "Penguasaan teknologi");
    }

    #[test]
    fn berakhlak_ships_seven_values_with_three_behaviour_guides_each() {
        let berakhlak = file("berakhlak.toml");
        assert!(berakhlak.pairs.is_empty());
        let names: Vec<&str> = berakhlak.values.iter().map(|v| v.name.as_str()).collect();
        assert_eq!(
            names,
            ["Berorientasi Pelayanan", "Akuntabel", "Kompeten", "Harmonis", "Loyal", "Adaptif", "Kolaboratif"]
        );
        assert!(berakhlak.values.iter().all(|v| v.indicators.len() == 3));
    }

    #[test]
    fn every_bundled_text_is_translated() {
        for (name, contents) in FILES {
            let framework = parse(name, contents).expect("bundled file parses");
            let values = framework.pairs.iter().flat_map(|p| &p.values).chain(&framework.values);
            for value in values {
                assert!(!value.name_en.is_empty(), "{name}: {} has no English name", value.code);
                assert!(value.indicators.iter().all(|i| !i.text.is_empty() && !i.text_en.is_empty()));
            }
        }
    }
}
