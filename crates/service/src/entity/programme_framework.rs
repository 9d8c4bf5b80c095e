//! `programme_framework`: a framework OPDs choose from in a programme year.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "programme_framework")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub programme_year_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub framework_id: Uuid,
}

impl ActiveModelBehavior for ActiveModel {}
