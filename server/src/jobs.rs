//! Background work of the server process: the report reminder digests, queued and delivered on a timer, and
//! the dashboard's standings of a new year.

use service::{ServiceResult, Services, mail::Mailer, report::reminders};
use std::time::Duration;

/// Queues today's digests and delivers whatever is pending; returns (queued, delivered).
pub async fn send_reminders(services: &Services, mailer: &Mailer) -> ServiceResult<(usize, usize)> {
    let queued = reminders::queue_digests(&services.db, services.clock.now()).await?.queued;
    let delivered = service::mail::deliver_pending(&services.db, mailer, services.clock.now()).await?;
    Ok((queued, delivered))
}

/// Every hour, gives each OPD its dashboard standings of the current year (a new year starts without them).
pub fn spawn_year_standings(services: Services) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(60 * 60));
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every.tick().await;
            match service::dashboard::standing::ensure_year(&services.db, services.clock.now()).await {
                Ok(0) => {}
                Ok(opds) => tracing::info!(opds, "dashboard standings of the new year"),
                Err(error) => tracing::warn!(%error, "dashboard standings of the new year failed; retrying in an hour"),
            }
        }
    });
}

/// Runs [`send_reminders`] now and then every `minutes` (none when 0), logging what each run did. What was
/// queued survives a restart, and the outbox keeps one digest per user per day, so restarts never double-send.
pub fn spawn_reminders(services: Services, mailer: Mailer, minutes: u32) {
    if minutes == 0 {
        return;
    }
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(u64::from(minutes) * 60));
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every.tick().await;
            match send_reminders(&services, &mailer).await {
                Ok((0, 0)) => {}
                Ok((queued, delivered)) => tracing::info!(queued, delivered, "report reminders"),
                Err(error) => tracing::warn!(%error, "report reminders failed; retrying on the next run"),
            }
        }
    });
}
