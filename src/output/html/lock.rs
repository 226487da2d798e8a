//! A locked HTML page (`--format html` with a password): the whole page,
//! encrypted with AES-256-GCM under a key from PBKDF2-SHA-256 (600,000
//! iterations, a random salt and nonce), inside a small page that asks for
//! the password and decrypts it in the browser with WebCrypto. The page
//! before unlocking shows no name: its title and words are the same for
//! every book in a language (`html.lock-*` in workbook/i18n/).

use aes_gcm::aead::Aead;
use aes_gcm::{Aes256Gcm, KeyInit};
use base64::Engine as _;
use sha2::Digest as _;
use unicode_normalization::UnicodeNormalization;

use crate::diag::{Error, Result};
use crate::guide::strings::Strings;
use crate::settings::password::Password;

/// PBKDF2 iterations: OWASP's figure for PBKDF2-HMAC-SHA256.
pub(crate) const ITERATIONS: u32 = 600_000;

/// The unlock script, inlined.
const UNLOCK_JS: &str = include_str!("unlock.js");

/// The locked page holding `page` (a whole HTML page, already finished),
/// which the browser opens with `password`. `inner_script_hash` is the
/// hash of the page's own script, which the policy lets run once opened;
/// the words are `strings`' (the book's language, `lang`).
pub(crate) fn lock(
    page: &str,
    password: &Password,
    inner_script_hash: &str,
    strings: &Strings,
    lang: &str,
) -> Result<String> {
    let salt: [u8; 16] = random()?;
    let nonce: [u8; 12] = random()?;
    // The browser types NFC text; so is the key made from here.
    let typed: String = password.expose().nfc().collect();
    let mut key = [0u8; 32];
    pbkdf2::pbkdf2_hmac::<sha2::Sha256>(typed.as_bytes(), &salt, ITERATIONS, &mut key);
    let cipher = Aes256Gcm::new_from_slice(&key)
        .map_err(|_| Error::internal("an AES-256 key is 32 bytes"))?;
    let sealed = cipher
        .encrypt(&nonce.into(), page.as_bytes())
        .map_err(|_| Error::internal("the page could not be encrypted"))?;
    let b64 = |b: &[u8]| base64::engine::general_purpose::STANDARD.encode(b);
    let unlock_hash = b64(&sha2::Sha256::digest(UNLOCK_JS.as_bytes()));
    let policy = format!(
        "default-src 'none'; img-src data:; style-src 'unsafe-inline'; \
         script-src 'sha256-{unlock_hash}' 'sha256-{inner_script_hash}'; form-action 'none'; base-uri 'none'"
    );
    let say = |key: &str| escape(&strings.get(key, &[]));
    Ok(format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">\
         <meta name=\"referrer\" content=\"no-referrer\">\
         <meta name=\"generator\" content=\"workbook {version}\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><style>{css}</style></head><body>\
         <main id=\"main\"><h1>{title}</h1><p>{text}</p>\
         <form id=\"wb-unlock\" data-opening=\"{opening}\" data-wrong=\"{wrong}\">\
         <label for=\"wb-password\">{password}</label>\
         <input type=\"password\" id=\"wb-password\" autocomplete=\"current-password\" required>\
         <button type=\"submit\">{open}</button>\
         <p id=\"wb-unlock-status\" role=\"status\" aria-live=\"polite\"></p></form></main>\
         <script type=\"application/json\" id=\"wb-locked\">{{\"salt\":\"{salt}\",\"nonce\":\"{nonce}\",\"iterations\":{ITERATIONS},\"data\":\"{data}\"}}</script>\
         <script>{UNLOCK_JS}</script></body></html>",
        version = env!("CARGO_PKG_VERSION"),
        lang = escape(lang),
        title = say("html.lock-title"),
        text = say("html.lock-text"),
        opening = say("html.lock-opening"),
        wrong = say("html.lock-wrong"),
        password = say("html.lock-password"),
        open = say("html.lock-open"),
        css = super::CSS,
        salt = b64(&salt),
        nonce = b64(&nonce),
        data = b64(&sealed),
    ))
}

/// `s` safe as an HTML attribute or text: the language file's words are
/// ours, but a practice may edit its copy of them.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// `N` bytes from the operating system's random source.
fn random<const N: usize>() -> Result<[u8; N]> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes)
        .map_err(|e| Error::internal(format!("no random numbers for the page's key: {e}")))?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_locked_page_opens_with_its_password_only_and_names_no_one() {
        let password = Password::check("correct horse").unwrap();
        let strings = Strings::load(&crate::sources::Sources::embedded(), "es").unwrap();
        let page = lock("<p>Ana & Ben</p>", &password, "x", &strings, "es").unwrap();
        let shown = page
            .split("<script type=\"application/json\"")
            .next()
            .unwrap();
        assert!(!shown.contains("Ana"), "no name before unlocking");
        // In the book's language, from its strings file.
        assert!(shown.starts_with("<!DOCTYPE html><html lang=\"es\">"));
        assert!(shown.contains("<h1>Un cuaderno con contraseña</h1>"));
        assert!(shown.contains("data-wrong=\"Esa contraseña no abre este cuaderno.\""));
        let field = |k: &str| {
            let at = page.find(&format!("\"{k}\":\"")).unwrap() + k.len() + 4;
            base64::engine::general_purpose::STANDARD
                .decode(&page[at..at + page[at..].find('"').unwrap()])
                .unwrap()
        };
        let (salt, nonce, data) = (field("salt"), field("nonce"), field("data"));
        let open = |typed: &str| {
            let mut key = [0u8; 32];
            pbkdf2::pbkdf2_hmac::<sha2::Sha256>(typed.as_bytes(), &salt, ITERATIONS, &mut key);
            let nonce: [u8; 12] = nonce.clone().try_into().unwrap();
            Aes256Gcm::new_from_slice(&key)
                .unwrap()
                .decrypt(&nonce.into(), data.as_slice())
        };
        assert_eq!(open("correct horse").unwrap(), b"<p>Ana & Ben</p>");
        assert!(open("wrong horse").is_err());
    }
}
