//! `workbook answers`: reads a filled-in workbook and prints its answers
//! (src/answers/ does the reading and formatting).

use std::io::Write;
use std::path::Path;

use crate::answers::Answers;
use crate::cli::AnswersArgs;
use crate::diag::{Error, Result};
use crate::settings::password::{self, Password};

/// A filled workbook is about 1 MB (a whole fillable book, 0.8 MB); a
/// file far larger is not one. Reading a PDF takes about four times its
/// size in memory, so this keeps `answers` well under 512 MB.
const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Reads the PDF (never writing to it), then writes the answers to `-o` or
/// standard output.
pub(crate) fn run(args: AnswersArgs) -> Result<()> {
    let csv = args.format == crate::cli::AnswersFormat::Csv;
    if args.delimiter.is_some() && !csv {
        return Err(Error::usage(
            "--delimiter is for CSV",
            Some("add --format csv, or leave out --delimiter".to_string()),
        ));
    }
    let password = password(&args)?;
    // Where the answers go is checked before the PDF is read: never over a
    // device, pipe or link, never over the PDF, never into nothing.
    match &args.output {
        Some(out) => {
            if crate::batch::failed::same_file(out, &args.file) {
                return Err(Error::usage(
                    format!("-o {}: that is the PDF being read", out.display()),
                    Some("choose another file, for example -o answers.md".to_string()),
                ));
            }
            crate::output::check_file_target(out, &[&args.file])?;
        }
        None if crate::output::stdout::stdout_was_closed() => {
            return Err(Error::Io {
                path: "standard output".into(),
                source: std::io::Error::other("it is closed, so the answers would be lost"),
            });
        }
        None => {}
    }
    let pdf = read_pdf(&args.file)?;
    // What is wrong with the PDF (or the HTML edition's saved copy) is
    // said with its name.
    let read = if crate::answers::saved::looks_saved(&pdf) {
        Answers::read_saved(&pdf)
    } else {
        Answers::read(&pdf, password.as_ref())
    };
    let answers = read.map_err(|e| match e {
        Error::Usage { message, hint } => Error::Usage {
            message: format!("{}: {message}", args.file.display()),
            hint,
        },
        e => e,
    })?;
    if !answers.unreadable.is_empty() {
        crate::diag::warn(&unreadable(&args.file, &answers.unreadable));
    }
    // CSV starts with a byte order mark, in a file and on standard output
    // alike (`> answers.csv` makes a file too): without it Excel reads the
    // bytes in the system's code page and "Łukasz" comes out garbled.
    // Python reads it with encoding="utf-8-sig".
    let text = if csv {
        // A comma unless asked: the same file wherever it is made, as RFC
        // 4180 and every CSV library expect; README says when to ask for
        // `;`.
        let delimiter = args.delimiter.unwrap_or(',');
        format!("\u{feff}{}", answers.csv(args.all, delimiter))
    } else {
        answers.render(args.format.into(), args.all)
    };
    match &args.output {
        Some(out) => {
            let bytes = text.as_bytes();
            if answers.locked {
                crate::output::write_private(out, bytes)
            } else {
                crate::output::write_atomic(out, bytes)
            }
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            match stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
            {
                // A reader that stops early (`| head`) is fine; a full
                // disk is not our bug, and is said plainly.
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Io {
                    path: "standard output".into(),
                    source: e,
                }),
                _ => Ok(()),
            }
        }
    }
}

/// The warning for fields that could not be read: how many, and the first
/// few by name, so the reader knows which answers are missing.
fn unreadable(file: &Path, what: &[String]) -> String {
    const SHOWN: usize = 5;
    let mut names = what[..what.len().min(SHOWN)].join("; ");
    if what.len() > SHOWN {
        names.push_str(&format!("; and {} more", what.len() - SHOWN));
    }
    format!(
        "{}: {} form {} could not be read, so {} missing below: {names}",
        file.display(),
        what.len(),
        if what.len() == 1 { "field" } else { "fields" },
        if what.len() == 1 {
            "its answer is"
        } else {
            "their answers are"
        },
    )
}

/// The password: `--password-file`, else `WORKBOOK_PASSWORD`, else none.
fn password(args: &AnswersArgs) -> Result<Option<Password>> {
    match &args.password_file {
        Some(path) => {
            let given = password::read_file("--password-file", path)?;
            password::check_at(&given.value, &given.origin).map(Some)
        }
        None => password::from_env(),
    }
}

/// The file's bytes, when it is a readable regular file that starts like a
/// PDF.
fn read_pdf(path: &Path) -> Result<Vec<u8>> {
    let bad = |reason: String, hint: &str| {
        Error::usage(
            format!("{}: {reason}", path.display()),
            Some(hint.to_string()),
        )
    };
    let meta = std::fs::metadata(path).map_err(|e| {
        bad(
            format!("cannot read it ({})", reason(&e)),
            "check the file name; give the PDF the couple sent back",
        )
    })?;
    if !meta.is_file() {
        return Err(bad("it is not a file".into(), "give the filled-in PDF"));
    }
    if meta.len() > MAX_BYTES {
        return Err(bad(
            format!(
                "it is {} MB, far larger than any workbook",
                meta.len() / 1_000_000
            ),
            "give the filled-in PDF",
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        bad(
            format!("cannot read it ({})", reason(&e)),
            "check that you may read the file",
        )
    })?;
    // The header may follow a little junk (PDF readers allow 1024 bytes).
    // A copy of the answers saved from the HTML edition is JSON.
    if !crate::answers::saved::looks_saved(&bytes)
        && !bytes.windows(5).take(1024).any(|w| w == b"%PDF-")
    {
        return Err(bad(
            "it is not a PDF".into(),
            "give the filled-in workbook, a file ending in .pdf",
        ));
    }
    Ok(bytes)
}

/// An I/O error in words, without the OS error number.
fn reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "there is no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}
