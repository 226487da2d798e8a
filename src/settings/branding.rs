//! A practice's branding and contacts from `workbook.toml`: checked for
//! length and characters, so a long value wraps rather than breaks a page.

use std::path::PathBuf;

use toml::Spanned;

use crate::diag::{Problem, Result};
use crate::settings::config::LoadedConfig;

/// The longest value of each field, in characters. Enough for real names,
/// numbers and a welcome note; short enough that the cover and the support
/// page keep their shape.
const CAPS: &[(&str, usize)] = &[
    ("name", 80),
    ("practice", 120),
    ("phone", 40),
    ("phone-2", 40),
    ("email", 100),
    ("website", 100),
    ("note", 1200),
    ("logo-alt", 150),
    ("crisis-line", 120),
    ("emergency", 120),
    ("domestic-violence", 120),
];

/// Counselor and support details, all optional.
#[derive(Debug, Clone, Default)]
pub struct Branding {
    pub name: Option<String>,
    pub practice: Option<String>,
    pub phone: Option<String>,
    pub phone_2: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub note: Option<String>,
    pub logo: Option<PathBuf>,
    /// The logo's alternative text, for screen readers; the templates fall
    /// back to "Logo of" and the practice's name.
    pub logo_alt: Option<String>,
    pub crisis_line: Option<String>,
    pub emergency: Option<String>,
    pub domestic_violence: Option<String>,
}

impl Branding {
    /// Reads and checks the `[counselor]` and `[support]` tables.
    pub fn from_config(loaded: &LoadedConfig) -> Result<Self> {
        let c = &loaded.config.counselor;
        let s = &loaded.config.support;
        let get = |key: &str, v: &Option<Spanned<String>>| -> Result<Option<String>> {
            v.as_ref()
                .map(|v| {
                    check_text(key, v.get_ref()).map_err(|p| p.at(loaded.origin(v, key), None))
                })
                .transpose()
        };
        Ok(Branding {
            name: get("name", &c.name)?,
            practice: get("practice", &c.practice)?,
            phone: get("phone", &c.phone)?,
            phone_2: get("phone-2", &c.phone_2)?,
            email: get("email", &c.email)?,
            website: get("website", &c.website)?,
            note: get("note", &c.note)?,
            logo: c.logo.as_ref().map(|l| loaded.resolve(l.get_ref())),
            logo_alt: get("logo-alt", &c.logo_alt)?,
            crisis_line: get("crisis-line", &s.crisis_line)?,
            emergency: get("emergency", &s.emergency)?,
            domestic_violence: get("domestic-violence", &s.domestic_violence)?,
        })
    }

    /// Every text a font must be able to show, with the key it came from.
    pub fn texts(&self) -> Vec<(&'static str, &str)> {
        [
            ("[counselor] name", &self.name),
            ("[counselor] practice", &self.practice),
            ("[counselor] phone", &self.phone),
            ("[counselor] phone-2", &self.phone_2),
            ("[counselor] email", &self.email),
            ("[counselor] website", &self.website),
            ("[counselor] note", &self.note),
            ("[support] crisis-line", &self.crisis_line),
            ("[support] emergency", &self.emergency),
            ("[support] domestic-violence", &self.domestic_violence),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.as_deref().map(|v| (k, v)))
        .collect()
    }
}

/// The longest value of `key`, in characters.
pub(crate) fn cap(key: &str) -> usize {
    CAPS.iter()
        .find(|(k, _)| *k == key)
        .map(|(_, c)| *c)
        .unwrap_or(120)
}

/// The one rule for a practice's texts, whether from workbook.toml or a
/// CSV cell: trimmed, Windows line ends made plain, within the field's cap,
/// and no control characters (a note may have line breaks).
pub fn check_text(key: &str, value: &str) -> Result<String, Problem> {
    let text = value.trim().replace("\r\n", "\n");
    let cap = cap(key);
    let count = text.chars().count();
    if count > cap && key == "logo-alt" {
        // Never printed: read aloud, where a short description serves best.
        return Err(Problem::with_hint(
            format!("it has {count} characters; a logo's description takes at most {cap}"),
            "describe the logo in a sentence; a screen reader reads all of it each time",
        ));
    }
    if count > cap {
        return Err(Problem::with_hint(
            format!("it has {count} characters; at most {cap} fit the layout"),
            "shorten it; the workbook prints it as it is, on the cover or the support page",
        ));
    }
    let multiline = key == "note";
    if let Some(c) = text
        .chars()
        .find(|&c| c.is_control() && !(multiline && c == '\n'))
    {
        return Err(Problem::new(format!(
            "it contains the control character U+{:04X}",
            c as u32
        )));
    }
    Ok(text)
}
