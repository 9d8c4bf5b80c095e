//! A real S3-compatible server for the tests: `moto_server` (the `moto[server]` package from the Python index, installed by
//! `scripts/test`), started on a free loopback port and stopped when dropped.

use service::storage::S3Settings;
use std::{
    process::{Child, Command, Stdio},
    time::Duration,
};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
};

/// A running S3-compatible server.
pub struct S3Server {
    child: Child,
    port: u16,
}

impl S3Server {
    /// Starts the server, or returns `None` (with a note) when it is not installed outside CI. The command is
    /// `BUDAYA_TEST_S3_SERVER` if set, else `moto_server` on `PATH`.
    pub async fn start() -> Option<Self> {
        let command = std::env::var("BUDAYA_TEST_S3_SERVER").unwrap_or_else(|_| "moto_server".to_owned());
        let port = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port").local_addr().expect("addr").port();
        let spawned = Command::new(&command)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        let child = match spawned {
            Ok(child) => child,
            Err(err) => {
                assert!(!crate::in_ci(), "CI must run the S3 tests: cannot start {command}: {err}");
                eprintln!("note: {command} is not available ({err}); skipping the S3 test");
                return None;
            }
        };
        let server = Self { child, port };
        for _ in 0..100 {
            if TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
                return Some(server);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("{command} did not start listening on port {port} within 10 s");
    }

    /// Creates a bucket and returns the settings that reach it.
    pub async fn bucket(&self, name: &str) -> S3Settings {
        // An unsigned CreateBucket: the test server accepts it, and object_store does not create buckets.
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).await.expect("connect to the S3 server");
        let request = format!(
            "PUT /{name} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            self.port
        );
        stream.write_all(request.as_bytes()).await.expect("send CreateBucket");
        let mut answer = String::new();
        stream.read_to_string(&mut answer).await.expect("read the answer");
        assert!(answer.starts_with("HTTP/1.1 200"), "CreateBucket failed: {answer}");
        S3Settings {
            bucket: name.to_owned(),
            endpoint: Some(format!("http://127.0.0.1:{}", self.port)),
            region: "us-east-1".to_owned(),
            access_key_id: Some("budaya-test".to_owned()),
            secret_access_key: Some("budaya-test-secret".to_owned()),
            prefix: "evidence".to_owned(),
        }
    }
}

impl Drop for S3Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
