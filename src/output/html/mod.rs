//! The HTML edition's page around what Typst's HTML export made: a
//! security policy that forbids every request (nothing is fetched or
//! sent, ever), the stylesheet and the script inline, and the table of
//! the book's write-in areas that the script saves answers with. One
//! self-contained file: images are already data URLs.

use base64::Engine as _;
use serde::Serialize;
use sha2::Digest as _;

use crate::typeset::marks::{Kind, Mark};

pub(crate) mod lock;

/// The stylesheet, inlined into every page.
const CSS: &str = include_str!("book.css");
/// The script that keeps the answers on the device, inlined.
const JS: &str = include_str!("book.js");

/// The saved answers' format and version, which the script writes and
/// `workbook answers` reads (answers/saved.rs).
const _: () = assert!(crate::answers::saved::VERSION == 1);

/// One write-in area as the page's script saves it: the same keys as
/// `workbook answers --format json` gives for a filled PDF.
#[derive(Debug, Serialize)]
struct Field<'a> {
    field: &'a str,
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    part: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    exercise: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    partner: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    prompt: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    row: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scale: Option<&'a str>,
}

/// What the script reads: which book (the key its answers are kept
/// under), its title, and every area once.
#[derive(Debug, Serialize)]
struct Table<'a> {
    book: &'a str,
    title: &'a str,
    fields: Vec<Field<'a>>,
}

/// The word a kind is saved as.
pub(crate) fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Text => "text",
        Kind::Multiline => "multiline",
        Kind::Check => "check",
        Kind::Choice => "choice",
    }
}

/// The page: Typst's `html` with the policy, style and script put in.
/// `book` names the book for the browser's storage (the same book built
/// again keeps its answers); `title` is the document's title.
pub(crate) fn page(html: &str, marks: &[Mark], book: &str, title: &str) -> String {
    let mut seen = std::collections::HashSet::new();
    let fields = marks
        .iter()
        .filter(|m| seen.insert(m.name.as_str()))
        .map(|m| {
            let info = |k: &str| m.info.get(k).map(String::as_str);
            Field {
                field: &m.name,
                kind: kind_name(m.kind),
                part: info("part"),
                exercise: info("exercise"),
                partner: info("partner"),
                prompt: info("prompt"),
                row: info("row"),
                column: info("column"),
                scale: info("scale"),
            }
        })
        .collect();
    let table = Table {
        book,
        title,
        fields,
    };
    // `</` never appears inside the script element's JSON.
    let json = serde_json::to_string(&table)
        .expect("strings serialise")
        .replace("</", "<\\/");
    let hash = script_hash();
    // Nothing may be fetched, framed, posted or sent: images are data URLs,
    // styles inline, and the one script is named by its hash.
    let policy = format!(
        "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'sha256-{hash}'; \
         form-action 'none'; base-uri 'none'"
    );
    let head = format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">\
         <meta name=\"referrer\" content=\"no-referrer\">\
         <meta name=\"generator\" content=\"workbook {}\">\
         <style>{CSS}</style>",
        env!("CARGO_PKG_VERSION")
    );
    let tail = format!(
        "<script type=\"application/json\" id=\"wb-fields\">{json}</script><script>{JS}</script>"
    );
    let mut out = String::with_capacity(html.len() + head.len() + tail.len());
    // The policy goes first in <head>, before anything it governs.
    match html.find("<head>") {
        Some(i) => {
            out.push_str(&html[..i + "<head>".len()]);
            out.push_str(&head);
            let rest = &html[i + "<head>".len()..];
            match rest.rfind("</body>") {
                Some(j) => {
                    out.push_str(&rest[..j]);
                    out.push_str(&tail);
                    out.push_str(&rest[j..]);
                }
                None => {
                    out.push_str(rest);
                    out.push_str(&tail);
                }
            }
        }
        None => {
            out.push_str(&head);
            out.push_str(html);
            out.push_str(&tail);
        }
    }
    out
}

/// The hash of the page's script, by which its policy lets it run.
pub(crate) fn script_hash() -> String {
    base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(JS.as_bytes()))
}

/// Whether `bytes` are a page this program wrote (a rebuild may replace it:
/// the answers are in the browser, not in the file).
pub(crate) fn is_ours(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let head = String::from_utf8_lossy(head);
    head.starts_with("<!DOCTYPE html>")
        && head.contains("<meta name=\"generator\" content=\"workbook ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_comes_first_and_the_script_last() {
        let page = page(
            "<!DOCTYPE html><html lang=\"en\"><head><title>T</title></head><body><p>x</p></body></html>",
            &[],
            "book",
            "T </script>",
        );
        let policy = page.find("Content-Security-Policy").unwrap();
        assert!(policy < page.find("<title>").unwrap());
        assert!(page.contains("default-src 'none'"));
        assert!(page.ends_with("</script></body></html>"));
        // The title cannot close the JSON's script element.
        assert!(!page.contains("T </script>"));
        assert!(is_ours(page.as_bytes()));
        assert!(!is_ours(b"<!DOCTYPE html><html>"));
    }
}
