//! The bundle served as a CDN would: hashed names cached for a year, precompressed files chosen by
//! `Accept-Encoding`, pages compressed on the fly, and a page rendered before a deploy still loading its own
//! bundle after it. The site here is written by hand in cargo-leptos' layout (`hash.txt`, `pkg/`); the
//! browser tests run on the real build.

use axum::body::Body;
use http::Request;
use std::{fs, path::Path};
use tests::{TestApp, db_tests};

const OLD: &str = "OldBuildOldBuildOldB_1";
const NEW: &str = "NewBuildNewBuildNewB-2";

/// A build whose three files carry `hash` in their names and content, each with its brotli and gzip forms.
fn write_build(site: &Path, hash: &str) {
    let pkg = site.join("pkg");
    fs::create_dir_all(&pkg).expect("create the site");
    for kind in ["js", "wasm", "css"] {
        let name = pkg.join(format!("budaya.{hash}.{kind}"));
        fs::write(&name, format!("/* build {hash} */ {}", "x".repeat(2000))).expect("write a file");
        fs::write(format!("{}.br", name.display()), format!("br of {hash}")).expect("write a file");
        fs::write(format!("{}.gz", name.display()), format!("gz of {hash}")).expect("write a file");
    }
    fs::write(site.join("hash.txt"), format!("js: {hash}\nwasm: {hash}\ncss: {hash}\n")).expect("write the manifest");
}

fn with_encoding(path: &str, encoding: &str) -> Request<Body> {
    Request::get(path).header("accept-encoding", encoding).body(Body::empty()).expect("request")
}

db_tests! {
    async fn a_page_rendered_before_a_deploy_still_loads_its_own_bundle_after_it(db: TestDb) {
        let site = db.data_dir().join("site");
        write_build(&site, OLD);
        let mut app = TestApp::spawn(db).await;
        let before = app.get("/masuk").await;
        assert!(before.body.contains(&format!("/pkg/budaya.{OLD}.js")), "the page names the build's script");
        assert!(before.body.contains(&format!("/pkg/budaya.{OLD}.css")), "the page names the build's stylesheet");
        assert!(
            !before.body.contains("preload"),
            "nothing is preloaded: on a slow link the wasm would take the bandwidth of the first paint"
        );

        // The deploy: cargo-leptos empties the site and writes the new build, which the running process
        // has not started with.
        fs::remove_dir_all(&site).expect("empty the site");
        write_build(&site, NEW);
        let still_running = app.get("/masuk").await;
        assert!(still_running.body.contains(&format!("/pkg/budaya.{OLD}.js")), "a running process keeps its build");
        assert!(!still_running.body.contains(NEW), "a running process never names a build it did not start with");

        app.restart();
        let after = app.get("/masuk").await;
        assert!(after.body.contains(&format!("/pkg/budaya.{NEW}.wasm")), "new pages name the new build");
        assert!(!after.body.contains(OLD));

        for hash in [OLD, NEW] {
            let file = app.get(&format!("/pkg/budaya.{hash}.wasm")).await;
            assert_eq!(file.status, 200, "build {hash} is still served");
            assert!(file.body.starts_with(&format!("/* build {hash} */")));
            assert_eq!(file.header("cache-control"), Some("public, max-age=31536000, immutable"));
        }
        let never_built = app.get("/pkg/budaya.NeverBuiltNeverBuiltNe.wasm").await;
        assert_eq!(never_built.status, 404);
        assert_eq!(never_built.header("cache-control"), Some("no-cache"), "a miss is not cached for a year");
    }

    async fn a_bundle_is_sent_precompressed_in_the_best_encoding_the_browser_accepts(db: TestDb) {
        write_build(&db.data_dir().join("site"), NEW);
        let app = TestApp::spawn(db).await;
        let path = format!("/pkg/budaya.{NEW}.js");
        let brotli = app.send(with_encoding(&path, "gzip, deflate, br")).await;
        assert_eq!(brotli.header("content-encoding"), Some("br"));
        assert_eq!(brotli.body, format!("br of {NEW}"), "the file made at build time, not one made per request");
        let gzip = app.send(with_encoding(&path, "gzip")).await;
        assert_eq!(gzip.header("content-encoding"), Some("gzip"));
        assert_eq!(gzip.body, format!("gz of {NEW}"));
        let plain = app.get(&path).await;
        assert_eq!(plain.header("content-encoding"), None);
        assert!(plain.body.starts_with(&format!("/* build {NEW} */")));
        for response in [&brotli, &gzip, &plain] {
            assert_eq!(response.header("cache-control"), Some("public, max-age=31536000, immutable"));
            assert!(response.header("vary").is_some_and(|vary| vary.contains("accept-encoding")));
        }
    }

    async fn pages_and_api_answers_are_compressed_when_the_browser_accepts_it(db: TestDb) {
        let app = TestApp::spawn(db).await;
        let plain = app.get("/nilai").await;
        assert_eq!(plain.header("content-encoding"), None);
        let compressed = app.send(with_encoding("/nilai", "gzip")).await;
        assert_eq!(compressed.status, 200);
        assert_eq!(compressed.header("content-encoding"), Some("gzip"));
        assert!(compressed.bytes.starts_with(&[0x1f, 0x8b]), "a gzip stream");
        assert!(compressed.bytes.len() * 3 < plain.bytes.len(), "{} vs {} bytes", compressed.bytes.len(), plain.bytes.len());
        let api = app.send(with_encoding("/api/v1/openapi.json", "br")).await;
        assert_eq!(api.status, 200);
        assert_eq!(api.header("content-encoding"), Some("br"));
    }
}
