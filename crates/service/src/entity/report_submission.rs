//! `report_submission`: a report as it was handed in, once per submission.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "report_submission")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub report_id: Uuid,
    pub revision: i32,
    pub submitted_at: DateTimeUtc,
    pub submitted_by: Uuid,
    pub snapshot: String,
}

impl ActiveModelBehavior for ActiveModel {}
