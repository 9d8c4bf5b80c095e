//! Evidence in an S3-compatible bucket: the same uploads, downloads and thumbnails as with local files, against
//! a real S3 server started for the test (`moto_server`).

use service::storage::{BlobStore, S3Store, key_for};
use std::io::ErrorKind;
use tests::{DEMO_PASSWORD, TestApp, app::test_now, db_tests, s3::S3Server};

fn bucket_name() -> String {
    format!("budaya-{}", uuid::Uuid::new_v4().simple())
}

db_tests! {
    async fn evidence_lives_in_the_configured_bucket_and_downloads_byte_for_byte(db: TestDb) {
        let Some(server) = S3Server::start().await else { return };
        let settings = server.bucket(&bucket_name()).await;
        let app = TestApp::spawn_with_s3(db, Some(settings.clone())).await;
        service::demo::seed(&app.services.db, test_now()).await.expect("seed");
        service::demo::programme::seed(&app.services, test_now()).await.expect("seed the programme through S3");
        assert!(!app.data_dir_has_evidence(), "nothing went to the local evidence directory");

        let kepala = app.login("kepala.dlh", DEMO_PASSWORD).await;
        let dlh = app.unit_id("64.74.DLH").await;
        let kbk = app.get_as(&kepala, &format!("/api/v1/opds/{dlh}/kbks")).await.json()["items"][0]["id"].clone();
        let actions = app.get_as(&kepala, &format!("/api/v1/kbks/{}/actions", kbk.as_str().expect("id"))).await.json();
        let photo = &actions["items"][0]["evidence"][0];
        let id = photo["id"].as_str().expect("id");
        let download = app.get_as(&kepala, &format!("/api/v1/evidence/{id}")).await;
        assert_eq!(download.status, 200);
        assert_eq!(download.header("x-content-sha256"), photo["sha256"].as_str());
        assert_eq!(app.get_as(&kepala, &format!("/api/v1/evidence/{id}/thumbnail")).await.status, 200);

        let bucket = S3Store::connect(&settings).await.expect("connect to the bucket");
        let stored = bucket.get(&key_for(photo["sha256"].as_str().expect("sha"))).await.expect("the object is there");
        assert_eq!(stored.len() as u64, photo["size"].as_u64().expect("size"));
    }
}

#[tokio::test]
async fn the_s3_store_reads_back_what_it_wrote_and_refuses_keys_that_could_escape_its_prefix() {
    let Some(server) = S3Server::start().await else { return };
    let store = S3Store::connect(&server.bucket(&bucket_name()).await).await.expect("connect");
    let key = key_for("ab12cd");
    store.put(&key, b"isi berkas").await.expect("put");
    store.put(&key, b"isi berkas").await.expect("a second put of the same content is fine");
    assert_eq!(store.get(&key).await.expect("get"), b"isi berkas");
    assert_eq!(store.get(&key_for("ffff")).await.expect_err("missing").kind(), ErrorKind::NotFound);
    assert_eq!(store.get("../rahasia").await.expect_err("escape").kind(), ErrorKind::InvalidInput);
}

#[tokio::test]
async fn a_server_pointed_at_a_bucket_that_does_not_exist_refuses_to_start() {
    let Some(server) = S3Server::start().await else { return };
    let mut settings = server.bucket(&bucket_name()).await;
    settings.bucket = "tidak-ada".to_owned();
    let error = S3Store::connect(&settings).await.expect_err("no such bucket");
    assert!(error.to_string().contains("NoSuchBucket") || error.to_string().contains("404"), "{error}");
}
