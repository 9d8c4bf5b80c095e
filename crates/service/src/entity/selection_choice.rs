//! `selection_choice`: one chosen value of a selection, with its reason and key behaviours (JSON).

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "selection_choice")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub selection_id: Uuid,
    pub value_id: Uuid,
    pub position: i16,
    pub reason: String,
    pub behaviours: String,
}

impl ActiveModelBehavior for ActiveModel {}
