//! The first administrator, created from the command line.

use super::users::{self, NewUser};
use crate::{ServiceError, ServiceResult, audit::RequestMeta};
use chrono::{DateTime, Utc};
use domain::{
    access::Role,
    account::{Password, Username},
    ids::UserId,
    locale::Locale,
    text::{Name, OrgCode},
};
use sea_orm::{DatabaseConnection, TransactionTrait};

/// Creates a user holding the Administrator role, install-wide or on the unit with code `unit`.
pub async fn create_administrator(
    db: &DatabaseConnection,
    username: &str,
    full_name: &str,
    password: &str,
    unit: Option<&str>,
    now: DateTime<Utc>,
) -> ServiceResult<UserId> {
    let invalid = |message: &str| ServiceError::Invalid(message.to_owned());
    let username = Username::parse(username).map_err(|err| invalid(err.message(Locale::Id)))?;
    let full_name = Name::parse(full_name).map_err(|err| invalid(&err.message(Locale::Id)))?;
    let password = Password::parse(password).map_err(|err| invalid(err.message(Locale::Id)))?;
    let unit = match unit {
        Some(code) => {
            let code = OrgCode::parse(code).map_err(|err| invalid(&err.message(Locale::Id)))?;
            let found = crate::org::find_by_code(db, &code).await?;
            Some(found.ok_or_else(|| invalid(&format!("Unit {code} tidak ditemukan.")))?.id)
        }
        None => None,
    };
    if users::find_by_username(db, username.as_ref()).await?.is_some() {
        return Err(ServiceError::Conflict(format!("Nama pengguna {username} sudah dipakai.")));
    }
    let meta = RequestMeta::default();
    let txn = db.begin().await?;
    let user = NewUser { username, full_name, nip: None, email: None, password, pemda_id: None };
    let id = users::create_user(&txn, user, None, &meta, now).await?;
    users::grant_role(&txn, id, Role::Administrator, unit, None, &meta, now).await?;
    txn.commit().await?;
    Ok(id)
}
