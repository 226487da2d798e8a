//! The checked settings of one build: a CSV row's cells over the flags over
//! workbook.toml over the defaults, each value checked where it came from.

pub mod branding;
pub mod choice;
pub mod config;
pub mod edition;
mod flags;
pub mod format;
pub mod lang;
pub mod names;
pub mod paper;
pub mod password;
pub mod print;
mod resolve;
pub mod schedule;
pub mod split;

use std::path::PathBuf;

use time::{Date, OffsetDateTime};

use crate::diag::{Error, Origin, Result};
use branding::Branding;
use names::Names;
use paper::Paper;
use password::Password;
use print::PrintOptions;

pub use flags::Flags;

/// Default `--time-limit`: a workbook takes well under a second; a minute
/// means a loop.
pub const DEFAULT_TIME: std::time::Duration = std::time::Duration::from_secs(60);
/// Default `--memory-limit`: a workbook peaks near 200 MiB; 2 GiB means
/// runaway allocation.
pub const DEFAULT_MEMORY: u64 = 2 * 1024 * 1024 * 1024;

/// Everything one build needs, checked.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub names: Names,
    /// The book's language (`--lang`): one of `settings::lang::LANGUAGES`.
    pub lang: &'static str,
    /// The couple's country (`--region`), upper case, when given.
    pub region: Option<String>,
    /// The couple's book, or the counselor's guide (`--edition`).
    pub edition: edition::Edition,
    /// Whether the names were given; a counselor's guide may have none,
    /// and then says "Partner A" and "Partner B".
    pub names_given: bool,
    pub print: PrintOptions,
    pub start_date: Option<Date>,
    pub days: u32,
    pub skip: Vec<String>,
    pub only: Vec<String>,
    pub font_paths: Vec<PathBuf>,
    pub output: Option<PathBuf>,
    /// A cover photo, not yet read.
    pub photo: Option<PathBuf>,
    /// Where the photo was named, for its messages: `--photo`, a CSV cell
    /// (`couples.csv:3: photo`) or a key of workbook.toml.
    pub photo_field: String,
    /// An ejected project folder to build from.
    pub sources: Option<PathBuf>,
    /// A folder of the counselor's own exercises.
    pub extra_exercises: Option<PathBuf>,
    pub branding: Branding,
    /// When the PDF says it was made.
    pub now: OffsetDateTime,
    /// How long a build from `--sources` may take (`--time-limit`).
    pub time_limit: std::time::Duration,
    /// How much memory the process may use building from `--sources`, in
    /// bytes (`--memory-limit`, in MiB).
    pub memory_limit: u64,
    /// Locks the PDF (AES-256) when given: a CSV cell, else
    /// `--password-file`, else `WORKBOOK_PASSWORD`.
    pub password: Option<Password>,
    /// `--split partners`: each partner's own file is locked with that
    /// partner's own password (a CSV cell, else `--partner1-password-file`
    /// and `--partner2-password-file`), never with the shared one, which
    /// the other partner knows.
    pub partner_passwords: [Option<Password>; 2],
    /// `--handout ID`: these exercises as a handout instead of the book.
    pub handout: Vec<String>,
    /// `--split partners`: the book in three files.
    pub split: Option<split::Split>,
    /// A PDF, or the HTML edition (`--format html`, `format = "html"`).
    pub format: format::Format,
}

/// What the environment says about every build of this process, read once.
#[derive(Debug, Clone)]
pub struct Environment {
    /// `SOURCE_DATE_EPOCH` when set (reproducible builds), else the day of
    /// the build at midnight UTC.
    pub now: OffsetDateTime,
    /// The paper of the user's locale, when neither flag nor file says.
    pub paper: Paper,
    /// `WORKBOOK_PASSWORD`, checked: the password when no CSV cell or
    /// `--password-file` gives one. Never a flag: a command line shows in
    /// `ps` and the shell's history.
    pub password: Option<Password>,
}

impl Environment {
    /// Reads `SOURCE_DATE_EPOCH`, the locale and `WORKBOOK_PASSWORD`.
    pub fn read() -> Result<Self> {
        let now = match std::env::var("SOURCE_DATE_EPOCH") {
            Ok(value) => {
                let secs: i64 = value.trim().parse().map_err(|_| {
                    Error::usage(
                        format!("SOURCE_DATE_EPOCH={value:?} is not a number of seconds"),
                        Some("unset it, or set it to a Unix time such as 1764547200".to_string()),
                    )
                })?;
                OffsetDateTime::from_unix_timestamp(secs).map_err(|_| {
                    Error::usage(format!("SOURCE_DATE_EPOCH={value:?} is out of range"), None)
                })?
            }
            // Only the day: a PDF built twice on one day is the same file,
            // and the time of day a couple's workbook was made is nobody's
            // business (docs/src/reproducible.md).
            Err(_) => OffsetDateTime::now_utc().replace_time(time::Time::MIDNIGHT),
        };
        let password = password::from_env()?;
        Ok(Environment {
            now,
            paper: Paper::from_env(),
            password,
        })
    }
}

/// A value as the user wrote it, and where.
#[derive(Debug, Clone)]
pub struct Given {
    pub value: String,
    pub origin: Origin,
}

/// One CSV row's values, which stand above the flags for that row.
#[derive(Clone, Default)]
pub struct RowValues {
    pub names: Option<Given>,
    pub lang: Option<Given>,
    pub region: Option<Given>,
    pub start_date: Option<Given>,
    pub days: Option<Given>,
    pub paper: Option<Given>,
    pub sides: Option<Given>,
    pub note: Option<Given>,
    /// Resolved against the CSV's folder.
    pub photo: Option<PathBuf>,
    /// The photo's cell, for its messages.
    pub photo_cell: Option<Origin>,
    pub skip: Option<Vec<String>>,
    /// The PDF's password, for encryption; never printed, not even by
    /// `Debug`.
    pub password: Option<Given>,
    /// Each partner's own password, for a split row. An empty cell in a
    /// file with the column is an empty value here, refused when the row
    /// is split (see `resolve`).
    pub partner_passwords: [Option<Given>; 2],
    /// `partners` to split this row's workbook into three files.
    pub split: Option<Given>,
    /// `pdf` or `html`: this row's file a PDF or the HTML edition.
    pub format: Option<Given>,
}

impl std::fmt::Debug for RowValues {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RowValues")
            .field("names", &self.names)
            .field("lang", &self.lang)
            .field("region", &self.region)
            .field("start_date", &self.start_date)
            .field("days", &self.days)
            .field("paper", &self.paper)
            .field("sides", &self.sides)
            .field("note", &self.note)
            .field("photo", &self.photo)
            .field("skip", &self.skip)
            .field("password", &self.password.as_ref().map(|_| "(hidden)"))
            .field(
                "partner_passwords",
                &self
                    .partner_passwords
                    .each_ref()
                    .map(|p| p.as_ref().map(|_| "(hidden)")),
            )
            .field("split", &self.split)
            .field("format", &self.format)
            .finish()
    }
}
