//! `--lang`: the languages the guide is written in, the one a value
//! names, and which of a build's places gives it. The files of each live
//! under `workbook/<code>/` (see `guide::lang`).

use super::Given;
use super::config::LoadedConfig;
use crate::diag::{Origin, Problem, Result};

/// The languages the guide is written in, English first (the default).
pub const LANGUAGES: [&str; 2] = ["en", "es"];

/// Each language's name in its own words, in the order of [`LANGUAGES`]:
/// what a reader of that language looks for in a list.
pub const OWN_NAMES: [&str; LANGUAGES.len()] = ["English", "Español"];

/// The language `value` names (`es`, `ES`), or the problem naming those
/// the guide is written in.
pub fn code(value: &str) -> std::result::Result<&'static str, Problem> {
    let value = value.trim().to_ascii_lowercase();
    LANGUAGES.into_iter().find(|l| *l == value).ok_or_else(|| {
        Problem::new(format!(
            "the guide is written in {}",
            LANGUAGES.join(" and ")
        ))
    })
}

/// A build's language: the first of a CSV row's `lang` cell, `--lang`
/// (or a form's `lang` field) and workbook.toml's `lang`, else English.
/// Every command that takes a language asks here, so they agree on which
/// wins; a refusal names where the value came from, as written.
pub fn choose(
    cell: Option<Given>,
    flag: Option<&str>,
    config: Option<&LoadedConfig>,
) -> Result<&'static str> {
    let flag = flag.map(|value| Given {
        value: value.to_string(),
        origin: Origin::Flag("--lang"),
    });
    let key = config.and_then(|loaded| {
        let value = loaded.config.lang.as_ref()?;
        Some(Given {
            value: value.get_ref().clone(),
            origin: loaded.origin(value, "lang"),
        })
    });
    match cell.or(flag).or(key) {
        None => Ok(LANGUAGES[0]),
        Some(given) => {
            code(&given.value).map_err(|p| p.at(given.origin, Some(format!("{:?}", given.value))))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(value: &str) -> Given {
        Given {
            value: value.to_string(),
            origin: Origin::Cell {
                file: "couples.csv".into(),
                line: 4,
                column: "lang".into(),
            },
        }
    }

    #[test]
    fn a_cell_wins_over_the_flag_and_the_flag_over_the_default() {
        assert_eq!(choose(None, None, None).unwrap(), "en");
        assert_eq!(choose(None, Some("ES"), None).unwrap(), "es");
        assert_eq!(choose(Some(cell("en")), Some("es"), None).unwrap(), "en");
    }

    #[test]
    fn a_refusal_names_where_the_value_was_written() {
        let e = choose(Some(cell("xx")), Some("es"), None).unwrap_err();
        assert_eq!(
            e.to_string(),
            "couples.csv:4: lang \"xx\": the guide is written in en and es"
        );
        let e = choose(None, Some("fr"), None).unwrap_err();
        assert_eq!(
            e.to_string(),
            "--lang \"fr\": the guide is written in en and es"
        );
    }
}
