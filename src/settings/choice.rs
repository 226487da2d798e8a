//! Settings chosen by name (paper, sides, ruling, ...): each kind lists its
//! names once, and a CSV cell or workbook.toml is read by that list. The
//! command line has its own mirror of each kind in `cli.rs` (for clap's
//! help), turned into these with `From`.

/// A setting with a few named values, typed in any case.
pub trait Choice: Copy + 'static {
    /// Every value with the name it is typed as.
    const NAMES: &'static [(&'static str, Self)];

    /// The value typed, in any case (as clap's `ignore_case` reads a flag).
    fn parse(typed: &str) -> Option<Self> {
        Self::NAMES
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(typed))
            .map(|(_, value)| *value)
    }
}

#[cfg(test)]
mod tests {
    use super::Choice;
    use crate::settings::paper::Paper;
    use crate::settings::print::{Sides, Standard};

    #[test]
    fn names_are_read_in_any_case() {
        assert_eq!(Paper::parse("LETTER"), Some(Paper::Letter));
        assert_eq!(Sides::parse("Duplex"), Some(Sides::Duplex));
        assert_eq!(Standard::parse("A-2B"), Some(Standard::A2b));
        assert_eq!(Paper::parse("a3"), None);
    }
}
