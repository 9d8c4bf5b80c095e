//! The dependencies every service call needs, bundled so the web layer can hand them around as one value.

use crate::clock::Clock;
use sea_orm::DatabaseConnection;
use std::sync::Arc;

/// The database and the clock, injected (never global) so each test can bring its own.
#[derive(Clone, Debug)]
pub struct Services {
    /// The connection pool.
    pub db: DatabaseConnection,
    /// The source of "now".
    pub clock: Arc<dyn Clock>,
}
