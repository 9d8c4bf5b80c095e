//! Org paths sort byte-wise on PostgreSQL too, so a subtree is one indexed range (`/a/b/` up to `/a/b0`) as in
//! `opd_standing`. The pattern-operator index served only `LIKE` with a literal prefix; queries bind the prefix,
//! and PostgreSQL's generic plans for `LIKE $1` scanned the whole tree (25,000 OPDs at national size).
//! SQLite already compares text byte-wise: nothing changes there.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != sea_orm::DatabaseBackend::Postgres {
            return Ok(());
        }
        manager
            .get_connection()
            .execute_unprepared(
                r#"DROP INDEX "idx-org_unit-path";
                ALTER TABLE org_unit ALTER COLUMN path TYPE varchar(400) COLLATE "C";
                CREATE INDEX "idx-org_unit-path" ON org_unit (path);"#,
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != sea_orm::DatabaseBackend::Postgres {
            return Ok(());
        }
        manager
            .get_connection()
            .execute_unprepared(
                r#"DROP INDEX "idx-org_unit-path";
                ALTER TABLE org_unit ALTER COLUMN path TYPE varchar(400) COLLATE "default";
                CREATE INDEX "idx-org_unit-path" ON org_unit (path varchar_pattern_ops);"#,
            )
            .await?;
        Ok(())
    }
}
