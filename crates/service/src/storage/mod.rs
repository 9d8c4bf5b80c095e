//! Where evidence bytes live, behind one trait: the local data directory by default, or an S3-compatible object
//! store by configuration. Keys are derived from the content's SHA-256, so a write is idempotent and a file,
//! once its row exists, is never half there.

mod local;
mod s3;

pub use local::LocalStore;
pub use s3::{S3Settings, S3Store};

use std::{fmt, future::Future, io, pin::Pin};

/// A boxed future, so the store can sit behind `dyn`.
pub type BlobFuture<'a, T> = Pin<Box<dyn Future<Output = io::Result<T>> + Send + 'a>>;

/// A store of immutable blobs addressed by key.
pub trait BlobStore: fmt::Debug + Send + Sync {
    /// Stores `bytes` under `key`, completely or not at all.
    fn put<'a>(&'a self, key: &'a str, bytes: &'a [u8]) -> BlobFuture<'a, ()>;
    /// Reads the blob stored under `key`.
    fn get<'a>(&'a self, key: &'a str) -> BlobFuture<'a, Vec<u8>>;
}

/// The key of content with this SHA-256 (hex): two levels of fan-out keep directories small.
pub fn key_for(sha256: &str) -> String {
    format!("sha256/{}/{}", sha256.get(..2).unwrap_or("00"), sha256)
}

/// Whether `key` is one [`key_for`] makes: segments of ASCII letters and digits only, so no key can climb out of
/// a directory or a bucket prefix.
fn is_safe_key(key: &str) -> bool {
    key.split('/').all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric()))
}

fn bad_key() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, "bad blob key")
}
