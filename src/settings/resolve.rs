//! Merging a build's settings: for each one, the first place that gives it
//! (a CSV row, then the flags, then workbook.toml), else the default. Each
//! value is checked with the origin it came from, so a mistake is named
//! where the user made it.

use toml::Spanned;

use super::branding::{self, Branding};
use super::choice::Choice;
use super::config::{LoadedConfig, path_from};
use super::edition::Edition;
use super::flags::Flags;
use super::names::Names;
use super::password;
use super::print::{PrintOptions, Standard};
use super::schedule::{self, DEFAULT_DAYS};
use super::{BuildOptions, Environment, Given, RowValues};
use crate::diag::{Error, Origin, Problem, Result};

/// An on/off setting: `--x` or `--no-x` (the last given wins), else the
/// config file, else off.
fn switch(flag: Option<bool>, file: Option<bool>) -> bool {
    flag.or(file).unwrap_or(false)
}

/// How a refused value is shown after its flag or column: quoted text, a
/// plain number, or not at all (names and notes, which may be long).
#[derive(Clone, Copy)]
enum Show {
    Quoted,
    Plain,
    Hidden,
}

impl Show {
    fn format(self, value: &str) -> Option<String> {
        match self {
            Show::Quoted => Some(format!("{value:?}")),
            Show::Plain => Some(value.to_string()),
            Show::Hidden => None,
        }
    }
}

/// The first value given, checked by `check`; a refusal names its origin.
fn first<T>(
    given: [Option<Given>; 3],
    show: Show,
    check: impl Fn(&str) -> Result<T, Problem>,
) -> Result<Option<T>> {
    let Some(given) = given.into_iter().flatten().next() else {
        return Ok(None);
    };
    check(&given.value)
        .map(Some)
        .map_err(|p| p.at(given.origin, show.format(&given.value)))
}

fn flag(value: Option<String>, name: &'static str) -> Option<Given> {
    value.map(|value| Given {
        value,
        origin: Origin::Flag(name),
    })
}

fn key(config: Option<&LoadedConfig>, value: Option<&Spanned<String>>, key: &str) -> Option<Given> {
    let (loaded, value) = (config?, value?);
    Some(Given {
        value: value.get_ref().clone(),
        origin: loaded.origin(value, key),
    })
}

/// A choice from a CSV cell (flags and the file are parsed by clap and serde).
fn choice<T: Choice>(cell: Option<Given>, allowed: &str) -> Result<Option<T>> {
    first([cell, None, None], Show::Quoted, |v| {
        T::parse(v).ok_or_else(|| Problem::new(format!("use {allowed}")))
    })
}

impl BuildOptions {
    /// Merges the command line over the config file over the defaults.
    pub fn resolve(
        args: impl Into<Flags>,
        config: Option<&LoadedConfig>,
        env: &Environment,
    ) -> Result<Self> {
        Self::resolve_row(args, config, RowValues::default(), env)
    }

    /// Merges one CSV row's values over the command line over the config
    /// file over the defaults.
    pub fn resolve_row(
        args: impl Into<Flags>,
        config: Option<&LoadedConfig>,
        row: RowValues,
        env: &Environment,
    ) -> Result<Self> {
        let args: Flags = args.into();
        let file = config.map(|c| &c.config);
        let couple = file.map(|f| &f.couple);
        let format = choice(row.format, "pdf or html")?
            .or(args.format)
            .or(file.and_then(|f| f.format))
            .unwrap_or_default();
        super::format::check_flags(format, &args)?;
        let edition = args
            .edition
            .or(file.and_then(|f| f.edition))
            .unwrap_or_default();
        let names = first(
            [
                row.names,
                flag(args.names, "--names"),
                key(config, couple.and_then(|c| c.names.as_ref()), "names"),
            ],
            Show::Hidden,
            Names::parse,
        )?;
        let names_given = names.is_some();
        // A handout without names has blank lines to write them on; a
        // counselor's guide for general use needs no names.
        let blank_names = names.is_none() && !args.handout.is_empty();
        let names = match (names, edition) {
            (Some(names), _) => names,
            (None, _) if blank_names => Names::parse(super::names::BLANK).expect("valid names"),
            (None, Edition::Counselor) => super::edition::unnamed(),
            (None, Edition::Couple) => {
                return Err(Error::usage(
                    "no names given",
                    Some("say who the workbook is for: --names \"Ana & Ben\"".to_string()),
                ));
            }
        };
        let date_order = args.date_order.or(couple.and_then(|c| c.date_order));
        let start_date = first(
            [
                row.start_date,
                flag(args.start_date, "--start-date"),
                key(
                    config,
                    couple.and_then(|c| c.start_date.as_ref()),
                    "start-date",
                ),
            ],
            Show::Quoted,
            |v| schedule::parse_date(v, date_order),
        )?;
        if let Some(warning) = start_date.and_then(|d| schedule::long_ago(d, env.now.date())) {
            crate::messages::warn(&warning);
        }
        let days_in_file = file.and_then(|f| f.content.days.as_ref()).map(|d| Given {
            value: d.get_ref().to_string(),
            origin: config
                .expect("a file value comes from a file")
                .origin(d, "days"),
        });
        let days = first(
            [
                row.days,
                flag(args.days.map(|d| d.to_string()), "--days"),
                days_in_file,
            ],
            Show::Plain,
            |v| {
                let n = v
                    .parse()
                    .map_err(|_| Problem::new("it is not a whole number"))?;
                schedule::check_days(n)
            },
        )?
        .unwrap_or(DEFAULT_DAYS);
        let lang = crate::settings::lang::choose(row.lang, args.lang.as_deref(), config)?;
        let region = first(
            [
                row.region,
                flag(args.region, "--region"),
                key(config, file.and_then(|f| f.region.as_ref()), "region"),
            ],
            Show::Quoted,
            |v| {
                let v = v.trim();
                if v.len() == 2 && v.chars().all(|c| c.is_ascii_alphabetic()) {
                    Ok(v.to_ascii_uppercase())
                } else {
                    Err(Problem::new(
                        "use a two-letter country code, such as US, MX or ES",
                    ))
                }
            },
        )?;
        let print_file = file.map(|f| f.print.clone()).unwrap_or_default();
        let print = PrintOptions {
            paper: choice(row.paper, "a4, letter or universal")?
                .or(args.paper)
                .or(print_file.paper)
                .unwrap_or(env.paper),
            sides: choice(row.sides, "single or duplex")?
                .or(args.sides)
                .or(print_file.sides)
                .unwrap_or_default(),
            booklet: switch(args.booklet, print_file.booklet),
            ruling: args.ruling.or(print_file.ruling).unwrap_or_default(),
            ink_saver: switch(args.ink_saver, print_file.ink_saver),
            fillable: switch(args.fillable, print_file.fillable),
            standards: if args.pdf_standard.is_empty() {
                print_file.pdf_standard.unwrap_or_default()
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
        let mut branding = config
            .map(Branding::from_config)
            .transpose()?
            .unwrap_or_default();
        // A row's note adds to the practice's own note, after it.
        let practice_note = branding.note.take();
        let row_note = first([row.note, None, None], Show::Hidden, |v| {
            let own = branding::check_text("note", v)?;
            match &practice_note {
                Some(p) => branding::check_text("note", &format!("{p}\n\n{own}")).map_err(|_| {
                    Problem::with_hint(
                        format!(
                            "with the practice's note before it, the note has {} characters; at most {} fit its page",
                            p.chars().count() + 2 + own.chars().count(),
                            branding::cap("note")
                        ),
                        "shorten this note, or the practice's note in workbook.toml",
                    )
                }),
                None => Ok(own),
            }
        })?;
        branding.note = row_note.or(practice_note);
        // A cell, else the file, else (the shared one only) the
        // environment; never shown.
        let split = choice(row.split, "partners")?.or(args.split);
        let read = |flag: &'static str, path: Option<&std::path::Path>| {
            path.map(|p| password::read_file(flag, p)).transpose()
        };
        let [cell_a, cell_b] = row.partner_passwords;
        let [file_a, file_b] = &args.partner_password_files;
        let (password, partner_passwords) = password::choose(
            password::Givens {
                shared: [
                    row.password,
                    read("--password-file", args.password_file.as_deref())?,
                ],
                partners: [
                    [cell_a, read("--partner1-password-file", file_a.as_deref())?],
                    [cell_b, read("--partner2-password-file", file_b.as_deref())?],
                ],
            },
            env.password.as_ref(),
            split.is_some(),
        )?;
        let locked = password.is_some() || partner_passwords.iter().any(Option::is_some);
        if locked
            && let Some(archival) = print
                .standards
                .iter()
                .find(|s| matches!(s, Standard::A2b | Standard::A2a))
        {
            return Err(Error::usage(
                format!(
                    "--pdf-standard {}: PDF/A forbids encryption, so a workbook with a password cannot be archival",
                    archival.name()
                ),
                Some(
                    "leave out the password for an archival copy, or choose --pdf-standard ua-1"
                        .to_string(),
                ),
            ));
        }
        let time_limit = match args.time_limit {
            None => super::DEFAULT_TIME,
            Some(secs @ 1..=86_400) => std::time::Duration::from_secs(secs),
            Some(secs) => {
                return Err(Problem::new("use 1 to 86400 seconds")
                    .at(Origin::Flag("--time-limit"), Some(secs.to_string())));
            }
        };
        let memory_limit = match args.memory_limit {
            None => super::DEFAULT_MEMORY,
            Some(mib @ 64..=1_048_576) => mib * 1024 * 1024,
            Some(mib) => {
                return Err(Problem::new("use 64 to 1048576 MiB")
                    .at(Origin::Flag("--memory-limit"), Some(mib.to_string())));
            }
        };
        let skip = match row.skip {
            Some(skip) => skip,
            None => list(args.skip, file.and_then(|f| f.content.skip.as_ref())),
        };
        Ok(BuildOptions {
            names,
            lang,
            region,
            edition,
            names_given,
            print,
            start_date,
            days,
            skip,
            only: list(args.only, file.and_then(|f| f.content.only.as_ref())),
            font_paths: args.font_path,
            output: args.output,
            photo_field: match (&row.photo, &args.photo, config) {
                (Some(_), _, _) => row
                    .photo_cell
                    .as_ref()
                    .map_or_else(|| "photo".to_string(), ToString::to_string),
                (None, Some(_), _) => "--photo".to_string(),
                (None, None, Some(loaded)) => match loaded.config.couple.photo.as_ref() {
                    Some(p) => loaded.origin(p, "photo").to_string(),
                    None => "--photo".to_string(),
                },
                _ => "--photo".to_string(),
            },
            photo: row
                .photo
                .or(args.photo)
                .or_else(|| path_from(config, |c| c.couple.photo.as_ref())),
            sources: args
                .sources
                .or_else(|| path_from(config, |c| c.sources.as_ref())),
            extra_exercises: path_from(config, |c| c.content.extra_exercises.as_ref()),
            branding,
            now: env.now,
            time_limit,
            memory_limit,
            password,
            partner_passwords,
            split,
            handout: args.handout,
            format,
        })
    }
}
