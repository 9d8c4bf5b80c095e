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
    assert!(text(&first).contains("10 users created"), "{}", text(&first));
    let second = run(dir.path(), &["seed-demo"]);
    assert!(text(&second).contains("0 org units added") && text(&second).contains("0 users created"));

    let verified = run(dir.path(), &["audit-verify"]);
    assert!(verified.status.success(), "{}", text(&verified));
    assert!(text(&verified).contains("20 events verified"), "{}", text(&verified));

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
