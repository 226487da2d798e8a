//! Fonts: the ones embedded from `assets/fonts/`, plus any from `--font-path`,
//! and the check that they cover every character of the user's text.

use std::path::{Path, PathBuf};

use typst::foundations::Bytes;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;

use crate::error::{Error, Result};
use crate::sources::Sources;

/// The largest font file we load from a user's folder (a large CJK font is ~20 MB).
const MAX_FONT_FILE: u64 = 64 * 1024 * 1024;

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

    /// Fails with a clear message when some of `text` cannot be shown.
    pub fn check_coverage(&self, field: &str, text: &str) -> Result<()> {
        let missing = self.missing_chars(text);
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

/// Loads the font files directly inside `dir` and its sub-folders. Only
/// regular files are read (no links to devices or pipes), each size-capped.
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
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        let mut entries: Vec<_> = std::fs::read_dir(&current)
            .map_err(|e| bad(format!("cannot read {} ({e})", current.display())))?
            .filter_map(|e| e.ok())
            .collect();
        // Sorted, so that the same folder always gives the same font order.
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                stack.push(path);
            } else if kind.is_file() && is_font_file(&path) {
                let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
                if size == 0 || size > MAX_FONT_FILE {
                    continue;
                }
                let data = std::fs::read(&path)
                    .map_err(|e| bad(format!("cannot read {} ({e})", path.display())))?;
                fonts.extend(Font::iter(Bytes::new(data)));
            }
        }
    }
    if fonts.len() == before {
        return Err(bad(
            "no usable .ttf, .otf, .ttc or .otc font files in it".into()
        ));
    }
    Ok(())
}
