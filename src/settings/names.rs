//! Parsing and checking the couple's names ("Ana & Ben").

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::diag::Problem;

/// The longest name we accept, in characters, so that covers and footers fit.
pub const MAX_NAME_CHARS: usize = 60;

/// Names that stand in where a build needs some and none are given: a
/// general copy from `eject`, or the check of a batch's shared settings.
pub const PLACEHOLDER: &str = "Partner One & Partner Two";

/// The names of a handout made without any: what its shared pages call the
/// two partners, beside lines to write their names on.
pub const BLANK: &str = "Partner 1 & Partner 2";

/// The two partners' names, trimmed and NFC-normalised, in the order given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Names {
    pub a: String,
    pub b: String,
}

impl Names {
    /// Parses `"A & B"`: exactly one `&`, two non-empty names.
    pub fn parse(input: &str) -> Result<Self, Problem> {
        let parts: Vec<&str> = input.split('&').collect();
        if parts.len() == 1
            && let Some(hint) = and_instead(input)
        {
            return Err(Problem::with_hint(
                "expected two names separated by '&', as in \"Ana & Ben\"",
                hint,
            ));
        }
        if parts.len() != 2 {
            return Err(Problem::new(format!(
                "expected two names separated by one '&', as in \"Ana & Ben\", got {} part{}",
                parts.len(),
                if parts.len() == 1 { "" } else { "s" }
            )));
        }
        let a = check_name(parts[0], "first")?;
        let b = check_name(parts[1], "second")?;
        Ok(Names { a, b })
    }

    /// "Ana & Ben", as printed on the cover and in the title.
    pub fn joined(&self) -> String {
        format!("{} & {}", self.a, self.b)
    }
}

/// `"Ana and Ben"`: the word where the `&` belongs; the hint gives the
/// names back as they should be typed.
fn and_instead(input: &str) -> Option<String> {
    let words: Vec<&str> = input.split_whitespace().collect();
    let at = words
        .iter()
        .position(|w| w.eq_ignore_ascii_case("and") || *w == "+")?;
    if at == 0 || at + 1 == words.len() {
        return None;
    }
    Some(format!(
        "write \"{} & {}\"",
        words[..at].join(" "),
        words[at + 1..].join(" ")
    ))
}

fn check_name(raw: &str, which: &str) -> Result<String, Problem> {
    let name: String = raw.trim().nfc().collect();
    // A name of only zero-width or combining characters prints as nothing.
    if name.chars().all(|c| {
        is_combining_mark(c) || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{034F}')
    }) {
        return Err(Problem::new(format!(
            "the {which} name is empty; write both names, as in \"Ana & Ben\""
        )));
    }
    let count = name.chars().count();
    if count > MAX_NAME_CHARS {
        return Err(Problem::new(format!(
            "the {which} name has {count} characters; at most {MAX_NAME_CHARS} fit on the cover"
        )));
    }
    if let Some(c) = name.chars().find(|&c| is_refused(c)) {
        return Err(Problem::new(format!(
            "the {which} name contains the invisible character U+{:04X}, which is not allowed",
            c as u32
        )));
    }
    Ok(name)
}

/// Control characters and the bidi controls that can reorder what is shown
/// (in names, and in output file names, where `evil\u{202E}fdp.exe` would
/// show as `evilexe.pdf`).
pub(crate) fn is_refused(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200E}' | '\u{200F}'            // left-to-right / right-to-left marks
            | '\u{202A}'..='\u{202E}'          // embeddings and overrides
            | '\u{2066}'..='\u{2069}'          // isolates
            | '\u{061C}'                       // Arabic letter mark
            | '\u{2028}' | '\u{2029}'          // line and paragraph separators
            | '\u{FEFF}') // byte order mark
}

/// The longest slug we make from one name, so file names stay short.
const MAX_SLUG: usize = 32;

/// Lower-case ASCII letters, digits and single dashes. Other scripts are
/// transliterated (`deunicode`), so "Мария" gives "mariia" and "李" gives "li".
pub(crate) fn slug(name: &str, fallback: &str) -> String {
    let ascii = deunicode::deunicode(name).to_ascii_lowercase();
    let mut out = String::new();
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    if out.len() > MAX_SLUG {
        // Cut at a word boundary when one is not too far back.
        let cut = match out[..=MAX_SLUG].rfind('-') {
            Some(at) if at >= MAX_SLUG / 2 => at,
            _ => MAX_SLUG,
        };
        out.truncate(cut);
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        fallback.to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("Ana", "x"), "ana");
        assert_eq!(slug("Zoë Ann", "x"), "zoe-ann");
        assert_eq!(slug("Łukasz", "x"), "lukasz");
        assert_eq!(slug("../../etc/passwd", "x"), "etc-passwd");
        assert_eq!(slug("Мария", "x"), "mariia");
        assert_eq!(slug("#panic(\"x\")", "x"), "panic-x");
        assert_eq!(slug("💛", "partner-1"), "yellow-heart");
        assert_eq!(slug("!!!", "partner-1"), "partner-1");
        assert!(slug(&"a".repeat(60), "x").len() <= MAX_SLUG);
        assert_eq!(
            slug("I hold back from opening up, in case I get hurt", "x"),
            "i-hold-back-from-opening-up-in"
        );
    }

    #[test]
    fn trims_and_normalises() {
        let n = Names::parse("  Zoe\u{0308} &  \u{141}ukasz ").unwrap();
        assert_eq!(n.a, "Zo\u{eb}");
        assert_eq!(n.b, "\u{141}ukasz");
    }

    #[test]
    fn refuses_bad_shapes() {
        for bad in [
            "Ana",
            "Ana & Ben & Cy",
            " & Ben",
            "Ana &  ",
            "A\u{202E}na & Ben",
            "A\tna & Ben",
        ] {
            assert!(Names::parse(bad).is_err(), "{bad:?} was accepted");
        }
        let long = "x".repeat(61);
        assert!(Names::parse(&format!("{long} & Ben")).is_err());
        assert!(Names::parse(&format!("{} & Ben", "x".repeat(60))).is_ok());
    }
}
