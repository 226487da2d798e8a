//! The contract between `data.json`/`couple.json` and the templates, held
//! both ways: every key the templates read is one Rust writes, and a key
//! Rust writes for every build is read as `data.key`, not with
//! `.at(key, default: …)`, which would hide a key renamed on one side.

use std::collections::{BTreeMap, BTreeSet};

use crate::guide::Content;
use crate::guide::layout::Layout;
use crate::settings::edition::Edition;
use crate::settings::split::{Split, SplitFile};
use crate::settings::{BuildOptions, Environment, Flags};
use crate::sources::Sources;

use super::{Data, Fallbacks};

/// The objects whose keys are checked, as the templates name them, and
/// where each is in the files.
const OBJECTS: [(&str, &str, &[&str]); 7] = [
    ("data.print", "data", &["print"]),
    ("data.paper", "data", &["paper"]),
    ("couple.names", "couple", &["names"]),
    ("data", "data", &[]),
    ("couple", "couple", &[]),
    // Bound in the templates as `data.counselor` and `data.support`.
    ("counselor", "data", &["counselor"]),
    ("support", "data", &["support"]),
];

/// Keys written only when a build has them that no build below has:
/// the prepared images, the couple's country (`--region`), and a long
/// booklet's volumes (written after a first layout has measured it).
const WHEN_GIVEN: [&str; 4] = ["logo", "photo", "region", "volumes"];

/// Written for every build of the built-in guide, yet optional: a user's
/// own guide may have no trust and safety check.
const OPTIONAL: [&str; 1] = ["progress"];

/// How the templates read one key.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord, Clone, Copy)]
enum Read {
    /// `data.key`: the build fails if the key is missing.
    Dot,
    /// `data.at("key", default: …)`: a missing key is fine.
    WithDefault,
    /// `data.at("key")`.
    At,
}

/// The text of a template without its comments, and the same with every
/// string literal emptied (so that `"/templates/data.typ"` is no read).
fn code_of(text: &str) -> (String, String) {
    let (mut code, mut blanked) = (String::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        if in_string {
            code.push(c);
            if c == '\\' {
                code.extend(chars.next());
            } else if c == '"' {
                in_string = false;
                blanked.push('"');
            }
            continue;
        }
        if c == '/' && chars.peek() == Some(&'/') {
            for c in chars.by_ref() {
                if c == '\n' {
                    code.push('\n');
                    blanked.push('\n');
                    break;
                }
            }
            continue;
        }
        code.push(c);
        blanked.push(c);
        in_string = c == '"';
    }
    (code, blanked)
}

/// Each place `object.` starts in `code`, not as part of a longer name.
fn after<'c>(code: &'c str, object: &str) -> Vec<&'c str> {
    let prefix = format!("{object}.");
    code.match_indices(&prefix)
        .filter(|(at, _)| {
            let before = code[..*at].chars().next_back();
            !before.is_some_and(|c| c.is_alphanumeric() || "_.-".contains(c))
        })
        .map(|(at, _)| &code[at + prefix.len()..])
        .collect()
}

/// Every read of a checked object's key in the templates, by object and
/// key, with the files that read it so.
fn template_reads() -> BTreeMap<(&'static str, String, Read), BTreeSet<String>> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/templates");
    let mut reads: BTreeMap<_, BTreeSet<String>> = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "typ") {
            continue;
        }
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let (code, blanked) = code_of(&std::fs::read_to_string(&path).unwrap());
        for (object, _, _) in OBJECTS {
            for rest in after(&code, object) {
                let Some(rest) = rest.strip_prefix("at(\"") else {
                    continue;
                };
                let Some((key, rest)) = rest.split_once('"') else {
                    continue;
                };
                let rest = rest.trim_start();
                let read = match rest.strip_prefix(',') {
                    Some(more) if more.trim_start().starts_with("default:") => Read::WithDefault,
                    _ => Read::At,
                };
                reads
                    .entry((object, key.to_string(), read))
                    .or_default()
                    .insert(file.clone());
            }
            for rest in after(&blanked, object) {
                let end = rest
                    .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
                    .unwrap_or(rest.len());
                let key = rest[..end].trim_end_matches('-');
                // A method (`data.at(`, `data.keys()`), not a key.
                if key.is_empty() || rest[key.len()..].starts_with('(') {
                    continue;
                }
                reads
                    .entry((object, key.to_string(), Read::Dot))
                    .or_default()
                    .insert(file.clone());
            }
        }
    }
    reads
}

/// The two files of one build of the built-in guide, parsed.
fn files(
    content: &Content,
    flags: Flags,
    layout: impl Fn(&BuildOptions) -> Layout,
) -> [serde_json::Value; 2] {
    let env = Environment::read().unwrap();
    let opts = BuildOptions::resolve(flags, None, &env).unwrap();
    let layout = layout(&opts);
    let selection = crate::guide::handout::selection(content, &opts, &layout).unwrap();
    let data = Data::new(
        content,
        &selection,
        &opts,
        &layout,
        true,
        Fallbacks::default(),
    );
    let files = data.to_files(false);
    [&files.data, &files.couple].map(|bytes| serde_json::from_slice(bytes).unwrap())
}

/// The keys of the object at `path` in a file, if it is an object.
fn keys(file: &serde_json::Value, path: &[&str]) -> BTreeSet<String> {
    let mut value = file;
    for step in path {
        match value.get(step) {
            Some(v) => value = v,
            None => return BTreeSet::new(),
        }
    }
    value
        .as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default()
}

#[test]
fn the_templates_read_the_keys_rust_writes_and_no_other() {
    let content = Content::load(&Sources::embedded()).unwrap();
    let named = || Flags {
        names: Some("Ana & Ben".into()),
        ..Flags::default()
    };
    let builds = [
        files(&content, named(), Layout::of),
        files(
            &content,
            Flags {
                edition: Some(Edition::Counselor),
                ..Flags::default()
            },
            Layout::of,
        ),
        files(
            &content,
            Flags {
                handout: vec!["apology".into()],
                ..Flags::default()
            },
            Layout::of,
        ),
        files(
            &content,
            Flags {
                split: Some(Split::Partners),
                ..named()
            },
            |_| Layout::Split(SplitFile::A),
        ),
    ];
    for build in &builds {
        assert_eq!(
            build[0]["format"],
            super::FORMAT,
            "data.json says its format"
        );
        assert_eq!(
            build[1]["format"],
            super::FORMAT,
            "couple.json says its format"
        );
    }
    let mut problems = Vec::new();
    for ((object, key, read), readers) in template_reads() {
        let (_, file, path) = OBJECTS.iter().find(|(o, _, _)| *o == object).unwrap();
        let index = usize::from(*file == "couple");
        let written: Vec<bool> = builds
            .iter()
            .map(|b| keys(&b[index], path).contains(&key))
            .collect();
        let always = written.iter().all(|w| *w);
        let ever =
            written.iter().any(|w| *w) || (object == "data" && WHEN_GIVEN.contains(&key.as_str()));
        let readers: Vec<&str> = readers.iter().map(String::as_str).collect();
        let readers = readers.join(", ");
        if !ever {
            problems.push(format!("{readers}: {object}.{key}: Rust never writes it"));
        } else if read == Read::Dot && !always {
            problems.push(format!(
                "{readers}: {object}.{key}: not written for every build; read it with .at({key:?}, default: …)"
            ));
        } else if read == Read::WithDefault && always && !OPTIONAL.contains(&key.as_str()) {
            problems.push(format!(
                "{readers}: {object}.at({key:?}, default: …): Rust always writes it; read it as {object}.{key}"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
