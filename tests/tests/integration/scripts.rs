//! The project's own scripts: an operator's or CI's `scripts/test > test.log 2>&1` must keep the whole run.

use std::path::Path;

/// Paths that name the caller's standard streams: opening one again (`tee /dev/stderr`, `> /dev/stdout`)
/// reopens a log file the caller redirected into, with truncation, and the log loses all it held.
const REOPENED_STREAMS: [&str; 5] = ["/dev/stdout", "/dev/stderr", "/dev/fd/1", "/dev/fd/2", "/proc/self/fd/"];

#[test]
fn no_script_reopens_the_standard_streams_its_caller_redirected() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the workspace");
    let mut findings = Vec::new();
    for dir in ["scripts", "bench", ".ci"] {
        for entry in std::fs::read_dir(root.join(dir)).expect("the directory").flatten() {
            let Ok(text) = std::fs::read_to_string(entry.path()) else { continue };
            for (number, line) in text.lines().enumerate() {
                let code = line.split_once('#').map_or(line, |(code, _)| code);
                if REOPENED_STREAMS.iter().any(|stream| code.contains(stream)) {
                    findings.push(format!("{dir}/{}:{}: {line}", entry.file_name().to_string_lossy(), number + 1));
                }
            }
        }
    }
    assert!(findings.is_empty(), "write to >&1 or >&2 instead:\n{}", findings.join("\n"));
}
