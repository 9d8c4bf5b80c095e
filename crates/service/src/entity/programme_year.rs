//! `programme_year`: a Pemda's rules for one programme year.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "programme_year")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub pemda_id: Uuid,
    pub year: i32,
    pub active: bool,
    pub min_values: i16,
    pub max_values: i16,
    pub min_behaviours: i16,
    pub due_q1: Date,
    pub due_q2: Date,
    pub due_q3: Date,
    pub due_q4: Date,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
