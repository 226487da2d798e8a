//! The layers of the crate, tested: each top-level module imports only
//! the ones below it, so there is no cycle and a new kind of output finds
//! its place by what it needs.

/// Bottom first. A module may use only the modules before it.
const LAYERS: [&str; 21] = [
    // What everything uses: messages, errors, the test hooks, reading and
    // writing files, CSV cells.
    "messages",
    "diag",
    "faults",
    "input",
    "cleanup",
    "staging",
    "spreadsheet",
    "sources",
    // The pipeline, in data-flow order.
    "settings",
    "guide",
    "data",
    "typeset",
    "pdf",
    "answers",
    "output",
    // What runs it: the project loaded once, its plans, the commands.
    // `serve` runs the same plans from a browser's forms, parsed as `cli`'s.
    "project",
    "plan",
    "batch",
    "cli",
    "serve",
    "cmd",
];

/// The top-level modules a file's code (its tests left out) names.
fn uses(text: &str) -> Vec<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or_default();
    let mut found = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        let names: Vec<&str> = match rest.strip_prefix('{') {
            // `crate::{a, b::c}`: each name before its path.
            Some(list) => list[..list.find('}').unwrap_or(0)]
                .split(',')
                .map(|n| n.trim().split("::").next().unwrap_or_default())
                .collect(),
            None => vec![
                rest.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .next()
                    .unwrap_or_default(),
            ],
        };
        found.extend(names.into_iter().map(str::to_string));
    }
    found
}

#[test]
fn every_module_imports_only_the_layers_below_it() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![src.clone()];
    let mut problems = Vec::new();
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(&src).unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let module = first.trim_end_matches(".rs").to_string();
        if ["lib", "main", "layers"].contains(&module.as_str()) {
            continue;
        }
        let Some(rank) = LAYERS.iter().position(|l| *l == module) else {
            problems.push(format!(
                "{}: the module {module} has no place in LAYERS",
                rel.display()
            ));
            continue;
        };
        let text = std::fs::read_to_string(&path).unwrap();
        for used in uses(&text) {
            if let Some(other) = LAYERS.iter().position(|l| *l == used)
                && other > rank
            {
                problems.push(format!(
                    "{}: {module} uses {used}, a layer above it",
                    rel.display()
                ));
            }
        }
    }
    problems.sort();
    problems.dedup();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
