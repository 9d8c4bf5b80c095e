//! Sign-in throttling, kept in the database so every app server sees it. An attempt is counted *before* its
//! password is checked, in one conditional update that either takes the next count or finds the key blocked:
//! parallel attempts cannot all pass a check and count afterwards. The attempt that reaches a key's limit also
//! holds the key while its password is checked; if it fails, the key stays blocked for a while that doubles with
//! each further failure, up to a cap.
//!
//! Keys (ASVS 2.2.1): an account *from one client* is throttled first, so a stranger who guesses cannot lock
//! the owner out from elsewhere; an account from all clients and a client for all accounts have ceilings high
//! enough that an office behind one address works normally, yet a spray is bounded. A client's successful
//! sign-ins are taken back from its count, so only failures fill it.

use crate::{ServiceResult, entity::auth_throttle};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, Set,
    sea_query::{CaseStatement, Expr, ExprTrait},
};

/// Throttling rules for one kind of key.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Rule {
    /// Attempts checked in a window before blocking starts.
    pub free_attempts: i32,
    /// How long attempts are remembered.
    pub window: Duration,
    /// Block after the failure that reaches the limit; doubles with each further one.
    pub first_block: Duration,
    /// Longest block.
    pub max_block: Duration,
    /// What a successful attempt does to the key's count.
    pub on_success: OnSuccess,
}

/// What a successful sign-in does to a key's count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum OnSuccess {
    /// The count starts again: the one who guessed has proven who they are.
    Forget,
    /// Only this attempt is taken back, so a spray's failures around it still count, while an office of
    /// hundreds behind one address signs in every morning.
    GiveBack,
}

/// One account from one client: 5 attempts per 15 minutes, then 30 s, 1 min, 2 min ... up to 15 min.
pub(crate) const ACCOUNT_FROM_CLIENT: Rule = Rule {
    free_attempts: 5,
    window: Duration::minutes(15),
    first_block: Duration::seconds(30),
    max_block: Duration::minutes(15),
    on_success: OnSuccess::Forget,
};

/// One account from every client: a ceiling a guesser at one address never reaches (ASVS: at most 100 per hour).
pub(crate) const ACCOUNT: Rule = Rule { free_attempts: 100, window: Duration::hours(1), ..ACCOUNT_FROM_CLIENT };

/// One client address for every account (an office shares one): bounds password spraying.
pub(crate) const CLIENT: Rule = Rule { free_attempts: 200, on_success: OnSuccess::GiveBack, ..ACCOUNT_FROM_CLIENT };

/// How long the attempt that reaches the limit holds the key while its password is checked.
const HOLD: Duration = Duration::minutes(1);

/// A counted attempt against a key: its place in the window.
#[derive(Clone, Debug)]
pub(crate) struct Attempt {
    key: String,
    rule: Rule,
    count: i32,
}

/// Counts an attempt against `key` if it is not blocked; otherwise how long it still is.
pub(crate) async fn attempt(
    db: &impl ConnectionTrait,
    key: &str,
    rule: Rule,
    now: DateTime<Utc>,
) -> ServiceResult<Result<Attempt, Duration>> {
    use auth_throttle::Column as C;
    let fresh = auth_throttle::ActiveModel {
        key: Set(key.to_owned()),
        failures: Set(0),
        window_start: Set(now),
        blocked_until: Set(None),
    };
    // The key's row exists (with no count) before the one statement that counts.
    auth_throttle::Entity::insert(fresh).on_conflict_do_nothing().exec(db).await?;
    let expired = Expr::col(C::WindowStart).lte(now - rule.window);
    let count: Expr = CaseStatement::new().case(expired.clone(), 1).finally(Expr::col(C::Failures).add(1)).into();
    let updated = auth_throttle::Entity::update_many()
        .col_expr(C::Failures, count.clone())
        .col_expr(C::WindowStart, CaseStatement::new().case(expired, now).finally(Expr::col(C::WindowStart)).into())
        .col_expr(
            C::BlockedUntil,
            CaseStatement::new()
                .case(count.gte(rule.free_attempts), now + HOLD)
                .finally(Expr::col(C::BlockedUntil))
                .into(),
        )
        .filter(C::Key.eq(key))
        .filter(Condition::any().add(C::BlockedUntil.is_null()).add(C::BlockedUntil.lte(now)))
        .exec_with_returning(db)
        .await?;
    if let Some(row) = updated.into_iter().next() {
        return Ok(Ok(Attempt { key: key.to_owned(), rule, count: row.failures }));
    }
    let row = auth_throttle::Entity::find_by_id(key.to_owned()).one(db).await?;
    let until = row.and_then(|row| row.blocked_until).unwrap_or(now + HOLD);
    Ok(Err((until - now).max(Duration::seconds(1))))
}

/// The attempt's password was wrong: once the limit is reached, blocks the key for the attempt's turn.
pub(crate) async fn failed(db: &impl ConnectionTrait, attempt: &Attempt, now: DateTime<Utc>) -> ServiceResult<()> {
    let Some(block) = block_after(attempt.rule, attempt.count) else { return Ok(()) };
    auth_throttle::Entity::update_many()
        .col_expr(auth_throttle::Column::BlockedUntil, Expr::val(now + block))
        .filter(auth_throttle::Column::Key.eq(attempt.key.as_str()))
        .exec(db)
        .await?;
    Ok(())
}

/// The attempt's password was right: its key forgets it, or every attempt, as its rule says.
pub(crate) async fn succeeded(db: &impl ConnectionTrait, attempt: &Attempt) -> ServiceResult<()> {
    use auth_throttle::Column as C;
    if attempt.rule.on_success == OnSuccess::Forget {
        auth_throttle::Entity::delete_by_id(attempt.key.clone()).exec(db).await?;
        return Ok(());
    }
    let mut give_back = auth_throttle::Entity::update_many().col_expr(C::Failures, Expr::col(C::Failures).sub(1));
    if attempt.count >= attempt.rule.free_attempts {
        // Only the attempt that reached the limit got through, holding the key: its hold ends with it.
        give_back = give_back.col_expr(C::BlockedUntil, Expr::val(Option::<DateTime<Utc>>::None));
    }
    give_back.filter(C::Key.eq(attempt.key.as_str())).filter(C::Failures.gt(0)).exec(db).await?;
    Ok(())
}

/// How long a key is blocked after the failure of its `count`th attempt in the window, if at all.
fn block_after(rule: Rule, count: i32) -> Option<Duration> {
    let over = count - rule.free_attempts;
    (over >= 0).then(|| {
        let doublings = Ord::min(u32::try_from(over).unwrap_or(u32::MAX), 16);
        (rule.first_block * 2i32.saturating_pow(doublings)).min(rule.max_block)
    })
}

#[cfg(test)]
mod tests {
    use super::{ACCOUNT_FROM_CLIENT, block_after};
    use chrono::Duration;

    #[test]
    fn attempts_below_the_limit_block_nothing() {
        assert_eq!(block_after(ACCOUNT_FROM_CLIENT, 4), None);
    }

    #[test]
    fn the_failure_that_reaches_the_limit_blocks_and_each_further_one_doubles_up_to_the_cap() {
        let blocks: Vec<_> = (5..=12).map(|count| block_after(ACCOUNT_FROM_CLIENT, count)).collect();
        let seconds: Vec<_> = blocks.into_iter().map(|block| block.map(|b| b.num_seconds())).collect();
        assert_eq!(seconds, [30, 60, 120, 240, 480, 900, 900, 900].map(Some));
        assert_eq!(block_after(ACCOUNT_FROM_CLIENT, i32::MAX), Some(Duration::minutes(15)));
    }
}
