//! The files Typst may read: the guide, the templates and the assets,
//! embedded in the binary at build time.

use std::collections::BTreeMap;

use include_dir::{Dir, include_dir};
use typst::foundations::Bytes;

static WORKBOOK: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/workbook");
static TEMPLATES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/templates");
static ASSETS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/assets");

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
