//! Org paths sort byte-wise on PostgreSQL too, so a subtree is one indexed range (`/a/b/` up to `/a/b0`) as in
//! `opd_standing`. The pattern-operator index served only `LIKE` with a literal prefix; queries bind the prefix,
//! and PostgreSQL's generic plans for `LIKE $1` scanned the whole tree (25,000 OPDs at national size).
//! SQLite already compares text byte-wise: nothing changes there.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Re-creates the path column's index after setting its collation; up and down differ in these two only.
async fn repath(manager: &SchemaManager<'_>, collation: &str, index: &str) -> Result<(), DbErr> {
    if manager.get_database_backend() != sea_orm::DatabaseBackend::Postgres {
        return Ok(());
    }
    let sql = format!(
        r#"DROP INDEX "idx-org_unit-path";
        ALTER TABLE org_unit ALTER COLUMN path TYPE varchar(400) COLLATE {collation};
        CREATE INDEX "idx-org_unit-path" ON org_unit ({index});"#
    );
    manager.get_connection().execute_unprepared(&sql).await?;
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        repath(manager, r#""C""#, "path").await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        repath(manager, r#""default""#, "path varchar_pattern_ops").await
    }
}
