//! Blobs as files under a directory of the server.

use super::{BlobFuture, BlobStore, bad_key, is_safe_key};
use std::{
    io,
    path::{Path, PathBuf},
};

/// Blobs as files under a directory, written atomically: a temporary file, fsync, rename, fsync of the
/// directory. A crash leaves at most a temporary file, which [`LocalStore::open`] clears.
#[derive(Clone, Debug)]
pub struct LocalStore {
    root: PathBuf,
}

impl LocalStore {
    /// Opens (creating it if needed) the store under `root`, removing temporary files a crash left behind.
    pub fn open(root: impl Into<PathBuf>) -> io::Result<Self> {
        let root = root.into();
        let tmp = root.join("tmp");
        std::fs::create_dir_all(&tmp)?;
        for leftover in std::fs::read_dir(&tmp)? {
            let path = leftover?.path();
            tracing::warn!(path = %path.display(), "removing an unfinished upload left by a crash");
            std::fs::remove_file(path)?;
        }
        Ok(Self { root })
    }

    fn path(&self, key: &str) -> io::Result<PathBuf> {
        if is_safe_key(key) { Ok(self.root.join(key)) } else { Err(bad_key()) }
    }
}

fn write_atomically(tmp_dir: &Path, path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    if path.exists() {
        return Ok(());
    }
    let dir = path.parent().ok_or_else(|| io::Error::other("blob path has no parent"))?;
    std::fs::create_dir_all(dir)?;
    let tmp = tmp_dir.join(format!("{}.part", uuid::Uuid::now_v7()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)?;
        std::fs::File::open(dir)?.sync_all()
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

impl BlobStore for LocalStore {
    fn put<'a>(&'a self, key: &'a str, bytes: &'a [u8]) -> BlobFuture<'a, ()> {
        Box::pin(async move {
            let path = self.path(key)?;
            let tmp = self.root.join("tmp");
            let bytes = bytes.to_vec();
            tokio::task::spawn_blocking(move || write_atomically(&tmp, &path, &bytes))
                .await
                .map_err(io::Error::other)?
        })
    }

    fn get<'a>(&'a self, key: &'a str) -> BlobFuture<'a, Vec<u8>> {
        Box::pin(async move { tokio::fs::read(self.path(key)?).await })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::key_for;

    fn temp_root(name: &str) -> PathBuf {
        let root = std::env::temp_dir().join(format!("budaya-store-{name}-{}", uuid::Uuid::now_v7()));
        std::fs::create_dir_all(&root).expect("temp dir");
        root
    }

    #[tokio::test]
    async fn a_stored_blob_reads_back_byte_for_byte_and_leaves_no_temporary_file() {
        let root = temp_root("roundtrip");
        let store = LocalStore::open(&root).expect("open");
        let key = key_for("ab12cd");
        store.put(&key, b"isi berkas").await.expect("put");
        store.put(&key, b"isi berkas").await.expect("a second put of the same content is fine");
        assert_eq!(store.get(&key).await.expect("get"), b"isi berkas");
        assert_eq!(std::fs::read_dir(root.join("tmp")).expect("tmp").count(), 0);
        std::fs::remove_dir_all(root).ok();
    }

    #[tokio::test]
    async fn opening_the_store_clears_what_a_crash_left_half_written() {
        let root = temp_root("crash");
        std::fs::create_dir_all(root.join("tmp")).expect("tmp");
        std::fs::write(root.join("tmp/0193.part"), b"separuh").expect("leftover");
        LocalStore::open(&root).expect("open");
        assert_eq!(std::fs::read_dir(root.join("tmp")).expect("tmp").count(), 0);
        std::fs::remove_dir_all(root).ok();
    }

    #[tokio::test]
    async fn keys_cannot_escape_the_store() {
        let store = LocalStore::open(temp_root("escape")).expect("open");
        assert!(store.get("../../etc/passwd").await.is_err());
        assert!(store.put("sha256//x", b"x").await.is_err());
    }
}
