//! A server started for one test, and a minimal HTTP client for it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// When every test's PDFs are made: the same day, so the bytes agree.
pub const EPOCH: &str = "1795564800";

/// A running `workbook serve --no-open`, in a folder of its own with a
/// temporary folder of its own; killed when dropped.
pub struct Server {
    pub child: Child,
    pub port: u16,
    pub token: String,
    /// The working folder (where workbook.toml is read and saved).
    pub dir: tempfile::TempDir,
    /// TMPDIR of the server: its private folder goes here.
    pub tmp: tempfile::TempDir,
}

impl Server {
    /// Starts the server with `args` after `serve --no-open`.
    pub fn start(args: &[&str]) -> Server {
        let dir = tempfile::tempdir().unwrap();
        let tmp = tempfile::tempdir().unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_workbook"))
            .arg("serve")
            .arg("--no-open")
            .args(args)
            .current_dir(dir.path())
            .env("TMPDIR", tmp.path())
            .env("SOURCE_DATE_EPOCH", EPOCH)
            .env_remove("WORKBOOK_PASSWORD")
            .env("LANG", "en_GB.UTF-8")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let rest = line
            .trim()
            .strip_prefix("http://127.0.0.1:")
            .unwrap_or_else(|| panic!("the address line: {line:?}"));
        let (port, token) = rest.split_once("/?token=").expect("a token");
        Server {
            child,
            port: port.parse().unwrap(),
            token: token.to_string(),
            dir,
            tmp,
        }
    }

    /// The `Host` header this server accepts.
    pub fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// `Authorization: Bearer` with the token.
    pub fn bearer(&self) -> (String, String) {
        ("Authorization".into(), format!("Bearer {}", self.token))
    }

    /// A POST of a multipart form with the bearer token.
    pub fn post(&self, path: &str, form: &Multipart) -> Reply {
        let h = [self.host_header(), self.bearer()];
        request(self.port, "POST", path, &h, Some(form))
    }

    fn host_header(&self) -> (String, String) {
        ("Host".into(), self.host())
    }

    /// Every path under the server's TMPDIR.
    pub fn temp_files(&self) -> Vec<PathBuf> {
        walk(self.tmp.path())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        out.push(entry.path());
        if entry.path().is_dir() {
            out.extend(walk(&entry.path()));
        }
    }
    out
}

/// A multipart/form-data body.
pub struct Multipart {
    pub boundary: String,
    pub body: Vec<u8>,
}

impl Multipart {
    pub fn new() -> Self {
        Multipart {
            boundary: "----workbook-test-7d3f".into(),
            body: Vec::new(),
        }
    }

    pub fn field(mut self, name: &str, value: &str) -> Self {
        let b = &self.boundary;
        self.body.extend_from_slice(
            format!("--{b}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                .as_bytes(),
        );
        self
    }

    pub fn file(mut self, name: &str, file_name: &str, bytes: &[u8]) -> Self {
        let b = &self.boundary;
        self.body.extend_from_slice(
            format!(
                "--{b}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        self.body.extend_from_slice(bytes);
        self.body.extend_from_slice(b"\r\n");
        self
    }

    pub fn finish(mut self) -> Self {
        let b = &self.boundary;
        self.body
            .extend_from_slice(format!("--{b}--\r\n").as_bytes());
        self
    }
}

/// A reply: status, headers (names lower-case), body.
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// One request on a new connection (closed after it).
pub fn request(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(String, String)],
    form: Option<&Multipart>,
) -> Reply {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(300)))
        .unwrap();
    let mut head = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    if let Some(form) = form {
        head.push_str(&format!(
            "Content-Type: multipart/form-data; boundary={}\r\nContent-Length: {}\r\n",
            form.boundary,
            form.body.len()
        ));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    if let Some(form) = form {
        // The server may answer and close before reading a refused body.
        let _ = stream.write_all(&form.body);
    }
    read_reply(&mut stream)
}

/// Reads a whole reply from a connection the server closes after it.
pub fn read_reply(stream: &mut TcpStream) -> Reply {
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no reply head: {:?}", String::from_utf8_lossy(&raw)));
    let head = String::from_utf8_lossy(&raw[..end]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = raw[end + 4..].to_vec();
    if headers
        .iter()
        .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"))
    {
        body = unchunk(&body);
    }
    Reply {
        status,
        headers,
        body,
    }
}

fn unchunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(eol) = data.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let size = usize::from_str_radix(
            String::from_utf8_lossy(&data[..eol])
                .split(';')
                .next()
                .unwrap()
                .trim(),
            16,
        )
        .unwrap_or(0);
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&data[eol + 2..eol + 2 + size]);
        data = &data[eol + 2 + size + 2..];
    }
}
