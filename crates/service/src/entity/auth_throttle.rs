//! `auth_throttle`: recent sign-in failures per account and per client address.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "auth_throttle")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    pub failures: i32,
    pub window_start: DateTimeUtc,
    pub blocked_until: Option<DateTimeUtc>,
}

impl ActiveModelBehavior for ActiveModel {}
