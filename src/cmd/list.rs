//! `workbook list`: the parts and exercises with their ids.

use std::fmt::Write;

use crate::cli::ListArgs;
use crate::diag::{Error, Result};
use crate::guide::{Content, PartKind};

/// Lists the guide that `build` would use with the same config and sources.
pub(crate) fn run(args: ListArgs) -> Result<()> {
    let config = crate::settings::config::load(args.config.as_deref())?;
    let sources = args
        .sources
        .or_else(|| crate::settings::config::path_from(config.as_ref(), |c| c.sources.as_ref()));
    let extra =
        crate::settings::config::path_from(config.as_ref(), |c| c.content.extra_exercises.as_ref());
    let lang = crate::settings::lang::choose(None, args.lang.as_deref(), config.as_ref())?;
    let content = crate::Project::open(sources.as_deref(), &[], extra.as_deref(), lang)?.content;
    let mut text = listing(&content);
    if let Some(guide) = &content.counselor {
        text.push('\n');
        text.push_str(&guide.listing());
    }
    // `workbook list | head` ends quietly.
    crate::messages::out(text.as_bytes()).map_err(|source| Error::Io {
        path: "standard output".into(),
        source,
    })
}

/// The listing as text: one line per part, its exercises indented under it.
pub(crate) fn listing(content: &Content) -> String {
    let mut out = String::new();
    // The id column fits the longest id, exercises indented by two.
    let width = content
        .parts()
        .flat_map(|p| {
            std::iter::once(p.id.get_ref().len())
                .chain(p.exercises.iter().map(|e| e.get_ref().len() + 2))
        })
        .max()
        .unwrap_or(0)
        .max(24);
    let _ = writeln!(
        out,
        "{:<width$} {:<9} {:<9} {:<8} TITLE",
        "ID", "KIND", "FOR", "HANDOUT"
    );
    let mut chapter = 0;
    for part in content.parts() {
        let kind = match part.kind {
            PartKind::Front => "front",
            PartKind::Chapter => "chapter",
            PartKind::Back => "back",
        };
        let title = if part.kind == PartKind::Chapter {
            chapter += 1;
            format!("{chapter}. {}", part.title)
        } else {
            part.title.clone()
        };
        let _ = writeln!(
            out,
            "{:<width$} {:<9} {:<9} {:<8} {title}",
            part.id.get_ref(),
            kind,
            "",
            ""
        );
        for id in &part.exercises {
            let ex = &content.exercises[id.get_ref()];
            let who = ex.who.name();
            let handout = if crate::guide::handout::can_be_handout(content, id.get_ref()) {
                "yes"
            } else {
                "no"
            };
            let _ = writeln!(
                out,
                "  {:<w$} {:<9} {:<9} {:<8} {}",
                id.get_ref(),
                "exercise",
                who,
                handout,
                ex.title,
                w = width - 2
            );
        }
    }
    let _ = writeln!(
        out,
        "\nHANDOUT yes: print that exercise alone, in two pages or fewer a copy, with\n`workbook build --handout ID`; the others take more than two pages a copy."
    );
    out
}
