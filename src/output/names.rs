//! The default file names of what a build writes: `workbook-ana-ben.pdf`,
//! `counselor-guide.pdf`, `handout-apology.pdf`, each partner's own file.

use std::path::{Path, PathBuf};

use crate::settings::names::{Names, slug};

/// `workbook-ana-ben.pdf`, safe on Windows, macOS and Linux.
pub(crate) fn default_file_name(names: &Names) -> String {
    format!(
        "workbook-{}-{}.pdf",
        slug(&names.a, "partner-1"),
        slug(&names.b, "partner-2")
    )
}

/// `handout-apology-ana-ben.pdf`, or `handout-apology.pdf` without names;
/// a few exercises are named together, more than three by the first:
/// `handout-apology-and-3-more-ana-ben.pdf`.
pub(crate) fn handout_file_name(ids: &[String], names: Option<&Names>) -> String {
    let mut ids: Vec<String> = ids.iter().map(|id| slug(id, "exercise")).collect();
    // Each once, in the order given, as the handout prints them.
    let mut seen = std::collections::HashSet::new();
    ids.retain(|id| seen.insert(id.clone()));
    let what = if ids.len() > 3 {
        format!("{}-and-{}-more", ids[0], ids.len() - 1)
    } else {
        ids.join("-")
    };
    match names {
        Some(n) => format!(
            "handout-{what}-{}-{}.pdf",
            slug(&n.a, "partner-1"),
            slug(&n.b, "partner-2")
        ),
        None => format!("handout-{what}.pdf"),
    }
}

/// The default file name of a counselor's guide: `counselor-guide.pdf`, or
/// `counselor-guide-ana-ben.pdf` for one couple.
pub(crate) fn counselor_file_name(names: &Names, given: bool) -> String {
    if given {
        format!(
            "counselor-guide-{}-{}.pdf",
            slug(&names.a, "partner-1"),
            slug(&names.b, "partner-2")
        )
    } else {
        "counselor-guide.pdf".to_string()
    }
}

/// The three files of `--split partners`: the shared book at `shared` (by
/// default `workbook-ana-ben.pdf`), each partner's beside it with their key
/// added: `workbook-ana-ben-ana.pdf`, `workbook-ana-ben-ben.pdf`.
pub(crate) fn split_targets(shared: &Path, names: &Names) -> [PathBuf; 3] {
    let (a, b) = crate::data::keys::partners(names);
    let stem = shared
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = shared
        .extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_else(|| "pdf".to_string());
    let with = |key: &str| shared.with_file_name(format!("{stem}-{key}.{ext}"));
    [shared.to_path_buf(), with(&a), with(&b)]
}

/// The files of a booklet bound as `count` volumes, beside `whole` (by
/// default `workbook-ana-ben.pdf`): `workbook-ana-ben-vol1.pdf`, …
pub(crate) fn volume_targets(whole: &Path, count: usize) -> Vec<PathBuf> {
    let stem = whole
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    (1..=count)
        .map(|i| whole.with_file_name(format!("{stem}-vol{i}.pdf")))
        .collect()
}

/// The default file name of a build: `workbook-ana-ben.pdf`, or for the
/// counselor's guide `counselor-guide[-ana-ben].pdf`, so that the two are
/// never mistaken for each other (in a batch too); for a handout
/// `handout-apology[-ana-ben].pdf`.
pub(crate) fn for_settings(opts: &crate::settings::BuildOptions) -> String {
    use crate::settings::edition::Edition;
    if !opts.handout.is_empty() {
        let names = opts.names_given.then_some(&opts.names);
        return handout_file_name(&opts.handout, names);
    }
    match opts.edition {
        Edition::Couple => default_file_name(&opts.names),
        Edition::Counselor => counselor_file_name(&opts.names, opts.names_given),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn volume_names() {
        let names = volume_targets(Path::new("out/x.pdf"), 2);
        assert_eq!(
            names,
            [
                PathBuf::from("out/x-vol1.pdf"),
                PathBuf::from("out/x-vol2.pdf")
            ]
        );
    }

    #[test]
    fn handout_names() {
        let ids = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let names = Names::parse("Ana & Zoë").unwrap();
        assert_eq!(
            handout_file_name(&ids(&["apology"]), Some(&names)),
            "handout-apology-ana-zoe.pdf"
        );
        assert_eq!(
            handout_file_name(&ids(&["boundary-list", "gratitude-log"]), None),
            "handout-boundary-list-gratitude-log.pdf"
        );
        assert_eq!(
            handout_file_name(&ids(&["a", "b", "a", "c", "d"]), None),
            "handout-a-and-3-more.pdf"
        );
    }
}
