//! `workbook.toml`: the schema, read with positions so that every mistake
//! points at its file, line, column and key.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::diag::{Error, Origin, Result, line_column, parse_toml};
use crate::settings::paper::Paper;
use crate::settings::print::{Ruling, Sides, Standard};

/// The file looked for in the current folder when `-c` is not given.
pub const DEFAULT_FILE: &str = "workbook.toml";
/// A config larger than this is not a config.
const MAX_CONFIG_BYTES: u64 = 256 * 1024;

/// The whole of workbook.toml; every table is optional.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    pub sources: Option<Spanned<String>>,
    /// `edition = "counselor"`: the facilitator's guide.
    pub edition: Option<crate::settings::edition::Edition>,
    /// `lang = "es"`: the book's language.
    pub lang: Option<Spanned<String>>,
    /// `region = "MX"`: the couple's country, for the safety numbers.
    pub region: Option<Spanned<String>>,
    /// `format = "html"`: the HTML edition rather than a PDF.
    pub format: Option<crate::settings::format::Format>,
    #[serde(default)]
    pub couple: Couple,
    #[serde(default)]
    pub print: Print,
    #[serde(default)]
    pub counselor: Counselor,
    #[serde(default)]
    pub support: Support,
    #[serde(default)]
    pub content: ContentSection,
}

/// `[couple]`: who the workbook is for.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Couple {
    pub names: Option<Spanned<String>>,
    pub start_date: Option<Spanned<String>>,
    /// Which comes first in a start date written with slashes.
    pub date_order: Option<crate::settings::schedule::DateOrder>,
    pub photo: Option<Spanned<String>>,
}

/// `[print]`: how it is printed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Print {
    pub paper: Option<Paper>,
    pub sides: Option<Sides>,
    pub booklet: Option<bool>,
    pub ruling: Option<Ruling>,
    pub ink_saver: Option<bool>,
    pub fillable: Option<bool>,
    pub pdf_standard: Option<Vec<Standard>>,
}

/// `[counselor]`: the practice's details for the cover and support pages.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Counselor {
    pub name: Option<Spanned<String>>,
    pub practice: Option<Spanned<String>>,
    pub phone: Option<Spanned<String>>,
    /// A second number, such as an after-hours line.
    pub phone_2: Option<Spanned<String>>,
    pub email: Option<Spanned<String>>,
    pub website: Option<Spanned<String>>,
    pub logo: Option<Spanned<String>>,
    /// What a screen reader says for the logo.
    pub logo_alt: Option<Spanned<String>>,
    pub note: Option<Spanned<String>>,
}

/// `[support]`: the numbers on the safety page.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Support {
    pub crisis_line: Option<Spanned<String>>,
    pub emergency: Option<Spanned<String>>,
    pub domestic_violence: Option<Spanned<String>>,
}

/// `[content]`: what the book holds.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ContentSection {
    pub skip: Option<Vec<String>>,
    pub only: Option<Vec<String>>,
    pub days: Option<Spanned<u32>>,
    pub extra_exercises: Option<Spanned<String>>,
}

/// A config file, parsed, with what is needed to point at its lines.
#[derive(Debug, Clone)]
pub struct LoadedConfig {
    pub config: Config,
    pub path: PathBuf,
    pub text: String,
}

impl LoadedConfig {
    /// A practice that brands its workbooks but gives no local support
    /// numbers: the safety page then prints international fallbacks, and
    /// the practice should know. Printed once, as a warning.
    pub fn support_warning(&self) -> Option<String> {
        let c = &self.config.counselor;
        let s = &self.config.support;
        let practice = [&c.name, &c.practice, &c.phone, &c.email, &c.website]
            .iter()
            .any(|v| v.is_some());
        let support = [&s.crisis_line, &s.emergency, &s.domestic_violence]
            .iter()
            .any(|v| v.is_some());
        (practice && !support).then(|| {
            format!(
                "warning: {}: [counselor] is set but [support] is not, so the safety page prints international numbers\n\
                 hint: add your local numbers under [support]: crisis-line, emergency and domestic-violence\n",
                self.path.display()
            )
        })
    }

    /// An error at a value of this file.
    pub fn error_at<T>(&self, value: &Spanned<T>, message: String, hint: Option<String>) -> Error {
        Error::at(
            &self.path.display().to_string(),
            &self.text,
            value.span().start,
            message,
            hint,
        )
    }

    /// Where a value of this file is: its line, column and key.
    pub fn origin<T>(&self, value: &Spanned<T>, key: &str) -> Origin {
        let (line, column) = line_column(&self.text, value.span().start);
        Origin::Key {
            file: self.path.display().to_string(),
            line,
            column,
            key: key.to_string(),
        }
    }

    /// A path written in the file, relative to the file's folder.
    pub fn resolve(&self, value: &str) -> PathBuf {
        let base = self.path.parent().unwrap_or(Path::new("."));
        base.join(value)
    }
}

/// A path-valued key of an optional config (`sources`, `logo`, ...),
/// resolved against the file's folder.
pub fn path_from(
    config: Option<&LoadedConfig>,
    pick: fn(&Config) -> Option<&Spanned<String>>,
) -> Option<PathBuf> {
    let loaded = config?;
    pick(&loaded.config).map(|p| loaded.resolve(p.get_ref()))
}

/// Reads `-c FILE`, or `./workbook.toml` when it exists, or nothing.
pub fn load(explicit: Option<&Path>) -> Result<Option<LoadedConfig>> {
    let path = match explicit {
        Some(p) => p.to_path_buf(),
        // Present but odd (a folder, a pipe, a link to a device): say so
        // below rather than silently build without it.
        None if Path::new(DEFAULT_FILE).symlink_metadata().is_ok() => PathBuf::from(DEFAULT_FILE),
        None => return Ok(None),
    };
    let bad = |reason: String| Error::usage(format!("{}: {reason}", path.display()), None);
    let meta = std::fs::metadata(&path).map_err(|e| match e.kind() {
        // The plain words, not the OS's "(os error 2)".
        std::io::ErrorKind::NotFound => Error::usage(
            format!("no such file: {}", path.display()),
            Some(format!(
                "check the name, or run `workbook init` to write a starter {DEFAULT_FILE}"
            )),
        ),
        _ => bad(format!("cannot read the config file ({e})")),
    })?;
    if !meta.is_file() {
        return Err(bad("the config is not a regular file".into()));
    }
    if meta.len() > MAX_CONFIG_BYTES {
        return Err(bad(format!(
            "the config is {} KiB; a workbook.toml is at most 256 KiB",
            meta.len() / 1024
        )));
    }
    let bytes =
        std::fs::read(&path).map_err(|e| bad(format!("cannot read the config file ({e})")))?;
    let text = String::from_utf8(bytes).map_err(|_| bad("the config is not UTF-8 text".into()))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
    let config = parse(&path, &text)?;
    Ok(Some(LoadedConfig { config, path, text }))
}

/// Parses the text of a config, with hints for unknown keys and bad values.
pub fn parse(path: &Path, text: &str) -> Result<Config> {
    parse_toml(&path.display().to_string(), text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        parse(Path::new("workbook.toml"), text)
            .unwrap_err()
            .report()
    }

    #[test]
    fn a_full_config_parses() {
        let text = r#"
sources = "my-workbook"
[couple]
names = "Ana & Ben"
start-date = "2026-12-01"
[print]
paper = "letter"
sides = "duplex"
ruling = "college"
ink-saver = true
fillable = true
pdf-standard = ["ua-1", "a-2b"]
[counselor]
name = "Dr. Sam Example"
practice = "Example Couples Practice"
phone = "+1 555 0100"
email = "hello@example.org"
website = "example.org"
logo = "logo.png"
note = "Welcome."
[support]
crisis-line = "988"
emergency = "911"
[content]
skip = ["connection-menu"]
days = 28
extra-exercises = "exercises/"
"#;
        let c = parse(Path::new("workbook.toml"), text).unwrap();
        assert_eq!(c.print.paper, Some(Paper::Letter));
        assert_eq!(c.counselor.name.unwrap().into_inner(), "Dr. Sam Example");
    }

    #[test]
    fn unknown_keys_suggest_the_closest() {
        let report = err("[print]\npaper = \"a4\"\nink_saver = true\n");
        assert_eq!(
            report,
            "error: workbook.toml:3:1: unknown field `ink_saver`, expected one of `paper`, `sides`, `booklet`, `ruling`, `ink-saver`, `fillable`, `pdf-standard`\n\
             hint: did you mean `ink-saver`? The keys here are paper, sides, booklet, ruling, ink-saver, fillable, pdf-standard\n"
        );
    }

    #[test]
    fn bad_values_list_the_allowed_ones() {
        let report = err("[print]\npaper = \"a3\"\n");
        assert!(
            report.starts_with("error: workbook.toml:2:9: `paper`: unknown variant `a3`"),
            "{report}"
        );
        assert!(
            report.contains("hint: the allowed values are a4, letter, universal"),
            "{report}"
        );
    }

    #[test]
    fn an_unquoted_date_gets_a_hint() {
        let report = err("[couple]\nstart-date = 2026-12-01\n");
        assert!(report.contains("hint: put the value in quotes"), "{report}");
    }

    #[test]
    fn wrong_types_name_the_key() {
        let report = err("[content]\ndays = \"many\"\n");
        assert!(
            report.starts_with(
                "error: workbook.toml:2:8: `days`: invalid type: string \"many\", expected u32"
            ),
            "{report}"
        );
    }
}
