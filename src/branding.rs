//! A practice's branding and contacts from `workbook.toml`: checked for
//! length and characters, so a long value wraps rather than breaks a page.

use std::path::PathBuf;

use serde_json::{Value, json};
use toml::Spanned;

use crate::config::LoadedConfig;
use crate::error::Result;

/// The longest value of each field, in characters. Enough for real names,
/// numbers and a welcome note; short enough that the cover and the support
/// page keep their shape.
const CAPS: &[(&str, usize)] = &[
    ("name", 80),
    ("practice", 120),
    ("phone", 40),
    ("email", 100),
    ("website", 100),
    ("note", 1200),
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
    pub email: Option<String>,
    pub website: Option<String>,
    pub note: Option<String>,
    pub logo: Option<PathBuf>,
    pub crisis_line: Option<String>,
    pub emergency: Option<String>,
    pub domestic_violence: Option<String>,
}

impl Branding {
    /// Reads and checks the `[counselor]` and `[support]` tables.
    pub fn from_config(loaded: &LoadedConfig) -> Result<Self> {
        let c = &loaded.config.counselor;
        let s = &loaded.config.support;
        let get =
            |section: &str, key: &str, v: &Option<Spanned<String>>| -> Result<Option<String>> {
                v.as_ref()
                    .map(|v| check(loaded, section, key, v))
                    .transpose()
            };
        Ok(Branding {
            name: get("counselor", "name", &c.name)?,
            practice: get("counselor", "practice", &c.practice)?,
            phone: get("counselor", "phone", &c.phone)?,
            email: get("counselor", "email", &c.email)?,
            website: get("counselor", "website", &c.website)?,
            note: get("counselor", "note", &c.note)?,
            logo: c.logo.as_ref().map(|l| loaded.resolve(l.get_ref())),
            crisis_line: get("support", "crisis-line", &s.crisis_line)?,
            emergency: get("support", "emergency", &s.emergency)?,
            domestic_violence: get("support", "domestic-violence", &s.domestic_violence)?,
        })
    }

    /// Every text a font must be able to show, with the key it came from.
    pub fn texts(&self) -> Vec<(&'static str, &str)> {
        [
            ("[counselor] name", &self.name),
            ("[counselor] practice", &self.practice),
            ("[counselor] phone", &self.phone),
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

    /// The `counselor` and `support` parts of `data.json`. The logo is
    /// added by the builder once it is prepared.
    pub fn to_json(&self) -> Value {
        let counselor_line = [&self.phone, &self.email, &self.website]
            .iter()
            .filter_map(|v| v.as_deref())
            .collect::<Vec<_>>()
            .join(" · ");
        let counselor_name = match (&self.name, &self.practice) {
            (Some(n), Some(p)) => Some(format!("{n}, {p}")),
            (n, p) => n.clone().or(p.clone()),
        };
        json!({
            "counselor": {
                "name": self.name,
                "practice": self.practice,
                "phone": self.phone,
                "email": self.email,
                "website": self.website,
                "note": self.note,
            },
            "support": {
                "emergency": self.emergency,
                "crisis-line": self.crisis_line,
                "domestic-violence": self.domestic_violence,
                "counselor": (!counselor_line.is_empty()).then_some(&counselor_line),
            },
            // Rows of the support list, by their labels in support-contacts.toml.
            "contacts": {
                "Our counselor": [counselor_name, (!counselor_line.is_empty()).then_some(&counselor_line)],
                "Crisis line": [Value::Null, self.crisis_line],
                "Emergency number": [Value::Null, self.emergency],
                "Domestic-violence line": [Value::Null, self.domestic_violence],
            },
        })
    }
}

fn check(
    loaded: &LoadedConfig,
    section: &str,
    key: &str,
    value: &Spanned<String>,
) -> Result<String> {
    let text = value.get_ref().trim();
    let cap = CAPS
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, c)| *c)
        .unwrap_or(120);
    let count = text.chars().count();
    if count > cap {
        return Err(loaded.error_at(
            value,
            format!("[{section}] {key} has {count} characters; at most {cap} fit the layout"),
            Some(
                "shorten it; the workbook prints it as it is, on the cover or the support page"
                    .into(),
            ),
        ));
    }
    let multiline = key == "note";
    if let Some(c) = text
        .chars()
        .find(|&c| c.is_control() && !(multiline && c == '\n'))
    {
        return Err(loaded.error_at(
            value,
            format!(
                "[{section}] {key} contains the control character U+{:04X}",
                c as u32
            ),
            None,
        ));
    }
    Ok(text.to_string())
}
