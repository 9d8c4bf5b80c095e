//! Sign-in throttling per account and per client address, kept in the database so every app server sees it.
//! After a few failures in a window each further failure blocks the key for longer, up to a cap.

use crate::{ServiceResult, entity::auth_throttle};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Set};

/// Throttling rules for one kind of key.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Rule {
    /// Failures allowed in a window before blocking starts.
    pub free_failures: i32,
    /// How long failures are remembered.
    pub window: Duration,
    /// Block after the first failure over the limit; doubles with each further one.
    pub first_block: Duration,
    /// Longest block.
    pub max_block: Duration,
}

/// Accounts: 5 free failures per 15 minutes, then 30 s, 1 min, 2 min ... up to 15 min.
pub(crate) const ACCOUNT: Rule = Rule {
    free_failures: 5,
    window: Duration::minutes(15),
    first_block: Duration::seconds(30),
    max_block: Duration::minutes(15),
};

/// Client addresses (an office shares one): 30 free failures per 15 minutes, then the same escalation.
pub(crate) const ADDRESS: Rule = Rule { free_failures: 30, ..ACCOUNT };

/// How long the key is still blocked at `now`, if at all.
pub(crate) async fn blocked_for(
    db: &impl ConnectionTrait,
    key: &str,
    now: DateTime<Utc>,
) -> ServiceResult<Option<Duration>> {
    let row = auth_throttle::Entity::find_by_id(key.to_owned()).one(db).await?;
    Ok(row.and_then(|row| row.blocked_until).filter(|until| *until > now).map(|until| until - now))
}

/// Counts a failure against `key` and blocks it when over the rule's limit.
pub(crate) async fn record_failure(
    db: &impl ConnectionTrait,
    key: &str,
    rule: Rule,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    let row = auth_throttle::Entity::find_by_id(key.to_owned()).one(db).await?;
    let (failures, window_start) = match &row {
        Some(row) if now - row.window_start < rule.window => (row.failures + 1, row.window_start),
        _ => (1, now),
    };
    let over = failures - rule.free_failures;
    let blocked_until = (over > 0).then(|| {
        let doublings = u32::try_from(over - 1).unwrap_or(u32::MAX).min(16);
        now + (rule.first_block * 2i32.saturating_pow(doublings)).min(rule.max_block)
    });
    let model = auth_throttle::ActiveModel {
        key: Set(key.to_owned()),
        failures: Set(failures),
        window_start: Set(window_start),
        blocked_until: Set(blocked_until),
    };
    match row {
        Some(_) => model.update(db).await?,
        None => model.insert(db).await?,
    };
    Ok(())
}

/// Forgets the failures of `key` (after a successful sign-in).
pub(crate) async fn clear(db: &impl ConnectionTrait, key: &str) -> ServiceResult<()> {
    auth_throttle::Entity::delete_by_id(key.to_owned()).exec(db).await?;
    Ok(())
}
