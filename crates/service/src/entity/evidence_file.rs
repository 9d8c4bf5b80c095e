//! `evidence_file`: an uploaded evidence file (of an action, or a KBK's SK scan); the bytes live in the blob store.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "evidence_file")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub pemda_id: Uuid,
    pub opd_id: Uuid,
    pub kbk_id: Uuid,
    pub action_id: Option<Uuid>,
    pub purpose: String,
    pub file_name: String,
    pub media_type: String,
    pub size: i64,
    pub sha256: String,
    pub storage_key: String,
    pub uploaded_by: Uuid,
    pub created_at: DateTimeUtc,
    pub taken_at: Option<DateTime>,
    pub thumbnail_key: Option<String>,
}

impl ActiveModelBehavior for ActiveModel {}
