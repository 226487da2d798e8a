//! Who may talk to the server: the token (from `?token=`, then a cookie,
//! or `Authorization: Bearer` for scripts), the `Host` header (against DNS
//! rebinding) and a POST's `Origin` (against another site's forms).

use hyper::header::{AUTHORIZATION, COOKIE, HOST, ORIGIN};
use hyper::{Method, Request};

/// A new random token: 32 bytes from the system, as 64 hex digits.
pub(crate) fn new_token() -> std::io::Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(std::io::Error::other)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// What the server knows to check a request.
#[derive(Debug, Clone)]
pub(crate) struct Gate {
    pub(crate) token: String,
    pub(crate) port: u16,
}

/// The verdict on one request.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// Let it through.
    Pass,
    /// A first visit with the right `?token=`: set the cookie and send the
    /// browser to the same page without the token in its address.
    SetCookie { location: String },
    /// A `Host` that is not this server's own name (400).
    BadHost,
    /// No token, a wrong one, or a POST from another site (403).
    Forbidden,
}

/// How the token came.
#[derive(PartialEq, Eq)]
enum Proof {
    Cookie,
    Bearer,
}

impl Gate {
    /// The names this server answers to: 127.0.0.1, localhost and [::1],
    /// each with its port.
    fn hosts(&self) -> [String; 3] {
        let port = self.port;
        [
            format!("127.0.0.1:{port}"),
            format!("localhost:{port}"),
            format!("[::1]:{port}"),
        ]
    }

    /// The cookie's name: one per port, as cookies do not tell ports apart.
    pub(crate) fn cookie_name(&self) -> String {
        format!("workbook-{}", self.port)
    }

    /// The `Set-Cookie` value: never readable by scripts, never sent by
    /// another site's page.
    pub(crate) fn cookie(&self) -> String {
        format!(
            "{}={}; Path=/; HttpOnly; SameSite=Strict",
            self.cookie_name(),
            self.token
        )
    }

    /// Checks the Host, then the token, then a POST's Origin.
    pub(crate) fn check<B>(&self, req: &Request<B>) -> Verdict {
        let header = |name| req.headers().get(name).and_then(|v| v.to_str().ok());
        let hosts = self.hosts();
        match header(HOST) {
            Some(host) if hosts.iter().any(|h| h.eq_ignore_ascii_case(host)) => {}
            _ => return Verdict::BadHost,
        }
        // A foreign Origin is refused whatever proof comes with it.
        let origin = header(ORIGIN);
        if let Some(origin) = origin
            && !hosts
                .iter()
                .any(|h| origin.eq_ignore_ascii_case(&format!("http://{h}")))
        {
            return Verdict::Forbidden;
        }
        if let Some(given) = query_token(req.uri().query()) {
            if !same(&given, &self.token) {
                return Verdict::Forbidden;
            }
            if req.method() == Method::GET {
                return Verdict::SetCookie {
                    location: req.uri().path().to_string(),
                };
            }
            // A script may POST with ?token= too; it is a bearer's proof.
            return Verdict::Pass;
        }
        let proof = if header(AUTHORIZATION)
            .and_then(|v| v.strip_prefix("Bearer "))
            .is_some_and(|t| same(t.trim(), &self.token))
        {
            Some(Proof::Bearer)
        } else if req
            .headers()
            .get_all(COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|c| c.trim().split_once('='))
            .any(|(k, v)| k == self.cookie_name() && same(v, &self.token))
        {
            Some(Proof::Cookie)
        } else {
            None
        };
        match proof {
            None => Verdict::Forbidden,
            // A browser always sends Origin with a POST; a POST on the
            // cookie alone without one did not come from our own form.
            Some(Proof::Cookie) if req.method() == Method::POST && origin.is_none() => {
                Verdict::Forbidden
            }
            Some(_) => Verdict::Pass,
        }
    }
}

/// The `token` of a query string, if there is one.
fn query_token(query: Option<&str>) -> Option<String> {
    query?
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == "token")
        .map(|(_, v)| v.to_string())
}

/// Compares in time that does not depend on where the two differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gate() -> Gate {
        Gate {
            token: "abc123".into(),
            port: 8123,
        }
    }

    fn req(method: Method, uri: &str, headers: &[(&str, &str)]) -> Request<()> {
        let mut r = Request::builder().method(method).uri(uri);
        for (k, v) in headers {
            r = r.header(*k, *v);
        }
        r.body(()).unwrap()
    }

    #[test]
    fn the_token_in_the_address_sets_the_cookie_and_leaves_the_address() {
        let r = req(
            Method::GET,
            "/build?token=abc123",
            &[("host", "127.0.0.1:8123")],
        );
        assert_eq!(
            gate().check(&r),
            Verdict::SetCookie {
                location: "/build".into()
            }
        );
    }

    #[test]
    fn no_token_or_a_wrong_one_is_forbidden() {
        let host = ("host", "localhost:8123");
        assert_eq!(
            gate().check(&req(Method::GET, "/", &[host])),
            Verdict::Forbidden
        );
        let wrong = req(Method::GET, "/?token=abc124", &[host]);
        assert_eq!(gate().check(&wrong), Verdict::Forbidden);
        let cookie = req(Method::GET, "/", &[host, ("cookie", "workbook-8123=abc12")]);
        assert_eq!(gate().check(&cookie), Verdict::Forbidden);
        let other_port = req(
            Method::GET,
            "/",
            &[host, ("cookie", "workbook-8124=abc123")],
        );
        assert_eq!(gate().check(&other_port), Verdict::Forbidden);
    }

    #[test]
    fn only_this_servers_own_names_are_hosts() {
        let bearer = ("authorization", "Bearer abc123");
        for host in ["127.0.0.1:8123", "localhost:8123", "[::1]:8123"] {
            let r = req(Method::GET, "/", &[("host", host), bearer]);
            assert_eq!(gate().check(&r), Verdict::Pass, "{host}");
        }
        for host in [
            "evil.example:8123",
            "127.0.0.1:8124",
            "127.0.0.1",
            "0.0.0.0:8123",
        ] {
            let r = req(Method::GET, "/", &[("host", host), bearer]);
            assert_eq!(gate().check(&r), Verdict::BadHost, "{host}");
        }
    }

    #[test]
    fn a_post_needs_our_own_origin() {
        let host = ("host", "127.0.0.1:8123");
        let cookie = ("cookie", "a=b; workbook-8123=abc123");
        let ours = req(
            Method::POST,
            "/build",
            &[host, cookie, ("origin", "http://127.0.0.1:8123")],
        );
        assert_eq!(gate().check(&ours), Verdict::Pass);
        let foreign = req(
            Method::POST,
            "/build",
            &[host, cookie, ("origin", "http://evil.example")],
        );
        assert_eq!(gate().check(&foreign), Verdict::Forbidden);
        let none = req(Method::POST, "/build", &[host, cookie]);
        assert_eq!(gate().check(&none), Verdict::Forbidden);
        // A script's bearer token needs no Origin; a foreign one is refused.
        let bearer = ("authorization", "Bearer abc123");
        assert_eq!(
            gate().check(&req(Method::POST, "/build", &[host, bearer])),
            Verdict::Pass
        );
        let forged = req(Method::POST, "/build", &[host, bearer, ("origin", "null")]);
        assert_eq!(gate().check(&forged), Verdict::Forbidden);
    }
}
