//! A project: what every build of one command shares, loaded once. The
//! sources (embedded, or a user's folder over them), the guide read and
//! checked from them with a counselor's extra exercises, the fonts, the
//! typesetting engine with its limits, and the practice's logo once it is
//! decoded. `build`, `preview`, `eject` and every row of a batch lay out
//! their jobs from one project; a batch or a server whose books are in
//! several languages keeps one a language ([`Projects`]).

use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use typst::foundations::Bytes;

use crate::diag::Result;
use crate::guide::Content;
use crate::guide::select::Selection;
use crate::settings::BuildOptions;
use crate::settings::lang::LANGUAGES;
use crate::sources::Sources;
use crate::typeset::fonts::Fonts;
use crate::typeset::world::Engine;

/// What every job of one command shares.
pub struct Project {
    pub engine: Engine,
    pub content: Content,
    /// The practice's logo, decoded once for every book ([`Self::prepare`]).
    pub(crate) logo: Option<Bytes>,
    /// The `--skip` and `--only` whose guide texts the fonts are known to
    /// cover ([`Self::prepare`]): a row that selects the same parts is not
    /// checked again.
    pub(crate) checked: Option<(Vec<String>, Vec<String>)>,
}

impl Project {
    /// The sources (embedded, or `sources_dir` over them), the guide read
    /// and checked from them in the language `lang` (another language's
    /// files take the place of the English ones), a counselor's extra
    /// exercises, the fonts.
    pub fn open(
        sources_dir: Option<&Path>,
        fonts: &[PathBuf],
        extra: Option<&Path>,
        lang: &str,
    ) -> Result<Self> {
        let sources = match sources_dir {
            Some(dir) => Sources::with_dir(dir)?,
            None => Sources::embedded(),
        };
        let (sources, mut content) = crate::guide::lang::load(sources, lang)?;
        if let Some(dir) = extra {
            crate::guide::extra::add(&mut content, dir)?;
        }
        let fonts = Fonts::load(&sources, fonts)?;
        if let Some(dir) = sources_dir {
            crate::typeset::families::check(&fonts, &sources, dir)?;
        }
        let engine = Engine::new(sources, fonts).with_user_sources(sources_dir.is_some());
        Ok(Project {
            engine,
            content,
            logo: None,
            checked: None,
        })
    }

    /// The project these settings name (sources, fonts, extra exercises),
    /// with the limits a build from the user's own sources runs under.
    pub fn load(opts: &BuildOptions) -> Result<Self> {
        let project = Project::open(
            opts.sources.as_deref(),
            &opts.font_paths,
            opts.extra_exercises.as_deref(),
            opts.lang,
        )?;
        Ok(Project {
            engine: project
                .engine
                .with_limits(crate::typeset::limits::Limits::for_options(opts)),
            ..project
        })
    }

    /// Does once, for many books built from these shared settings, what
    /// each would otherwise do alone: decodes the practice's logo, and
    /// checks that the fonts cover the guide's texts for their selection.
    pub fn prepare(&mut self, shared: &BuildOptions) -> Result<()> {
        let selection = Selection::new(&self.content, &shared.skip, &shared.only)?;
        // The same check every build makes (the names here are the
        // caller's placeholder, plain ASCII).
        self.engine
            .fonts()
            .check_printable(&self.content, &selection, shared, false)?;
        self.checked = Some((shared.skip.clone(), shared.only.clone()));
        self.logo = shared
            .branding
            .logo
            .as_deref()
            .map(crate::typeset::images::prepare_logo)
            .transpose()?;
        Ok(())
    }

    /// Whether the fonts are known to cover the guide's texts for the
    /// parts these settings select.
    pub(crate) fn guide_checked(&self, opts: &BuildOptions) -> bool {
        self.checked
            .as_ref()
            .is_some_and(|(skip, only)| *skip == opts.skip && *only == opts.only)
    }
}

/// One project per language, each loaded the first time a book in that
/// language asks for it: a batch or a server whose books are all in one
/// language loads no more than one project, as before.
pub struct Projects {
    /// The settings no row or form changes, each project loaded (and, for
    /// a batch, prepared) with them in its own language.
    base: BuildOptions,
    /// Whether a project is [`Project::prepare`]d as it is loaded.
    prepare: bool,
    /// By the index of the language in `settings::lang::LANGUAGES`.
    loaded: [OnceLock<Project>; LANGUAGES.len()],
    /// Held while a project loads: two rows in a new language, on two
    /// threads, load it once.
    loading: Mutex<()>,
}

impl Projects {
    /// The projects of these settings, `first` (loaded, and prepared when
    /// `prepare` says so, by the caller) in `base`'s language.
    pub fn new(first: Project, base: BuildOptions, prepare: bool) -> Self {
        let projects = Projects {
            base,
            prepare,
            loaded: std::array::from_fn(|_| OnceLock::new()),
            loading: Mutex::new(()),
        };
        let _ = projects.loaded[index(projects.base.lang)].set(first);
        projects
    }

    /// The project in `base`'s language, loaded from the start.
    pub fn first(&self) -> &Project {
        self.loaded[index(self.base.lang)]
            .get()
            .expect("the first project is loaded by `new`")
    }

    /// The language of [`Self::first`].
    pub fn first_lang(&self) -> &'static str {
        self.base.lang
    }

    /// The project in `lang`, loaded now if no book asked for it before.
    /// A failure to load is not kept: it is the error of the book that
    /// asked, and the next one tries again.
    pub fn get(&self, lang: &'static str) -> Result<&Project> {
        let slot = &self.loaded[index(lang)];
        if let Some(project) = slot.get() {
            return Ok(project);
        }
        let _loading = self
            .loading
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(project) = slot.get() {
            return Ok(project);
        }
        let opts = BuildOptions {
            lang,
            ..self.base.clone()
        };
        let mut project = Project::load(&opts)?;
        if self.prepare {
            project.prepare(&opts)?;
        }
        Ok(slot.get_or_init(|| project))
    }

    /// The languages loaded so far, in the order of `LANGUAGES`.
    #[cfg(test)]
    fn loaded(&self) -> Vec<&'static str> {
        LANGUAGES
            .into_iter()
            .zip(&self.loaded)
            .filter(|(_, slot)| slot.get().is_some())
            .map(|(lang, _)| lang)
            .collect()
    }
}

/// Where `lang`, one of `LANGUAGES` (as `settings::lang::code` gives it),
/// is kept.
fn index(lang: &str) -> usize {
    LANGUAGES
        .iter()
        .position(|l| *l == lang)
        .expect("a language checked by settings::lang::code")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_language_is_loaded_when_a_book_first_asks_for_it() {
        let env = crate::settings::Environment::read().unwrap();
        let flags = crate::settings::Flags {
            names: Some("Ana & Ben".into()),
            ..Default::default()
        };
        let base = BuildOptions::resolve(flags, None, &env).unwrap();
        let projects = Projects::new(Project::load(&base).unwrap(), base, false);
        assert_eq!(projects.loaded(), ["en"]);
        let titles = |p: &Project| -> Vec<String> {
            p.content.parts().map(|part| part.title.clone()).collect()
        };
        let en = titles(projects.get("en").unwrap());
        assert_eq!(projects.loaded(), ["en"]);
        let es = projects.get("es").unwrap();
        assert_ne!(titles(es), en, "the Spanish project has its own titles");
        assert_eq!(projects.loaded(), ["en", "es"]);
        // Asked again, the same project.
        assert!(std::ptr::eq(es, projects.get("es").unwrap()));
    }
}
