//! Item 5 of issue 32: the token, the cookie, the Host and Origin checks,
//! the upload limit, loopback only, and no temporary file left behind.

use std::io::Write;
use std::net::TcpStream;

use crate::client::{Multipart, Server, read_reply, request};

fn h(k: &str, v: &str) -> (String, String) {
    (k.to_string(), v.to_string())
}

#[test]
fn without_the_token_every_page_is_403_and_nothing_else() {
    let server = Server::start(&[]);
    let host = h("Host", &server.host());
    for path in ["/", "/build", "/settings", "/style.css", "/nothing"] {
        let reply = request(server.port, "GET", path, std::slice::from_ref(&host), None);
        assert_eq!(reply.status, 403, "{path}");
        assert_eq!(reply.text(), "Forbidden\n", "{path}");
    }
    let wrong = [host.clone(), h("Authorization", "Bearer 0123")];
    assert_eq!(request(server.port, "GET", "/", &wrong, None).status, 403);
    let wrong_query = format!("/?token={}0", server.token);
    assert_eq!(
        request(server.port, "GET", &wrong_query, &[host], None).status,
        403
    );
}

#[test]
fn the_token_in_the_address_sets_a_strict_cookie_and_is_dropped_from_it() {
    let server = Server::start(&[]);
    let host = h("Host", &server.host());
    let first = request(
        server.port,
        "GET",
        &format!("/build?token={}", server.token),
        std::slice::from_ref(&host),
        None,
    );
    assert_eq!(first.status, 303);
    assert_eq!(first.header("location"), Some("/build"));
    let cookie = first.header("set-cookie").expect("a cookie");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Strict"), "{cookie}");
    let pair = cookie.split(';').next().unwrap();
    let page = request(
        server.port,
        "GET",
        "/build",
        &[host, h("Cookie", pair)],
        None,
    );
    assert_eq!(page.status, 200);
    assert!(
        page.text().contains("<label for=\"names\">"),
        "{}",
        page.text()
    );
    let csp = page.header("content-security-policy").expect("a CSP");
    assert!(csp.starts_with("default-src 'none'"), "{csp}");
    // Not no-referrer, under which a browser sends `Origin: null` with
    // our own forms, which the gate refuses.
    assert_eq!(page.header("referrer-policy"), Some("same-origin"));
    assert!(!page.text().contains("http://") && !page.text().contains("https://"));
}

#[test]
fn a_host_that_is_not_this_server_gets_400() {
    let server = Server::start(&[]);
    for host in [
        "evil.example".to_string(),
        format!("evil.example:{}", server.port),
        format!("127.0.0.1:{}", server.port.wrapping_add(1)),
    ] {
        let reply = request(
            server.port,
            "GET",
            "/",
            &[h("Host", &host), server.bearer()],
            None,
        );
        assert_eq!(reply.status, 400, "{host}");
    }
    for host in [
        format!("localhost:{}", server.port),
        format!("[::1]:{}", server.port),
    ] {
        let reply = request(
            server.port,
            "GET",
            "/",
            &[h("Host", &host), server.bearer()],
            None,
        );
        assert_eq!(reply.status, 200, "{host}");
    }
}

#[test]
fn a_post_from_another_origin_is_403() {
    let server = Server::start(&[]);
    let host = h("Host", &server.host());
    let cookie = h(
        "Cookie",
        &format!("workbook-{}={}", server.port, server.token),
    );
    let form = Multipart::new().field("names", "Ana").finish();
    let post = |headers: &[(String, String)]| {
        request(server.port, "POST", "/build", headers, Some(&form)).status
    };
    let evil = h("Origin", "http://evil.example");
    assert_eq!(post(&[host.clone(), cookie.clone(), evil.clone()]), 403);
    assert_eq!(post(&[host.clone(), server.bearer(), evil]), 403);
    // The cookie alone, with no Origin, did not come from our own page.
    assert_eq!(post(&[host.clone(), cookie.clone()]), 403);
    // Our own Origin passes the gate: the names are then refused (400).
    let ours = h("Origin", &format!("http://{}", server.host()));
    assert_eq!(post(&[host, cookie, ours]), 400);
}

#[test]
fn an_upload_over_20_mb_gets_413() {
    let server = Server::start(&[]);
    let big = vec![b'x'; 21 * 1024 * 1024];
    let form = Multipart::new().file("csv", "big.csv", &big).finish();
    let reply = server.post("/batch", &form);
    assert_eq!(reply.status, 413);
    assert!(reply.text().contains("at most 20 MB"), "{}", reply.text());
    // Sent in chunks with no length announced, it is stopped as it comes.
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    let (k, v) = server.bearer();
    let head = format!(
        "POST /batch HTTP/1.1\r\nHost: {}\r\n{k}: {v}\r\nConnection: close\r\nContent-Type: multipart/form-data; boundary={}\r\nTransfer-Encoding: chunked\r\n\r\n",
        server.host(),
        form.boundary
    );
    stream.write_all(head.as_bytes()).unwrap();
    for piece in form.body.chunks(1024 * 1024) {
        let chunk = [format!("{:x}\r\n", piece.len()).as_bytes(), piece, b"\r\n"].concat();
        if stream.write_all(&chunk).is_err() {
            break;
        }
    }
    let _ = stream.write_all(b"0\r\n\r\n");
    let reply = read_reply(&mut stream);
    assert_eq!(reply.status, 413);
}

/// The sockets of `port` in a /proc/net table, as (address, state) hex.
#[cfg(target_os = "linux")]
fn sockets(table: &str, port: u16) -> Vec<String> {
    let text = std::fs::read_to_string(table).unwrap_or_default();
    text.lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().nth(1))
        .filter(|local| local.ends_with(&format!(":{port:04X}")))
        .map(|local| local.split(':').next().unwrap().to_string())
        .collect()
}

#[cfg(target_os = "linux")]
#[test]
fn it_listens_on_loopback_only() {
    let server = Server::start(&[]);
    let v4 = sockets("/proc/net/tcp", server.port);
    let v6 = sockets("/proc/net/tcp6", server.port);
    assert!(v4.contains(&"0100007F".to_string()), "{v4:?}");
    for address in &v4 {
        assert_eq!(address, "0100007F", "an IPv4 socket not on 127.0.0.1");
    }
    for address in &v6 {
        assert_eq!(
            address, "00000000000000000000000001000000",
            "an IPv6 socket not on ::1"
        );
    }
}

#[cfg(unix)]
#[test]
fn sigterm_in_the_middle_of_a_build_leaves_no_temporary_file() {
    let mut server = Server::start(&[]);
    let port = server.port;
    let headers = [h("Host", &server.host()), server.bearer()];
    // A client list is built row by row in the server's private folder,
    // which holds the list meanwhile.
    let form = Multipart::new()
        .file(
            "csv",
            "clients.csv",
            b"names\nAna & Ben\nCy & Di\nEd & Flo\n",
        )
        .finish();
    let sent =
        std::thread::spawn(move || request(port, "POST", "/batch", &headers, Some(&form)).status);
    let started = std::time::Instant::now();
    while !server
        .temp_files()
        .iter()
        .any(|p| p.to_string_lossy().ends_with("clients.csv"))
    {
        assert!(
            started.elapsed().as_secs() < 60,
            "the list never reached the private folder: {:?}",
            server.temp_files()
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    // SAFETY: kill sends a signal to the child we started.
    unsafe {
        libc::kill(server.child.id() as i32, libc::SIGTERM);
    }
    let status = server.child.wait().unwrap();
    // Cleaned up, then ended by the same signal (so a shell sees it).
    assert_eq!(
        std::os::unix::process::ExitStatusExt::signal(&status),
        Some(libc::SIGTERM),
        "{status:?}"
    );
    assert_eq!(server.temp_files(), Vec::<std::path::PathBuf>::new());
    let _ = sent.join();
}
