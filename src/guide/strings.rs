//! The words Rust itself writes into a book (the PDF's title, a booklet's
//! subject, the names joined), from the language's strings file, `workbook/i18n/<lang>.toml`,
//! the same file the templates read their words from.

use crate::diag::{Error, Result};
use crate::sources::Sources;

/// The keys Rust reads; a file without one is refused when it is loaded,
/// so a title never goes out half in another language. (The `html.lock-`
/// keys: the locked HTML page, output/html/lock.rs.)
const KEYS: [&str; 14] = [
    "names.joined",
    "titles.workbook",
    "titles.own-pages",
    "titles.handout",
    "titles.handout-blank",
    "titles.facilitator",
    "titles.facilitator-for",
    "titles.booklet-subject",
    "html.lock-title",
    "html.lock-text",
    "html.lock-password",
    "html.lock-open",
    "html.lock-opening",
    "html.lock-wrong",
];

/// One language's strings.
#[derive(Debug, Clone)]
pub struct Strings(toml::Table);

impl Strings {
    /// Reads `workbook/i18n/<lang>.toml` and checks it has every key Rust reads.
    pub(crate) fn load(sources: &Sources, lang: &str) -> Result<Self> {
        let path = format!("/workbook/i18n/{lang}.toml");
        let text = super::read_text(sources, &path)?;
        let table: toml::Table = crate::diag::parse_toml(&path, text)?;
        let strings = Strings(table);
        if let Some(key) = KEYS.iter().find(|k| strings.raw(k).is_none()) {
            return Err(Error::at(
                &path,
                text,
                0,
                format!("no string `{key}`"),
                Some("every language's file has the keys of workbook/i18n/en.toml".into()),
            ));
        }
        Ok(strings)
    }

    fn raw(&self, key: &str) -> Option<&str> {
        let mut parts = key.split('.');
        let mut value = self.0.get(parts.next()?)?;
        for part in parts {
            value = value.as_table()?.get(part)?;
        }
        value.as_str()
    }

    /// The string at `key` (one of [`KEYS`]) with each `{name}` of `args`
    /// filled in.
    pub fn get(&self, key: &str, args: &[(&str, &str)]) -> String {
        debug_assert!(KEYS.contains(&key), "{key} is not checked on load");
        let mut out = self.raw(key).unwrap_or(key).to_string();
        for (name, value) in args {
            out = out.replace(&format!("{{{name}}}"), value);
        }
        out
    }

    /// Both names on one line: "Ana & Ben", "Ana y Ben".
    pub fn joined(&self, names: &crate::settings::names::Names) -> String {
        self.get("names.joined", &[("a", &names.a), ("b", &names.b)])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_fill_in_their_words() {
        let sources = Sources::embedded();
        let names = crate::settings::names::Names::parse("Ana & Ben").unwrap();
        let en = Strings::load(&sources, "en").unwrap();
        assert_eq!(en.joined(&names), "Ana & Ben");
        let es = Strings::load(&sources, "es").unwrap();
        assert_eq!(es.joined(&names), "Ana y Ben");
        assert_eq!(
            es.get(
                "titles.workbook",
                &[("title", "T"), ("couple", "Ana y Ben")]
            ),
            "T: un cuaderno de trabajo para Ana y Ben"
        );
    }

    #[test]
    fn a_file_without_a_title_is_refused() {
        let mut sources = Sources::embedded();
        let text = sources
            .text("/workbook/i18n/es.toml")
            .unwrap()
            .replace("handout-blank", "x");
        sources.insert("/workbook/i18n/es.toml", text);
        let e = Strings::load(&sources, "es").unwrap_err().to_string();
        assert!(e.contains("titles.handout-blank"), "{e}");
    }
}
