//! A mail server for tests: it speaks the part of SMTP (RFC 5321) a client needs to deliver, over a real TCP
//! socket, and keeps every message it accepted.

use std::sync::{Arc, Mutex};
use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader},
    net::{TcpListener, TcpStream},
};

/// One accepted message: the envelope and the raw message text.
#[derive(Clone, Debug)]
pub struct Received {
    /// `MAIL FROM`.
    pub from: String,
    /// Every `RCPT TO`.
    pub to: Vec<String>,
    /// The message as sent after `DATA`, dot-unstuffed.
    pub data: String,
}

/// A running server on a free loopback port.
pub struct SmtpServer {
    /// `smtp://127.0.0.1:<port>`, for `BUDAYA_SMTP_URL`.
    pub url: String,
    received: Arc<Mutex<Vec<Received>>>,
}

impl SmtpServer {
    /// Starts the server; it stops with the test's runtime.
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind a port for SMTP");
        let url = format!("smtp://{}", listener.local_addr().expect("address"));
        let received = Arc::new(Mutex::new(Vec::new()));
        let store = received.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(session(stream, store.clone()));
            }
        });
        Self { url, received }
    }

    /// The messages accepted so far.
    pub fn received(&self) -> Vec<Received> {
        self.received.lock().expect("lock").clone()
    }
}

fn address(line: &str) -> String {
    line.split_once(':')
        .map(|(_, rest)| rest.trim().trim_start_matches('<').trim_end_matches('>'))
        .unwrap_or("")
        .to_owned()
}

async fn session(stream: TcpStream, store: Arc<Mutex<Vec<Received>>>) -> std::io::Result<()> {
    let (reader, mut writer) = stream.into_split();
    let mut lines = BufReader::new(reader).lines();
    writer.write_all(b"220 budaya-test ESMTP\r\n").await?;
    let (mut from, mut to) = (String::new(), Vec::new());
    while let Some(line) = lines.next_line().await? {
        let command = line.to_ascii_uppercase();
        let reply: &[u8] = if command.starts_with("EHLO") {
            b"250-budaya-test\r\n250 8BITMIME\r\n"
        } else if command.starts_with("MAIL FROM:") {
            from = address(&line);
            b"250 OK\r\n"
        } else if command.starts_with("RCPT TO:") {
            to.push(address(&line));
            b"250 OK\r\n"
        } else if command == "DATA" {
            writer.write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n").await?;
            let mut data = String::new();
            while let Some(line) = lines.next_line().await? {
                if line == "." {
                    break;
                }
                data.push_str(line.strip_prefix('.').unwrap_or(&line));
                data.push('\n');
            }
            let message = Received { from: std::mem::take(&mut from), to: std::mem::take(&mut to), data };
            store.lock().expect("lock").push(message);
            b"250 Queued\r\n"
        } else if command == "QUIT" {
            writer.write_all(b"221 Bye\r\n").await?;
            return Ok(());
        } else if command.starts_with("HELO") || command == "RSET" || command == "NOOP" {
            b"250 OK\r\n"
        } else {
            b"502 Command not implemented\r\n"
        };
        writer.write_all(reply).await?;
    }
    Ok(())
}
