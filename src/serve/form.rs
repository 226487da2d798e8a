//! A posted form as the command line it stands for: fields named as the
//! CLI's options become its arguments, parsed by the CLI's own clap
//! definitions; and an error, in the CLI's own words, as a refusal that
//! names the form field at fault.

use std::path::Path;

use clap::Parser;

use super::uploads::Form;
use crate::cli::{BuildArgs, Cli, Command};
use crate::diag::{Error, Origin};

/// The fields a form may send, by the CLI's option names: the build's
/// layout and content, never a path on this computer (`--sources`,
/// `--font-path`, `--photo`, `-o`, `-c`) or a limit.
pub(crate) const VALUE_FIELDS: [&str; 14] = [
    "names",
    "lang",
    "paper",
    "sides",
    "start-date",
    "date-order",
    "days",
    "skip",
    "only",
    "ruling",
    "edition",
    "handout",
    "split",
    "pdf-standard",
];
/// The on/off fields: `on` gives `--x`, `off` gives `--no-x`.
const SWITCHES: [&str; 3] = ["fillable", "ink-saver", "booklet"];

/// Why a job was refused, in the CLI's own words, and the form field at
/// fault when one is.
#[derive(Debug, Clone)]
pub(crate) struct Refusal {
    pub(crate) field: Option<String>,
    pub(crate) message: String,
    pub(crate) hints: Vec<String>,
    /// The user's to fix (400), or ours (500).
    pub(crate) bad_input: bool,
}

impl From<Error> for Refusal {
    fn from(e: Error) -> Self {
        Refusal {
            field: field_of(&e),
            message: e.to_string(),
            hints: e.hints(),
            bad_input: e.is_bad_input(),
        }
    }
}

impl Refusal {
    /// Without the server's private folder in the words: the user never
    /// saw that path.
    pub(crate) fn without(mut self, scratch: &Path) -> Self {
        let folder = format!("{}/", scratch.display());
        self.message = self.message.replace(&folder, "");
        for hint in &mut self.hints {
            *hint = hint.replace(&folder, "");
        }
        self
    }
}

/// The form field an error is about: the flag or key it names.
fn field_of(e: &Error) -> Option<String> {
    let named = |text: &str| -> Option<String> {
        let word = text.strip_prefix("--")?;
        let word: String = word
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        Some(word)
    };
    match e {
        Error::Value { origin, .. } => match origin.as_ref() {
            Origin::Flag(flag) => named(flag).or_else(|| Some(flag.to_string())),
            Origin::Key { key, .. } => Some(key.clone()),
            Origin::Cell { .. } => None,
        },
        Error::Usage { message, .. } if message.starts_with("no names given") => {
            Some("names".into())
        }
        Error::Usage { message, .. } => named(message),
        Error::MissingGlyphs { field, .. } if field.contains("names") => Some("names".into()),
        Error::Image { field, .. } if field.contains("logo") => Some("logo".into()),
        _ => None,
    }
}

/// `workbook build` with no options, as clap makes it.
pub(crate) fn empty_args() -> BuildArgs {
    match Cli::try_parse_from(["workbook", "build"]).map(|c| c.command) {
        Ok(Command::Build(args)) => args,
        _ => unreachable!("`workbook build` parses"),
    }
}

/// The command line a form stands for, parsed by the CLI's own clap
/// definitions: the same defaults, the same checks, the same messages.
pub(crate) fn args_from(form: &Form, allowed: &[&str]) -> Result<BuildArgs, Refusal> {
    let mut argv = vec!["workbook".to_string(), "build".to_string()];
    for (name, value) in &form.fields {
        let value = value.trim();
        if allowed.contains(&name.as_str()) {
            let values: Vec<&str> = if matches!(name.as_str(), "skip" | "only" | "handout") {
                value
                    .split(|c: char| c == ',' || c.is_whitespace())
                    .filter(|v| !v.is_empty())
                    .collect()
            } else if value.is_empty() {
                vec![]
            } else {
                vec![value]
            };
            for v in values {
                argv.push(format!("--{name}={v}"));
            }
        } else if SWITCHES.contains(&name.as_str()) {
            match value {
                "on" | "yes" | "true" | "1" => argv.push(format!("--{name}")),
                "off" | "no" | "false" | "0" => argv.push(format!("--no-{name}")),
                "" => {}
                other => {
                    return Err(Refusal {
                        field: Some(name.clone()),
                        message: format!("{name} {other:?}: use on or off"),
                        hints: vec![],
                        bad_input: true,
                    });
                }
            }
        }
    }
    match Cli::try_parse_from(&argv) {
        Ok(Cli {
            command: Command::Build(args),
            ..
        }) => Ok(args),
        Ok(_) => unreachable!("the build subcommand was given"),
        Err(e) => Err(clap_refusal(&e)),
    }
}

/// A clap error as the CLI prints it, first line only, with the field.
fn clap_refusal(e: &clap::Error) -> Refusal {
    use clap::error::{ContextKind, ContextValue};
    let field = match e.get(ContextKind::InvalidArg) {
        Some(ContextValue::String(arg)) => arg
            .trim_start_matches('-')
            .split([' ', '='])
            .next()
            .map(str::to_string),
        _ => None,
    };
    let text = e.render().to_string();
    let message = text
        .lines()
        .next()
        .unwrap_or_default()
        .trim_start_matches("error: ")
        .to_string();
    Refusal {
        field,
        message,
        hints: vec![],
        bad_input: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(fields: &[(&str, &str)]) -> Form {
        Form {
            fields: fields
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            files: vec![],
        }
    }

    #[test]
    fn fields_become_the_clis_options() {
        let args = args_from(
            &form(&[
                ("names", "Ana & Ben"),
                ("paper", "letter"),
                ("skip", "apology, safety"),
                ("fillable", "off"),
                ("fillable", "on"),
                ("booklet", "off"),
                ("sources", "/etc"),
            ]),
            &VALUE_FIELDS,
        )
        .unwrap();
        assert_eq!(args.names.as_deref(), Some("Ana & Ben"));
        assert_eq!(args.skip, ["apology", "safety"]);
        assert!(args.fillable && !args.no_fillable);
        assert!(args.no_booklet);
        // Never a path on this computer from a form.
        assert_eq!(args.sources, None);
    }

    #[test]
    fn a_bad_value_names_its_field_in_the_clis_words() {
        let r = args_from(&form(&[("days", "many")]), &VALUE_FIELDS).unwrap_err();
        assert_eq!(r.field.as_deref(), Some("days"));
        assert!(
            r.message.starts_with("invalid value 'many' for '--days"),
            "{}",
            r.message
        );
        let r = args_from(&form(&[("paper", "a3")]), &VALUE_FIELDS).unwrap_err();
        assert_eq!(r.field.as_deref(), Some("paper"));
    }

    #[test]
    fn errors_point_at_their_fields() {
        let e = crate::diag::Problem::new("no such month").at(Origin::Flag("--start-date"), None);
        assert_eq!(field_of(&e).as_deref(), Some("start-date"));
        let e = Error::usage("no names given", None);
        assert_eq!(field_of(&e).as_deref(), Some("names"));
    }
}
