//! `value_tally`: an OPD's verified and counted actions of one quarter under one value.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "value_tally")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub opd_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub year: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub quarter: i16,
    #[sea_orm(primary_key, auto_increment = false)]
    pub value_id: Uuid,
    pub pemda_id: Uuid,
    pub verified: i32,
    pub counted: i32,
}

impl ActiveModelBehavior for ActiveModel {}
