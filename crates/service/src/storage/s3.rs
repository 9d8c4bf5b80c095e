//! Blobs as objects in an S3-compatible store (AWS S3, Ceph or any store that speaks its API). A PUT makes an object
//! visible completely or not at all, which is the store's own atomic write.

use super::{BlobFuture, BlobStore, bad_key, is_safe_key};
use object_store::{
    ObjectStore, ObjectStoreExt, PutPayload,
    aws::{AmazonS3, AmazonS3Builder},
    path::Path,
};
use std::io;

/// Where the bucket is and how to reach it. Credentials not given here come from the standard `AWS_*`
/// environment variables.
#[derive(Clone, Default)]
pub struct S3Settings {
    /// Bucket name.
    pub bucket: String,
    /// Endpoint URL for non-AWS stores, e.g. `http://127.0.0.1:9000`; `None` for AWS itself.
    pub endpoint: Option<String>,
    /// Region (`us-east-1` when unsure; most S3-compatible stores accept any).
    pub region: String,
    /// Access key id.
    pub access_key_id: Option<String>,
    /// Secret access key.
    pub secret_access_key: Option<String>,
    /// Key prefix inside the bucket, e.g. `budaya/evidence`.
    pub prefix: String,
}

impl std::fmt::Debug for S3Settings {
    /// Never prints the secret.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("S3Settings")
            .field("bucket", &self.bucket)
            .field("endpoint", &self.endpoint)
            .field("region", &self.region)
            .field("prefix", &self.prefix)
            .finish_non_exhaustive()
    }
}

/// An S3 bucket (under a prefix) as a blob store.
#[derive(Debug)]
pub struct S3Store {
    store: AmazonS3,
    prefix: String,
}

impl S3Store {
    /// Connects and checks that the bucket answers a listing of the prefix (one short page: under the prefix
    /// there is only `sha256/`), so a wrong bucket, endpoint or credentials stop the server at start-up rather
    /// than at the first upload.
    pub async fn connect(settings: &S3Settings) -> io::Result<Self> {
        let mut builder = AmazonS3Builder::from_env().with_bucket_name(&settings.bucket).with_region(&settings.region);
        if let Some(endpoint) = &settings.endpoint {
            builder = builder.with_endpoint(endpoint).with_allow_http(endpoint.starts_with("http://"));
        }
        if let Some(key) = &settings.access_key_id {
            builder = builder.with_access_key_id(key);
        }
        if let Some(secret) = &settings.secret_access_key {
            builder = builder.with_secret_access_key(secret);
        }
        let store = builder.build().map_err(io::Error::other)?;
        let prefix = settings.prefix.trim_matches('/').to_owned();
        let this = Self { store, prefix };
        let prefix = (!this.prefix.is_empty()).then(|| Path::from(this.prefix.as_str()));
        this.store.list_with_delimiter(prefix.as_ref()).await.map_err(io::Error::other)?;
        Ok(this)
    }

    fn path(&self, key: &str) -> io::Result<Path> {
        if !is_safe_key(key) {
            return Err(bad_key());
        }
        Ok(if self.prefix.is_empty() { Path::from(key) } else { Path::from(format!("{}/{key}", self.prefix)) })
    }
}

fn io_error(err: object_store::Error) -> io::Error {
    match err {
        object_store::Error::NotFound { .. } => io::Error::new(io::ErrorKind::NotFound, err),
        other => io::Error::other(other),
    }
}

impl BlobStore for S3Store {
    fn put<'a>(&'a self, key: &'a str, bytes: &'a [u8]) -> BlobFuture<'a, ()> {
        Box::pin(async move {
            let path = self.path(key)?;
            self.store.put(&path, PutPayload::from(bytes.to_vec())).await.map_err(io_error)?;
            Ok(())
        })
    }

    fn get<'a>(&'a self, key: &'a str) -> BlobFuture<'a, Vec<u8>> {
        Box::pin(async move {
            let path = self.path(key)?;
            let object = self.store.get(&path).await.map_err(io_error)?;
            Ok(object.bytes().await.map_err(io_error)?.to_vec())
        })
    }
}
