//! What the dashboard reads instead of history: per OPD and quarter (and per chosen value) counts of verified
//! actions and of actions counted by an accepted report, kept by the same transactions that verify actions and
//! accept or reopen reports; and the versioned index weights of each Pemda.

use crate::helpers::{drop_tables, fk, index};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum OrgUnit {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum AppUser {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Value {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ActionTally {
    Table,
    OpdId,
    Year,
    Quarter,
    PemdaId,
    Verified,
    VerifiedWithResult,
    Counted,
    CountedWithResult,
}

#[derive(DeriveIden)]
enum ValueTally {
    Table,
    OpdId,
    Year,
    Quarter,
    ValueId,
    PemdaId,
    Verified,
    Counted,
}

#[derive(DeriveIden)]
enum IndexWeights {
    Table,
    Id,
    PemdaId,
    Version,
    Institution,
    Activity,
    Spread,
    Reporting,
    Results,
    CreatedBy,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ActionTally::Table)
                    .col(uuid(ActionTally::OpdId))
                    .col(integer(ActionTally::Year))
                    .col(small_integer(ActionTally::Quarter))
                    .col(uuid(ActionTally::PemdaId))
                    .col(integer(ActionTally::Verified))
                    .col(integer(ActionTally::VerifiedWithResult))
                    .col(integer(ActionTally::Counted))
                    .col(integer(ActionTally::CountedWithResult))
                    .primary_key(
                        Index::create().col(ActionTally::OpdId).col(ActionTally::Year).col(ActionTally::Quarter),
                    )
                    .foreign_key(&mut fk(
                        "fk-action_tally-opd_id",
                        (ActionTally::Table, ActionTally::OpdId),
                        (OrgUnit::Table, OrgUnit::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx-action_tally-pemda_id-year-quarter",
                ActionTally::Table,
                &["pemda_id", "year", "quarter"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ValueTally::Table)
                    .col(uuid(ValueTally::OpdId))
                    .col(integer(ValueTally::Year))
                    .col(small_integer(ValueTally::Quarter))
                    .col(uuid(ValueTally::ValueId))
                    .col(uuid(ValueTally::PemdaId))
                    .col(integer(ValueTally::Verified))
                    .col(integer(ValueTally::Counted))
                    .primary_key(
                        Index::create()
                            .col(ValueTally::OpdId)
                            .col(ValueTally::Year)
                            .col(ValueTally::Quarter)
                            .col(ValueTally::ValueId),
                    )
                    .foreign_key(&mut fk(
                        "fk-value_tally-opd_id",
                        (ValueTally::Table, ValueTally::OpdId),
                        (OrgUnit::Table, OrgUnit::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk-value_tally-value_id",
                        (ValueTally::Table, ValueTally::ValueId),
                        (Value::Table, Value::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx-value_tally-pemda_id-year-quarter",
                ValueTally::Table,
                &["pemda_id", "year", "quarter"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(IndexWeights::Table)
                    .col(pk_uuid(IndexWeights::Id))
                    .col(uuid(IndexWeights::PemdaId))
                    .col(integer(IndexWeights::Version))
                    .col(small_integer(IndexWeights::Institution))
                    .col(small_integer(IndexWeights::Activity))
                    .col(small_integer(IndexWeights::Spread))
                    .col(small_integer(IndexWeights::Reporting))
                    .col(small_integer(IndexWeights::Results))
                    .col(uuid(IndexWeights::CreatedBy))
                    .col(timestamp_with_time_zone(IndexWeights::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk-index_weights-pemda_id",
                        (IndexWeights::Table, IndexWeights::PemdaId),
                        (OrgUnit::Table, OrgUnit::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk-index_weights-created_by",
                        (IndexWeights::Table, IndexWeights::CreatedBy),
                        (AppUser::Table, AppUser::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("uq-index_weights-pemda_id-version", IndexWeights::Table, &["pemda_id", "version"])
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            vec![IndexWeights::Table.into_iden(), ValueTally::Table.into_iden(), ActionTally::Table.into_iden()],
        )
        .await
    }
}
