//! What the province's dashboard reads instead of every OPD: each OPD's standing per quarter (its facts, index,
//! report and stage, kept by the transactions that change them) and per Pemda node the sums of its subtree's
//! standings per OPD kind, so that a view over N Pemdas reads N rows, not their OPDs.

use crate::helpers::{drop_tables, fk_cascade, index};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum OrgUnit {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum OpdStanding {
    Table,
    OpdId,
    Year,
    Quarter,
    PemdaId,
    Path,
    Kind,
    Name,
    Decree,
    ValuesApproved,
    KbkActive,
    Verified,
    Counted,
    Target,
    ValuesChosen,
    ValuesLived,
    Returns,
    WithResult,
    ReportId,
    ReportState,
    Submitted,
    OnTime,
    Accepted,
    ExtendedTo,
    ScoreTenths,
    Band,
    Stage,
    WaitingSince,
}

/// The sums a roll-up keeps (see `service::dashboard::standing::MEASURES`).
const MEASURES: [&str; 23] = [
    "opds",
    "submitted",
    "on_time",
    "accepted",
    "score_tenths",
    "band_baik",
    "band_cukup",
    "band_kurang",
    "band_sangat_kurang",
    "stuck_kbk_formed",
    "stuck_values_approved",
    "stuck_actions_logged",
    "stuck_submitted_on_time",
    "stuck_accepted",
    "state_draft",
    "state_submitted",
    "state_returned",
    "state_accepted",
    "decree",
    "kbk_active",
    "values_approved",
    "verified",
    "counted",
];

#[derive(DeriveIden)]
enum NodeRollup {
    Table,
    NodeId,
    Year,
    Quarter,
    Kind,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use OpdStanding as S;
        // Subtrees are read as a byte-wise range of paths ('/a/b/' up to '/a/b0'): on PostgreSQL the column
        // sorts byte-wise whatever the database's collation (SQLite's default already does).
        let mut path = string(S::Path);
        if manager.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
            path.extra("COLLATE \"C\"");
        }
        manager
            .create_table(
                Table::create()
                    .table(S::Table)
                    .col(uuid(S::OpdId))
                    .col(integer(S::Year))
                    .col(small_integer(S::Quarter))
                    .col(uuid(S::PemdaId))
                    .col(path)
                    .col(string(S::Kind))
                    .col(string(S::Name))
                    .col(boolean(S::Decree))
                    .col(boolean(S::ValuesApproved))
                    .col(boolean(S::KbkActive))
                    .col(integer(S::Verified))
                    .col(integer(S::Counted))
                    .col(integer(S::Target))
                    .col(integer(S::ValuesChosen))
                    .col(integer(S::ValuesLived))
                    .col(integer(S::Returns))
                    .col(integer(S::WithResult))
                    .col(uuid_null(S::ReportId))
                    .col(string_null(S::ReportState))
                    .col(boolean(S::Submitted))
                    .col(boolean(S::OnTime))
                    .col(boolean(S::Accepted))
                    .col(date_null(S::ExtendedTo))
                    .col(integer(S::ScoreTenths))
                    .col(string(S::Band))
                    .col(string_null(S::Stage))
                    .col(date_null(S::WaitingSince))
                    .primary_key(Index::create().col(S::OpdId).col(S::Year).col(S::Quarter))
                    .foreign_key(&mut fk_cascade(
                        "fk-opd_standing-opd_id",
                        (S::Table, S::OpdId),
                        (OrgUnit::Table, OrgUnit::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        // A subtree's OPDs by path range (a Pemda's or a province's: bounded, sorted after reading), and the
        // whole install's in each order the dashboard offers, read one page at a time.
        manager
            .create_index(index("idx-opd_standing-year-quarter-path", S::Table, &["year", "quarter", "path"]))
            .await?;
        for (name, order) in [("score", "score_tenths"), ("name", "name")] {
            manager
                .create_index(index(
                    &format!("idx-opd_standing-year-quarter-{name}"),
                    S::Table,
                    &["year", "quarter", order, "opd_id"],
                ))
                .await?;
        }

        let mut rollup = Table::create()
            .table(NodeRollup::Table)
            .col(uuid(NodeRollup::NodeId))
            .col(integer(NodeRollup::Year))
            .col(small_integer(NodeRollup::Quarter))
            .col(string(NodeRollup::Kind))
            .primary_key(
                Index::create()
                    .col(NodeRollup::NodeId)
                    .col(NodeRollup::Year)
                    .col(NodeRollup::Quarter)
                    .col(NodeRollup::Kind),
            )
            .foreign_key(&mut fk_cascade(
                "fk-node_rollup-node_id",
                (NodeRollup::Table, NodeRollup::NodeId),
                (OrgUnit::Table, OrgUnit::Id),
            ))
            .to_owned();
        for measure in MEASURES {
            rollup.col(big_integer(Alias::new(measure)).default(0));
        }
        manager.create_table(rollup).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, vec![NodeRollup::Table.into_iden(), OpdStanding::Table.into_iden()]).await
    }
}
