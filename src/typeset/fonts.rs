//! Fonts: the ones embedded from `assets/fonts/`, plus any from `--font-path`,
//! and the check that they cover every character of the user's text.

use std::path::{Path, PathBuf};

use typst::foundations::Bytes;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;

use unicode_normalization::UnicodeNormalization;

use crate::diag::{Error, Result};
use crate::guide::Content;
use crate::guide::select::Selection;
use crate::input::{self, Otherwise, Policy};
use crate::settings::BuildOptions;
use crate::sources::Sources;

/// The largest font file we load from a user's folder (a large CJK font is ~20 MB).
const MAX_FONT_FILE: u64 = 64 * 1024 * 1024;
/// More font files than a system font folder holds is a mistake.
const MAX_FONT_FILES: usize = 10_000;

/// Every font Typst may use, and their book.
pub struct Fonts {
    pub book: LazyHash<FontBook>,
    pub fonts: Vec<Font>,
    /// How many of `fonts` are the embedded ones (the rest come from --font-path).
    embedded: usize,
}

impl Fonts {
    /// The embedded fonts, then those found in `extra` folders.
    pub fn load(sources: &Sources, extra: &[PathBuf]) -> Result<Self> {
        let mut fonts = Vec::new();
        for (path, _) in sources.under("/assets/fonts/") {
            if is_font_file(Path::new(path)) {
                fonts.extend(sources.bytes(path).into_iter().flat_map(Font::iter));
            }
        }
        let embedded = fonts.len();
        for dir in extra {
            load_dir(dir, &mut fonts)?;
        }
        let book = LazyHash::new(FontBook::from_fonts(&fonts));
        Ok(Fonts {
            book,
            fonts,
            embedded,
        })
    }

    /// The characters of `text` that no font has a glyph for, each once.
    pub fn missing_chars(&self, text: &str) -> Vec<char> {
        let has = |f: &Font, c: char| f.info().coverage.contains(c as u32);
        let mut missing: Vec<char> = Vec::new();
        for c in text.chars() {
            if c.is_whitespace() || is_default_ignorable(c) || missing.contains(&c) {
                continue;
            }
            let (embedded, added) = self.fonts.split_at(self.embedded);
            // A combining mark is drawn with the font of the letter it sits
            // on, so it must be in every built-in family (body and labels),
            // or in a font the user added.
            let covered = if unicode_normalization::char::is_combining_mark(c) {
                let families: std::collections::BTreeSet<&str> =
                    embedded.iter().map(|f| f.info().family.as_str()).collect();
                families.iter().all(|fam| {
                    embedded
                        .iter()
                        .any(|f| f.info().family == *fam && has(f, c))
                }) || added.iter().any(|f| has(f, c))
            } else {
                self.fonts.iter().any(|f| has(f, c))
            };
            if !covered {
                missing.push(c);
            }
        }
        missing
    }

    /// Checks every text of one copy before any layout: the names, the
    /// practice's texts and (unless `guide_checked`: a batch checked them
    /// once already) the guide's texts for this selection. A gap is named
    /// by where it is.
    pub(crate) fn check_printable(
        &self,
        content: &Content,
        selection: &Selection,
        opts: &BuildOptions,
        guide_checked: bool,
    ) -> Result<()> {
        self.check_coverage("--names", &opts.names.joined())?;
        for (field, text) in opts.branding.texts() {
            self.check_coverage(field, text)?;
        }
        if !guide_checked {
            for (field, text) in content.printed_texts(selection) {
                self.check_coverage(&field, text)?;
            }
        }
        Ok(())
    }

    /// Fails with a clear message when some of `text` cannot be shown.
    /// The text is checked composed: "a" + U+0308 is drawn as "ä".
    pub fn check_coverage(&self, field: &str, text: &str) -> Result<()> {
        let text: String = text.nfc().collect();
        let missing = self.missing_chars(&text);
        if missing.is_empty() {
            return Ok(());
        }
        let chars = missing
            .iter()
            .map(|c| format!("'{c}' (U+{:04X})", *c as u32))
            .collect::<Vec<_>>()
            .join(", ");
        Err(Error::MissingGlyphs {
            field: field.to_string(),
            chars,
        })
    }
}

/// Characters that are never drawn (Unicode's Default_Ignorable_Code_Point),
/// such as the variation selector in "©️" or a zero-width joiner: no font
/// needs a glyph for them.
fn is_default_ignorable(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}'..='\u{1160}' | '\u{17B4}'..='\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
        | '\u{FFA0}' | '\u{FFF0}'..='\u{FFF8}' | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E0FFF}')
}

fn is_font_file(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        matches!(
            e.to_ascii_lowercase().as_str(),
            "ttf" | "otf" | "ttc" | "otc"
        )
    })
}

/// Loads the font files inside `dir` and its sub-folders. Only regular
/// files are read (no links to devices or pipes); oversized ones are skipped.
fn load_dir(dir: &Path, fonts: &mut Vec<Font>) -> Result<()> {
    let bad = |reason: String| Error::FontPath {
        path: dir.to_path_buf(),
        reason,
    };
    let meta = std::fs::metadata(dir).map_err(|e| bad(format!("cannot open it ({e})")))?;
    if !meta.is_dir() {
        return Err(bad("it is not a folder".into()));
    }
    let before = fonts.len();
    let policy = Policy {
        recursive: true,
        odd: Otherwise::Skip,
        wanted: is_font_file,
        max_file: MAX_FONT_FILE,
        bad_size: Otherwise::Skip,
        max_files: MAX_FONT_FILES,
        max_total: u64::MAX,
    };
    let found =
        input::files(dir, &policy).map_err(|r| bad(r.message(|p| p.display().to_string())))?;
    for file in found {
        let data = std::fs::read(&file.path)
            .map_err(|e| bad(format!("cannot read {} ({e})", file.path.display())))?;
        fonts.extend(Font::iter(Bytes::new(data)));
    }
    if fonts.len() == before {
        return Err(bad(
            "no usable .ttf, .otf, .ttc or .otc font files in it".into()
        ));
    }
    Ok(())
}
