//! The programme year of each Pemda and each OPD's value selection for it.

use crate::helpers::{drop_tables, fk, fk_cascade, index};
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
enum ValueFramework {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Value {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ProgrammeYear {
    Table,
    Id,
    PemdaId,
    Year,
    Active,
    MinValues,
    MaxValues,
    MinBehaviours,
    DueQ1,
    DueQ2,
    DueQ3,
    DueQ4,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ProgrammeFramework {
    Table,
    ProgrammeYearId,
    FrameworkId,
}

#[derive(DeriveIden)]
enum ValueSelection {
    Table,
    Id,
    PemdaId,
    OpdId,
    Year,
    State,
    ReturnReason,
    SubmittedAt,
    DecidedAt,
    DecidedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum SelectionChoice {
    Table,
    Id,
    SelectionId,
    ValueId,
    Position,
    Reason,
    Behaviours,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ProgrammeYear::Table)
                    .col(pk_uuid(ProgrammeYear::Id))
                    .col(uuid(ProgrammeYear::PemdaId))
                    .col(integer(ProgrammeYear::Year))
                    .col(boolean(ProgrammeYear::Active))
                    .col(small_integer(ProgrammeYear::MinValues))
                    .col(small_integer(ProgrammeYear::MaxValues))
                    .col(small_integer(ProgrammeYear::MinBehaviours))
                    // Calendar days in the Pemda's time zone (decision 5).
                    .col(date(ProgrammeYear::DueQ1))
                    .col(date(ProgrammeYear::DueQ2))
                    .col(date(ProgrammeYear::DueQ3))
                    .col(date(ProgrammeYear::DueQ4))
                    .col(timestamp_with_time_zone(ProgrammeYear::CreatedAt))
                    .col(timestamp_with_time_zone(ProgrammeYear::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk-programme_year-pemda_id",
                        (ProgrammeYear::Table, ProgrammeYear::PemdaId),
                        (OrgUnit::Table, OrgUnit::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("uq-programme_year-pemda_id-year", ProgrammeYear::Table, &["pemda_id", "year"])
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ProgrammeFramework::Table)
                    .col(uuid(ProgrammeFramework::ProgrammeYearId))
                    .col(uuid(ProgrammeFramework::FrameworkId))
                    .primary_key(
                        Index::create().col(ProgrammeFramework::ProgrammeYearId).col(ProgrammeFramework::FrameworkId),
                    )
                    .foreign_key(&mut fk_cascade(
                        "fk-programme_framework-programme_year_id",
                        (ProgrammeFramework::Table, ProgrammeFramework::ProgrammeYearId),
                        (ProgrammeYear::Table, ProgrammeYear::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk-programme_framework-framework_id",
                        (ProgrammeFramework::Table, ProgrammeFramework::FrameworkId),
                        (ValueFramework::Table, ValueFramework::Id),
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ValueSelection::Table)
                    .col(pk_uuid(ValueSelection::Id))
                    .col(uuid(ValueSelection::PemdaId))
                    .col(uuid(ValueSelection::OpdId))
                    .col(integer(ValueSelection::Year))
                    .col(string_len(ValueSelection::State, 16))
                    .col(text_null(ValueSelection::ReturnReason))
                    .col(timestamp_with_time_zone_null(ValueSelection::SubmittedAt))
                    .col(timestamp_with_time_zone_null(ValueSelection::DecidedAt))
                    .col(uuid_null(ValueSelection::DecidedBy))
                    .col(timestamp_with_time_zone(ValueSelection::CreatedAt))
                    .col(timestamp_with_time_zone(ValueSelection::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk-value_selection-pemda_id",
                        (ValueSelection::Table, ValueSelection::PemdaId),
                        (OrgUnit::Table, OrgUnit::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk-value_selection-opd_id",
                        (ValueSelection::Table, ValueSelection::OpdId),
                        (OrgUnit::Table, OrgUnit::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk-value_selection-decided_by",
                        (ValueSelection::Table, ValueSelection::DecidedBy),
                        (AppUser::Table, AppUser::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("uq-value_selection-opd_id-year", ValueSelection::Table, &["opd_id", "year"]).unique().to_owned(),
            )
            .await?;
        manager
            .create_index(index("idx-value_selection-pemda_id-year", ValueSelection::Table, &["pemda_id", "year"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(SelectionChoice::Table)
                    .col(pk_uuid(SelectionChoice::Id))
                    .col(uuid(SelectionChoice::SelectionId))
                    .col(uuid(SelectionChoice::ValueId))
                    .col(small_integer(SelectionChoice::Position))
                    .col(text(SelectionChoice::Reason))
                    // JSON array of {description, target}: always read and written with its choice.
                    .col(text(SelectionChoice::Behaviours))
                    .foreign_key(&mut fk_cascade(
                        "fk-selection_choice-selection_id",
                        (SelectionChoice::Table, SelectionChoice::SelectionId),
                        (ValueSelection::Table, ValueSelection::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk-selection_choice-value_id",
                        (SelectionChoice::Table, SelectionChoice::ValueId),
                        (Value::Table, Value::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index(
                    "uq-selection_choice-selection_id-value_id",
                    SelectionChoice::Table,
                    &["selection_id", "value_id"],
                )
                .unique()
                .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            vec![
                SelectionChoice::Table.into_iden(),
                ValueSelection::Table.into_iden(),
                ProgrammeFramework::Table.into_iden(),
                ProgrammeYear::Table.into_iden(),
            ],
        )
        .await
    }
}
