//! `value`: a single value, optionally belonging to a pair.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "value")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub framework_id: Uuid,
    pub pair_id: Option<Uuid>,
    pub code: String,
    pub position: i32,
    pub name: String,
    pub name_en: String,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    #[sea_orm(column_type = "Text")]
    pub description_en: String,
}

impl ActiveModelBehavior for ActiveModel {}
