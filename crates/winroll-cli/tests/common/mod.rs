//! Running the real `winroll` binary with a private HOME, and a sandbox it can talk to.

#![allow(dead_code)]

pub mod vendor;

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

pub const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../examples/corporate-enrollment.json"
);
pub const SPEC_EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../winroll-core/tests/fixtures/spec-example-request.json"
);

/// A private home: HOME and the XDG folders point inside it, so nothing touches the real ones.
pub struct Home {
    pub dir: tempfile::TempDir,
}

impl Home {
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temp home"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `winroll ARGS` with this home and no WINROLL_* from the outside.
    pub fn winroll(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_winroll"));
        cmd.args(args)
            .env_remove("WINROLL_TOKEN")
            .env_remove("WINROLL_CLIENT_SECRET")
            .env("HOME", self.path())
            .env("XDG_CONFIG_HOME", self.path().join(".config"))
            .env("XDG_DATA_HOME", self.path().join(".local/share"))
            .env("XDG_CACHE_HOME", self.path().join(".cache"))
            .env("XDG_STATE_HOME", self.path().join(".local/state"))
            .stdin(Stdio::null());
        // Windows finds %APPDATA% through the Known Folders API, which no variable moves.
        if cfg!(windows) {
            cmd.env("WINROLL_HOME", self.path());
        }
        cmd
    }

    /// Every file written under this home.
    pub fn files(&self) -> Vec<PathBuf> {
        fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, out)
                } else {
                    out.push(path)
                }
            }
        }
        let mut out = Vec::new();
        walk(self.path(), &mut out);
        out
    }
}

/// Starts `command`. Under Wine (the Windows stage), CreateProcess now and then fails with
/// ERROR_INTERNAL_ERROR (1359) while the machine is busy (seen once, starting the sandbox for a
/// test that passes otherwise); that is the emulator's, not Winroll's, so it is tried again,
/// twice at most. Every other failure is returned at once.
pub fn spawn(command: &mut Command) -> std::io::Result<Child> {
    const ERROR_INTERNAL_ERROR: i32 = 1359;
    let mut tries = 0;
    loop {
        match command.spawn() {
            Err(e)
                if cfg!(windows) && e.raw_os_error() == Some(ERROR_INTERNAL_ERROR) && tries < 2 =>
            {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(200));
            }
            result => return result,
        }
    }
}

/// Runs with `input` on standard input.
pub fn run_with_input(mut cmd: Command, input: &str) -> Output {
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = spawn(&mut cmd).expect("spawn winroll");
    // A command that fails before reading its input closes the pipe early; that is fine.
    let _ = child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes());
    child.wait_with_output().expect("wait")
}

pub fn run(mut cmd: Command) -> Output {
    cmd.output().expect("run winroll")
}

pub fn text(output: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

pub fn code(output: &Output) -> i32 {
    output.status.code().expect("exit code")
}

/// `winroll sandbox` in its own process, stopped on drop.
pub struct SandboxProcess {
    child: Child,
    pub url: String,
    pub token: String,
}

impl SandboxProcess {
    pub fn start(token: &str) -> Self {
        let mut command = Command::new(env!("CARGO_BIN_EXE_winroll"));
        // The token off the command line, as a careful user passes it.
        command
            .args(["sandbox", "--port", "0"])
            .env("WINROLL_SANDBOX_TOKEN", token)
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        let mut child = spawn(&mut command).expect("spawn sandbox");
        let mut first = String::new();
        let mut reader = BufReader::new(child.stdout.take().expect("stdout"));
        reader.read_line(&mut first).expect("first line");
        // Keep draining, as a terminal would.
        std::thread::spawn(move || std::io::copy(&mut reader, &mut std::io::sink()));
        let url = first
            .trim()
            .strip_prefix("listening on ")
            .expect("listening line")
            .to_owned();
        Self {
            child,
            url,
            token: token.to_owned(),
        }
    }
}

impl Drop for SandboxProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Whether this run has a Secret Service (tests/with-keyring.sh); fails when one was required.
/// Windows always has its Credential Manager (Wine's, in the Windows stage).
pub fn keyring_available() -> bool {
    if cfg!(windows) {
        return true;
    }
    let has_bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some();
    if !has_bus && std::env::var_os("WINROLL_REQUIRE_KEYRING").is_some() {
        panic!("WINROLL_REQUIRE_KEYRING is set but there is no D-Bus session");
    }
    if !has_bus {
        eprintln!("SKIPPED: no Secret Service; run through tests/with-keyring.sh");
    }
    has_bus
}

impl SandboxProcess {
    /// A plain HTTP/1.1 call to the sandbox process (its `/_sandbox/` control endpoints).
    pub fn call(&self, method: &str, path: &str, body: &str) -> (u16, String) {
        use std::io::Read;
        let addr = self.url.trim_start_matches("http://");
        let mut stream = std::net::TcpStream::connect(addr).expect("connect to the sandbox");
        let request = format!(
            "{method} {path} HTTP/1.1\r\nhost: {addr}\r\nauthorization: Bearer {}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            self.token,
            body.len()
        );
        stream.write_all(request.as_bytes()).expect("send");
        let mut answer = String::new();
        stream.read_to_string(&mut answer).expect("read");
        let status = answer[9..12].parse().expect("status");
        let body = answer
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_owned())
            .unwrap_or_default();
        (status, body)
    }

    pub fn stats(&self) -> serde_json::Value {
        serde_json::from_str(&self.call("GET", "/_sandbox/stats", "").1).expect("stats JSON")
    }

    pub fn set_fault(&self, org: &str, fault: &str) {
        assert_eq!(
            self.call("PUT", &format!("/_sandbox/faults/{org}"), fault)
                .0,
            204
        );
    }
}
