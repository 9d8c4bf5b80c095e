//! The dependencies every service call needs, bundled so the web layer can hand them around as one value.

use crate::{clock::Clock, storage::BlobStore};
use sea_orm::DatabaseConnection;
use std::sync::Arc;

/// The database, the clock and the evidence store, injected (never global) so each test can bring its own.
#[derive(Clone, Debug)]
pub struct Services {
    /// The connection pool.
    pub db: DatabaseConnection,
    /// The source of "now".
    pub clock: Arc<dyn Clock>,
    /// Where evidence files are kept.
    pub blobs: Arc<dyn BlobStore>,
    /// Largest accepted evidence file, in bytes.
    pub max_upload_bytes: u64,
}
