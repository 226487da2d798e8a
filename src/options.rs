//! The checked options of one build, from the command line (and later the config).

use std::path::PathBuf;

use time::Date;
use time::macros::format_description;

use crate::error::{Error, Result};
use crate::names::Names;
use crate::print::PrintOptions;

/// The shortest and longest daily logs we print.
pub const DAYS_RANGE: std::ops::RangeInclusive<u32> = 1..=366;
/// Daily logs run four weeks unless asked otherwise.
pub const DEFAULT_DAYS: u32 = 28;

/// Everything one build needs, checked.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub names: Names,
    pub print: PrintOptions,
    pub start_date: Option<Date>,
    pub days: u32,
    pub skip: Vec<String>,
    pub only: Vec<String>,
    pub font_paths: Vec<PathBuf>,
    pub output: Option<PathBuf>,
}

/// Parses `YYYY-MM-DD`, refusing dates that do not exist.
pub fn parse_date(value: &str) -> Result<Date> {
    let format = format_description!("[year]-[month]-[day]");
    Date::parse(value.trim(), &format).map_err(|e| {
        let why = match e {
            time::error::Parse::TryFromParsed(_) => "that day does not exist".to_string(),
            _ => "it is not a date in the form YYYY-MM-DD".to_string(),
        };
        Error::usage(
            format!("--start-date {value:?}: {why}"),
            Some("write the first day as year-month-day, e.g. --start-date 2026-12-01".to_string()),
        )
    })
}

/// Checks the length of the daily logs.
pub fn check_days(days: u32) -> Result<u32> {
    if DAYS_RANGE.contains(&days) {
        Ok(days)
    } else {
        Err(Error::usage(
            format!(
                "--days {days}: the daily logs can run from {} to {} days",
                DAYS_RANGE.start(),
                DAYS_RANGE.end()
            ),
            Some(format!(
                "leave --days out for {DEFAULT_DAYS} days (four weeks)"
            )),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(parse_date("2026-12-01").unwrap().to_string(), "2026-12-01");
        assert!(
            parse_date("2026-02-30")
                .unwrap_err()
                .to_string()
                .contains("does not exist")
        );
        assert!(parse_date("2028-02-29").is_ok());
        assert!(
            parse_date("tomorrow")
                .unwrap_err()
                .to_string()
                .contains("YYYY-MM-DD")
        );
    }

    #[test]
    fn days() {
        assert!(check_days(0).is_err());
        assert!(check_days(367).is_err());
        assert_eq!(check_days(366).unwrap(), 366);
    }
}
