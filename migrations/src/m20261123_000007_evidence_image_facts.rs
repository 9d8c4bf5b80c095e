//! What Budaya reads from photo evidence: the date the camera recorded (EXIF) and a small thumbnail, stored
//! in the blob store beside the original.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum EvidenceFile {
    Table,
    // The camera's local time as written in EXIF (no zone is recorded there).
    TakenAt,
    ThumbnailKey,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite adds only one column per ALTER TABLE.
        for column in [date_time_null(EvidenceFile::TakenAt), string_len_null(EvidenceFile::ThumbnailKey, 200)] {
            manager.alter_table(Table::alter().table(EvidenceFile::Table).add_column(column).to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [EvidenceFile::ThumbnailKey, EvidenceFile::TakenAt] {
            manager.alter_table(Table::alter().table(EvidenceFile::Table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}
