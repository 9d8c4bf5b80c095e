//! Quarterly reports with their submissions (what the reviewer saw each time), exclusions, extension requests
//! and activity feed, users' in-app notifications, and the mail outbox of reminder digests.

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
enum KbkAction {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Report {
    Table,
    Id,
    PemdaId,
    OpdId,
    Year,
    Quarter,
    State,
    Achievements,
    Obstacles,
    FollowUp,
    ExtendedTo,
    Revision,
    FirstSubmittedAt,
    SubmittedAt,
    Late,
    DecidedAt,
    DecidedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ReportSubmission {
    Table,
    Id,
    ReportId,
    Revision,
    SubmittedAt,
    SubmittedBy,
    Snapshot,
}

#[derive(DeriveIden)]
enum ReportExclusion {
    Table,
    ReportId,
    ActionId,
}

#[derive(DeriveIden)]
enum ReportEvent {
    Table,
    Id,
    ReportId,
    Kind,
    ActorId,
    At,
    Detail,
}

#[derive(DeriveIden)]
enum ExtensionRequest {
    Table,
    Id,
    ReportId,
    Reason,
    RequestedBy,
    RequestedAt,
    State,
    GrantedTo,
    Note,
    DecidedBy,
    DecidedAt,
}

#[derive(DeriveIden)]
enum Notification {
    Table,
    Id,
    UserId,
    Kind,
    ReportId,
    Message,
    CreatedAt,
    ReadAt,
}

#[derive(DeriveIden)]
enum MailOutbox {
    Table,
    Id,
    UserId,
    Day,
    Kind,
    ToAddress,
    Subject,
    Body,
    CreatedAt,
    SentAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Report::Table)
                    .col(pk_uuid(Report::Id))
                    .col(uuid(Report::PemdaId))
                    .col(uuid(Report::OpdId))
                    .col(integer(Report::Year))
                    .col(small_integer(Report::Quarter))
                    .col(string_len(Report::State, 16))
                    .col(text(Report::Achievements))
                    .col(text(Report::Obstacles))
                    .col(text(Report::FollowUp))
                    // A granted extension's due date; the year's date for the quarter applies otherwise.
                    .col(date_null(Report::ExtendedTo))
                    // Submissions so far: the reviewer's change list compares the last two.
                    .col(integer(Report::Revision))
                    .col(timestamp_with_time_zone_null(Report::FirstSubmittedAt))
                    .col(timestamp_with_time_zone_null(Report::SubmittedAt))
                    // Fixed at the first submission against the due date in force then.
                    .col(boolean(Report::Late))
                    .col(timestamp_with_time_zone_null(Report::DecidedAt))
                    .col(uuid_null(Report::DecidedBy))
                    .col(timestamp_with_time_zone(Report::CreatedAt))
                    .col(timestamp_with_time_zone(Report::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk-report-pemda_id",
                        (Report::Table, Report::PemdaId),
                        (OrgUnit::Table, OrgUnit::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk-report-opd_id",
                        (Report::Table, Report::OpdId),
                        (OrgUnit::Table, OrgUnit::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk-report-decided_by",
                        (Report::Table, Report::DecidedBy),
                        (AppUser::Table, AppUser::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("uq-report-opd_id-year-quarter", Report::Table, &["opd_id", "year", "quarter"])
                    .unique()
                    .to_owned(),
            )
            .await?;
        // The reviewer inbox (state, oldest submission first) and the dashboard's per-Pemda quarter counts.
        manager.create_index(index("idx-report-state-submitted_at", Report::Table, &["state", "submitted_at"])).await?;
        manager
            .create_index(index("idx-report-pemda_id-year-quarter", Report::Table, &["pemda_id", "year", "quarter"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ReportSubmission::Table)
                    .col(pk_uuid(ReportSubmission::Id))
                    .col(uuid(ReportSubmission::ReportId))
                    .col(integer(ReportSubmission::Revision))
                    .col(timestamp_with_time_zone(ReportSubmission::SubmittedAt))
                    .col(uuid(ReportSubmission::SubmittedBy))
                    // JSON: the actions (id, title, fingerprint) and narrative as submitted.
                    .col(text(ReportSubmission::Snapshot))
                    .foreign_key(&mut fk_cascade(
                        "fk-report_submission-report_id",
                        (ReportSubmission::Table, ReportSubmission::ReportId),
                        (Report::Table, Report::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk-report_submission-submitted_by",
                        (ReportSubmission::Table, ReportSubmission::SubmittedBy),
                        (AppUser::Table, AppUser::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("uq-report_submission-report_id-revision", ReportSubmission::Table, &["report_id", "revision"])
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ReportExclusion::Table)
                    .col(uuid(ReportExclusion::ReportId))
                    .col(uuid(ReportExclusion::ActionId))
                    .primary_key(Index::create().col(ReportExclusion::ReportId).col(ReportExclusion::ActionId))
                    .foreign_key(&mut fk_cascade(
                        "fk-report_exclusion-report_id",
                        (ReportExclusion::Table, ReportExclusion::ReportId),
                        (Report::Table, Report::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk-report_exclusion-action_id",
                        (ReportExclusion::Table, ReportExclusion::ActionId),
                        (KbkAction::Table, KbkAction::Id),
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ReportEvent::Table)
                    .col(pk_uuid(ReportEvent::Id))
                    .col(uuid(ReportEvent::ReportId))
                    .col(string_len(ReportEvent::Kind, 32))
                    .col(uuid(ReportEvent::ActorId))
                    .col(timestamp_with_time_zone(ReportEvent::At))
                    // JSON: the step's reason, return code, comments or dates.
                    .col(text(ReportEvent::Detail))
                    .foreign_key(&mut fk_cascade(
                        "fk-report_event-report_id",
                        (ReportEvent::Table, ReportEvent::ReportId),
                        (Report::Table, Report::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk-report_event-actor_id",
                        (ReportEvent::Table, ReportEvent::ActorId),
                        (AppUser::Table, AppUser::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("idx-report_event-report_id-at", ReportEvent::Table, &["report_id", "at"])).await?;

        manager
            .create_table(
                Table::create()
                    .table(ExtensionRequest::Table)
                    .col(pk_uuid(ExtensionRequest::Id))
                    .col(uuid(ExtensionRequest::ReportId))
                    .col(text(ExtensionRequest::Reason))
                    .col(uuid(ExtensionRequest::RequestedBy))
                    .col(timestamp_with_time_zone(ExtensionRequest::RequestedAt))
                    .col(string_len(ExtensionRequest::State, 16))
                    .col(date_null(ExtensionRequest::GrantedTo))
                    .col(text_null(ExtensionRequest::Note))
                    .col(uuid_null(ExtensionRequest::DecidedBy))
                    .col(timestamp_with_time_zone_null(ExtensionRequest::DecidedAt))
                    .foreign_key(&mut fk_cascade(
                        "fk-extension_request-report_id",
                        (ExtensionRequest::Table, ExtensionRequest::ReportId),
                        (Report::Table, Report::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk-extension_request-requested_by",
                        (ExtensionRequest::Table, ExtensionRequest::RequestedBy),
                        (AppUser::Table, AppUser::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk-extension_request-decided_by",
                        (ExtensionRequest::Table, ExtensionRequest::DecidedBy),
                        (AppUser::Table, AppUser::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("idx-extension_request-report_id", ExtensionRequest::Table, &["report_id"])).await?;

        manager
            .create_table(
                Table::create()
                    .table(Notification::Table)
                    .col(pk_uuid(Notification::Id))
                    .col(uuid(Notification::UserId))
                    .col(string_len(Notification::Kind, 32))
                    .col(uuid_null(Notification::ReportId))
                    .col(text(Notification::Message))
                    .col(timestamp_with_time_zone(Notification::CreatedAt))
                    .col(timestamp_with_time_zone_null(Notification::ReadAt))
                    .foreign_key(&mut fk_cascade(
                        "fk-notification-user_id",
                        (Notification::Table, Notification::UserId),
                        (AppUser::Table, AppUser::Id),
                    ))
                    .foreign_key(&mut fk_cascade(
                        "fk-notification-report_id",
                        (Notification::Table, Notification::ReportId),
                        (Report::Table, Report::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        // The bell: a user's newest first, and their unread count.
        manager
            .create_index(index("idx-notification-user_id-created_at", Notification::Table, &["user_id", "created_at"]))
            .await?;
        manager
            .create_index(index("idx-notification-user_id-read_at", Notification::Table, &["user_id", "read_at"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(MailOutbox::Table)
                    .col(pk_uuid(MailOutbox::Id))
                    .col(uuid(MailOutbox::UserId))
                    // The recipient's calendar day the message belongs to (in their Pemda's zone).
                    .col(date(MailOutbox::Day))
                    .col(string_len(MailOutbox::Kind, 32))
                    .col(text_null(MailOutbox::ToAddress))
                    .col(text(MailOutbox::Subject))
                    .col(text(MailOutbox::Body))
                    .col(timestamp_with_time_zone(MailOutbox::CreatedAt))
                    .col(timestamp_with_time_zone_null(MailOutbox::SentAt))
                    .foreign_key(&mut fk_cascade(
                        "fk-mail_outbox-user_id",
                        (MailOutbox::Table, MailOutbox::UserId),
                        (AppUser::Table, AppUser::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        // At most one digest of a kind per user per day, whatever restarts or concurrent runs do.
        manager
            .create_index(
                index("uq-mail_outbox-user_id-day-kind", MailOutbox::Table, &["user_id", "day", "kind"])
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("idx-mail_outbox-sent_at", MailOutbox::Table, &["sent_at"])).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            vec![
                MailOutbox::Table.into_iden(),
                Notification::Table.into_iden(),
                ExtensionRequest::Table.into_iden(),
                ReportEvent::Table.into_iden(),
                ReportExclusion::Table.into_iden(),
                ReportSubmission::Table.into_iden(),
                Report::Table.into_iden(),
            ],
        )
        .await
    }
}
