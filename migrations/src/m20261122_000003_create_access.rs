//! Access: users, role grants on org-tree nodes, server-side sessions, sign-in throttling and API tokens.

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
    Username,
    FullName,
    Nip,
    Email,
    PasswordHash,
    Active,
    PemdaId,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum RoleGrant {
    Table,
    Id,
    UserId,
    Role,
    OrgUnitId,
    GrantedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum UserSession {
    Table,
    Id,
    UserId,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
    ClientAddr,
}

#[derive(DeriveIden)]
enum AuthThrottle {
    Table,
    Key,
    Failures,
    WindowStart,
    BlockedUntil,
}

#[derive(DeriveIden)]
enum ApiToken {
    Table,
    Id,
    UserId,
    Name,
    TokenHash,
    Prefix,
    CreatedAt,
    LastUsedAt,
    RevokedAt,
}

fn fk(
    name: &str,
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
) -> ForeignKeyCreateStatement {
    ForeignKey::create().name(name).from(from.0, from.1).to(to.0, to.1).on_delete(ForeignKeyAction::Restrict).to_owned()
}

fn index(name: &str, table: impl IntoIden, cols: &[&'static str]) -> IndexCreateStatement {
    let mut index = Index::create().name(name).table(table).to_owned();
    for col in cols {
        index.col(Alias::new(*col));
    }
    index
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AppUser::Table)
                    .col(pk_uuid(AppUser::Id))
                    .col(string_len(AppUser::Username, 32))
                    .col(string_len(AppUser::FullName, 200))
                    .col(string_len_null(AppUser::Nip, 18))
                    .col(string_len_null(AppUser::Email, 254))
                    .col(string_len(AppUser::PasswordHash, 200))
                    .col(boolean(AppUser::Active).default(true))
                    // The user's home Pemda (tenant key); null for install-wide administrators.
                    .col(uuid_null(AppUser::PemdaId))
                    .col(timestamp_with_time_zone(AppUser::CreatedAt))
                    .col(timestamp_with_time_zone(AppUser::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk-app_user-pemda_id",
                        (AppUser::Table, AppUser::PemdaId),
                        (OrgUnit::Table, OrgUnit::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("uq-app_user-username", AppUser::Table, &["username"]).unique().to_owned()).await?;
        manager.create_index(index("uq-app_user-nip", AppUser::Table, &["nip"]).unique().to_owned()).await?;
        manager.create_index(index("idx-app_user-pemda_id", AppUser::Table, &["pemda_id"])).await?;

        manager
            .create_table(
                Table::create()
                    .table(RoleGrant::Table)
                    .col(pk_uuid(RoleGrant::Id))
                    .col(uuid(RoleGrant::UserId))
                    .col(string_len(RoleGrant::Role, 32))
                    // Null only for the Administrator role, which holds install-wide.
                    .col(uuid_null(RoleGrant::OrgUnitId))
                    .col(uuid_null(RoleGrant::GrantedBy))
                    .col(timestamp_with_time_zone(RoleGrant::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk-role_grant-user_id",
                        (RoleGrant::Table, RoleGrant::UserId),
                        (AppUser::Table, AppUser::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk-role_grant-org_unit_id",
                        (RoleGrant::Table, RoleGrant::OrgUnitId),
                        (OrgUnit::Table, OrgUnit::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk-role_grant-granted_by",
                        (RoleGrant::Table, RoleGrant::GrantedBy),
                        (AppUser::Table, AppUser::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("uq-role_grant-user_id-role-org_unit_id", RoleGrant::Table, &["user_id", "role", "org_unit_id"])
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("idx-role_grant-org_unit_id", RoleGrant::Table, &["org_unit_id"])).await?;

        manager
            .create_table(
                Table::create()
                    .table(UserSession::Table)
                    // SHA-256 (hex) of the cookie's secret: a leaked table holds no usable session.
                    .col(string_len(UserSession::Id, 64).primary_key())
                    .col(uuid(UserSession::UserId))
                    .col(timestamp_with_time_zone(UserSession::CreatedAt))
                    .col(timestamp_with_time_zone(UserSession::LastSeenAt))
                    .col(timestamp_with_time_zone(UserSession::ExpiresAt))
                    .col(string_len_null(UserSession::ClientAddr, 64))
                    .foreign_key(&mut fk(
                        "fk-user_session-user_id",
                        (UserSession::Table, UserSession::UserId),
                        (AppUser::Table, AppUser::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("idx-user_session-user_id", UserSession::Table, &["user_id"])).await?;
        manager.create_index(index("idx-user_session-expires_at", UserSession::Table, &["expires_at"])).await?;

        manager
            .create_table(
                Table::create()
                    .table(AuthThrottle::Table)
                    // `user:<name>` or `addr:<ip>`.
                    .col(string_len(AuthThrottle::Key, 120).primary_key())
                    .col(integer(AuthThrottle::Failures))
                    .col(timestamp_with_time_zone(AuthThrottle::WindowStart))
                    .col(timestamp_with_time_zone_null(AuthThrottle::BlockedUntil))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ApiToken::Table)
                    .col(pk_uuid(ApiToken::Id))
                    .col(uuid(ApiToken::UserId))
                    .col(string_len(ApiToken::Name, 100))
                    .col(string_len(ApiToken::TokenHash, 64))
                    .col(string_len(ApiToken::Prefix, 16))
                    .col(timestamp_with_time_zone(ApiToken::CreatedAt))
                    .col(timestamp_with_time_zone_null(ApiToken::LastUsedAt))
                    .col(timestamp_with_time_zone_null(ApiToken::RevokedAt))
                    .foreign_key(&mut fk(
                        "fk-api_token-user_id",
                        (ApiToken::Table, ApiToken::UserId),
                        (AppUser::Table, AppUser::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("uq-api_token-token_hash", ApiToken::Table, &["token_hash"]).unique().to_owned())
            .await?;
        manager.create_index(index("idx-api_token-user_id", ApiToken::Table, &["user_id"])).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ApiToken::Table.into_iden(),
            AuthThrottle::Table.into_iden(),
            UserSession::Table.into_iden(),
            RoleGrant::Table.into_iden(),
            AppUser::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
