//! A project: what every build of one command shares, loaded once. The
//! sources (embedded, or a user's folder over them), the guide read and
//! checked from them with a counselor's extra exercises, the fonts, the
//! typesetting engine with its limits, and the practice's logo once it is
//! decoded. `build`, `preview`, `eject` and every row of a batch lay out
//! their jobs from one project.

use std::path::{Path, PathBuf};

use typst::foundations::Bytes;

use crate::diag::Result;
use crate::guide::Content;
use crate::guide::select::Selection;
use crate::settings::BuildOptions;
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
