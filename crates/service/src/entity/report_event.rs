//! `report_event`: one step in a report's activity feed.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "report_event")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub report_id: Uuid,
    pub kind: String,
    pub actor_id: Uuid,
    pub at: DateTimeUtc,
    pub detail: String,
}

impl ActiveModelBehavior for ActiveModel {}
