//! Backups as one ZIP file: a consistent snapshot of the database (SQLite through `VACUUM INTO`, PostgreSQL
//! through `pg_dump` on an exported snapshot), every evidence file that snapshot refers to, and a manifest
//! with the row count of each table and the SHA-256 of each file. Taken while the server runs; restored with
//! the server stopped. Evidence blobs are content-addressed and never deleted, so copying them after the
//! snapshot cannot miss one it refers to.

use crate::{
    ServiceError, ServiceResult,
    db::Engine,
    entity::evidence_file,
    storage::{BlobStore, key_for},
};
use chrono::{DateTime, Utc};
use sea_orm::{
    AccessMode, ConnectionTrait, Database, DatabaseConnection, DbBackend, EntityTrait, IsolationLevel, QuerySelect,
    Statement, TransactionTrait,
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::{
    collections::{BTreeMap, BTreeSet},
    fs::File,
    io::{Read, Write},
    path::{Path, PathBuf},
    process::Command,
};

/// The archive layout's version; a restore refuses others.
pub const FORMAT: u32 = 1;
const MANIFEST: &str = "manifest.json";
const SQLITE_FILE: &str = "database.sqlite";
const POSTGRES_FILE: &str = "database.pgdump";
const FILES: &str = "files/";

/// What a backup holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// [`FORMAT`].
    pub format: u32,
    /// When the snapshot was taken.
    pub created_at: DateTime<Utc>,
    /// `sqlite` or `postgres`: a backup restores into the same engine.
    pub engine: String,
    /// Rows per table in the snapshot.
    pub tables: BTreeMap<String, u64>,
    /// The evidence files.
    pub files: Vec<BackedUpFile>,
}

/// One evidence file in a backup.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackedUpFile {
    /// Its key in the evidence store.
    pub key: String,
    /// SHA-256 of its bytes (hex).
    pub sha256: String,
    /// Its size in bytes.
    pub size: u64,
}

fn failed(what: &str) -> impl Fn(std::io::Error) -> ServiceError + '_ {
    move |err| ServiceError::Backup(format!("{what}: {err}"))
}

fn zip_failed(err: zip::result::ZipError) -> ServiceError {
    ServiceError::Backup(format!("ZIP: {err}"))
}

fn engine_name(engine: Engine) -> &'static str {
    match engine {
        Engine::Sqlite => "sqlite",
        Engine::Postgres => "postgres",
    }
}

fn hex_sha256(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The tables of the connected database, by name.
pub async fn tables(db: &impl ConnectionTrait) -> ServiceResult<Vec<String>> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1",
        _ => "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1",
    };
    let rows = db.query_all_raw(Statement::from_string(backend, sql)).await?;
    Ok(rows.iter().map(|row| row.try_get_by_index::<String>(0)).collect::<Result<_, _>>()?)
}

/// Rows per table.
async fn row_counts(db: &impl ConnectionTrait) -> ServiceResult<BTreeMap<String, u64>> {
    let backend = db.get_database_backend();
    let mut counts = BTreeMap::new();
    for table in tables(db).await? {
        let sql = format!("SELECT COUNT(*) FROM \"{}\"", table.replace('"', "\"\""));
        let row = db.query_one_raw(Statement::from_string(backend, sql)).await?;
        let n = row.map(|r| r.try_get_by_index::<i64>(0)).transpose()?.unwrap_or(0);
        counts.insert(table, u64::try_from(n).unwrap_or(0));
    }
    Ok(counts)
}

/// Every blob key the database refers to.
async fn blob_keys(db: &impl ConnectionTrait) -> ServiceResult<BTreeSet<String>> {
    let rows: Vec<(String, Option<String>)> = evidence_file::Entity::find()
        .select_only()
        .column(evidence_file::Column::StorageKey)
        .column(evidence_file::Column::ThumbnailKey)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().flat_map(|(key, thumbnail)| [Some(key), thumbnail]).flatten().collect())
}

/// The database URL without its password, and the password (percent-decoded): the password goes to the
/// PostgreSQL tools through `PGPASSWORD`, never on a command line that other users of the machine can read.
fn without_password(url: &str) -> (String, Option<String>) {
    let Some(start) = url.find("://").map(|i| i + 3) else { return (url.to_owned(), None) };
    let authority_end = url[start..].find(['/', '?']).map_or(url.len(), |i| start + i);
    let Some(at) = url[start..authority_end].rfind('@').map(|i| start + i) else { return (url.to_owned(), None) };
    let Some(colon) = url[start..at].find(':').map(|i| start + i) else { return (url.to_owned(), None) };
    let encoded = &url[colon + 1..at];
    let mut bytes = Vec::with_capacity(encoded.len());
    let mut rest = encoded.as_bytes();
    while let Some((&first, tail)) = rest.split_first() {
        let hex = tail.get(..2).and_then(|h| std::str::from_utf8(h).ok()).and_then(|h| u8::from_str_radix(h, 16).ok());
        match (first, hex) {
            (b'%', Some(byte)) => {
                bytes.push(byte);
                rest = &tail[2..];
            }
            _ => {
                bytes.push(first);
                rest = tail;
            }
        }
    }
    (format!("{}{}", &url[..colon], &url[at..]), Some(String::from_utf8_lossy(&bytes).into_owned()))
}

/// Runs a PostgreSQL client tool on `database_url` off the async threads, saying what is missing when it is not
/// installed.
async fn run_pg_tool(program: &'static str, mut args: Vec<String>, database_url: &str) -> ServiceResult<()> {
    let (url, password) = without_password(database_url);
    args.push(format!("--dbname={url}"));
    let mut command = Command::new(program);
    command.args(args);
    if let Some(password) = password {
        command.env("PGPASSWORD", password);
    }
    let output = tokio::task::spawn_blocking(move || command.output())
        .await
        .map_err(|err| ServiceError::Backup(err.to_string()))?
        .map_err(|err| {
            ServiceError::Backup(format!("{program} could not be started ({err}); install postgresql-client"))
        })?;
    if output.status.success() {
        Ok(())
    } else {
        Err(ServiceError::Backup(format!("{program} failed: {}", String::from_utf8_lossy(&output.stderr).trim())))
    }
}

/// Writes a backup of the database at `database_url` (connected as `db`) and its evidence to `out`, which
/// appears only once complete.
pub async fn create(
    db: &DatabaseConnection,
    database_url: &str,
    blobs: &dyn BlobStore,
    out: &Path,
    now: DateTime<Utc>,
) -> ServiceResult<Manifest> {
    let engine = Engine::of_url(database_url).ok_or_else(|| ServiceError::Backup("unknown database URL".into()))?;
    let work = tempfile::tempdir().map_err(failed("temporary directory"))?;
    let (database_file, tables, keys) = match engine {
        Engine::Sqlite => {
            let copy = work.path().join(SQLITE_FILE);
            let target = copy.display().to_string().replace('\'', "''");
            db.execute_unprepared(&format!("VACUUM INTO '{target}'")).await?;
            let snapshot = Database::connect(format!("sqlite://{}?mode=ro", copy.display())).await?;
            let found = (row_counts(&snapshot).await?, blob_keys(&snapshot).await?);
            snapshot.close().await?;
            (copy, found.0, found.1)
        }
        Engine::Postgres => {
            // One read-only snapshot for the dump, the counts and the file list alike.
            let txn = db.begin_with_config(Some(IsolationLevel::RepeatableRead), Some(AccessMode::ReadOnly)).await?;
            let row = txn
                .query_one_raw(Statement::from_string(DbBackend::Postgres, "SELECT pg_export_snapshot()"))
                .await?
                .ok_or_else(|| ServiceError::Backup("no snapshot exported".into()))?;
            let snapshot: String = row.try_get_by_index(0)?;
            let dump = work.path().join(POSTGRES_FILE);
            let args = ["--format=custom", "--no-owner", "--no-privileges", "--file"].map(String::from);
            let mut args = args.to_vec();
            args.extend([dump.display().to_string(), format!("--snapshot={snapshot}")]);
            run_pg_tool("pg_dump", args, database_url).await?;
            let found = (row_counts(&txn).await?, blob_keys(&txn).await?);
            txn.commit().await?;
            (dump, found.0, found.1)
        }
    };

    let partial = out.with_extension("partial");
    let mut zip = zip::ZipWriter::new(File::create(&partial).map_err(failed("cannot create the backup file"))?);
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored).large_file(true);
    let name = database_file.file_name().and_then(|n| n.to_str()).unwrap_or(SQLITE_FILE);
    zip.start_file(name, options).map_err(zip_failed)?;
    let mut source = File::open(&database_file).map_err(failed("database snapshot"))?;
    std::io::copy(&mut source, &mut zip).map_err(failed("database snapshot"))?;
    let mut files = Vec::new();
    for key in keys {
        let bytes = blobs.get(&key).await.map_err(failed(&format!("evidence file {key}")))?;
        zip.start_file(format!("{FILES}{key}"), options).map_err(zip_failed)?;
        zip.write_all(&bytes).map_err(failed("backup file"))?;
        files.push(BackedUpFile { sha256: hex_sha256(&bytes), size: bytes.len() as u64, key });
    }
    let manifest = Manifest { format: FORMAT, created_at: now, engine: engine_name(engine).into(), tables, files };
    zip.start_file(MANIFEST, options).map_err(zip_failed)?;
    serde_json::to_writer_pretty(&mut zip, &manifest).map_err(|err| ServiceError::Backup(err.to_string()))?;
    zip.finish().map_err(zip_failed)?.sync_all().map_err(failed("backup file"))?;
    std::fs::rename(&partial, out).map_err(failed("backup file"))?;
    Ok(manifest)
}

fn entry(archive: &mut zip::ZipArchive<File>, name: &str) -> ServiceResult<Vec<u8>> {
    let mut bytes = Vec::new();
    open_entry(archive, name)?.read_to_end(&mut bytes).map_err(failed(name))?;
    Ok(bytes)
}

fn open_entry<'a>(archive: &'a mut zip::ZipArchive<File>, name: &str) -> ServiceResult<zip::read::ZipFile<'a, File>> {
    archive.by_name(name).map_err(|_| ServiceError::Backup(format!("the backup holds no {name}: not a backup?")))
}

/// Copies the archive's entry `name` into a new file at `path`, synced to disk.
fn extract(archive: &mut zip::ZipArchive<File>, name: &str, path: &Path) -> ServiceResult<()> {
    let mut out = File::create(path).map_err(failed("cannot write the database"))?;
    std::io::copy(&mut open_entry(archive, name)?, &mut out).map_err(failed("cannot write the database"))?;
    out.sync_all().map_err(failed("cannot write the database"))
}

/// The SQLite file a `sqlite://` URL names.
pub fn sqlite_path(database_url: &str) -> Option<PathBuf> {
    let rest = database_url.strip_prefix("sqlite://").or_else(|| database_url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or(rest);
    (!path.is_empty() && path != ":memory:").then(|| PathBuf::from(path))
}

/// Restores the backup at `archive` into the database at `database_url` (the server must be stopped) and
/// its evidence into `blobs`. Every file is checked against its SHA-256 before the database is touched, so a
/// damaged backup changes nothing.
pub async fn restore(archive: &Path, database_url: &str, blobs: &dyn BlobStore) -> ServiceResult<Manifest> {
    let engine = Engine::of_url(database_url).ok_or_else(|| ServiceError::Backup("unknown database URL".into()))?;
    let mut zip =
        zip::ZipArchive::new(File::open(archive).map_err(failed("cannot open the backup"))?).map_err(zip_failed)?;
    let manifest: Manifest = serde_json::from_slice(&entry(&mut zip, MANIFEST)?)
        .map_err(|err| ServiceError::Backup(format!("the manifest is unreadable: {err}")))?;
    if manifest.format != FORMAT {
        return Err(ServiceError::Backup(format!("backup format {} is not {FORMAT}", manifest.format)));
    }
    if manifest.engine != engine_name(engine) {
        return Err(ServiceError::Backup(format!(
            "this backup is of a {} database; the target is {}",
            manifest.engine,
            engine_name(engine)
        )));
    }
    // One file in memory at a time: checked all first, stored after the database is back.
    for file in &manifest.files {
        let bytes = entry(&mut zip, &format!("{FILES}{}", file.key))?;
        if hex_sha256(&bytes) != file.sha256 || file.key != key_for(&file.sha256) {
            return Err(ServiceError::Backup(format!("evidence file {} is damaged", file.key)));
        }
    }
    let work = tempfile::tempdir().map_err(failed("temporary directory"))?;
    match engine {
        Engine::Sqlite => {
            let target =
                sqlite_path(database_url).ok_or_else(|| ServiceError::Backup("the SQLite URL names no file".into()))?;
            let staged = target.with_extension("restoring");
            extract(&mut zip, SQLITE_FILE, &staged)?;
            for stale in ["-wal", "-shm"] {
                let mut side = target.clone().into_os_string();
                side.push(stale);
                let _ = std::fs::remove_file(side);
            }
            std::fs::rename(&staged, &target).map_err(failed("cannot replace the database"))?;
        }
        Engine::Postgres => {
            let dump = work.path().join(POSTGRES_FILE);
            extract(&mut zip, POSTGRES_FILE, &dump)?;
            let args = ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction"];
            let mut args: Vec<String> = args.map(String::from).to_vec();
            args.push(dump.display().to_string());
            run_pg_tool("pg_restore", args, database_url).await?;
        }
    }
    for file in &manifest.files {
        let bytes = entry(&mut zip, &format!("{FILES}{}", file.key))?;
        blobs.put(&file.key, &bytes).await.map_err(failed(&format!("evidence file {}", file.key)))?;
    }
    Ok(manifest)
}

#[cfg(test)]
mod tests {
    use super::{sqlite_path, without_password};

    #[test]
    fn a_password_leaves_the_url_for_the_environment_decoded() {
        assert_eq!(
            without_password("postgres://budaya:s%40nd1:x@db.local:5432/budaya?sslmode=require"),
            ("postgres://budaya@db.local:5432/budaya?sslmode=require".to_owned(), Some("s@nd1:x".to_owned()))
        );
        assert_eq!(
            without_password("postgres://postgres@127.0.0.1/budaya"),
            ("postgres://postgres@127.0.0.1/budaya".to_owned(), None)
        );
        assert_eq!(without_password("postgres://127.0.0.1/a@b"), ("postgres://127.0.0.1/a@b".to_owned(), None));
    }

    #[test]
    fn the_sqlite_file_is_read_from_its_url() {
        assert_eq!(sqlite_path("sqlite://data/budaya.db?mode=rwc"), Some("data/budaya.db".into()));
        assert_eq!(sqlite_path("sqlite:///srv/budaya/budaya.db"), Some("/srv/budaya/budaya.db".into()));
        assert_eq!(sqlite_path("sqlite::memory:"), None);
    }
}
