//! Reading frameworks back as domain views, in a fixed number of queries whatever the framework's size.

use crate::{
    ServiceError, ServiceResult,
    entity::{behaviour_indicator, value, value_framework, value_pair},
};
use domain::{
    catalogue::{FrameworkDetail, FrameworkSummary, IndicatorView, PairView, ValueView},
    ids::{FrameworkId, IndicatorId, ValueId, ValuePairId},
    locale::Bilingual,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Expr, Func},
};
use std::collections::HashMap;
use uuid::Uuid;

#[derive(FromQueryResult)]
struct Count {
    framework_id: Uuid,
    count: i64,
}

async fn counts_by_framework<E: EntityTrait>(
    db: &impl ConnectionTrait,
    framework_column: E::Column,
) -> ServiceResult<HashMap<Uuid, u32>> {
    let rows = E::find()
        .select_only()
        .column_as(framework_column, "framework_id")
        .column_as(Expr::from(Func::count(Expr::col(framework_column))), "count")
        .group_by(framework_column)
        .into_model::<Count>()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|row| (row.framework_id, u32::try_from(row.count).unwrap_or(u32::MAX))).collect())
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn summary(row: value_framework::Model, pair_count: u32, value_count: u32) -> FrameworkSummary {
    FrameworkSummary {
        id: FrameworkId::from_uuid(row.id),
        pair_count,
        value_count,
        urn: row.urn,
        version: row.version,
        name: Bilingual::new(row.name, row.name_en),
        source: row.source,
        description: Bilingual::new(row.description, row.description_en),
        built_in: row.built_in,
    }
}

/// Every framework, built-in first, then in the order they were added (ids are time-ordered UUIDv7), which puts
/// KepMenPAN 25/2002 first.
pub async fn list_frameworks(db: &impl ConnectionTrait) -> ServiceResult<Vec<FrameworkSummary>> {
    let rows = value_framework::Entity::find()
        .order_by_desc(value_framework::Column::BuiltIn)
        .order_by_asc(value_framework::Column::Id)
        .all(db)
        .await?;
    let pairs = counts_by_framework::<value_pair::Entity>(db, value_pair::Column::FrameworkId).await?;
    let values = counts_by_framework::<value::Entity>(db, value::Column::FrameworkId).await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let (pair_count, value_count) = (pairs.get(&row.id), values.get(&row.id));
            summary(row, pair_count.copied().unwrap_or(0), value_count.copied().unwrap_or(0))
        })
        .collect())
}

/// One framework with its pairs, values and indicators.
pub async fn get_framework(db: &impl ConnectionTrait, id: FrameworkId) -> ServiceResult<FrameworkDetail> {
    let row = value_framework::Entity::find_by_id(id.into_uuid()).one(db).await?.ok_or(ServiceError::NotFound)?;
    detail(db, row).await
}

/// The newest version of the framework with this URN.
pub async fn get_framework_by_urn(db: &impl ConnectionTrait, urn: &str) -> ServiceResult<FrameworkDetail> {
    let row = value_framework::Entity::find()
        .filter(value_framework::Column::Urn.eq(urn))
        .order_by_desc(value_framework::Column::Version)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    detail(db, row).await
}

async fn detail(db: &impl ConnectionTrait, row: value_framework::Model) -> ServiceResult<FrameworkDetail> {
    let pairs = value_pair::Entity::find()
        .filter(value_pair::Column::FrameworkId.eq(row.id))
        .order_by_asc(value_pair::Column::Number)
        .all(db)
        .await?;
    let values = value::Entity::find()
        .filter(value::Column::FrameworkId.eq(row.id))
        .order_by_asc(value::Column::Position)
        .all(db)
        .await?;
    let mut indicators: HashMap<Uuid, Vec<IndicatorView>> = HashMap::new();
    let indicator_rows = behaviour_indicator::Entity::find()
        .filter(behaviour_indicator::Column::ValueId.is_in(values.iter().map(|v| v.id)))
        .order_by_asc(behaviour_indicator::Column::Position)
        .all(db)
        .await?;
    for indicator in indicator_rows {
        indicators.entry(indicator.value_id).or_default().push(IndicatorView {
            id: IndicatorId::from_uuid(indicator.id),
            position: indicator.position,
            text: Bilingual::new(indicator.text, indicator.text_en),
        });
    }

    let mut by_pair: HashMap<Uuid, Vec<ValueView>> = HashMap::new();
    let mut standalone_values = Vec::new();
    for value in values {
        let pair_id = value.pair_id;
        let view = ValueView {
            id: ValueId::from_uuid(value.id),
            indicators: indicators.remove(&value.id).unwrap_or_default(),
            code: value.code,
            name: Bilingual::new(value.name, value.name_en),
            description: Bilingual::new(value.description, value.description_en),
        };
        match pair_id {
            Some(pair) => by_pair.entry(pair).or_default().push(view),
            None => standalone_values.push(view),
        }
    }
    let pair_count = count(pairs.len());
    let pairs: Vec<PairView> = pairs
        .into_iter()
        .map(|pair| PairView {
            id: ValuePairId::from_uuid(pair.id),
            values: by_pair.remove(&pair.id).unwrap_or_default(),
            number: pair.number,
            name: Bilingual::new(pair.name, pair.name_en),
            description: Bilingual::new(pair.description, pair.description_en),
        })
        .collect();
    let value_count = count(pairs.iter().map(|p| p.values.len()).sum::<usize>() + standalone_values.len());
    Ok(FrameworkDetail { summary: summary(row, pair_count, value_count), pairs, standalone_values })
}

/// The values `condition` picks, as an action shows them (code and Indonesian name), ordered by code, in one
/// query.
pub async fn action_values(
    db: &impl ConnectionTrait,
    condition: impl sea_orm::sea_query::IntoCondition,
) -> ServiceResult<Vec<domain::kbk::ActionValue>> {
    let mut values: Vec<domain::kbk::ActionValue> = value::Entity::find()
        .filter(condition)
        .all(db)
        .await?
        .into_iter()
        .map(|row| domain::kbk::ActionValue { id: ValueId::from_uuid(row.id), code: row.code, name: row.name })
        .collect();
    values.sort_by(|a, b| domain::catalogue::compare_codes(&a.code, &b.code));
    Ok(values)
}
