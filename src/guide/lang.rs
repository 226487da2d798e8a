//! The guide in another language: each file under `/workbook/<code>/`
//! takes the place of its English twin, with the same structure (ids,
//! blocks, calls, placeholders), and every form field keeps the key the
//! English gives it, so that answers compare across languages.

use std::collections::BTreeSet;

use typst::syntax::{LinkedNode, ast, parse};

use super::schema::{Block, Exercise, Manifest};
use super::{Content, ROOT};
use crate::diag::{Error, Result};
use crate::settings::lang::LANGUAGES;
use crate::sources::Sources;

/// Folders under `/workbook/` that are not a part of the English guide:
/// the other languages' own, and the strings of every language.
fn is_english(path: &str) -> bool {
    let Some(rest) = path.strip_prefix("/workbook/") else {
        return false;
    };
    let top = rest.split('/').next().unwrap_or("");
    let shaped = rest.ends_with(".toml") || rest.ends_with(".typ");
    shaped && top != "i18n" && !LANGUAGES.contains(&top)
}

/// Loads the guide in `code`: for English, the sources as they are; for
/// another language, the sources with that language's files over the
/// English ones, checked to have the English structure, and the English
/// keys on every block.
pub fn load(sources: Sources, code: &str) -> Result<(Sources, Content)> {
    let english = Content::load(&sources)?;
    if code == LANGUAGES[0] {
        return Ok((sources, english));
    }
    let folder = format!("{ROOT}/{code}/");
    let mut twins = Vec::new();
    let mut problems = Vec::new();
    for (path, _) in sources.iter().filter(|(p, _)| is_english(p)) {
        let twin = format!("{folder}{}", &path[ROOT.len() + 1..]);
        match sources.get(&twin) {
            Some(_) => twins.push((path.to_string(), twin)),
            None => problems.push(missing(&twin, path)),
        }
    }
    for (path, _) in sources.under(&folder) {
        let english = format!("{ROOT}/{}", &path[folder.len()..]);
        if sources.get(&english).is_none() {
            problems.push(Error::at(
                path,
                "",
                0,
                format!("the English guide has no {}", english.trim_start_matches('/')),
                Some("a translation has the English files' names; remove this file or rename it to its English twin's".into()),
            ));
        }
    }
    if let Some(first) = problems.into_iter().next() {
        return Err(first);
    }
    let mut translated = sources.clone();
    for (path, twin) in &twins {
        translated.insert(path, sources.get(twin).unwrap_or_default().to_vec());
    }
    // An error in a translated file names that file, not its English twin.
    let own_name = |e: Error| match e {
        Error::Content {
            file,
            line,
            column,
            message,
            hint,
        } => Error::Content {
            file: match twins
                .iter()
                .find(|(p, _)| p.trim_start_matches('/') == file)
            {
                Some((_, twin)) => twin.trim_start_matches('/').to_string(),
                None => file,
            },
            line,
            column,
            message,
            hint,
        },
        other => other,
    };
    let mut content = Content::load(&translated).map_err(own_name)?;
    content.strings = super::strings::Strings::load(&translated, code)?;
    for (path, twin) in &twins {
        if path.ends_with(".typ") {
            same_calls(&sources, path, twin)?;
        }
    }
    same_shape(&english, &content, &sources, &folder)?;
    for (id, exercise) in content.exercises.iter_mut() {
        let original = &english.exercises[id];
        for (block, english) in exercise.blocks.iter_mut().zip(&original.blocks) {
            block.get_mut().keyed_as = Some(Box::new(english.get_ref().clone()));
        }
    }
    Ok((translated, content))
}

fn missing(twin: &str, english: &str) -> Error {
    Error::at(
        twin,
        "",
        0,
        format!(
            "missing: the English guide has {}, and each of its files needs its twin here",
            english.trim_start_matches('/')
        ),
        Some(
            "write it with the same ids, blocks and calls as the English, in your own words".into(),
        ),
    )
}

/// A problem in a translated TOML file, at the start of `what`'s span
/// when it has one.
fn differs(sources: &Sources, twin: &str, offset: usize, message: String) -> Error {
    Error::at(
        twin,
        sources.text(twin).unwrap_or(""),
        offset,
        message,
        Some(
            "a translation keeps the English structure: only the words a reader sees change".into(),
        ),
    )
}

/// The manifests, the exercises, the check and the session plan have the
/// English structure: the same ids, kinds, lists and numbers, and each
/// text the same `{placeholders}`.
fn same_shape(english: &Content, other: &Content, sources: &Sources, folder: &str) -> Result<()> {
    let manifest = format!("{folder}guide.toml");
    same_manifest(&english.manifest, &other.manifest, sources, &manifest)?;
    // (A twin missing altogether was named when the files were paired.)
    if let (Some(e), Some(o)) = (&english.counselor, &other.counselor) {
        {
            let path = format!("{folder}counselor/guide.toml");
            same_manifest(&e.manifest, &o.manifest, sources, &path)?;
            let path = format!("{folder}counselor/sessions.toml");
            for (e, o) in e.sessions.iter().zip(&o.sessions) {
                let plain = |s: &super::counselor::Session| {
                    (
                        *s.number.get_ref(),
                        s.individual,
                        s.parts
                            .iter()
                            .map(|p| p.get_ref().clone())
                            .collect::<Vec<_>>(),
                        s.exercises
                            .iter()
                            .map(|x| x.get_ref().clone())
                            .collect::<Vec<_>>(),
                    )
                };
                if plain(e) != plain(o) {
                    let n = e.number.get_ref();
                    return Err(differs(
                        sources,
                        &path,
                        o.number.span().start,
                        format!(
                            "session {n}: its number, `individual`, `parts` or `exercises` differ from the English"
                        ),
                    ));
                }
            }
        }
    }
    if let (Some(e), Some(o)) = (&english.progress, &other.progress) {
        let path = format!("{folder}progress.toml");
        if e.statements.get_ref().len() != o.statements.get_ref().len() || e.fear != o.fear {
            return Err(differs(
                sources,
                &path,
                o.statements.span().start,
                format!(
                    "the English check has {} statements and `fear = {:?}`; this one must have the same",
                    e.statements.get_ref().len(),
                    e.fear
                ),
            ));
        }
    }
    for (id, e) in &english.exercises {
        let path = format!("{folder}exercises/{id}.toml");
        same_exercise(e, &other.exercises[id], sources, &path)?;
    }
    Ok(())
}

fn same_manifest(
    english: &Manifest,
    other: &Manifest,
    sources: &Sources,
    path: &str,
) -> Result<()> {
    let parts = |m: &Manifest| {
        m.parts
            .iter()
            .map(|p| {
                let p = p.get_ref();
                let exercises: Vec<String> =
                    p.exercises.iter().map(|x| x.get_ref().clone()).collect();
                (
                    p.id.get_ref().clone(),
                    p.kind,
                    p.file.get_ref().clone(),
                    exercises,
                    p.weeks(),
                )
            })
            .collect::<Vec<_>>()
    };
    let steps = |m: &Manifest| {
        m.steps
            .iter()
            .map(|s| {
                (
                    *s.get_ref().number.get_ref(),
                    s.get_ref().part.get_ref().clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    let aliases = |m: &Manifest| {
        m.aliases
            .iter()
            .map(|(k, v)| (k.clone(), v.get_ref().clone()))
            .collect::<Vec<_>>()
    };
    let (e, o) = (parts(english), parts(other));
    if let Some(i) = (0..e.len().max(o.len())).find(|&i| e.get(i) != o.get(i)) {
        let at = other.parts.get(i).map_or(0, |p| p.span().start);
        let name = e.get(i).map_or("(none)", |p| p.0.as_str());
        return Err(differs(
            sources,
            path,
            at,
            format!(
                "part {} differs from the English (`{name}`): its id, kind, file, exercises or weeks",
                i + 1
            ),
        ));
    }
    if steps(english) != steps(other) || aliases(english) != aliases(other) {
        return Err(differs(
            sources,
            path,
            0,
            "the steps or the aliases differ from the English".into(),
        ));
    }
    Ok(())
}

/// The `{name}`, `{other}`… in a text, as a set.
fn placeholders(text: &str) -> BTreeSet<&str> {
    let mut out = BTreeSet::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        out.insert(&rest[start..start + len + 1]);
        rest = &rest[start + len + 1..];
    }
    out
}

fn same_exercise(
    english: &Exercise,
    other: &Exercise,
    sources: &Sources,
    path: &str,
) -> Result<()> {
    let at = other.id.span().start;
    let fail = |offset: usize, message: String| Err(differs(sources, path, offset, message));
    let head = |x: &Exercise| {
        (
            x.who,
            x.minutes,
            x.handout,
            x.heading.is_some(),
            x.closing.is_some(),
            x.debrief.is_some(),
            x.blocks.len(),
        )
    };
    if head(english) != head(other) {
        return fail(at, "`who`, `minutes`, `handout`, the texts it has or its number of blocks differ from the English".into());
    }
    for (e, o) in english.blocks.iter().zip(&other.blocks) {
        let offset = o.span().start;
        let (e, o) = (e.get_ref(), o.get_ref());
        if shape(e) != shape(o) {
            // Starters begin the same lines in every language ("I feel",
            // "when", "because"; "Me siento", "cuando", "porque"): a
            // count that differs gets its own words, at the list.
            let (want, got) = (starters(e), starters(o));
            if want != got {
                let at = o.starters.as_ref().map_or(offset, |s| s.span().start);
                return fail(
                    at,
                    format!(
                        "block `{}` has {got} sentence starters where the English has {want}: one for each of the same lines",
                        e.id.get_ref()
                    ),
                );
            }
            return fail(
                offset,
                format!(
                    "block `{}` differs from the English: its kind, id, numbers, fill or how many items, columns, rows and starters it has",
                    e.id.get_ref()
                ),
            );
        }
    }
    for ((key, e), (_, o)) in english.texts().iter().zip(other.texts().iter()) {
        if placeholders(e) != placeholders(o) {
            return fail(
                at,
                format!(
                    "a `{key}` text has {:?} where the English has {:?}",
                    placeholders(o),
                    placeholders(e)
                ),
            );
        }
    }
    Ok(())
}

/// How many sentence starters a block has (0 without `starters`).
fn starters(b: &Block) -> usize {
    b.starters.as_ref().map_or(0, |s| s.get_ref().len())
}

/// What must match in a block: everything but the words, with lists by
/// length (sentence starters too) and the narrow columns by their place.
fn shape(b: &Block) -> impl PartialEq + use<> {
    let len = |l: Option<&Vec<String>>| l.map(Vec::len);
    let columns = b
        .columns
        .as_ref()
        .map(|c| c.get_ref().clone())
        .unwrap_or_default();
    let narrow: Vec<Option<usize>> = b
        .narrow
        .as_ref()
        .map(|n| {
            n.get_ref()
                .iter()
                .map(|w| columns.iter().position(|c| c == w))
                .collect()
        })
        .unwrap_or_default();
    (
        (
            b.kind,
            b.id.get_ref().clone(),
            b.lines.as_ref().map(|l| l.get_ref().clone()),
        ),
        (
            b.blank_rows.as_ref().map(|n| *n.get_ref()),
            b.row_lines.as_ref().map(|n| *n.get_ref()),
            b.period,
            b.count.as_ref().map(|n| *n.get_ref()),
            b.fill.as_ref().map(|f| f.get_ref().clone()),
            b.when.as_ref().map(|w| *w.get_ref()),
        ),
        (
            len(b.items.as_ref().map(|i| i.get_ref())),
            len(b.columns.as_ref().map(|c| c.get_ref())),
            len(b.rows.as_ref()),
            narrow,
            starters(b),
        ),
        (
            b.label.is_some(),
            b.help.is_some(),
            b.low.is_some(),
            b.high.is_some(),
        ),
    )
}

/// Every function call in a chapter, with its first argument when that
/// is a string, and every heading's depth, in reading order.
fn skeleton(text: &str) -> Vec<(String, usize)> {
    fn visit(node: &LinkedNode, out: &mut Vec<(String, usize)>) {
        if let Some(call) = node.get().cast::<ast::FuncCall>()
            && let ast::Expr::Ident(callee) = call.callee()
        {
            let id = match call.args().items().next() {
                Some(ast::Arg::Pos(ast::Expr::Str(s))) => format!("(\"{}\")", s.get()),
                _ => String::new(),
            };
            out.push((format!("#{}{id}", callee.as_str()), node.offset()));
        }
        if let Some(heading) = node.get().cast::<ast::Heading>() {
            out.push(("=".repeat(heading.depth().get()), node.offset()));
        }
        for child in node.children() {
            visit(&child, out);
        }
    }
    let root = parse(text);
    let mut out = Vec::new();
    visit(&LinkedNode::new(&root), &mut out);
    out
}

/// A translated chapter makes the same calls and has the same headings,
/// in the same order, as its English twin.
fn same_calls(sources: &Sources, english: &str, twin: &str) -> Result<()> {
    let (e, o) = (
        sources.text(english).unwrap_or(""),
        sources.text(twin).unwrap_or(""),
    );
    let (e, o) = (skeleton(e), skeleton(o));
    let i = (0..e.len().max(o.len())).find(|&i| e.get(i).map(|x| &x.0) != o.get(i).map(|x| &x.0));
    let Some(i) = i else { return Ok(()) };
    let found = o.get(i).map_or("the end of the file", |x| x.0.as_str());
    let wanted = e.get(i).map_or("the end of the file", |x| x.0.as_str());
    let offset = o
        .get(i)
        .map_or(sources.text(twin).unwrap_or("").len(), |x| x.1);
    Err(Error::at(
        twin,
        sources.text(twin).unwrap_or(""),
        offset,
        format!("found {found} where the English has {wanted}"),
        Some("a translation makes the same calls and has the same headings as the English, in the same order".into()),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_spanish_guide_has_the_english_structure() {
        let (_, content) = load(Sources::embedded(), "es").unwrap();
        assert_eq!(content.manifest.title, "Reconstruir la confianza");
        let boundaries = &content.exercises["boundary-list"].blocks[0];
        assert!(boundaries.get_ref().keyed_as.is_some());
    }

    #[test]
    fn a_missing_twin_is_named() {
        let mut sources = Sources::embedded();
        sources.remove("/workbook/es/exercises/apology.toml");
        let e = load(sources, "es").unwrap_err().to_string();
        assert!(e.starts_with("workbook/es/exercises/apology.toml:"), "{e}");
        assert!(e.contains("workbook/exercises/apology.toml"), "{e}");
    }

    #[test]
    fn a_block_the_english_lacks_is_named_in_the_translation() {
        let mut sources = Sources::embedded();
        let path = "/workbook/es/exercises/i-feel.toml";
        let text = sources.text(path).unwrap().to_string();
        sources.insert(
            path,
            text + "\n[[block]]\nkind = \"prompt\"\nid = \"extra\"\nlabel = \"Otra\"\nlines = 2\n",
        );
        let e = load(sources, "es").unwrap_err().to_string();
        assert!(e.starts_with("workbook/es/exercises/i-feel.toml:"), "{e}");
    }

    #[test]
    fn a_block_with_other_sentence_starters_than_the_english_is_named() {
        // The English practice-disagreements block has three starters.
        let mut sources = Sources::embedded();
        let path = "/workbook/es/exercises/i-feel.toml";
        let text = sources.text(path).unwrap().to_string();
        let block = text.find("id = \"practice-disagreements\"").unwrap();
        let list = "starters = [\"Me siento\", \"cuando\", \"porque\"]";
        let at = block + text[block..].find(list).unwrap();
        let mut changed = text.clone();
        changed.replace_range(
            at..at + list.len(),
            "starters = [\"Me siento\", \"cuando\"]",
        );
        sources.insert(path, changed);
        let e = load(sources, "es").unwrap_err().to_string();
        assert!(e.starts_with("workbook/es/exercises/i-feel.toml:"), "{e}");
        assert!(
            e.contains(
                "block `practice-disagreements` has 2 sentence starters where the English has 3"
            ),
            "{e}"
        );
        // A block without the English's starters is named the same way.
        let mut sources = Sources::embedded();
        sources.insert(path, text.replacen(list, "", 1));
        let e = load(sources, "es").unwrap_err().to_string();
        assert!(
            e.contains(
                "block `practice-time-together` has 0 sentence starters where the English has 3"
            ),
            "{e}"
        );
    }

    #[test]
    fn a_changed_call_is_named_with_its_line() {
        let mut sources = Sources::embedded();
        let path = "/workbook/es/chapters/03-rebuilding-trust.typ";
        let text = sources.text(path).unwrap().replace("#step(1)", "");
        sources.insert(path, text);
        let e = load(sources, "es").unwrap_err().to_string();
        assert!(
            e.starts_with("workbook/es/chapters/03-rebuilding-trust.typ:"),
            "{e}"
        );
        assert!(e.contains("where the English has #step"), "{e}");
    }

    #[test]
    fn placeholders_are_found() {
        assert_eq!(
            placeholders("Para {name}, con {other} y {name}")
                .into_iter()
                .collect::<Vec<_>>(),
            vec!["{name}", "{other}"]
        );
    }
}
