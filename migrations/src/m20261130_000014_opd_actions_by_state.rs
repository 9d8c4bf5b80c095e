//! An OPD's actions counted by state: its home page shows how many wait for verification and how many were
//! returned. By OPD alone (the OPD-and-date index) that read every action of the OPD's history; with the state
//! beside it, only those in the states counted.

use crate::helpers::index;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum KbkAction {
    Table,
}

const NAME: &str = "idx-kbk_action-opd_id-state";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_index(index(NAME, KbkAction::Table, &["opd_id", "state"])).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name(NAME).table(KbkAction::Table).to_owned()).await
    }
}
