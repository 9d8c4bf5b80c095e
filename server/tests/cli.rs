//! The `budaya` binary, black-box: settings that fail fast, demo seeding, the first administrator, and the
//! audit chain check before and after tampering. (SQLite; the database layers are covered on both engines by
//! the integration tests.)

use sea_orm::{ConnectionTrait, Database};
use std::{
    io::Write,
    path::Path,
    process::{Command, Output, Stdio},
};

fn budaya(data: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_budaya"));
    command
        .args(args)
        .current_dir(data)
        .env("BUDAYA_DATA_DIR", data)
        .env("BUDAYA_LOG", "error")
        .env_remove("BUDAYA_DATABASE_URL")
        .env_remove("BUDAYA_ADDR")
        .env_remove("BUDAYA_ADMIN_PASSWORD");
    command
}

fn run(data: &Path, args: &[&str]) -> Output {
    budaya(data, args).output().expect("run budaya")
}

fn text(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

#[test]
fn help_lists_every_subcommand() {
    let dir = tempfile::tempdir().expect("temp dir");
    let help = text(&run(dir.path(), &["--help"]));
    for command in ["serve", "migrate", "seed-demo", "create-admin", "audit-verify"] {
        assert!(help.contains(command), "--help lacks {command}: {help}");
    }
}

#[test]
fn an_invalid_address_stops_start_up_with_a_message_saying_what_to_write() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = budaya(dir.path(), &["migrate"]).env("BUDAYA_ADDR", "localhost").output().expect("run");
    assert!(!output.status.success());
    assert!(text(&output).contains("e.g. 127.0.0.1:3000"), "{}", text(&output));
}

#[test]
fn seeding_twice_then_verifying_the_audit_chain_succeeds_and_tampering_makes_it_fail() {
    let dir = tempfile::tempdir().expect("temp dir");
    let first = run(dir.path(), &["seed-demo"]);
    assert!(first.status.success(), "{}", text(&first));
    assert!(text(&first).contains("20 users created"), "{}", text(&first));
    assert!(text(&first).contains("5 KBKs formed"), "{}", text(&first));
    let second = run(dir.path(), &["seed-demo"]);
    assert!(text(&second).contains("0 org units added") && text(&second).contains("0 users created"));
    assert!(text(&second).contains("0 KBKs formed"), "{}", text(&second));

    let verified = run(dir.path(), &["audit-verify"]);
    assert!(verified.status.success(), "{}", text(&verified));
    assert!(text(&verified).contains("events verified"), "{}", text(&verified));

    let url = format!("sqlite://{}?mode=rw", dir.path().join("budaya.db").display());
    tokio::runtime::Runtime::new().expect("runtime").block_on(async {
        let db = Database::connect(&url).await.expect("open the database");
        db.execute_unprepared("UPDATE audit_event SET after = '{}' WHERE id = 3").await.expect("tamper");
        db.close().await.expect("close");
    });
    let broken = run(dir.path(), &["audit-verify"]);
    assert!(!broken.status.success());
    assert!(text(&broken).contains("event 3 was altered"), "{}", text(&broken));
}

#[test]
fn the_first_administrator_takes_the_password_from_stdin_and_a_short_one_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut child = budaya(dir.path(), &["create-admin", "--username", "root"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run create-admin");
    child.stdin.take().expect("stdin").write_all(b"sandi-admin-panjang\n").expect("write the password");
    let output = child.wait_with_output().expect("wait");
    assert!(output.status.success(), "{}", text(&output));
    assert!(text(&output).contains("Administrator root created"));

    let short = budaya(dir.path(), &["create-admin", "--username", "root2"])
        .env("BUDAYA_ADMIN_PASSWORD", "pendek")
        .output()
        .expect("run");
    assert!(!short.status.success());
    assert!(text(&short).contains("minimal 10 karakter"), "{}", text(&short));
}

/// Sends one raw HTTP/1.1 request and returns the whole response as text.
fn http(addr: &str, request: &str) -> String {
    use std::io::Read;
    let mut stream = std::net::TcpStream::connect(addr).expect("connect");
    stream.write_all(request.as_bytes()).expect("send");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read");
    response
}

fn free_addr() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.local_addr().expect("addr").to_string()
}

#[test]
fn killing_the_server_during_an_upload_leaves_no_partial_file_and_no_row_without_its_file() {
    use std::io::Read;
    let dir = tempfile::tempdir().expect("temp dir");
    assert!(run(dir.path(), &["seed-demo"]).status.success());
    let addr = free_addr();
    let mut server = budaya(dir.path(), &["serve"]).env("BUDAYA_ADDR", &addr).spawn().expect("start the server");
    let ready = (0..100).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(100));
        std::net::TcpStream::connect(&addr).is_ok()
    });
    assert!(ready, "the server did not start");
    let body = r#"{"username":"anggota.dlh","password":"budaya-demo"}"#;
    let login = http(
        &addr,
        &format!(
            "POST /api/v1/auth/login HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://{addr}\r\n\
             Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ),
    );
    let cookie = login
        .lines()
        .find_map(|line| line.strip_prefix("set-cookie: "))
        .and_then(|value| value.split(';').next())
        .expect("a session cookie")
        .to_owned();

    let url = format!("sqlite://{}?mode=rw", dir.path().join("budaya.db").display());
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let (draft, rows_before) = runtime.block_on(async {
        let db = Database::connect(&url).await.expect("open the database");
        let draft = db
            .query_one_raw(sea_orm::Statement::from_string(
                db.get_database_backend(),
                "SELECT a.id FROM kbk_action a JOIN app_user u ON u.id = a.author_id \
                 WHERE u.username = 'anggota.dlh' AND a.state = 'draft'",
            ))
            .await
            .expect("query")
            .expect("a draft action")
            .try_get_by_index::<uuid::Uuid>(0)
            .expect("id");
        let rows = db
            .query_one_raw(sea_orm::Statement::from_string(
                db.get_database_backend(),
                "SELECT COUNT(*) FROM evidence_file",
            ))
            .await
            .expect("count")
            .expect("row")
            .try_get_by_index::<i64>(0)
            .expect("count");
        db.close().await.expect("close");
        (draft, rows)
    });

    // Half of a 4 MB upload, then the server dies.
    let boundary = "putus";
    let head = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"besar.jpg\"\r\n\r\n");
    let mut stream = std::net::TcpStream::connect(&addr).expect("connect");
    let request = format!(
        "POST /api/v1/actions/{draft}/evidence HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://{addr}\r\n\
         Cookie: {cookie}\r\nContent-Type: multipart/form-data; boundary={boundary}\r\n\
         Content-Length: {}\r\n\r\n{head}",
        4 * 1024 * 1024
    );
    stream.write_all(request.as_bytes()).expect("send the head");
    let mut half = vec![0x55_u8; 2 * 1024 * 1024];
    half[..3].copy_from_slice(&[0xFF, 0xD8, 0xFF]);
    stream.write_all(&half).expect("send half the file");
    std::thread::sleep(std::time::Duration::from_millis(300));
    server.kill().expect("kill the server");
    server.wait().expect("reap");
    let mut rest = String::new();
    let _ = stream.read_to_string(&mut rest);

    let evidence = dir.path().join("evidence");
    let leftovers: Vec<_> = std::fs::read_dir(evidence.join("tmp")).expect("tmp").collect();
    assert!(leftovers.is_empty(), "partial files remain: {leftovers:?}");
    runtime.block_on(async {
        let db = Database::connect(&url).await.expect("open the database");
        let rows = db
            .query_all_raw(sea_orm::Statement::from_string(
                db.get_database_backend(),
                "SELECT storage_key, size FROM evidence_file",
            ))
            .await
            .expect("rows");
        assert_eq!(rows.len() as i64, rows_before, "no row for the interrupted upload");
        for row in rows {
            let key: String = row.try_get_by_index(0).expect("key");
            let size: i64 = row.try_get_by_index(1).expect("size");
            let file = std::fs::metadata(evidence.join(&key)).unwrap_or_else(|_| panic!("{key} has no file"));
            assert_eq!(file.len() as i64, size, "{key} is complete");
        }
        db.close().await.expect("close");
    });
}
