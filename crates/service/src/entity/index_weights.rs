//! `index_weights`: one version of a Pemda's compliance index weights; the highest version is in force.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "index_weights")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub pemda_id: Uuid,
    pub version: i32,
    pub institution: i16,
    pub activity: i16,
    pub spread: i16,
    pub reporting: i16,
    pub results: i16,
    pub created_by: Uuid,
    pub created_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
