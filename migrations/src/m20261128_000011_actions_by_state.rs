//! A KBK's actions counted by state (and author): a member's to-do counts their returned and draft actions and
//! a chair's those waiting to be verified, on every visit to `/`. By KBK alone that read every action of the
//! KBK's history; with the state beside it, only those in that state.

use crate::helpers::index;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum KbkAction {
    Table,
}

const NAME: &str = "idx-kbk_action-kbk_id-state-author_id";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_index(index(NAME, KbkAction::Table, &["kbk_id", "state", "author_id"])).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name(NAME).table(KbkAction::Table).to_owned()).await
    }
}
