//! Delivering the mail outbox. Messages are stored first (one per user, day and kind, enforced by a unique
//! index), then delivered and marked sent; a delivery that dies half-way is retried on the next run, and the
//! file outbox names each file after its message, so a retry rewrites the same file instead of adding one.

use crate::{ServiceError, ServiceResult, entity::mail_outbox};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set};
use std::path::PathBuf;

/// Where messages go.
#[derive(Clone, Debug)]
pub enum Mailer {
    /// One `.eml` file per message in this directory (no SMTP server configured).
    Outbox(PathBuf),
}

impl Mailer {
    fn deliver(&self, message: &mail_outbox::Model) -> ServiceResult<()> {
        match self {
            Mailer::Outbox(dir) => {
                let io = |err: std::io::Error| ServiceError::Invalid(format!("outbox {}: {err}", dir.display()));
                std::fs::create_dir_all(dir).map_err(io)?;
                let name = format!("{}-{}-{}.eml", message.day, message.kind, message.user_id);
                let temporary = dir.join(format!(".{name}.tmp"));
                std::fs::write(&temporary, render(message)).map_err(io)?;
                std::fs::rename(&temporary, dir.join(name)).map_err(io)
            }
        }
    }
}

/// The message as an RFC 5322 text file.
fn render(message: &mail_outbox::Model) -> String {
    let to = message.to_address.clone().unwrap_or_else(|| format!("<pengguna {}>", message.user_id));
    format!(
        "To: {to}\r\nSubject: {}\r\nDate: {}\r\nMessage-ID: <{}@budaya>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{}\r\n",
        message.subject,
        message.created_at.to_rfc2822(),
        message.id,
        message.body.replace('\n', "\r\n"),
    )
}

/// Delivers every message not yet sent, oldest first; returns how many went out.
pub async fn deliver_pending(db: &DatabaseConnection, mailer: &Mailer, now: DateTime<Utc>) -> ServiceResult<usize> {
    let pending = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::SentAt.is_null())
        .order_by_asc(mail_outbox::Column::CreatedAt)
        .all(db)
        .await?;
    let mut sent = 0;
    for message in pending {
        mailer.deliver(&message)?;
        let mut model: mail_outbox::ActiveModel = message.into();
        model.sent_at = Set(Some(now));
        model.update(db).await?;
        sent += 1;
    }
    Ok(sent)
}
