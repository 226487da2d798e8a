//! The command line's settings for one build, as plain values: `cli.rs`
//! parses them with clap and converts them into this, so that the settings
//! know nothing of clap (as typst-cli keeps its arguments apart).

use std::path::PathBuf;

use super::edition::Edition;
use super::paper::Paper;
use super::print::{Ruling, Sides, Standard};
use super::schedule::DateOrder;
use super::split::Split;

/// What the flags of `build` (and of the commands that share them) say;
/// `None` or empty where they say nothing.
#[derive(Debug, Clone, Default)]
pub struct Flags {
    pub names: Option<String>,
    /// `--lang`: the book's language, as typed.
    pub lang: Option<String>,
    /// `--region`: the couple's country, as typed.
    pub region: Option<String>,
    pub sources: Option<PathBuf>,
    pub photo: Option<PathBuf>,
    pub output: Option<PathBuf>,
    pub edition: Option<Edition>,
    pub paper: Option<Paper>,
    pub sides: Option<Sides>,
    /// `--booklet` or `--no-booklet`, whichever came last.
    pub booklet: Option<bool>,
    pub ruling: Option<Ruling>,
    /// `--ink-saver` or `--no-ink-saver`.
    pub ink_saver: Option<bool>,
    /// `--fillable` or `--no-fillable`.
    pub fillable: Option<bool>,
    pub pdf_standard: Vec<Standard>,
    pub start_date: Option<String>,
    pub date_order: Option<DateOrder>,
    pub days: Option<u32>,
    pub skip: Vec<String>,
    pub only: Vec<String>,
    pub time_limit: Option<u64>,
    pub memory_limit: Option<u64>,
    pub password_file: Option<PathBuf>,
    /// `--partner1-password-file` and `--partner2-password-file`.
    pub partner_password_files: [Option<PathBuf>; 2],
    pub font_path: Vec<PathBuf>,
    pub handout: Vec<String>,
    pub split: Option<Split>,
    /// `--format pdf|html`.
    pub format: Option<super::format::Format>,
}
