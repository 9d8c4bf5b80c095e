//! `kbk`: a work-culture group (Kelompok Budaya Kerja) of an OPD.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "kbk")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub pemda_id: Uuid,
    pub opd_id: Uuid,
    pub name: String,
    pub work_unit: String,
    pub sk_number: Option<String>,
    pub sk_date: Option<Date>,
    pub active: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
