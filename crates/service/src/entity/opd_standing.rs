//! `opd_standing`: an OPD's quarter as the dashboard shows it (facts, index, report, stage), kept by the writes
//! that change any of it, so a page of OPDs is read without computing the rest.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "opd_standing")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub opd_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub year: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub quarter: i16,
    pub pemda_id: Uuid,
    pub path: String,
    pub kind: String,
    pub name: String,
    pub decree: bool,
    pub values_approved: bool,
    pub kbk_active: bool,
    pub verified: i32,
    pub counted: i32,
    pub target: i32,
    pub values_chosen: i32,
    pub values_lived: i32,
    pub returns: i32,
    pub with_result: i32,
    pub report_id: Option<Uuid>,
    pub report_state: Option<String>,
    pub submitted: bool,
    pub on_time: bool,
    pub accepted: bool,
    pub extended_to: Option<Date>,
    pub score_tenths: i32,
    pub band: String,
    pub stage: Option<String>,
    pub waiting_since: Option<Date>,
}

impl ActiveModelBehavior for ActiveModel {}
