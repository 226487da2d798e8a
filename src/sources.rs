//! The files Typst may read: the guide, the templates and the assets,
//! embedded in the binary at build time.

use std::collections::BTreeMap;
use std::path::Path;

use include_dir::{Dir, include_dir};
use typst::foundations::Bytes;

use crate::diag::{Error, Result};
use crate::input::{self, Otherwise, Policy};

/// The three folders a project has; each one in a sources folder replaces
/// the embedded one.
pub const ROOTS: [&str; 3] = ["workbook", "templates", "assets"];
/// Limits for a folder on disk: any one file, all files, how many files.
const MAX_FILE: u64 = 32 * 1024 * 1024;
const MAX_TOTAL: u64 = 256 * 1024 * 1024;
const MAX_FILES: usize = 4000;

static WORKBOOK: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/workbook");
static TEMPLATES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/templates");
static ASSETS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/assets");

/// A file of the embedded `assets/` folder, by its path inside it.
pub fn embedded_asset(path: &str) -> Option<&'static [u8]> {
    ASSETS.get_file(path).map(|f| f.contents())
}

/// A set of files keyed by their absolute virtual path (`/templates/workbook.typ`).
/// Typst sees exactly these files and nothing else.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    files: BTreeMap<String, Bytes>,
}

impl Sources {
    /// The files compiled into this binary.
    pub fn embedded() -> Self {
        let mut files = BTreeMap::new();
        for (root, dir) in [
            ("workbook", &WORKBOOK),
            ("templates", &TEMPLATES),
            ("assets", &ASSETS),
        ] {
            collect(root, dir, &mut files);
        }
        Sources { files }
    }

    /// The embedded files, with each of `workbook/`, `templates/` and
    /// `assets/` that `dir` has taking the place of the embedded one. Only
    /// regular files inside `dir` are read: links are refused, sizes capped.
    pub fn with_dir(dir: &Path) -> Result<Self> {
        let bad =
            |reason: String| Error::usage(format!("--sources {}: {reason}", dir.display()), None);
        let root = dir
            .canonicalize()
            .map_err(|e| bad(format!("cannot open it ({e})")))?;
        if !root.is_dir() {
            return Err(bad("not a folder".into()));
        }
        let mut sources = Sources::embedded();
        let mut total = 0;
        let mut count = 0;
        let mut found_any = false;
        for name in ROOTS {
            let sub = root.join(name);
            match std::fs::symlink_metadata(&sub) {
                Err(_) => continue,
                Ok(m) if m.file_type().is_symlink() => {
                    return Err(bad(format!(
                        "{name}/ is a link; only real folders are read"
                    )));
                }
                Ok(m) if !m.is_dir() => return Err(bad(format!("{name} is not a folder"))),
                Ok(_) => {}
            }
            found_any = true;
            let prefix = format!("/{name}/");
            sources.files.retain(|p, _| !p.starts_with(&prefix));
            let policy = Policy {
                recursive: true,
                odd: Otherwise::Refuse,
                wanted: |_| true,
                max_file: MAX_FILE,
                bad_size: Otherwise::Refuse,
                max_files: MAX_FILES - count,
                max_total: MAX_TOTAL - total,
            };
            let shown = |p: &Path| p.strip_prefix(&root).unwrap_or(p).display().to_string();
            let found = input::files(&sub, &policy).map_err(|r| bad(r.message(shown)))?;
            for file in found {
                let rel = file.path.strip_prefix(&root).expect("walked from the root");
                let name = rel
                    .components()
                    .map(|c| {
                        c.as_os_str()
                            .to_str()
                            .ok_or_else(|| bad(format!("{}: the name is not UTF-8", rel.display())))
                    })
                    .collect::<Result<Vec<_>>>()?
                    .join("/");
                // Typst's virtual paths refuse some names a disk allows (a
                // backslash, for one): refuse them here, not in a panic later.
                if let Err(e) = typst::syntax::VirtualPath::new(format!("/{name}")) {
                    return Err(Error::usage(
                        format!(
                            "--sources {}: {}: Typst cannot use this file name ({e})",
                            dir.display(),
                            rel.display()
                        ),
                        Some(
                            "rename the file, without a backslash or other unusual characters"
                                .into(),
                        ),
                    ));
                }
                let bytes = std::fs::read(&file.path)
                    .map_err(|e| bad(format!("{}: {e}", rel.display())))?;
                total += file.len;
                count += 1;
                sources.files.insert(format!("/{name}"), Bytes::new(bytes));
            }
        }
        if !found_any {
            return Err(bad("it has none of workbook/, templates/ or assets/".into()));
        }
        // A folder ejected before the words had files of their own still
        // builds: the built-in ones stand in.
        if sources.under("/workbook/i18n/").next().is_none() {
            for (path, bytes) in Sources::embedded().files {
                if path.starts_with("/workbook/i18n/") {
                    sources.files.insert(path, bytes);
                }
            }
        }
        Ok(sources)
    }

    /// Adds or replaces a file (an override from disk, or a test's edit).
    pub fn insert(&mut self, path: &str, bytes: impl Into<Vec<u8>>) {
        self.files
            .insert(path.to_string(), Bytes::new(bytes.into()));
    }

    /// Removes a file.
    pub fn remove(&mut self, path: &str) {
        self.files.remove(path);
    }

    /// The bytes of a file, by virtual path.
    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(|b| b.as_slice())
    }

    /// The file as Typst bytes (shared, not copied).
    pub fn bytes(&self, path: &str) -> Option<Bytes> {
        self.files.get(path).cloned()
    }

    /// The file as UTF-8 text, or `None` when it is missing or not text.
    pub fn text(&self, path: &str) -> Option<&str> {
        self.get(path).and_then(|b| std::str::from_utf8(b).ok())
    }

    /// Every file, in path order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files.iter().map(|(p, b)| (p.as_str(), b.as_slice()))
    }

    /// Files under a folder (`/assets/fonts/`), in path order.
    pub fn under<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = (&'a str, &'a [u8])> {
        self.iter().filter(move |(p, _)| p.starts_with(prefix))
    }
}

fn collect(root: &str, dir: &'static Dir<'static>, files: &mut BTreeMap<String, Bytes>) {
    for file in dir.files() {
        let rel = file.path().to_string_lossy().replace('\\', "/");
        files.insert(format!("/{root}/{rel}"), Bytes::new(file.contents()));
    }
    for sub in dir.dirs() {
        collect(root, sub, files);
    }
}
