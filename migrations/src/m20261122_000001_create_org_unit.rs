//! The org tree: Pemda nodes and the agencies and units below them, in one self-referencing table.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum OrgUnit {
    Table,
    Id,
    ParentId,
    PemdaId,
    Kind,
    Code,
    Path,
    Name,
    Timezone,
    Active,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(OrgUnit::Table)
                    .col(pk_uuid(OrgUnit::Id))
                    .col(uuid_null(OrgUnit::ParentId))
                    // The tenant key: every tenant-owned table carries it so the schema can be sharded by Pemda.
                    .col(uuid(OrgUnit::PemdaId))
                    .col(string_len(OrgUnit::Kind, 40))
                    .col(string_len(OrgUnit::Code, 40))
                    // Materialised path of ids from the root (`/root/child/.../self/`): a subtree is one
                    // indexed prefix match, which is how role grants on a node reach everything below it.
                    .col(string_len(OrgUnit::Path, 400))
                    .col(string_len(OrgUnit::Name, 200))
                    .col(string_len_null(OrgUnit::Timezone, 8))
                    .col(boolean(OrgUnit::Active).default(true))
                    .col(timestamp_with_time_zone(OrgUnit::CreatedAt))
                    .col(timestamp_with_time_zone(OrgUnit::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk-org_unit-parent_id")
                            .from(OrgUnit::Table, OrgUnit::ParentId)
                            .to(OrgUnit::Table, OrgUnit::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk-org_unit-pemda_id")
                            .from(OrgUnit::Table, OrgUnit::PemdaId)
                            .to(OrgUnit::Table, OrgUnit::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("uq-org_unit-code").table(OrgUnit::Table).col(OrgUnit::Code).unique().to_owned(),
            )
            .await?;
        if manager.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
            // Prefix matches (`LIKE '/a/b/%'`) use a btree index in PostgreSQL only with pattern operators.
            manager
                .get_connection()
                .execute_unprepared(r#"CREATE INDEX "idx-org_unit-path" ON org_unit (path varchar_pattern_ops)"#)
                .await?;
        } else {
            manager
                .create_index(
                    Index::create().name("idx-org_unit-path").table(OrgUnit::Table).col(OrgUnit::Path).to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create().name("idx-org_unit-parent_id").table(OrgUnit::Table).col(OrgUnit::ParentId).to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx-org_unit-pemda_id-kind")
                    .table(OrgUnit::Table)
                    .col(OrgUnit::PemdaId)
                    .col(OrgUnit::Kind)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(OrgUnit::Table).to_owned()).await
    }
}
