//! Paper sizes and the locale-based default.

use super::choice::Choice;
use serde::{Deserialize, Serialize};

/// The paper a workbook is laid out for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Paper {
    /// ISO A4, 210 x 297 mm.
    A4,
    /// US Letter, 8.5 x 11 in.
    Letter,
    /// 210 x 279.4 mm: A4's width and Letter's height, prints on either.
    Universal,
}

/// Any case in workbook.toml (`paper = "A4"`), as on the command line and
/// in a CSV cell; serde's own message lists the allowed values otherwise.
impl<'de> Deserialize<'de> for Paper {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let typed = String::deserialize(deserializer)?;
        Paper::parse(&typed).ok_or_else(|| {
            serde::de::Error::unknown_variant(&typed, &["a4", "letter", "universal"])
        })
    }
}

impl Choice for Paper {
    const NAMES: &'static [(&'static str, Self)] = &[
        ("a4", Paper::A4),
        ("letter", Paper::Letter),
        ("universal", Paper::Universal),
    ];
}

impl Paper {
    /// Width and height in millimetres.
    pub fn size_mm(self) -> (f64, f64) {
        match self {
            Paper::A4 => (210.0, 297.0),
            Paper::Letter => (215.9, 279.4),
            Paper::Universal => (210.0, 279.4),
        }
    }

    /// The name used on the command line and in messages.
    pub fn name(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::Letter => "letter",
            Paper::Universal => "universal",
        }
    }

    /// The default paper for the user's locale, from `LC_ALL`, `LC_PAPER`
    /// or `LANG` (the first that is set and not empty, as POSIX orders them).
    pub fn from_env() -> Paper {
        let locale = ["LC_ALL", "LC_PAPER", "LANG"]
            .iter()
            .filter_map(|var| std::env::var(var).ok())
            .find(|value| !value.is_empty())
            .unwrap_or_default();
        Paper::from_locale(&locale)
    }

    /// Letter for the countries that use it (from glibc's LC_PAPER data),
    /// A4 for everything else, including `C` and `POSIX`.
    pub fn from_locale(locale: &str) -> Paper {
        // "en_US.UTF-8@euro" -> territory "US"
        let territory = locale
            .split(['.', '@'])
            .next()
            .and_then(|lang| lang.split_once('_'))
            .map(|(_, t)| t.to_ascii_uppercase());
        const LETTER: &[&str] = &[
            "US", "CA", "MX", "PH", "CL", "CO", "VE", "CR", "GT", "NI", "PA", "SV", "DO", "PR",
            "BZ",
        ];
        match territory {
            Some(t) if LETTER.contains(&t.as_str()) => Paper::Letter,
            _ => Paper::A4,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_takes_any_case() {
        #[derive(Debug, Deserialize)]
        struct Print {
            paper: Paper,
        }
        for typed in ["A4", "a4", "Letter", "UNIVERSAL"] {
            let p: Print = toml::from_str(&format!("paper = \"{typed}\"")).unwrap();
            assert_eq!(p.paper.name(), typed.to_ascii_lowercase());
        }
        let e = toml::from_str::<Print>("paper = \"A3\"").unwrap_err();
        assert!(e.message().contains("unknown variant `A3`"), "{e}");
    }

    #[test]
    fn locales() {
        assert_eq!(Paper::from_locale("en_US.UTF-8"), Paper::Letter);
        assert_eq!(Paper::from_locale("fr_CA.UTF-8"), Paper::Letter);
        assert_eq!(Paper::from_locale("es_mx"), Paper::Letter);
        assert_eq!(Paper::from_locale("en_GB.UTF-8"), Paper::A4);
        assert_eq!(Paper::from_locale("de_DE@euro"), Paper::A4);
        assert_eq!(Paper::from_locale("C"), Paper::A4);
        assert_eq!(Paper::from_locale("POSIX"), Paper::A4);
        assert_eq!(Paper::from_locale(""), Paper::A4);
    }
}
