//! Fonts for names and practice details in scripts our own fonts lack: the
//! text faces the user's `--font-path` offers for those scripts, serif
//! beside our serif and sans beside our sans, and for Chinese, Japanese
//! and Korean the region the characters belong to. Typst's own fallback
//! picks by similarity alone, which gives an Arabic name in a display face
//! (Kufi) and a Chinese one in a Japanese font.

use std::collections::BTreeSet;

use typst::text::FontBook;
use unicode_script::{Script, UnicodeScript};

use crate::data::Fallbacks;

impl Fallbacks {
    /// The families for the texts the font check covers: the names and the
    /// practice's texts.
    pub(crate) fn for_settings(book: &FontBook, opts: &crate::settings::BuildOptions) -> Self {
        Fallbacks::for_texts(
            book,
            [opts.names.a.as_str(), opts.names.b.as_str()]
                .into_iter()
                .chain(opts.branding.texts().into_iter().map(|(_, t)| t)),
        )
    }

    /// The families among `book`'s for the scripts that `texts` use.
    pub(crate) fn for_texts<'a>(book: &FontBook, texts: impl IntoIterator<Item = &'a str>) -> Self {
        let mut scripts = BTreeSet::new();
        let mut han = Vec::new();
        for c in texts.into_iter().flat_map(str::chars) {
            match c.script() {
                // Our own fonts have these; the rest is punctuation and marks.
                Script::Latin | Script::Greek | Script::Cyrillic => {}
                Script::Common | Script::Inherited | Script::Unknown => {}
                Script::Han => han.push(c),
                s => {
                    scripts.insert(s.full_name());
                }
            }
        }
        let mut fallbacks = Fallbacks::default();
        if !han.is_empty()
            || ["Hiragana", "Katakana", "Hangul", "Bopomofo"]
                .iter()
                .any(|s| scripts.contains(s))
        {
            let region = cjk_region(&scripts, &han);
            fallbacks.add(
                book,
                &format!("Noto Serif CJK {region}"),
                &format!("Noto Sans CJK {region}"),
            );
        }
        for script in scripts {
            match script {
                "Hiragana" | "Katakana" | "Hangul" | "Bopomofo" => {}
                // Naskh is Arabic's text face; Kufi is for display.
                "Arabic" => fallbacks.add(book, "Noto Naskh Arabic", "Noto Sans Arabic"),
                s => fallbacks.add(book, &format!("Noto Serif {s}"), &format!("Noto Sans {s}")),
            }
        }
        fallbacks
    }

    /// The serif face first for the body, the sans first for labels; each
    /// only when the book has it.
    fn add(&mut self, book: &FontBook, serif: &str, sans: &str) {
        let has = |family: &str| {
            book.families()
                .any(|(name, _)| name.eq_ignore_ascii_case(family))
        };
        let (serif, sans) = (has(serif).then_some(serif), has(sans).then_some(sans));
        self.body
            .extend(serif.into_iter().chain(sans).map(str::to_string));
        self.label
            .extend(sans.into_iter().chain(serif).map(str::to_string));
    }
}

/// JP with kana, KR with hangul; for Han alone, TC when the characters are
/// traditional forms and SC otherwise (simplified forms, or forms the two
/// share, as most of the Chinese-speaking world writes them simplified).
fn cjk_region(scripts: &BTreeSet<&str>, han: &[char]) -> &'static str {
    if scripts.contains("Hiragana") || scripts.contains("Katakana") {
        "JP"
    } else if scripts.contains("Hangul") {
        "KR"
    } else if han.iter().any(|&c| is_simplified(c)) {
        "SC"
    } else if han.iter().any(|&c| is_traditional(c)) {
        "TC"
    } else {
        "SC"
    }
}

/// A character Big5 (the traditional character set) lacks but GBK has in
/// its GB2312 part (the simplified one).
fn is_simplified(c: char) -> bool {
    !in_big5(c) && in_gb2312(c)
}

/// A character Big5 has but GB2312 lacks.
fn is_traditional(c: char) -> bool {
    in_big5(c) && !in_gb2312(c)
}

fn in_big5(c: char) -> bool {
    encodes(encoding_rs::BIG5, c).is_some()
}

/// GB2312's characters are the part of GBK with both bytes from 0xA1 up.
fn in_gb2312(c: char) -> bool {
    encodes(encoding_rs::GBK, c).is_some_and(|b| b.len() == 2 && b[0] >= 0xA1 && b[1] >= 0xA1)
}

fn encodes(encoding: &'static encoding_rs::Encoding, c: char) -> Option<Vec<u8>> {
    let mut buf = [0; 4];
    let (bytes, _, unmappable) = encoding.encode(c.encode_utf8(&mut buf));
    (!unmappable).then(|| bytes.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn region(text: &str) -> &'static str {
        let scripts = text.chars().map(|c| c.script().full_name()).collect();
        let han: Vec<char> = text.chars().filter(|c| c.script() == Script::Han).collect();
        cjk_region(&scripts, &han)
    }

    #[test]
    fn chinese_names_find_their_region() {
        // 华 and 张 are simplified forms; 華 and 張 their traditional ones.
        assert_eq!(region("李华 张伟"), "SC");
        assert_eq!(region("李華 張偉"), "TC");
        // Forms both write alike: the simplified region.
        assert_eq!(region("王小明"), "SC");
        assert_eq!(region("山田 はな"), "JP");
        assert_eq!(region("김민준"), "KR");
    }

    fn book(families: &[&str]) -> FontBook {
        use typst::text::{Coverage, FontFlags, FontInfo, FontVariant};
        FontBook::from_infos(families.iter().map(|f| FontInfo {
            family: f.to_string(),
            variant: FontVariant::default(),
            flags: FontFlags::empty(),
            axes: Vec::new(),
            coverage: Coverage::from_vec(Vec::new()),
        }))
    }

    #[test]
    fn text_faces_come_first_serif_beside_serif() {
        let debian = book(&[
            "Noto Kufi Arabic",
            "Noto Naskh Arabic",
            "Noto Sans Arabic",
            "Noto Sans CJK JP",
            "Noto Sans CJK SC",
            "Noto Serif CJK SC",
            "Noto Serif Hebrew",
        ]);
        let f = Fallbacks::for_texts(&debian, ["Ana", "ليلى", "李华", "נועה"]);
        // Kufi, a display face, is never asked for; Japanese neither.
        assert_eq!(
            f.body,
            [
                "Noto Serif CJK SC",
                "Noto Sans CJK SC",
                "Noto Naskh Arabic",
                "Noto Sans Arabic",
                "Noto Serif Hebrew"
            ]
        );
        assert_eq!(
            f.label,
            [
                "Noto Sans CJK SC",
                "Noto Serif CJK SC",
                "Noto Sans Arabic",
                "Noto Naskh Arabic",
                "Noto Serif Hebrew"
            ]
        );
        let latin = Fallbacks::for_texts(&debian, ["Zoë & Σοφία", "Мария"]);
        assert!(latin.body.is_empty() && latin.label.is_empty());
    }

    #[test]
    fn only_families_the_book_has_are_named() {
        let book = FontBook::new();
        let none = Fallbacks::for_texts(&book, ["ليلى", "李华"]);
        assert!(none.body.is_empty() && none.label.is_empty());
    }
}
