//! The dated logs' schedule: the start date and how many days they run.

use super::choice::Choice;
use serde::Deserialize;
use time::{Date, Month};

use crate::diag::Problem;

/// The shortest and longest daily logs we print.
pub const DAYS_RANGE: std::ops::RangeInclusive<u32> = 1..=366;
/// Daily logs run four weeks unless asked otherwise.
pub const DEFAULT_DAYS: u32 = 28;
/// The years a start date may fall in: wide enough for any real couple,
/// narrow enough that a year of dated rows never leaves the calendar.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

const DATE_HINT: &str = "write the first day as year-month-day, e.g. 2026-12-01";

/// Which comes first in a date written with slashes, `08/12/2026`: the day
/// (most of the world) or the month (the US). `date-order` in
/// workbook.toml or `--date-order` settles it; dots (`01.12.2026`) are
/// always day first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateOrder {
    /// Day, month, year: 08/12/2026 is 8 December.
    Dmy,
    /// Month, day, year: 08/12/2026 is August 12.
    Mdy,
}

impl Choice for DateOrder {
    const NAMES: &'static [(&'static str, Self)] =
        &[("dmy", DateOrder::Dmy), ("mdy", DateOrder::Mdy)];
}

/// Parses a start date: `YYYY-MM-DD`, `DD.MM.YYYY` (day first), or
/// `DD/MM/YYYY` / `MM/DD/YYYY` when the order is known or only one reading
/// is a real date. Refuses dates that do not exist, naming the part at
/// fault.
pub fn parse_date(value: &str, order: Option<DateOrder>) -> Result<Date, Problem> {
    let not_a_date = || Problem::with_hint("it is not a date in the form YYYY-MM-DD", DATE_HINT);
    let numbers = |sep: char| -> Option<Vec<u32>> {
        let parts: Vec<&str> = value.split(sep).collect();
        let ok = parts.len() == 3
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()));
        ok.then(|| parts.iter().map(|p| p.parse().unwrap_or(0)).collect())
    };
    let iso_shape = value.len() == 10
        && value.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if iso_shape {
        let n = numbers('-').ok_or_else(not_a_date)?;
        return ymd(n[0], n[1], n[2]);
    }
    if let Some(n) = numbers('.') {
        four_digit_year(value, n[2])?;
        return ymd(n[2], n[1], n[0]);
    }
    let Some(n) = numbers('/') else {
        return Err(not_a_date());
    };
    four_digit_year(value, n[2])?;
    let (a, b, year) = (n[0], n[1], n[2]);
    match order {
        Some(DateOrder::Dmy) => ymd(year, b, a),
        Some(DateOrder::Mdy) => ymd(year, a, b),
        // Only one reading has a month from 1 to 12, or both read the same.
        None if a > 12 || a == b => ymd(year, b, a),
        None if b > 12 => ymd(year, a, b),
        None => {
            let reading = |day: u32, month: u32| {
                ymd(year, month, day)
                    .map(|d| format!("{} {} {year}", d.day(), d.month()))
                    .unwrap_or_default()
            };
            Err(Problem::with_hint(
                format!(
                    "it could be {} (day first) or {} (month first)",
                    reading(a, b),
                    reading(b, a)
                ),
                "write it as year-month-day (e.g. 2026-12-08), or say which comes first: \
                 date-order = \"dmy\" or \"mdy\" under [couple] in workbook.toml, or --date-order dmy",
            ))
        }
    }
}

/// `01.12.26`: the century is a guess, so it is asked for.
fn four_digit_year(value: &str, year: u32) -> Result<(), Problem> {
    if value
        .rsplit(['.', '/'])
        .next()
        .is_some_and(|y| y.len() == 4)
    {
        Ok(())
    } else {
        Err(Problem::with_hint(
            format!("the year {year} needs all four digits"),
            DATE_HINT,
        ))
    }
}

/// A date from its three numbers, or which of them is wrong.
fn ymd(year: u32, month: u32, day: u32) -> Result<Date, Problem> {
    let year = i32::try_from(year).unwrap_or(0);
    if !YEARS.contains(&year) {
        return Err(Problem::with_hint(
            format!("the year must be from {} to {}", YEARS.start(), YEARS.end()),
            DATE_HINT,
        ));
    }
    let month = u8::try_from(month)
        .ok()
        .and_then(|m| Month::try_from(m).ok())
        .ok_or_else(|| {
            Problem::with_hint(
                format!("the month is {month}; months run from 1 to 12"),
                DATE_HINT,
            )
        })?;
    u8::try_from(day)
        .ok()
        .and_then(|d| Date::from_calendar_date(year, month, d).ok())
        .ok_or_else(|| Problem::with_hint("that day does not exist", DATE_HINT))
}

/// A start date more than a month before today is most often a typo (last
/// year, or the month and day swapped): it builds, but says so.
pub fn long_ago(start: Date, today: Date) -> Option<String> {
    (start < today - time::Duration::days(31)).then(|| {
        format!(
            "the start date {start} is more than a month ago, so the daily logs begin on a day already past; \
             check the year and month, or leave the start date out"
        )
    })
}

/// Checks the length of the daily logs.
pub fn check_days(days: u32) -> Result<u32, Problem> {
    if DAYS_RANGE.contains(&days) {
        Ok(days)
    } else {
        Err(Problem::with_hint(
            format!(
                "the daily logs can run from {} to {} days",
                DAYS_RANGE.start(),
                DAYS_RANGE.end()
            ),
            format!("leave it out for {DEFAULT_DAYS} days (four weeks)"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        let ok = |v: &str, o| parse_date(v, o).unwrap().to_string();
        let why = |v: &str, o| parse_date(v, o).unwrap_err().reason;
        assert_eq!(ok("2026-12-01", None), "2026-12-01");
        assert!(why("2026-02-30", None).contains("does not exist"));
        assert!(parse_date("2028-02-29", None).is_ok());
        assert!(why("tomorrow", None).contains("YYYY-MM-DD"));
        assert_eq!(
            why("2026-13-01", None),
            "the month is 13; months run from 1 to 12"
        );
        assert_eq!(
            why("2026-00-01", None),
            "the month is 0; months run from 1 to 12"
        );
        // Dots: day first, whatever the order says.
        assert_eq!(ok("01.12.2026", None), "2026-12-01");
        assert_eq!(ok("1.12.2026", Some(DateOrder::Mdy)), "2026-12-01");
        assert!(why("31.02.2026", None).contains("does not exist"));
        assert!(why("01.12.26", None).contains("four digits"));
        // Slashes: settled by the order, or by the only reading that exists.
        assert_eq!(
            why("08/12/2026", None),
            "it could be 8 December 2026 (day first) or 12 August 2026 (month first)"
        );
        assert_eq!(ok("08/12/2026", Some(DateOrder::Dmy)), "2026-12-08");
        assert_eq!(ok("08/12/2026", Some(DateOrder::Mdy)), "2026-08-12");
        assert_eq!(ok("25/12/2026", None), "2026-12-25");
        assert_eq!(ok("12/25/2026", None), "2026-12-25");
        assert_eq!(ok("07/07/2026", None), "2026-07-07");
        assert!(why("12/25/2026", Some(DateOrder::Dmy)).contains("month is 25"));
    }

    #[test]
    fn days() {
        assert!(check_days(0).is_err());
        assert!(check_days(367).is_err());
        assert_eq!(check_days(366).unwrap(), 366);
    }
}
