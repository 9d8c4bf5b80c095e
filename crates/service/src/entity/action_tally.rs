//! `action_tally`: an OPD's verified and counted actions of one quarter, kept by the writes that change them.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "action_tally")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub opd_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub year: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub quarter: i16,
    pub pemda_id: Uuid,
    pub verified: i32,
    pub verified_with_result: i32,
    pub counted: i32,
    pub counted_with_result: i32,
}

impl ActiveModelBehavior for ActiveModel {}
