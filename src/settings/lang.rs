//! `--lang`: the languages the guide is written in, and the one a value
//! names. The files of each live under `workbook/<code>/` (see
//! `guide::lang`).

/// The languages the guide is written in, English first (the default).
pub const LANGUAGES: [&str; 2] = ["en", "es"];

/// The language `value` names (`es`, `ES`), or the problem naming those
/// the guide is written in.
pub fn code(value: &str) -> std::result::Result<&'static str, crate::diag::Problem> {
    let value = value.trim().to_ascii_lowercase();
    LANGUAGES.into_iter().find(|l| *l == value).ok_or_else(|| {
        crate::diag::Problem::new(format!(
            "the guide is written in {}",
            LANGUAGES.join(" and ")
        ))
    })
}
