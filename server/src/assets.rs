//! The site's static files, served as a CDN would: content-hashed names cached for a year, brotli or gzip
//! files made at build time (`cargo leptos build --release --precompress --split`) chosen by `Accept-Encoding`, and
//! every earlier build's files kept, so a page rendered before a deploy still loads the bundle it names.

use app::islands::Bundle;
use axum::{Router, extract::Request, middleware::Next, response::Response};
use http::{HeaderValue, StatusCode, header};
use std::{
    collections::HashMap,
    fs, io,
    path::{Path, PathBuf},
    time::{Duration, SystemTime},
};
use tower_http::services::ServeDir;

/// Where cargo-leptos writes the hashes of the bundle's files (`hash-file-name` in Cargo.toml).
const MANIFEST: &str = "hash.txt";
/// How long an earlier build's files stay servable after the last start that served them: far longer than
/// any tab stays open between a deploy and its next navigation.
const KEEP_EARLIER_BUILDS: Duration = Duration::from_secs(30 * 24 * 60 * 60);
const IMMUTABLE: HeaderValue = HeaderValue::from_static("public, max-age=31536000, immutable");
const REVALIDATE: HeaderValue = HeaderValue::from_static("no-cache");

/// The bundle this process serves, fixed when it starts.
#[derive(Clone, Debug)]
pub struct Assets {
    /// The addresses of the bundle's stylesheet, script and wasm.
    pub bundle: Bundle,
    /// This build's hash manifest, copied where a later deploy cannot overwrite it: Leptos reads it on every
    /// page to name the JS and wasm, and a running process must keep naming its own build's files.
    pub manifest: Option<PathBuf>,
    pkg: PathBuf,
    archive: PathBuf,
}

/// The hashes of `js`, `wasm` and `css` (and the split files') in a manifest, by file kind.
fn parse_manifest(text: &str) -> HashMap<&str, &str> {
    text.lines().filter_map(|line| line.split_once(':')).map(|(kind, hash)| (kind.trim(), hash.trim())).collect()
}

/// Whether a file name carries a content hash (cargo-leptos: 22 characters of unpadded base64url MD5), so
/// that its content never changes under that name.
fn is_hashed(name: &str) -> bool {
    name.split('.')
        .any(|part| part.len() == 22 && part.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
}

impl Assets {
    /// Reads the build in `site_root`, keeps its files in `data_dir/assets` beside earlier builds' and drops
    /// those no start has served for [`KEEP_EARLIER_BUILDS`]. Problems are logged, never fatal: a site
    /// without a manifest is a development build with plain names.
    pub fn prepare(site_root: &Path, data_dir: &Path, name: &str) -> Self {
        let pkg = site_root.join("pkg");
        let archive = data_dir.join("assets");
        let text = fs::read_to_string(site_root.join(MANIFEST)).ok();
        let hashes = text.as_deref().map(parse_manifest).unwrap_or_default();
        let bundle = Bundle::named(name, |kind| hashes.get(kind).copied());
        let manifest = text.as_deref().and_then(|text| match freeze(&archive, &hashes, text) {
            Ok(path) => Some(path),
            Err(error) => {
                tracing::warn!(%error, "cannot keep the bundle's hash manifest; pages name the files cargo-leptos wrote last");
                fs::canonicalize(site_root.join(MANIFEST)).ok()
            }
        });
        if let Err(error) = keep_build(&pkg, &archive.join("pkg")) {
            tracing::warn!(%error, "cannot keep this build's files for pages rendered by later builds");
        }
        Self { bundle, manifest, pkg, archive: archive.join("pkg") }
    }

    /// `/pkg/...`: this build's files, then earlier builds' (both with their precompressed forms).
    pub fn router<S: Clone + Send + Sync + 'static>(&self) -> Router<S> {
        let earlier = ServeDir::new(&self.archive).precompressed_br().precompressed_gzip();
        let current = ServeDir::new(&self.pkg).precompressed_br().precompressed_gzip().fallback(earlier);
        Router::new().nest_service("/pkg", current).layer(axum::middleware::from_fn(cache_control))
    }
}

/// Copies the manifest to a name made of its hashes, which no other build shares.
fn freeze(archive: &Path, hashes: &HashMap<&str, &str>, text: &str) -> io::Result<PathBuf> {
    let dir = archive.join("manifests");
    fs::create_dir_all(&dir)?;
    let mut kinds: Vec<_> = hashes.iter().collect();
    kinds.sort();
    let name: Vec<&str> = kinds.into_iter().map(|(_, hash)| *hash).collect();
    let path = dir.join(format!("{}.txt", name.join("-")));
    fs::write(&path, text)?;
    fs::canonicalize(path)
}

/// Copies every hashed file of `pkg` into `archive` (marking those already there as still served) and
/// removes archived files no start has marked for [`KEEP_EARLIER_BUILDS`].
fn keep_build(pkg: &Path, archive: &Path) -> io::Result<()> {
    copy_build(pkg, archive, false)?;
    prune(archive, SystemTime::now() - KEEP_EARLIER_BUILDS)
}

/// Sub-directories are wasm-bindgen's snippets, whose directory names are content-addressed.
fn copy_build(from: &Path, to: &Path, nested: bool) -> io::Result<()> {
    let Ok(entries) = fs::read_dir(from) else { return Ok(()) };
    fs::create_dir_all(to)?;
    for entry in entries {
        let entry = entry?;
        let (source, target) = (entry.path(), to.join(entry.file_name()));
        if entry.file_type()?.is_dir() {
            copy_build(&source, &target, true)?;
        } else if nested || is_hashed(&entry.file_name().to_string_lossy()) {
            if !target.exists() {
                fs::copy(&source, &target)?;
            }
            fs::File::options().append(true).open(&target)?.set_modified(SystemTime::now())?;
        }
    }
    Ok(())
}

fn prune(dir: &Path, before: SystemTime) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            prune(&entry.path(), before)?;
        } else if entry.metadata()?.modified()? < before {
            fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

/// A hashed name never changes content: cache it for a year. Anything else is checked on every use. The
/// encoding chosen depends on the request's `Accept-Encoding`, which caches between must know.
async fn cache_control(request: Request, next: Next) -> Response {
    let hashed = request.uri().path().rsplit('/').next().is_some_and(is_hashed);
    let mut response = next.run(request).await;
    let value = if hashed && response.status() == StatusCode::OK { IMMUTABLE } else { REVALIDATE };
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, value);
    if !headers.get_all(header::VARY).iter().any(|v| v.as_bytes().eq_ignore_ascii_case(b"accept-encoding")) {
        headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::{is_hashed, parse_manifest};

    #[test]
    fn a_name_with_a_content_hash_is_recognised_and_a_plain_one_is_not() {
        assert!(is_hashed("budaya.Xq3Jt0b_5b1sE2c9wT4mZg.wasm"));
        assert!(is_hashed("__wasm_split.Xq3Jt0b-5b1sE2c9wT4mZg.js"));
        assert!(is_hashed("budaya.Xq3Jt0b_5b1sE2c9wT4mZg.wasm.br"));
        assert!(!is_hashed("budaya.wasm"));
        assert!(!is_hashed("favicon.svg"));
        assert!(!is_hashed("budaya.Xq3Jt0b_5b1sE2c9wT4mZ!.wasm"));
    }

    #[test]
    fn the_manifest_gives_each_file_kind_its_hash() {
        let hashes = parse_manifest("js: AAA\nwasm: BBB\ncss: CCC\n");
        assert_eq!(hashes.get("js"), Some(&"AAA"));
        assert_eq!(hashes.get("wasm"), Some(&"BBB"));
        assert_eq!(hashes.get("css"), Some(&"CCC"));
        assert!(parse_manifest("").is_empty());
    }
}
