//! The audit trail: append-only events, each carrying the SHA-256 of the previous one, and a one-row head that
//! serialises appends so the chain never forks.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AuditEvent {
    Table,
    Id,
    OccurredAt,
    ActorId,
    Actor,
    Action,
    ObjectType,
    ObjectId,
    PemdaId,
    Before,
    After,
    RequestId,
    ClientAddr,
    PrevHash,
    Hash,
}

#[derive(DeriveIden)]
enum AuditHead {
    Table,
    Id,
    LastSeq,
    LastHash,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AuditEvent::Table)
                    // The sequence number in the chain, assigned from the head (not auto-increment), so gaps
                    // and reorderings are detectable too.
                    .col(big_integer(AuditEvent::Id).primary_key())
                    .col(timestamp_with_time_zone(AuditEvent::OccurredAt))
                    .col(uuid_null(AuditEvent::ActorId))
                    .col(string_len(AuditEvent::Actor, 64))
                    .col(string_len(AuditEvent::Action, 64))
                    .col(string_len(AuditEvent::ObjectType, 40))
                    .col(string_len_null(AuditEvent::ObjectId, 64))
                    .col(uuid_null(AuditEvent::PemdaId))
                    .col(text_null(AuditEvent::Before))
                    .col(text_null(AuditEvent::After))
                    .col(string_len_null(AuditEvent::RequestId, 64))
                    .col(string_len_null(AuditEvent::ClientAddr, 64))
                    .col(string_len(AuditEvent::PrevHash, 64))
                    .col(string_len(AuditEvent::Hash, 64))
                    .to_owned(),
            )
            .await?;
        for (name, cols) in [
            ("idx-audit_event-object", vec![AuditEvent::ObjectType, AuditEvent::ObjectId]),
            ("idx-audit_event-pemda_id-id", vec![AuditEvent::PemdaId, AuditEvent::Id]),
            ("idx-audit_event-actor_id-id", vec![AuditEvent::ActorId, AuditEvent::Id]),
        ] {
            let mut index = Index::create().name(name).table(AuditEvent::Table).to_owned();
            for col in cols {
                index.col(col);
            }
            manager.create_index(index).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(AuditHead::Table)
                    .col(integer(AuditHead::Id).primary_key())
                    .col(big_integer(AuditHead::LastSeq))
                    .col(string_len(AuditHead::LastHash, 64))
                    .to_owned(),
            )
            .await?;
        let genesis = "0".repeat(64);
        manager
            .exec_stmt(
                Query::insert()
                    .into_table(AuditHead::Table)
                    .columns([AuditHead::Id, AuditHead::LastSeq, AuditHead::LastHash])
                    .values_panic([1.into(), 0i64.into(), genesis.into()])
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(AuditHead::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(AuditEvent::Table).to_owned()).await
    }
}
