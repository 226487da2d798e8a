//! Keys for form-field names: `apology.ana.what-i-did` is made of an
//! exercise id, a partner key and a block id; table rows, columns and list
//! items get keys from their text (the English text, in every language).
//! Keys are computed here, once, so that
//! they are plain ASCII, free of dots and unique where they must be.

use serde::Serialize;

use crate::guide::Block;
use crate::settings::names::Names;
use crate::settings::names::slug;

/// A key from free text, at most 32 characters and cut between words
/// (see `settings::names::slug`). `{name}` and `{other}` count as the words "name"
/// and "other", so a column keeps its key whoever the couple are.
pub(crate) fn key(text: &str, fallback: &str) -> String {
    // "someone's" reads better as "someones" than as "someone-s".
    let text = text
        .replace("{name}", "name")
        .replace("{other}", "other")
        .replace(['\'', '’'], "");
    slug(&text, fallback)
}

/// Makes repeated keys distinct: the second "call" becomes "call-2".
pub(crate) fn unique(keys: Vec<String>) -> Vec<String> {
    let mut seen: Vec<String> = Vec::with_capacity(keys.len());
    for k in keys {
        let mut candidate = k.clone();
        let mut n = 2;
        while seen.contains(&candidate) {
            candidate = format!("{k}-{n}");
            n += 1;
        }
        seen.push(candidate);
    }
    seen
}

/// The partners' keys: "Ana & Ben" gives ana and ben; "Sam & Sam" gives
/// sam-1 and sam-2, so each partner's fields stay apart.
pub(crate) fn partners(names: &Names) -> (String, String) {
    let a = key(&names.a, "partner-1");
    let b = key(&names.b, "partner-2");
    if a == b {
        (format!("{a}-1"), format!("{b}-2"))
    } else {
        (a, b)
    }
}

/// The keys of one block's columns, rows and items, in order.
#[derive(Debug, Serialize)]
pub(crate) struct BlockKeys {
    pub(crate) columns: Vec<String>,
    pub(crate) rows: Vec<String>,
    pub(crate) items: Vec<String>,
}

/// Keys for one block: its columns, rows (named rows, then blank ones by
/// their place in the table: after four named rows, row-5, row-6...) and
/// items, in order.
pub(crate) fn block(block: &Block) -> BlockKeys {
    // A translated block takes its keys from the English words.
    let block = block.keyed_as.as_deref().unwrap_or(block);
    let texts = |list: Option<&Vec<String>>, prefix: &str| -> Vec<String> {
        let keys = list
            .into_iter()
            .flatten()
            .enumerate()
            .map(|(i, t)| key(t, &format!("{prefix}-{}", i + 1)))
            .collect();
        unique(keys)
    };
    let columns = texts(block.columns.as_ref().map(|c| c.get_ref()), "column");
    let named = block.rows.as_ref().map_or(0, Vec::len);
    let blank = block
        .blank_rows
        .as_ref()
        .map_or(0, |n| *n.get_ref() as usize);
    let mut rows = block.rows.clone().unwrap_or_default();
    rows.extend((1..=blank).map(|i| format!("row {}", named + i)));
    let rows = texts(Some(&rows), "row");
    debug_assert_eq!(rows.len(), named + blank);
    let items = texts(block.items.as_ref().map(|i| i.get_ref()), "item");
    BlockKeys {
        columns,
        rows,
        items,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_short_ascii_words() {
        assert_eq!(
            key("Something I appreciated about {other}", "x"),
            "something-i-appreciated-about"
        );
        assert_eq!(key("What we agree", "x"), "what-we-agree");
        assert_eq!(key("Kept?", "x"), "kept");
        assert_eq!(key("…", "column-3"), "column-3");
        assert_eq!(key("Zoë’s “list”", "x"), "zoes-list");
        assert!(key(&"word ".repeat(20), "x").len() <= 32);
    }

    #[test]
    fn repeated_keys_are_numbered() {
        let v = |s: &[&str]| s.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            unique(v(&["call", "call", "text", "call"])),
            v(&["call", "call-2", "text", "call-3"])
        );
    }

    #[test]
    fn equal_names_get_distinct_keys() {
        let names = Names::parse("Sam & Sam").unwrap();
        assert_eq!(partners(&names), ("sam-1".into(), "sam-2".into()));
        let names = Names::parse("Ana & Ben").unwrap();
        assert_eq!(partners(&names), ("ana".into(), "ben".into()));
    }
}
