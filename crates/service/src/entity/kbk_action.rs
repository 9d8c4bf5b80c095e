//! `kbk_action`: a documented action (kegiatan) of a KBK.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "kbk_action")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub pemda_id: Uuid,
    pub opd_id: Uuid,
    pub kbk_id: Uuid,
    pub author_id: Uuid,
    pub title: String,
    pub kind: String,
    pub started_on: Date,
    pub ended_on: Option<Date>,
    pub location: String,
    pub description: String,
    pub participants: i32,
    pub attendees: i32,
    pub result: Option<String>,
    pub indicator: Option<String>,
    pub target: Option<String>,
    pub realisation: Option<String>,
    pub state: String,
    pub return_reason: Option<String>,
    pub entered_on: Date,
    pub submitted_at: Option<DateTimeUtc>,
    pub decided_at: Option<DateTimeUtc>,
    pub decided_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
