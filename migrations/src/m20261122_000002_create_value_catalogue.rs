//! The value catalogue: frameworks (URN + version), pairs, single values and behaviour indicators.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum OrgUnit {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ValueFramework {
    Table,
    Id,
    Urn,
    Version,
    Name,
    NameEn,
    Source,
    Description,
    DescriptionEn,
    BuiltIn,
    OwnerPemdaId,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ValuePair {
    Table,
    Id,
    FrameworkId,
    Number,
    Name,
    NameEn,
    Description,
    DescriptionEn,
}

#[derive(DeriveIden)]
enum CoreValue {
    #[sea_orm(iden = "value")]
    Table,
    Id,
    FrameworkId,
    PairId,
    Code,
    Position,
    Name,
    NameEn,
    Description,
    DescriptionEn,
}

#[derive(DeriveIden)]
enum BehaviourIndicator {
    Table,
    Id,
    ValueId,
    Position,
    Text,
    TextEn,
}

fn fk(
    name: &str,
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
) -> ForeignKeyCreateStatement {
    ForeignKey::create().name(name).from(from.0, from.1).to(to.0, to.1).on_delete(ForeignKeyAction::Restrict).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ValueFramework::Table)
                    .col(pk_uuid(ValueFramework::Id))
                    .col(string_len(ValueFramework::Urn, 200))
                    .col(integer(ValueFramework::Version))
                    .col(string_len(ValueFramework::Name, 200))
                    .col(string_len(ValueFramework::NameEn, 200))
                    .col(string_len(ValueFramework::Source, 300))
                    .col(text(ValueFramework::Description))
                    .col(text(ValueFramework::DescriptionEn))
                    .col(boolean(ValueFramework::BuiltIn))
                    // Null for built-in frameworks; a Pemda's own framework belongs to that Pemda.
                    .col(uuid_null(ValueFramework::OwnerPemdaId))
                    .col(timestamp_with_time_zone(ValueFramework::CreatedAt))
                    .col(timestamp_with_time_zone(ValueFramework::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk-value_framework-owner_pemda_id",
                        (ValueFramework::Table, ValueFramework::OwnerPemdaId),
                        (OrgUnit::Table, OrgUnit::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq-value_framework-urn-version")
                    .table(ValueFramework::Table)
                    .col(ValueFramework::Urn)
                    .col(ValueFramework::Version)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ValuePair::Table)
                    .col(pk_uuid(ValuePair::Id))
                    .col(uuid(ValuePair::FrameworkId))
                    .col(integer(ValuePair::Number))
                    .col(string_len(ValuePair::Name, 200))
                    .col(string_len(ValuePair::NameEn, 200))
                    .col(text(ValuePair::Description))
                    .col(text(ValuePair::DescriptionEn))
                    .foreign_key(&mut fk(
                        "fk-value_pair-framework_id",
                        (ValuePair::Table, ValuePair::FrameworkId),
                        (ValueFramework::Table, ValueFramework::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq-value_pair-framework_id-number")
                    .table(ValuePair::Table)
                    .col(ValuePair::FrameworkId)
                    .col(ValuePair::Number)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(CoreValue::Table)
                    .col(pk_uuid(CoreValue::Id))
                    .col(uuid(CoreValue::FrameworkId))
                    .col(uuid_null(CoreValue::PairId))
                    .col(string_len(CoreValue::Code, 16))
                    .col(integer(CoreValue::Position))
                    .col(string_len(CoreValue::Name, 200))
                    .col(string_len(CoreValue::NameEn, 200))
                    .col(text(CoreValue::Description))
                    .col(text(CoreValue::DescriptionEn))
                    .foreign_key(&mut fk(
                        "fk-value-framework_id",
                        (CoreValue::Table, CoreValue::FrameworkId),
                        (ValueFramework::Table, ValueFramework::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk-value-pair_id",
                        (CoreValue::Table, CoreValue::PairId),
                        (ValuePair::Table, ValuePair::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq-value-framework_id-code")
                    .table(CoreValue::Table)
                    .col(CoreValue::FrameworkId)
                    .col(CoreValue::Code)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("idx-value-pair_id").table(CoreValue::Table).col(CoreValue::PairId).to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(BehaviourIndicator::Table)
                    .col(pk_uuid(BehaviourIndicator::Id))
                    .col(uuid(BehaviourIndicator::ValueId))
                    .col(integer(BehaviourIndicator::Position))
                    .col(text(BehaviourIndicator::Text))
                    .col(text(BehaviourIndicator::TextEn))
                    .foreign_key(&mut fk(
                        "fk-behaviour_indicator-value_id",
                        (BehaviourIndicator::Table, BehaviourIndicator::ValueId),
                        (CoreValue::Table, CoreValue::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq-behaviour_indicator-value_id-position")
                    .table(BehaviourIndicator::Table)
                    .col(BehaviourIndicator::ValueId)
                    .col(BehaviourIndicator::Position)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            BehaviourIndicator::Table.into_iden(),
            CoreValue::Table.into_iden(),
            ValuePair::Table.into_iden(),
            ValueFramework::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
