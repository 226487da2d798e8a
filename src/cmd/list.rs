//! `workbook list`: the parts and exercises with their ids.

use std::fmt::Write;

use crate::content::{Content, PartKind};
use crate::error::Result;
use crate::sources::Sources;

pub fn run() -> Result<()> {
    let content = Content::load(&Sources::embedded())?;
    print!("{}", listing(&content));
    Ok(())
}

/// The listing as text: one line per part, its exercises indented under it.
pub fn listing(content: &Content) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{:<24} {:<9} {:<9} TITLE", "ID", "KIND", "FOR");
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
            "{:<24} {:<9} {:<9} {title}",
            part.id.get_ref(),
            kind,
            ""
        );
        for id in &part.exercises {
            let ex = &content.exercises[id.get_ref()];
            let who = ex.who.name();
            let _ = writeln!(
                out,
                "  {:<22} {:<9} {:<9} {}",
                id.get_ref(),
                "exercise",
                who,
                ex.title
            );
        }
    }
    out
}
