//! The command line, as clap derive definitions only.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::settings::Flags;
use crate::settings::{edition, format, paper, print, schedule, split};

/// A clap value enum mirroring a settings type, each value with its help
/// text; `From` turns it into the settings type, so that clap stays here.
macro_rules! choices {
    ($($(#[$meta:meta])* $name:ident => $target:path {
        $($(#[$vmeta:meta])* $variant:ident),+ $(,)?
    })+) => {$(
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl From<$name> for $target {
            fn from(value: $name) -> Self {
                match value {
                    $($name::$variant => Self::$variant),+
                }
            }
        }
    )+};
}

/// Turns a guide to rebuilding trust into a personalised, printable couples' workbook.
#[derive(Debug, Parser)]
#[command(name = "workbook", version = version(), about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Print only errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print each step (load, compile, export, finish, write) with its time.
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

/// `workbook --version`: ours, and the Typst built in, since the pages are
/// Typst's (`workbook 0.2.0 (typst 0.15.1)`), as a bug report needs both.
fn version() -> String {
    format!(
        "{} (typst {})",
        env!("CARGO_PKG_VERSION"),
        typst::utils::version().raw()
    )
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build one workbook as a PDF.
    #[command(after_help = BUILD_EXAMPLES)]
    Build(BuildArgs),
    /// List the chapters and exercises with their ids.
    #[command(after_help = LIST_EXAMPLES)]
    List(ListArgs),
    /// Build one workbook per row of a CSV file (columns: names, and
    /// optionally output, start-date, days, paper, sides, photo, note, skip,
    /// password, split, lang, region, format).
    #[command(after_help = BATCH_EXAMPLES)]
    #[command(mut_arg("output", |a| a.hide(true)), mut_arg("names", |a| a.hide(true)))]
    #[command(mut_arg("handout", |a| a.hide(true)))]
    Batch(BatchArgs),
    /// Write a commented starter workbook.toml.
    #[command(after_help = INIT_EXAMPLES)]
    Init(InitArgs),
    /// Write the guide, templates and assets into a folder as a plain Typst
    /// project, to edit and build with --sources (or with `typst compile`).
    #[command(after_help = EJECT_EXAMPLES)]
    #[command(mut_arg("output", |a| a.hide(true)))]
    #[command(mut_arg("handout", |a| a.hide(true)), mut_arg("split", |a| a.hide(true)))]
    Eject(EjectArgs),
    /// Render chosen pages to PNG, to check the branding and contacts before
    /// building many workbooks (-o names the folder).
    #[command(after_help = PREVIEW_EXAMPLES)]
    #[command(mut_arg("handout", |a| a.hide(true)), mut_arg("split", |a| a.hide(true)))]
    #[command(mut_arg("output", |a| a.value_name("DIR").help(
        "The folder for the images, made if missing [default: a new folder workbook-<a>-<b>-preview]"
    )))]
    Preview(PreviewArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    #[command(after_help = COMPLETIONS_EXAMPLES)]
    Completions(CompletionsArgs),
    /// Write man pages for workbook and each subcommand into a folder.
    #[command(after_help = MANPAGE_EXAMPLES)]
    Manpage(ManpageArgs),
    /// Read the answers typed into a filled-in workbook (built with
    /// --fillable), grouped by part, exercise and partner.
    #[command(after_help = ANSWERS_EXAMPLES)]
    Answers(AnswersArgs),
    /// Run the whole tool in a web browser on this computer: every job is
    /// a page, and nothing leaves the machine.
    #[command(after_help = SERVE_EXAMPLES)]
    Serve(ServeArgs),
}

const BUILD_EXAMPLES: &str = "Examples:
  workbook build --names \"Ana & Ben\"
  workbook build --names \"Ana & Ben\" --paper letter --sides duplex --start-date 2026-12-01
  workbook build --names \"Ana & Ben\" --fillable -o ana-ben.pdf";
const BATCH_EXAMPLES: &str = "Examples:
  workbook batch couples.csv --out-dir workbooks
  workbook batch couples.csv -c workbook.toml --preview 2 --out-dir proofs
  workbook batch couples.csv -c workbook.toml --out-dir workbooks --jobs 2";
const LIST_EXAMPLES: &str = "Examples:
  workbook list
  workbook list -c workbook.toml";
const INIT_EXAMPLES: &str = "Examples:
  workbook init
  workbook init my-practice";
const EJECT_EXAMPLES: &str = "Examples:
  workbook eject my-workbook
  workbook build --names \"Ana & Ben\" --sources my-workbook";
const PREVIEW_EXAMPLES: &str = "Examples:
  workbook preview --names \"Ana & Ben\" -c workbook.toml
  workbook preview --names \"Ana & Ben\" --pages cover,safety --dpi 150 -o proofs
  workbook preview --names \"Ana & Ben\" --pages 1,3-5";
const ANSWERS_EXAMPLES: &str = "Examples:
  workbook answers filled.pdf
  workbook answers filled.pdf --format csv -o answers.csv
  workbook answers filled.pdf --format csv --delimiter ';' > answers.csv
  WORKBOOK_PASSWORD='a long passphrase' workbook answers locked.pdf --all";
const SERVE_EXAMPLES: &str = "Examples:
  workbook serve
  workbook serve -c workbook.toml --port 8123 --no-open";
const COMPLETIONS_EXAMPLES: &str = "Examples:
  mkdir -p ~/.local/share/bash-completion/completions
  workbook completions bash > ~/.local/share/bash-completion/completions/workbook
  mkdir -p ~/.zfunc && workbook completions zsh > ~/.zfunc/_workbook
  mkdir -p ~/.config/fish/completions
  workbook completions fish > ~/.config/fish/completions/workbook.fish";
const MANPAGE_EXAMPLES: &str = "Examples:
  workbook manpage ~/.local/share/man/man1
  man -l workbook.1";

/// `workbook preview`: which pages, how sharp, and the book's options.
#[derive(Debug, Clone, Args)]
pub struct PreviewArgs {
    /// Pages by name (cover, note, safety, support) or number (1,3-5)
    /// [default: cover,note,safety,support].
    #[arg(long, value_name = "LIST")]
    pub pages: Option<String>,
    /// Resolution of the images, in dots per inch.
    #[arg(long, default_value_t = 96, value_parser = clap::value_parser!(u32).range(24..=600))]
    pub dpi: u32,
    #[command(flatten)]
    pub build: BuildArgs,
}

/// `workbook answers`: which file, in which form, where to.
#[derive(Debug, Clone, Args)]
pub struct AnswersArgs {
    /// The filled-in workbook: a PDF built with --fillable, saved by any
    /// viewer; or a copy of the answers saved from the HTML edition (.json).
    #[arg(value_name = "FILLED.pdf")]
    pub file: PathBuf,

    /// md: headings, lists and tables to read or print; csv: one row per
    /// field; json: the same rows as objects.
    #[arg(long, value_enum, default_value = "md", ignore_case = true)]
    pub format: AnswersFormat,

    /// Where to write [default: standard output]. Never the PDF itself.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// What splits a CSV row's cells: `,` (the default), or `;` for an
    /// Excel whose region writes decimals with a comma, as most of Europe's
    /// do; `tab` for tab-separated.
    #[arg(long, value_name = "CHAR", value_parser = delimiter)]
    pub delimiter: Option<char>,

    /// Include the fields left empty and the boxes left unticked.
    #[arg(long)]
    pub all: bool,

    /// The password of a locked workbook, on this file's first line; or set
    /// WORKBOOK_PASSWORD.
    #[arg(long, value_name = "FILE")]
    pub password_file: Option<PathBuf>,
}

/// `--delimiter`: a comma, a semicolon or a tab, the three that
/// spreadsheets open without asking.
fn delimiter(given: &str) -> std::result::Result<char, String> {
    match given {
        "," => Ok(','),
        ";" => Ok(';'),
        "\t" | "tab" | "TAB" => Ok('\t'),
        _ => Err("use , or ; or tab (quote it in the shell: --delimiter ';')".to_string()),
    }
}

choices! {
    /// What `workbook answers` writes.
    AnswersFormat => crate::answers::Format {
        /// Markdown: readable and printable.
        Md,
        /// Comma-separated values, one row per field.
        Csv,
        /// A JSON array of objects, one per field.
        Json,
    }
}

/// `workbook serve`: where to listen, and the practice's settings.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// The port on 127.0.0.1 (and ::1) [default: a free one].
    #[arg(long, value_name = "N")]
    pub port: Option<u16>,

    /// Print the address only; do not open a browser.
    #[arg(long)]
    pub no_open: bool,

    /// The workbook.toml to read, and to save Practice settings into
    /// [default: ./workbook.toml].
    #[arg(short = 'c', long = "config", value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// `workbook completions`: which shell.
#[derive(Debug, Clone, Args)]
pub struct CompletionsArgs {
    /// The shell to write the script for.
    #[arg(value_enum, ignore_case = true)]
    pub shell: clap_complete::Shell,
}

/// `workbook manpage`: where to write.
#[derive(Debug, Clone, Args)]
pub struct ManpageArgs {
    /// The folder to write workbook.1 and the subcommands' pages into [default: .].
    pub dir: Option<PathBuf>,
}

/// `workbook eject`: where to write, and the options for its data.json.
/// (`--force`, to replace files that already exist there, is the shared
/// option of [`BuildArgs`].)
#[derive(Debug, Args)]
pub struct EjectArgs {
    /// The folder to write into [default: this folder].
    pub dir: Option<PathBuf>,

    /// Options for the data.json written beside the sources.
    #[command(flatten)]
    pub build: BuildArgs,
}

/// `workbook batch`: the CSV, where to write, and the shared options.
#[derive(Debug, Args)]
pub struct BatchArgs {
    /// The client list with a header row: a CSV file, or an .xlsx or .ods spreadsheet.
    pub csv: PathBuf,

    /// The folder for the PDFs [default: this folder].
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,

    /// How many workbooks to build at once [default: half the number of cores]
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,

    /// Instead of building, write proof images (cover, note, safety pages,
    /// support list) of the first N couples into --out-dir.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=100))]
    pub preview: Option<u64>,
    /// For an .xlsx or .ods client list: the sheet to read [default: the first].
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,

    /// Layout flags that apply to every row.
    #[command(flatten)]
    pub build: BuildArgs,
}

/// `workbook list`: which guide to list.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// A workbook.toml whose sources and extra exercises to include.
    #[arg(short = 'c', long = "config", value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// An ejected project folder to list instead of the built-in guide.
    #[arg(long, value_name = "DIR")]
    pub sources: Option<PathBuf>,

    /// List the guide in this language: en or es [default: en, or `lang`
    /// in workbook.toml].
    #[arg(long, value_name = "CODE")]
    pub lang: Option<String>,
}

/// `workbook init`: where to write the starter file.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to write workbook.toml into [default: this folder].
    pub dir: Option<PathBuf>,

    /// Replace an existing workbook.toml.
    #[arg(long)]
    pub force: bool,
}

/// `workbook build` and the options every build shares.
#[derive(Debug, Clone, Args)]
pub struct BuildArgs {
    /// The two partners' names, separated by '&', e.g. "Ana & Ben".
    #[arg(long, value_name = "\"A & B\"")]
    pub names: Option<String>,

    /// A workbook.toml to read [default: ./workbook.toml when it exists].
    #[arg(short = 'c', long = "config", value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Replace what workbook otherwise keeps: a PDF holding filled-in
    /// answers, a locked one, or one workbook did not write (eject: the
    /// files already in the folder).
    #[arg(long)]
    pub force: bool,

    /// An ejected, edited project folder to build from instead of the built-in guide.
    #[arg(long, value_name = "DIR")]
    pub sources: Option<PathBuf>,

    /// A photo for the cover (PNG, JPEG or WebP).
    #[arg(long, value_name = "FILE")]
    pub photo: Option<PathBuf>,

    /// Where to write the PDF [default: workbook-<a>-<b>.pdf in this folder].
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// The book's language: en (English) or es (español) [default: en].
    #[arg(long, value_name = "CODE")]
    pub lang: Option<String>,

    /// Where the couple live, as a two-letter country code (US, MX, ES…):
    /// the safety pages then list that country's numbers when the practice
    /// gives none [default: every country the language's edition knows].
    #[arg(long, value_name = "CC")]
    pub region: Option<String>,

    /// Which book: the couple's workbook, or the counselor's facilitator
    /// guide (session plan, screening, chapter notes; no --names needed) [default: couple].
    #[arg(long, value_enum, ignore_case = true)]
    pub edition: Option<Edition>,

    /// A PDF to print or fill in, or one self-contained HTML page to read
    /// and write in on any screen, kept on the device [default: pdf].
    #[arg(long, value_enum, ignore_case = true)]
    pub format: Option<Format>,

    /// Paper size [default: from the locale: letter in the US, Canada and
    /// similar, A4 elsewhere].
    #[arg(long, value_enum, ignore_case = true)]
    pub paper: Option<Paper>,

    /// One-sided, or two-sided with mirrored margins and chapters on right-hand pages.
    #[arg(long, value_enum, value_name = "SIDES", ignore_case = true)]
    pub sides: Option<Sides>,

    /// Impose pages two per sheet for a folded, stapled booklet (A5 on A4, half-letter on Letter).
    #[arg(long, overrides_with_all = ["booklet", "no_booklet"])]
    pub booklet: bool,

    /// Not a booklet, whatever workbook.toml says.
    #[arg(long, overrides_with_all = ["booklet", "no_booklet"])]
    pub no_booklet: bool,

    /// Distance between write-in lines: wide 8.7 mm, college 7.1 mm [default: wide].
    #[arg(long, value_enum, ignore_case = true)]
    pub ruling: Option<Ruling>,

    /// No tinted backgrounds or filled boxes, only thin outlines.
    #[arg(long, overrides_with_all = ["ink_saver", "no_ink_saver"])]
    pub ink_saver: bool,

    /// Tinted backgrounds as usual, whatever workbook.toml says.
    #[arg(long, overrides_with_all = ["ink_saver", "no_ink_saver"])]
    pub no_ink_saver: bool,

    /// Form fields over every write-in area, to type into on screen (not with --booklet).
    #[arg(long, overrides_with_all = ["fillable", "no_fillable"])]
    pub fillable: bool,

    /// No form fields, whatever workbook.toml says.
    #[arg(long, overrides_with_all = ["fillable", "no_fillable"])]
    pub no_fillable: bool,

    /// PDF standards to conform to (repeatable) [default: ua-1; none for a booklet].
    #[arg(long, value_enum, value_name = "STANDARD", ignore_case = true)]
    pub pdf_standard: Vec<Standard>,

    /// The first day of the dated logs (YYYY-MM-DD, or 01.12.2026); without it, date cells are left blank.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub start_date: Option<String>,

    /// In a start date written with slashes, which comes first: dmy
    /// (08/12/2026 is 8 December) or mdy (August 12); 01.12.2026 is always
    /// day first.
    #[arg(long, value_enum, value_name = "ORDER", ignore_case = true)]
    pub date_order: Option<DateOrder>,

    /// How many days the daily logs run (1 to 366) [default: 28].
    #[arg(long, value_name = "N")]
    pub days: Option<u32>,

    /// Leave out a chapter, front or back matter part, or exercise (repeatable).
    #[arg(long, value_name = "ID")]
    pub skip: Vec<String>,

    /// Print only these chapters, parts or exercises (repeatable); the safety note always stays.
    #[arg(long, value_name = "ID")]
    pub only: Vec<String>,

    /// Stop a build from --sources that takes longer than this many seconds [default: 60].
    #[arg(long, value_name = "SECS")]
    pub time_limit: Option<u64>,

    /// Stop a build from --sources that uses more memory than this many MiB [default: 2048].
    #[arg(long, value_name = "MIB")]
    pub memory_limit: Option<u64>,

    /// Lock the PDF with the password on this file's first line (AES-256);
    /// or set WORKBOOK_PASSWORD. Never given on the command line itself.
    #[arg(long, value_name = "FILE")]
    pub password_file: Option<PathBuf>,

    /// With --split partners: lock the first partner's own file with the
    /// password on this file's first line, which only they should know.
    #[arg(long = "partner1-password-file", value_name = "FILE")]
    pub partner1_password_file: Option<PathBuf>,

    /// With --split partners: lock the second partner's own file with the
    /// password on this file's first line, which only they should know.
    #[arg(long = "partner2-password-file", value_name = "FILE")]
    pub partner2_password_file: Option<PathBuf>,

    /// A folder of extra fonts, for names in scripts the built-in fonts lack (repeatable).
    #[arg(long, value_name = "DIR")]
    pub font_path: Vec<PathBuf>,

    /// Print only this exercise, as a one- or two-page handout with the
    /// support numbers (repeatable; --names optional).
    #[arg(long, value_name = "ID")]
    pub handout: Vec<String>,

    /// `partners`: write the shared workbook and each partner's own pages
    /// as three files.
    #[arg(long, value_enum, value_name = "WHO", ignore_case = true)]
    pub split: Option<Split>,
}

choices! {
    /// What kind of file a build writes.
    Format => format::Format {
        /// A PDF, tagged, to print or fill in.
        Pdf,
        /// One self-contained HTML page, to read and write in on any screen.
        Html,
    }
    /// Which book a build makes.
    Edition => edition::Edition {
        /// The couple's workbook.
        Couple,
        /// The facilitator's guide: session plan, screening, chapter notes,
        /// progress summary, reading list. Needs no names.
        Counselor,
    }
    /// The paper a workbook is laid out for.
    Paper => paper::Paper {
        /// ISO A4, 210 x 297 mm.
        A4,
        /// US Letter, 8.5 x 11 in.
        Letter,
        /// 210 x 279.4 mm: A4's width and Letter's height, prints on either.
        Universal,
    }
    /// One-sided or two-sided printing.
    Sides => print::Sides {
        /// Symmetric margins, no blank pages.
        Single,
        /// Mirrored margins with a binding margin; chapters start on a right-hand page.
        Duplex,
    }
    /// The distance between write-in lines.
    Ruling => print::Ruling {
        /// 8.7 mm: room for larger handwriting.
        Wide,
        /// 7.1 mm.
        College,
    }
    /// The PDF standards we offer, by the names typst's own CLI uses.
    Standard => print::Standard {
        /// PDF/UA-1: accessible, tagged (the default).
        #[value(name = "ua-1")]
        Ua1,
        /// PDF/A-2b: archival, visual appearance.
        #[value(name = "a-2b")]
        A2b,
        /// PDF/A-2a: archival and tagged.
        #[value(name = "a-2a")]
        A2a,
        /// No standard (the PDF is still tagged unless it is a booklet).
        #[value(name = "none")]
        None,
    }
    /// Which comes first in a date written with slashes.
    DateOrder => schedule::DateOrder {
        /// Day, month, year: 08/12/2026 is 8 December.
        Dmy,
        /// Month, day, year: 08/12/2026 is August 12.
        Mdy,
    }
    /// How a build is split into files.
    Split => split::Split {
        /// The shared book, and one file per partner with their own exercises.
        Partners,
    }
}

/// `--x` or `--no-x`, whichever clap kept (they override each other).
fn switch(on: bool, off: bool) -> Option<bool> {
    match (on, off) {
        (true, _) => Some(true),
        (_, true) => Some(false),
        _ => None,
    }
}

impl From<BuildArgs> for Flags {
    fn from(args: BuildArgs) -> Self {
        Flags {
            names: args.names,
            lang: args.lang,
            region: args.region,
            sources: args.sources,
            photo: args.photo,
            output: args.output,
            edition: args.edition.map(Into::into),
            paper: args.paper.map(Into::into),
            sides: args.sides.map(Into::into),
            booklet: switch(args.booklet, args.no_booklet),
            ruling: args.ruling.map(Into::into),
            ink_saver: switch(args.ink_saver, args.no_ink_saver),
            fillable: switch(args.fillable, args.no_fillable),
            pdf_standard: args.pdf_standard.into_iter().map(Into::into).collect(),
            start_date: args.start_date,
            date_order: args.date_order.map(Into::into),
            days: args.days,
            skip: args.skip,
            only: args.only,
            time_limit: args.time_limit,
            memory_limit: args.memory_limit,
            password_file: args.password_file,
            partner_password_files: [args.partner1_password_file, args.partner2_password_file],
            font_path: args.font_path,
            handout: args.handout,
            split: args.split.map(Into::into),
            format: args.format.map(Into::into),
        }
    }
}
