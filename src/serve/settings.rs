//! Practice settings: the `[counselor]`, `[support]` and `[print]` tables
//! of workbook.toml as a form, checked as the CLI reads them, and written
//! back (comments and other tables kept) only on an explicit Save.

use std::path::Path;

use toml_edit::DocumentMut;

use super::form::Refusal;
use super::jobs::Project;
use super::uploads::Form;
use crate::diag::Error;
use crate::settings::config::{self, LoadedConfig};
use crate::settings::{BuildOptions, Environment};

/// A text setting: its table, its key (also the form field), its label
/// and its hint.
pub(crate) struct Text {
    pub(crate) table: &'static str,
    pub(crate) key: &'static str,
    pub(crate) label: &'static str,
    pub(crate) hint: &'static str,
}

/// Every text setting, in the order of the form.
pub(crate) const TEXTS: [Text; 11] = [
    text(
        "counselor",
        "name",
        "Your name",
        "As it goes on the cover, for example Dr. Sam Example.",
    ),
    text(
        "counselor",
        "practice",
        "Your practice",
        "The name of your practice or service.",
    ),
    text(
        "counselor",
        "phone",
        "Phone",
        "The number couples call you on.",
    ),
    text(
        "counselor",
        "phone-2",
        "Second phone",
        "For example an after-hours line. Leave it empty if you have none.",
    ),
    text(
        "counselor",
        "email",
        "Email",
        "The address couples write to.",
    ),
    text(
        "counselor",
        "website",
        "Website",
        "For example example.org.",
    ),
    text(
        "counselor",
        "logo-alt",
        "What the logo shows",
        "A short sentence a screen reader says in place of the logo.",
    ),
    text(
        "counselor",
        "note",
        "A welcome note",
        "A few warm lines printed inside the cover.",
    ),
    text(
        "support",
        "crisis-line",
        "Crisis line",
        "A number to call or text in a crisis, where your clients live.",
    ),
    text(
        "support",
        "emergency",
        "Emergency number",
        "For example 911 or 112.",
    ),
    text(
        "support",
        "domestic-violence",
        "Domestic violence line",
        "A helpline for people who are not safe at home.",
    ),
];

const fn text(
    table: &'static str,
    key: &'static str,
    label: &'static str,
    hint: &'static str,
) -> Text {
    Text {
        table,
        key,
        label,
        hint,
    }
}

/// The `[print]` choices, by key: the allowed values (empty: not set).
pub(crate) const CHOICES: [(&str, &[&str]); 3] = [
    ("paper", &["", "a4", "letter", "universal"]),
    ("sides", &["", "single", "duplex"]),
    ("ruling", &["", "wide", "college"]),
];
/// The PDF standards a practice may choose (`pdf-standard`, a list).
pub(crate) const STANDARDS: [(&str, &str); 4] = [
    ("ua-1", "PDF/UA-1: for screen readers (the usual)"),
    ("a-2b", "PDF/A-2b: for keeping in an archive"),
    ("a-2a", "PDF/A-2a: for an archive, and for screen readers"),
    ("none", "No standard"),
];
/// The `[print]` switches.
pub(crate) const SWITCHES: [&str; 3] = ["booklet", "ink-saver", "fillable"];

/// The value of every setting now in `text` (a workbook.toml), by key:
/// texts as written, switches as `on` or `off`.
pub(crate) fn current(text: &str) -> Vec<(String, String)> {
    let Ok(doc) = text.parse::<DocumentMut>() else {
        return Vec::new();
    };
    let get = |table: &str, key: &str| doc.get(table).and_then(|t| t.get(key));
    let mut out = Vec::new();
    for t in &TEXTS {
        if let Some(v) = get(t.table, t.key).and_then(|v| v.as_str()) {
            out.push((t.key.to_string(), v.to_string()));
        }
    }
    for (key, _) in CHOICES {
        if let Some(v) = get("print", key).and_then(|v| v.as_str()) {
            out.push((key.to_string(), v.to_string()));
        }
    }
    for key in SWITCHES {
        let on = get("print", key).and_then(|v| v.as_bool()) == Some(true);
        out.push((key.to_string(), if on { "on" } else { "off" }.to_string()));
    }
    if let Some(list) = get("print", "pdf-standard").and_then(|v| v.as_array()) {
        for v in list.iter().filter_map(|v| v.as_str()) {
            out.push(("pdf-standard".to_string(), v.to_string()));
        }
    }
    if let Some(v) = get("counselor", "logo").and_then(|v| v.as_str()) {
        out.push(("logo".to_string(), v.to_string()));
    }
    out
}

/// Checks the form's settings as workbook.toml, as `workbook build`
/// would read them, and writes the file (and an uploaded logo beside it)
/// when all are good. `scratch` holds the logo while it is checked.
pub(crate) fn save(project: &Project, form: &Form, scratch: &Path) -> Result<(), Vec<Refusal>> {
    let one = |r: Refusal| vec![r];
    let path = &project.config_path;
    let old = project.config().map(|c| c.text.clone()).unwrap_or_default();
    let mut doc: DocumentMut = old.parse().map_err(|e: toml_edit::TomlError| {
        one(Refusal::from(Error::usage(
            format!("{}: {}", path.display(), e.message()),
            Some("fix the file in a text editor, or move it aside to start anew".to_string()),
        )))
    })?;
    for t in &TEXTS {
        set(
            &mut doc,
            t.table,
            t.key,
            form.get(t.key).map(toml_edit::value),
        );
    }
    for (key, allowed) in CHOICES {
        let v = form.get(key).unwrap_or("");
        if !allowed.contains(&v) {
            return Err(one(Refusal {
                field: Some(key.to_string()),
                message: format!("{key} {v:?}: use one of {}", allowed[1..].join(", ")),
                hints: vec![],
                bad_input: true,
            }));
        }
        set(
            &mut doc,
            "print",
            key,
            (!v.is_empty()).then(|| toml_edit::value(v)),
        );
    }
    for key in SWITCHES {
        let on = form.get(key) == Some("on");
        set(&mut doc, "print", key, on.then(|| toml_edit::value(true)));
    }
    // Ticked standards, as a list; none ticked leaves the default.
    let standards: toml_edit::Array = form
        .fields
        .iter()
        .filter(|(k, v)| k == "pdf-standard" && !v.trim().is_empty())
        .map(|(_, v)| v.trim())
        .collect();
    set(
        &mut doc,
        "print",
        "pdf-standard",
        (!standards.is_empty()).then(|| toml_edit::value(standards)),
    );
    // A new logo is checked as `workbook build` checks one, then saved
    // beside workbook.toml as logo.png (or .jpg, .webp).
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let logo = match form.file("logo") {
        Some(upload) => {
            let ext = Path::new(&upload.file_name)
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase())
                .filter(|e| ["png", "jpg", "jpeg", "webp"].contains(&e.as_str()))
                .ok_or_else(|| {
                    one(Refusal {
                        field: Some("logo".into()),
                        message: format!("{}: use a PNG, JPEG or WebP image", upload.file_name),
                        hints: vec![],
                        bad_input: true,
                    })
                })?;
            let checked = super::jobs::save(scratch, upload, "logo.png").map_err(one)?;
            crate::typeset::images::prepare_logo(&checked).map_err(|e| {
                let mut r = Refusal::from(e);
                r.message = r
                    .message
                    .replace(&checked.display().to_string(), &upload.file_name);
                r.field = Some("logo".into());
                one(r)
            })?;
            let name = format!("logo.{ext}");
            set(
                &mut doc,
                "counselor",
                "logo",
                Some(toml_edit::value(name.as_str())),
            );
            Some((folder.join(name), &upload.bytes))
        }
        None => None,
    };
    let text = doc.to_string();
    check(path, &text, logo.is_none()).map_err(|e| one(Refusal::from(e)))?;
    if let Some((target, bytes)) = logo {
        crate::output::write_atomic(&target, bytes).map_err(|e| one(Refusal::from(e)))?;
    }
    crate::output::write_atomic(path, text.as_bytes()).map_err(|e| one(Refusal::from(e)))
}

/// Sets `[table] key` to `value`, or removes it for none.
fn set(doc: &mut DocumentMut, table: &str, key: &str, value: Option<toml_edit::Item>) {
    match value {
        Some(v) => {
            // A table of its own, `[print]`, not an inline `print = { … }`.
            if doc.get(table).is_none() {
                doc[table] = toml_edit::table();
            }
            doc[table][key] = v;
        }
        None => {
            if let Some(t) = doc.get_mut(table).and_then(|t| t.as_table_like_mut()) {
                t.remove(key);
            }
        }
    }
}

/// The checks `workbook build` makes of a workbook.toml with this text:
/// it parses, every practice text fits, the print settings agree, and
/// (unless a new one was checked already) the logo it names can be printed.
fn check(path: &Path, text: &str, logo: bool) -> crate::diag::Result<()> {
    let loaded = LoadedConfig {
        config: config::parse(path, text)?,
        path: path.to_path_buf(),
        text: text.to_string(),
    };
    let mut probe = match <crate::cli::Cli as clap::Parser>::try_parse_from(["workbook", "build"])
        .map(|c| c.command)
    {
        Ok(crate::cli::Command::Build(args)) => args,
        _ => unreachable!("`workbook build` parses"),
    };
    probe.names = Some(crate::settings::names::PLACEHOLDER.to_string());
    let opts = BuildOptions::resolve(probe, Some(&loaded), &Environment::read()?)?;
    opts.print.check_layout()?;
    crate::typeset::export::pdf_standards(&opts.print)?;
    if let Some(logo) = opts.branding.logo.as_ref().filter(|_| logo) {
        crate::typeset::images::prepare_logo(logo)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_phone_number_is_refused_at_its_key() {
        let long = "1".repeat(500);
        let e = check(
            Path::new("workbook.toml"),
            &format!("[counselor]\nphone = \"{long}\"\n"),
            true,
        )
        .unwrap_err();
        assert!(e.to_string().contains("phone"), "{e}");
        assert!(matches!(e.origin(), Some(crate::diag::Origin::Key { key, .. }) if key == "phone"));
    }

    #[test]
    fn current_values_come_from_the_file() {
        let text = "# mine\n[counselor]\nname = \"Dr. Sam\"\n[print]\nfillable = true\npaper = \"letter\"\n";
        let values = current(text);
        assert!(values.contains(&("name".into(), "Dr. Sam".into())));
        assert!(values.contains(&("fillable".into(), "on".into())));
        assert!(values.contains(&("booklet".into(), "off".into())));
        assert!(values.contains(&("paper".into(), "letter".into())));
        let text = "[print]\npdf-standard = [\"ua-1\", \"a-2b\"]\n";
        let values = current(text);
        assert!(values.contains(&("pdf-standard".into(), "a-2b".into())));
    }
}
