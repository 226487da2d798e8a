//! The Typst `World` over our in-memory files: the sources, the generated
//! `/data.json` and `/couple.json`, our fonts, no packages and no network.

use std::collections::HashMap;
use std::sync::OnceLock;

use typst::diag::{FileError, FileResult, PackageError};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Feature, Library, LibraryExt, World};

use crate::sources::Sources;
use crate::typeset::fonts::Fonts;
use crate::typeset::limits::{Limits, Watch};

/// The entry point of the templates.
pub const MAIN: &str = "/templates/workbook.typ";
/// The book's data: the same for every couple of a batch that shares its
/// settings.
pub const DATA: &str = "/data.json";
/// The names: the one file that changes from couple to couple.
pub const COUPLE: &str = "/couple.json";

/// The two generated files, made by `data` (the old path stays for the
/// benches).
pub use crate::data::DataFiles;

/// What stays the same across builds: the standard library, the fonts and
/// the parsed sources. Keeping these constant lets comemo reuse most of the
/// previous layout when only `/data.json` changes.
pub struct Engine {
    library: LazyHash<Library>,
    fonts: Fonts,
    sources: Sources,
    parsed: HashMap<FileId, OnceLock<FileResult<Source>>>,
    /// The sources came from the user's folder: their errors are theirs.
    user_sources: bool,
    /// The time and memory a build from the user's sources may take.
    limits: Option<Limits>,
}

impl Engine {
    /// An engine over these files and fonts.
    pub fn new(sources: Sources, fonts: Fonts) -> Self {
        let parsed = sources
            .iter()
            .filter(|(p, _)| p.ends_with(".typ"))
            .map(|(p, _)| (file_id(p), OnceLock::new()))
            .collect();
        Engine {
            // `a11y-extras` gives the templates row headers and table
            // summaries (pdf.header-cell, pdf.table-summary); they check for
            // it, so a plain `typst compile` of an ejected folder still works.
            // `html` lets the same templates compile for Typst's HTML
            // target (the HTML edition); a PDF's compile is not changed by it.
            library: LazyHash::new(
                Library::builder()
                    .with_features([Feature::A11yExtras, Feature::Html].into_iter().collect())
                    .build(),
            ),
            fonts,
            sources,
            parsed,
            user_sources: false,
            limits: None,
        }
    }

    /// Marks the sources as the user's own (from `--sources`).
    pub fn with_user_sources(mut self, user: bool) -> Self {
        self.user_sources = user;
        self
    }

    /// The user's sources folder as they named it, when the sources are
    /// theirs (empty when not known): errors name files inside it.
    pub fn user_dir(&self) -> Option<&std::path::Path> {
        self.user_sources.then(|| {
            self.limits
                .as_ref()
                .map_or(std::path::Path::new(""), |l| l.sources.as_path())
        })
    }

    /// Builds from the user's own sources run under these limits.
    pub fn with_limits(mut self, limits: Option<Limits>) -> Self {
        self.limits = limits;
        self
    }

    /// A watchdog over one build from the user's own sources, which ends
    /// the process at a limit; none for our own, trusted templates.
    pub(crate) fn watch(&self) -> Option<Watch> {
        self.limits
            .as_ref()
            .filter(|_| self.user_sources)
            .map(super::limits::watch)
    }

    /// Whether the sources are the user's own folder (`--sources`).
    pub fn user_sources(&self) -> bool {
        self.user_sources
    }

    /// The fonts Typst may use.
    pub fn fonts(&self) -> &Fonts {
        &self.fonts
    }

    /// The files Typst may read.
    pub fn sources(&self) -> &Sources {
        &self.sources
    }

    /// A world for one build with the given data files, date and the
    /// couple's own files (a prepared logo or photo, by virtual path).
    pub fn world<'a>(
        &'a self,
        data: &DataFiles,
        today: Datetime,
        extra: &[(String, Bytes)],
    ) -> BuildWorld<'a> {
        BuildWorld {
            engine: self,
            data: Bytes::new(data.data.clone()),
            couple: Bytes::new(data.couple.clone()),
            today,
            extra: extra.to_vec(),
        }
    }
}

/// The interned id of a project path.
pub fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("our own paths are valid");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// One build's view: the engine's files plus this couple's data.
pub struct BuildWorld<'a> {
    engine: &'a Engine,
    data: Bytes,
    couple: Bytes,
    today: Datetime,
    extra: Vec<(String, Bytes)>,
}

impl BuildWorld<'_> {
    fn path_of(id: FileId) -> FileResult<String> {
        match id.root() {
            VirtualRoot::Package(spec) => Err(FileError::Package(PackageError::Other(Some(
                format!("{spec} cannot be used: packages are not available in workbook, which works offline").into(),
            )))),
            VirtualRoot::Project => Ok(id.vpath().get_with_slash().to_string()),
        }
    }
}

impl World for BuildWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.engine.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.engine.fonts.book
    }

    fn main(&self) -> FileId {
        file_id(MAIN)
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        let path = Self::path_of(id)?;
        if let Some(cell) = self.engine.parsed.get(&id) {
            return cell
                .get_or_init(|| {
                    let text = self
                        .engine
                        .sources
                        .text(&path)
                        .ok_or(FileError::InvalidUtf8)?;
                    Ok(Source::new(id, text.to_string()))
                })
                .clone();
        }
        let bytes = self.file(id)?;
        let text = std::str::from_utf8(&bytes).map_err(|_| FileError::InvalidUtf8)?;
        Ok(Source::new(id, text.to_string()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        let path = Self::path_of(id)?;
        if path == DATA {
            return Ok(self.data.clone());
        }
        if path == COUPLE {
            return Ok(self.couple.clone());
        }
        if let Some((_, bytes)) = self.extra.iter().find(|(p, _)| *p == path) {
            return Ok(bytes.clone());
        }
        match self.engine.sources.bytes(&path) {
            Some(bytes) => Ok(bytes),
            None => Err(FileError::NotFound(path.into())),
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.engine.fonts.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}
