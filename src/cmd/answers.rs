//! `workbook answers`: reads a filled-in workbook and prints its answers
//! (src/answers/ does the reading and formatting).

use std::io::Write;
use std::path::Path;

use crate::answers::Answers;
use crate::cli::AnswersArgs;
use crate::diag::{Error, Result};
use crate::settings::password::{self, Password};

/// A filled workbook is a few MB; a file far larger is not one.
const MAX_BYTES: u64 = 512 * 1024 * 1024;

/// Reads the PDF (never writing to it), then writes the answers to `-o` or
/// standard output.
pub(crate) fn run(args: AnswersArgs) -> Result<()> {
    let password = password(&args)?;
    let pdf = read_pdf(&args.file)?;
    // What is wrong with the PDF is said with its name.
    let answers = Answers::read(&pdf, password.as_ref()).map_err(|e| match e {
        Error::Usage { message, hint } => Error::Usage {
            message: format!("{}: {message}", args.file.display()),
            hint,
        },
        e => e,
    })?;
    let text = answers.render(args.format, args.all);
    match &args.output {
        Some(out) => {
            if crate::batch::failed::same_file(out, &args.file) {
                return Err(Error::usage(
                    format!("-o {}: that is the PDF being read", out.display()),
                    Some("choose another file, for example -o answers.md".to_string()),
                ));
            }
            // A file gets a byte order mark when it is CSV, so that Excel
            // shows accented letters right (as failed.csv does).
            let bom = if args.format == crate::cli::AnswersFormat::Csv {
                "\u{feff}"
            } else {
                ""
            };
            crate::output::write_atomic(out, format!("{bom}{text}").as_bytes())
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            match stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
            {
                // A reader that stops early (`| head`) is fine.
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::internal(
                    format!("writing the answers to standard output: {e}"),
                )),
                _ => Ok(()),
            }
        }
    }
}

/// The password: `--password-file`, else `WORKBOOK_PASSWORD`, else none.
fn password(args: &AnswersArgs) -> Result<Option<Password>> {
    match &args.password_file {
        Some(path) => {
            let given = password::read_file("--password-file", path)?;
            Password::check(&given.value)
                .map(Some)
                .map_err(|p| p.at(given.origin, None))
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
    if !bytes.windows(5).take(1024).any(|w| w == b"%PDF-") {
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
