//! The checked options of one build, from the command line (and later the config).

use std::path::PathBuf;

use time::Date;
use time::macros::format_description;

use crate::branding::Branding;
use crate::cli::BuildArgs;
use crate::config::{LoadedConfig, path_from};
use crate::error::{Error, Result};
use crate::names::Names;
use crate::paper::Paper;
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
    /// A cover photo, not yet read.
    pub photo: Option<PathBuf>,
    /// An ejected project folder to build from.
    pub sources: Option<PathBuf>,
    /// A folder of the counselor's own exercises.
    pub extra_exercises: Option<PathBuf>,
    pub branding: Branding,
}

/// An on/off setting: `--x` or `--no-x` (the last given wins), else the
/// config file, else off.
fn switch(on: bool, off: bool, file: Option<bool>) -> bool {
    on || (!off && file.unwrap_or(false))
}

impl BuildOptions {
    /// Merges the command line over the config file over the defaults.
    /// Mistakes in the file are reported at their line in the file.
    pub fn resolve(args: BuildArgs, config: Option<&LoadedConfig>) -> Result<Self> {
        let file = config.map(|c| &c.config);
        let names = match (&args.names, file.and_then(|f| f.couple.names.as_ref())) {
            (Some(n), _) => Names::parse(n)?,
            (None, Some(n)) => {
                let loaded = config.expect("a file value comes from a file");
                Names::parse(n.get_ref()).map_err(|e| loaded.error_at(n, e.to_string(), None))?
            }
            (None, None) => {
                return Err(Error::usage(
                    "no names given",
                    Some("say who the workbook is for: --names \"Ana & Ben\"".to_string()),
                ));
            }
        };
        let start_date = match (
            &args.start_date,
            file.and_then(|f| f.couple.start_date.as_ref()),
        ) {
            (Some(d), _) => Some(parse_date(d)?),
            (None, Some(d)) => {
                let loaded = config.expect("a file value comes from a file");
                Some(parse_date(d.get_ref()).map_err(|e| {
                    loaded.error_at(
                        d,
                        format!(
                            "start-date: {}",
                            e.to_string().split_once(": ").map(|x| x.1).unwrap_or("")
                        ),
                        Some("write it as \"YYYY-MM-DD\", e.g. \"2026-12-01\"".into()),
                    )
                })?)
            }
            (None, None) => None,
        };
        let days = match (args.days, file.and_then(|f| f.content.days.as_ref())) {
            (Some(d), _) => check_days(d)?,
            (None, Some(d)) => {
                let loaded = config.expect("a file value comes from a file");
                check_days(*d.get_ref()).map_err(|e| {
                    loaded.error_at(d, e.to_string().replacen("--days", "days =", 1), None)
                })?
            }
            (None, None) => DEFAULT_DAYS,
        };
        let print_file = file.map(|f| f.print.clone()).unwrap_or_default();
        let print = PrintOptions {
            paper: args
                .paper
                .or(print_file.paper)
                .unwrap_or_else(Paper::from_env),
            sides: args.sides.or(print_file.sides).unwrap_or_default(),
            booklet: switch(args.booklet, args.no_booklet, print_file.booklet),
            ruling: args.ruling.or(print_file.ruling).unwrap_or_default(),
            ink_saver: switch(args.ink_saver, args.no_ink_saver, print_file.ink_saver),
            fillable: switch(args.fillable, args.no_fillable, print_file.fillable),
            standards: if args.pdf_standard.is_empty() {
                print_file
                    .pdf_standard
                    .unwrap_or_default()
                    .into_iter()
                    .map(Into::into)
                    .collect()
            } else {
                args.pdf_standard
            },
        };
        let list = |flag: Vec<String>, from_file: Option<&Vec<String>>| {
            if flag.is_empty() {
                from_file.cloned().unwrap_or_default()
            } else {
                flag
            }
        };
        let sources = args
            .sources
            .clone()
            .or_else(|| path_from(config, |c| c.sources.as_ref()));
        let photo = args
            .photo
            .or_else(|| path_from(config, |c| c.couple.photo.as_ref()));
        Ok(BuildOptions {
            names,
            print,
            start_date,
            days,
            skip: list(args.skip, file.and_then(|f| f.content.skip.as_ref())),
            only: list(args.only, file.and_then(|f| f.content.only.as_ref())),
            font_paths: args.font_path,
            output: args.output,
            photo,
            sources,
            extra_exercises: path_from(config, |c| c.content.extra_exercises.as_ref()),
            branding: config
                .map(Branding::from_config)
                .transpose()?
                .unwrap_or_default(),
        })
    }
}

/// The years a start date may fall in: wide enough for any real couple,
/// narrow enough that a year of dated rows never leaves the calendar.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// Parses `YYYY-MM-DD`, refusing dates that do not exist.
pub fn parse_date(value: &str) -> Result<Date> {
    let shape_ok = value.len() == 10
        && value.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shape_ok {
        return Err(Error::usage(
            format!("--start-date {value:?}: it is not a date in the form YYYY-MM-DD"),
            Some("write the first day as year-month-day, e.g. --start-date 2026-12-01".to_string()),
        ));
    }
    let year: i32 = value[..4].parse().unwrap_or(0);
    if !YEARS.contains(&year) {
        return Err(Error::usage(
            format!(
                "--start-date {value:?}: the year must be from {} to {}",
                YEARS.start(),
                YEARS.end()
            ),
            Some("write the first day as year-month-day, e.g. --start-date 2026-12-01".to_string()),
        ));
    }
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
