//! KBKs with their members, their documented actions and the evidence files behind both.

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
enum Value {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Kbk {
    Table,
    Id,
    PemdaId,
    OpdId,
    Name,
    WorkUnit,
    SkNumber,
    SkDate,
    Active,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum KbkMember {
    Table,
    Id,
    KbkId,
    UserId,
    Name,
    Nip,
    Role,
    Active,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum KbkAction {
    Table,
    Id,
    PemdaId,
    OpdId,
    KbkId,
    AuthorId,
    Title,
    Kind,
    StartedOn,
    EndedOn,
    Location,
    Description,
    Participants,
    Attendees,
    Result,
    Indicator,
    Target,
    Realisation,
    State,
    ReturnReason,
    EnteredOn,
    SubmittedAt,
    DecidedAt,
    DecidedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ActionValue {
    Table,
    ActionId,
    ValueId,
}

#[derive(DeriveIden)]
enum EvidenceFile {
    Table,
    Id,
    PemdaId,
    OpdId,
    KbkId,
    ActionId,
    Purpose,
    FileName,
    MediaType,
    Size,
    Sha256,
    StorageKey,
    UploadedBy,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Kbk::Table)
                    .col(pk_uuid(Kbk::Id))
                    .col(uuid(Kbk::PemdaId))
                    .col(uuid(Kbk::OpdId))
                    .col(string_len(Kbk::Name, 200))
                    .col(string_len(Kbk::WorkUnit, 200))
                    .col(string_len_null(Kbk::SkNumber, 100))
                    .col(date_null(Kbk::SkDate))
                    .col(boolean(Kbk::Active))
                    .col(timestamp_with_time_zone(Kbk::CreatedAt))
                    .col(timestamp_with_time_zone(Kbk::UpdatedAt))
                    .foreign_key(&mut fk("fk-kbk-pemda_id", (Kbk::Table, Kbk::PemdaId), (OrgUnit::Table, OrgUnit::Id)))
                    .foreign_key(&mut fk("fk-kbk-opd_id", (Kbk::Table, Kbk::OpdId), (OrgUnit::Table, OrgUnit::Id)))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("uq-kbk-opd_id-name", Kbk::Table, &["opd_id", "name"]).unique().to_owned()).await?;
        manager.create_index(index("idx-kbk-pemda_id", Kbk::Table, &["pemda_id"])).await?;

        manager
            .create_table(
                Table::create()
                    .table(KbkMember::Table)
                    .col(pk_uuid(KbkMember::Id))
                    .col(uuid(KbkMember::KbkId))
                    // Null for a named outsider without an account.
                    .col(uuid_null(KbkMember::UserId))
                    .col(string_len(KbkMember::Name, 200))
                    .col(string_len_null(KbkMember::Nip, 18))
                    .col(string_len(KbkMember::Role, 16))
                    .col(boolean(KbkMember::Active))
                    .col(timestamp_with_time_zone(KbkMember::CreatedAt))
                    .col(timestamp_with_time_zone(KbkMember::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk-kbk_member-kbk_id",
                        (KbkMember::Table, KbkMember::KbkId),
                        (Kbk::Table, Kbk::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk-kbk_member-user_id",
                        (KbkMember::Table, KbkMember::UserId),
                        (AppUser::Table, AppUser::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("idx-kbk_member-kbk_id", KbkMember::Table, &["kbk_id"])).await?;
        manager.create_index(index("idx-kbk_member-user_id", KbkMember::Table, &["user_id"])).await?;

        manager
            .create_table(
                Table::create()
                    .table(KbkAction::Table)
                    .col(pk_uuid(KbkAction::Id))
                    .col(uuid(KbkAction::PemdaId))
                    .col(uuid(KbkAction::OpdId))
                    .col(uuid(KbkAction::KbkId))
                    .col(uuid(KbkAction::AuthorId))
                    .col(string_len(KbkAction::Title, 200))
                    .col(string_len(KbkAction::Kind, 32))
                    .col(date(KbkAction::StartedOn))
                    .col(date_null(KbkAction::EndedOn))
                    .col(string_len(KbkAction::Location, 200))
                    .col(text(KbkAction::Description))
                    .col(integer(KbkAction::Participants))
                    .col(integer(KbkAction::Attendees))
                    .col(text_null(KbkAction::Result))
                    .col(string_len_null(KbkAction::Indicator, 200))
                    .col(string_len_null(KbkAction::Target, 200))
                    .col(string_len_null(KbkAction::Realisation, 200))
                    .col(string_len(KbkAction::State, 16))
                    .col(text_null(KbkAction::ReturnReason))
                    // The entry date in the Pemda's zone, kept beside the activity date.
                    .col(date(KbkAction::EnteredOn))
                    .col(timestamp_with_time_zone_null(KbkAction::SubmittedAt))
                    .col(timestamp_with_time_zone_null(KbkAction::DecidedAt))
                    .col(uuid_null(KbkAction::DecidedBy))
                    .col(timestamp_with_time_zone(KbkAction::CreatedAt))
                    .col(timestamp_with_time_zone(KbkAction::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk-kbk_action-pemda_id",
                        (KbkAction::Table, KbkAction::PemdaId),
                        (OrgUnit::Table, OrgUnit::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk-kbk_action-opd_id",
                        (KbkAction::Table, KbkAction::OpdId),
                        (OrgUnit::Table, OrgUnit::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk-kbk_action-kbk_id",
                        (KbkAction::Table, KbkAction::KbkId),
                        (Kbk::Table, Kbk::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk-kbk_action-author_id",
                        (KbkAction::Table, KbkAction::AuthorId),
                        (AppUser::Table, AppUser::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk-kbk_action-decided_by",
                        (KbkAction::Table, KbkAction::DecidedBy),
                        (AppUser::Table, AppUser::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        // Keyset pages of a KBK's actions, newest activity first, and per-OPD status counts.
        manager
            .create_index(index(
                "idx-kbk_action-kbk_id-started_on-id",
                KbkAction::Table,
                &["kbk_id", "started_on", "id"],
            ))
            .await?;
        manager
            .create_index(index("idx-kbk_action-opd_id-started_on", KbkAction::Table, &["opd_id", "started_on"]))
            .await?;
        manager.create_index(index("idx-kbk_action-pemda_id-state", KbkAction::Table, &["pemda_id", "state"])).await?;

        manager
            .create_table(
                Table::create()
                    .table(ActionValue::Table)
                    .col(uuid(ActionValue::ActionId))
                    .col(uuid(ActionValue::ValueId))
                    .primary_key(Index::create().col(ActionValue::ActionId).col(ActionValue::ValueId))
                    .foreign_key(&mut fk_cascade(
                        "fk-action_value-action_id",
                        (ActionValue::Table, ActionValue::ActionId),
                        (KbkAction::Table, KbkAction::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk-action_value-value_id",
                        (ActionValue::Table, ActionValue::ValueId),
                        (Value::Table, Value::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("idx-action_value-value_id", ActionValue::Table, &["value_id"])).await?;

        manager
            .create_table(
                Table::create()
                    .table(EvidenceFile::Table)
                    .col(pk_uuid(EvidenceFile::Id))
                    .col(uuid(EvidenceFile::PemdaId))
                    .col(uuid(EvidenceFile::OpdId))
                    .col(uuid(EvidenceFile::KbkId))
                    // Null for the KBK's SK scan.
                    .col(uuid_null(EvidenceFile::ActionId))
                    // `action` or `decree`.
                    .col(string_len(EvidenceFile::Purpose, 16))
                    .col(string_len(EvidenceFile::FileName, 200))
                    .col(string_len(EvidenceFile::MediaType, 100))
                    .col(big_integer(EvidenceFile::Size))
                    .col(string_len(EvidenceFile::Sha256, 64))
                    .col(string_len(EvidenceFile::StorageKey, 200))
                    .col(uuid(EvidenceFile::UploadedBy))
                    .col(timestamp_with_time_zone(EvidenceFile::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk-evidence_file-pemda_id",
                        (EvidenceFile::Table, EvidenceFile::PemdaId),
                        (OrgUnit::Table, OrgUnit::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk-evidence_file-opd_id",
                        (EvidenceFile::Table, EvidenceFile::OpdId),
                        (OrgUnit::Table, OrgUnit::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk-evidence_file-kbk_id",
                        (EvidenceFile::Table, EvidenceFile::KbkId),
                        (Kbk::Table, Kbk::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk-evidence_file-action_id",
                        (EvidenceFile::Table, EvidenceFile::ActionId),
                        (KbkAction::Table, KbkAction::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk-evidence_file-uploaded_by",
                        (EvidenceFile::Table, EvidenceFile::UploadedBy),
                        (AppUser::Table, AppUser::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("idx-evidence_file-action_id", EvidenceFile::Table, &["action_id"])).await?;
        manager.create_index(index("idx-evidence_file-kbk_id", EvidenceFile::Table, &["kbk_id"])).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            vec![
                EvidenceFile::Table.into_iden(),
                ActionValue::Table.into_iden(),
                KbkAction::Table.into_iden(),
                KbkMember::Table.into_iden(),
                Kbk::Table.into_iden(),
            ],
        )
        .await
    }
}
