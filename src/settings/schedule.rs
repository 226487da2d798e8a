//! The dated logs' schedule: the start date and how many days they run.

use time::Date;
use time::macros::format_description;

use crate::diag::Problem;

/// The shortest and longest daily logs we print.
pub const DAYS_RANGE: std::ops::RangeInclusive<u32> = 1..=366;
/// Daily logs run four weeks unless asked otherwise.
pub const DEFAULT_DAYS: u32 = 28;
/// The years a start date may fall in: wide enough for any real couple,
/// narrow enough that a year of dated rows never leaves the calendar.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

const DATE_HINT: &str = "write the first day as year-month-day, e.g. 2026-12-01";

/// Parses `YYYY-MM-DD`, refusing dates that do not exist.
pub fn parse_date(value: &str) -> Result<Date, Problem> {
    let shape_ok = value.len() == 10
        && value.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shape_ok {
        return Err(Problem::with_hint(
            "it is not a date in the form YYYY-MM-DD",
            DATE_HINT,
        ));
    }
    let year: i32 = value[..4].parse().unwrap_or(0);
    if !YEARS.contains(&year) {
        return Err(Problem::with_hint(
            format!("the year must be from {} to {}", YEARS.start(), YEARS.end()),
            DATE_HINT,
        ));
    }
    let format = format_description!("[year]-[month]-[day]");
    Date::parse(value, &format).map_err(|e| {
        let why = match e {
            time::error::Parse::TryFromParsed(_) => "that day does not exist",
            _ => "it is not a date in the form YYYY-MM-DD",
        };
        Problem::with_hint(why, DATE_HINT)
    })
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
        assert_eq!(parse_date("2026-12-01").unwrap().to_string(), "2026-12-01");
        assert!(
            parse_date("2026-02-30")
                .unwrap_err()
                .reason
                .contains("does not exist")
        );
        assert!(parse_date("2028-02-29").is_ok());
        assert!(
            parse_date("tomorrow")
                .unwrap_err()
                .reason
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
