//! Reading a client list as spreadsheets write it: the bytes decoded
//! (UTF-8, UTF-16, Windows-1252), the delimiter found from the header, and
//! the text split into records with every line of the file given to
//! exactly one record, so no cell crosses from one row into another and no
//! line goes missing unreported.
//!
//! We split records ourselves rather than with the `csv` crate: it counts
//! lines wrong for CR-only files, stops at the first bad byte, and reads an
//! unclosed quote to the end of the file as one cell.

use std::io::Read;
use std::path::Path;

use crate::diag::{Error, Problem, Result};

/// The largest CSV read, in bytes. A client list is a few kilobytes; this
/// refuses a wrong file (a video, a disk image) before it fills memory.
pub(crate) const MAX_FILE: u64 = 64 << 20;
/// The longest cell kept, in characters; beyond it the cell is counted,
/// not stored, and the row is refused.
pub(crate) const MAX_CELL: usize = 2000;

/// Reads the whole CSV, refusing one over [`MAX_FILE`] before a byte of
/// it is read, and decodes it.
pub(crate) fn read_file(path: &Path) -> Result<Decoded> {
    let cannot =
        |e: std::io::Error| Error::usage(format!("{}: cannot read it ({e})", path.display()), None);
    let meta = std::fs::metadata(path).map_err(cannot)?;
    if !meta.is_file() {
        return Err(Error::usage(
            format!("{}: not a regular file", path.display()),
            None,
        ));
    }
    let too_big = || {
        Error::usage(
            format!(
                "{}: larger than {} MiB; a client list is far smaller",
                path.display(),
                MAX_FILE >> 20
            ),
            Some("is this the right file?".to_string()),
        )
    };
    if meta.len() > MAX_FILE {
        return Err(too_big());
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE + 1).read_to_end(&mut bytes))
        .map_err(cannot)?;
    // It may have grown since it was measured.
    if bytes.len() as u64 > MAX_FILE {
        return Err(too_big());
    }
    Ok(decode(&bytes))
}

/// The file's text and how it was decoded.
pub(crate) struct Decoded {
    pub(crate) text: String,
    /// The encoding's name as people know it, e.g. "Windows-1252".
    pub(crate) encoding: &'static str,
    /// Some bytes were not valid in that encoding and became U+FFFD: rows
    /// holding one are refused rather than printed with a wrong letter.
    pub(crate) lossy: bool,
    /// Excel's plain "CSV" may have written it, which puts `?` for every
    /// letter its code page lacks: it was read as Windows-1252, or it is
    /// ASCII without the byte order mark "CSV UTF-8" always writes (a list
    /// of Polish names may have lost every letter that was not ASCII).
    pub(crate) plain_csv: bool,
}

/// Decodes what spreadsheets write: a byte order mark says UTF-8 or
/// UTF-16; without one, UTF-8 when the bytes are (mostly) UTF-8, else
/// Windows-1252, which Excel's plain "CSV" uses on Western systems.
/// `encoding_rs` does the decoding: the WHATWG decoders of Firefox, exact,
/// fast, without C code, and it never fails (a bad byte becomes U+FFFD).
pub(crate) fn decode(bytes: &[u8]) -> Decoded {
    use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};
    let named = |encoding: &'static Encoding| match encoding {
        e if e == UTF_16LE => "UTF-16 LE",
        e if e == UTF_16BE => "UTF-16 BE",
        e if e == WINDOWS_1252 => "Windows-1252",
        _ => "UTF-8",
    };
    let (encoding, body) = match Encoding::for_bom(bytes) {
        Some((encoding, bom)) => (encoding, &bytes[bom..]),
        None if std::str::from_utf8(bytes).is_ok() || mostly_utf8(bytes) => (UTF_8, bytes),
        None => (WINDOWS_1252, bytes),
    };
    let (text, lossy) = encoding.decode_without_bom_handling(body);
    let plain_csv = encoding == WINDOWS_1252 || (body.len() == bytes.len() && bytes.is_ascii());
    Decoded {
        text: text.into_owned(),
        encoding: named(encoding),
        lossy,
        plain_csv,
    }
}

/// True when a file that is not valid UTF-8 has at least as many valid
/// non-ASCII UTF-8 characters as runs of bad bytes: a UTF-8 file with one pasted-in row
/// from elsewhere, where that row is refused and the rest keeps its
/// accents, rather than every "é" turning into "Ã©".
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += usize::from(!chunk.invalid().is_empty());
    }
    good > 0 && good >= bad
}

/// The delimiter the header row uses: the most frequent of `,` `;` and
/// tab outside quotes (Excel writes `;` where the decimal mark is a
/// comma, and "Unicode text" with tabs); a comma when there is none.
pub(crate) fn delimiter(text: &str) -> char {
    let mut counts = [(',', 0usize), (';', 0), ('\t', 0)];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\r' | '\n' if !quoted => break,
            _ if !quoted => {
                for (d, n) in counts.iter_mut() {
                    *n += usize::from(c == *d);
                }
            }
            _ => {}
        }
    }
    let mut best = counts[0];
    for candidate in counts {
        if candidate.1 > best.1 {
            best = candidate;
        }
    }
    best.0
}

/// One record of the file and the lines it took, both ends included.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Record {
    pub(crate) first: u64,
    pub(crate) last: u64,
    pub(crate) kind: Kind,
}

/// What a record held.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kind {
    /// Its cells, quotes removed, line breaks inside a cell made `\n`.
    Cells(Vec<String>),
    /// Nothing but delimiters and spaces (`,,,` or an empty line).
    Blank,
    /// It cannot be read as a row. `cells` is what could be read of its
    /// first line, for the file of failed rows.
    Bad {
        problem: Problem,
        cells: Vec<String>,
    },
}

/// The records of a decoded file, header first. A clone reads on from
/// the same place.
#[derive(Clone)]
pub(crate) struct Records<'a> {
    text: &'a str,
    pos: usize,
    line: u64,
    delimiter: char,
    /// The encoding, when some bytes were not valid in it.
    lossy: Option<&'static str>,
    /// The header's column count and the `names` column, once known: a
    /// quoted cell that runs into a line shaped like a row of its own has
    /// lost its closing quote.
    row_shape: Option<(usize, usize)>,
    /// The most characters a quoted cell may hold once it spans lines.
    multiline_cap: usize,
}

/// How a record ended.
enum End {
    /// At a line break; the next record starts at this byte, on the
    /// next line.
    Break(usize),
    /// At the end of the text.
    Eof,
    /// It cannot be read: the problem, and where reading goes on.
    Bad(Problem, Resume),
}

/// Where reading goes on after a record that cannot be read.
struct Resume {
    /// The last line the bad record keeps.
    last: u64,
    pos: usize,
}

impl<'a> Records<'a> {
    /// The records of `decoded`, split at `delimiter`. A quoted cell that
    /// spans lines may hold at most `multiline_cap` characters (a note's).
    pub(crate) fn new(decoded: &'a Decoded, delimiter: char, multiline_cap: usize) -> Self {
        Records {
            text: &decoded.text,
            pos: 0,
            line: 1,
            delimiter,
            lossy: decoded.lossy.then_some(decoded.encoding),
            row_shape: None,
            multiline_cap,
        }
    }

    /// Tells the reader the header's shape (see `row_shape`).
    pub(crate) fn expect_rows(&mut self, columns: usize, names: usize) {
        self.row_shape = Some((columns, names));
    }

    /// True when the line starting at byte `at` looks like a row of its own.
    fn looks_like_row(&self, at: usize) -> bool {
        let Some((columns, names)) = self.row_shape else {
            return false;
        };
        let rest = &self.text[at..];
        let line = &rest[..rest.find(['\r', '\n']).unwrap_or(rest.len())];
        let cells: Vec<&str> = line.split(self.delimiter).collect();
        columns >= 2 && cells.len() >= columns && cells[names].contains('&')
    }

    /// Byte index just past the line break at `i` (`\r\n` is one break).
    fn after_break(&self, i: usize) -> usize {
        if self.text[i..].starts_with("\r\n") {
            i + 2
        } else {
            i + 1
        }
    }

    /// Reads one record from `self.pos`; returns its cells, the longest
    /// cell's length in characters and how it ended, leaving `line` at the
    /// record's last line.
    fn read(&self, line: &mut u64) -> (Vec<String>, usize, End) {
        let (text, delimiter) = (self.text, self.delimiter);
        let mut cells = Vec::new();
        let mut cell = Cell::default();
        let mut state = State::Start;
        // Where a quote opened, and where reading goes on if it never
        // properly closes: the line after the one it opened on.
        let mut opened = *line;
        let mut resume: Option<usize> = None;
        let mut i = self.pos;
        let mut longest = 0;
        let fail = |cells: &mut Vec<String>, cell: &Cell, reason: String, last: u64, pos| {
            cells.push(cell.first_line());
            End::Bad(Problem::new(reason), Resume { last, pos })
        };
        let end = loop {
            let Some(c) = text[i..].chars().next() else {
                if state == State::Quoted {
                    let reason = format!("the quote opened on line {opened} is never closed");
                    let (last, pos) = match resume {
                        Some(pos) => (opened, pos),
                        None => (*line, text.len()),
                    };
                    break fail(&mut cells, &cell, reason, last, pos);
                }
                longest = longest.max(cell.chars);
                cells.push(cell.done());
                break End::Eof;
            };
            let next = i + c.len_utf8();
            match state {
                State::Start if c == '"' => {
                    state = State::Quoted;
                    opened = *line;
                    resume = None;
                }
                State::Start | State::Unquoted | State::AfterQuote if c == delimiter => {
                    longest = longest.max(cell.chars);
                    cells.push(std::mem::take(&mut cell).done());
                    state = State::Start;
                }
                State::Start | State::Unquoted | State::AfterQuote if c == '\r' || c == '\n' => {
                    longest = longest.max(cell.chars);
                    cells.push(cell.done());
                    break End::Break(self.after_break(i));
                }
                State::Start | State::Unquoted => {
                    cell.push(c);
                    state = State::Unquoted;
                }
                // Spaces after a closing quote, as some exporters pad.
                State::AfterQuote if c == ' ' => {}
                State::AfterQuote if resume.is_some() => {
                    let reason = format!(
                        "the quoted cell from line {opened} to {line} has text after its closing quote; a quote is probably missing"
                    );
                    break fail(&mut cells, &cell, reason, opened, resume.unwrap_or(next));
                }
                // `"a"b` on one line: lenient, as spreadsheets read it.
                State::AfterQuote => {
                    cell.push(c);
                    state = State::Unquoted;
                }
                State::Quoted if c == '"' => {
                    if text[next..].starts_with('"') {
                        cell.push('"');
                        i = next + 1;
                        continue;
                    }
                    state = State::AfterQuote;
                }
                State::Quoted if c == '\r' || c == '\n' => {
                    let after = self.after_break(i);
                    *line += 1;
                    let first_break = resume.is_none();
                    if first_break {
                        resume = Some(after);
                        cell.mark_first_line();
                    }
                    cell.push('\n');
                    if self.looks_like_row(after) {
                        let reason = format!(
                            "the quoted cell opened on line {opened} runs into line {line}, which looks like a row of its own; a closing quote is probably missing"
                        );
                        break fail(&mut cells, &cell, reason, opened, resume.unwrap_or(after));
                    }
                    i = after;
                    continue;
                }
                State::Quoted => {
                    cell.push(c);
                    if resume.is_some() && cell.chars > self.multiline_cap {
                        let reason = format!(
                            "the quoted cell opened on line {opened} runs over several lines and more than {} characters; a closing quote is probably missing",
                            self.multiline_cap
                        );
                        break fail(&mut cells, &cell, reason, opened, resume.unwrap_or(next));
                    }
                }
            }
            i = next;
        };
        (cells, longest, end)
    }
}

/// Where the reader is inside a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Start,
    Unquoted,
    Quoted,
    AfterQuote,
}

/// A cell being read: at most [`MAX_CELL`] characters are kept, the rest
/// only counted, so a huge cell costs no memory.
#[derive(Default)]
struct Cell {
    text: String,
    chars: usize,
    /// The length of its first line, once it has a line break.
    first_line: Option<usize>,
}

impl Cell {
    fn push(&mut self, c: char) {
        self.chars += 1;
        if self.chars <= MAX_CELL {
            self.text.push(c);
        }
    }

    fn mark_first_line(&mut self) {
        self.first_line = Some(self.text.len());
    }

    fn first_line(&self) -> String {
        self.text[..self.first_line.unwrap_or(self.text.len())].to_string()
    }

    fn done(self) -> String {
        self.text
    }
}

impl Iterator for Records<'_> {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        if self.pos >= self.text.len() {
            return None;
        }
        let first = self.line;
        let mut line = self.line;
        let (cells, longest, end) = self.read(&mut line);
        // A formula that failed.csv guarded with a `'` reads as it was.
        let cells: Vec<String> = cells.into_iter().map(crate::spreadsheet::unguard).collect();
        let kind = match end {
            End::Bad(problem, resume) => {
                self.pos = resume.pos;
                self.line = resume.last + 1;
                return Some(Record {
                    first,
                    last: resume.last,
                    kind: Kind::Bad { problem, cells },
                });
            }
            End::Break(pos) => {
                self.pos = pos;
                self.line = line + 1;
                self.classify(cells, longest)
            }
            End::Eof => {
                self.pos = self.text.len();
                self.line = line + 1;
                self.classify(cells, longest)
            }
        };
        Some(Record {
            first,
            last: line,
            kind,
        })
    }
}

impl Records<'_> {
    /// A record's cells judged: blank, unreadable or a row.
    fn classify(&self, cells: Vec<String>, longest: usize) -> Kind {
        if cells.iter().all(|c| c.trim().is_empty()) {
            return Kind::Blank;
        }
        if longest > MAX_CELL {
            return Kind::Bad {
                problem: Problem::new(format!(
                    "a cell has {longest} characters; at most {MAX_CELL}"
                )),
                cells,
            };
        }
        let unreadable = cells.iter().any(|c| c.contains('\u{FFFD}'));
        match self.lossy {
            Some(encoding) if unreadable => Kind::Bad {
                problem: Problem::with_hint(
                    format!("cannot read this row: some of its bytes are not valid {encoding}"),
                    "save the file again from the spreadsheet as \"CSV UTF-8\"",
                ),
                cells,
            },
            _ => Kind::Cells(cells),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn utf8(text: &str) -> Decoded {
        Decoded {
            text: text.to_string(),
            encoding: "UTF-8",
            lossy: false,
            plain_csv: false,
        }
    }

    /// `(first, last, cells or "blank" or the problem)` for each record.
    fn read(text: &str) -> Vec<(u64, u64, String)> {
        let decoded = utf8(text);
        let mut records = Records::new(&decoded, delimiter(text), 1200);
        let mut out = Vec::new();
        if let Some(header) = records.next() {
            out.push((header.first, header.last, format!("{:?}", header.kind)));
            records.expect_rows(2, 0);
        }
        for r in records {
            let shown = match r.kind {
                Kind::Cells(cells) => cells.join("|"),
                Kind::Blank => "blank".into(),
                Kind::Bad { problem, .. } => format!("bad: {}", problem.reason),
            };
            out.push((r.first, r.last, shown));
        }
        out
    }

    #[test]
    fn an_unclosed_quote_is_one_bad_row_and_the_next_lines_are_rows() {
        let rows = read("names,note\nAna & Ben,\"Hello\nCleo & Dan,hi\nEve & Fay,hi\n");
        assert_eq!(rows[1].0, 2);
        assert_eq!(rows[1].1, 2);
        assert!(
            rows[1]
                .2
                .starts_with("bad: the quoted cell opened on line 2 runs into line 3")
        );
        assert_eq!(rows[2], (3, 3, "Cleo & Dan|hi".into()));
        assert_eq!(rows[3], (4, 4, "Eve & Fay|hi".into()));
        // Open at the end of the file, with nothing row-like after it.
        let rows = read("names,note\nAna & Ben,\"Hello\nthere\n");
        assert_eq!(
            rows[1],
            (
                2,
                2,
                "bad: the quote opened on line 2 is never closed".into()
            )
        );
        assert_eq!(rows[2], (3, 3, "there".into()));
    }

    #[test]
    fn line_numbers_for_every_line_ending() {
        for end in ["\n", "\r\n", "\r"] {
            let text = ["names,note", "A & B,\"x", "y\"", "", ",,", "C & D,z", ""].join(end);
            let rows = read(&text);
            assert_eq!(
                rows[1..],
                [
                    (2, 3, "A & B|x\ny".into()),
                    (4, 4, "blank".into()),
                    (5, 5, "blank".into()),
                    (6, 6, "C & D|z".into()),
                ],
                "{end:?}"
            );
        }
    }

    #[test]
    fn text_after_a_quote_that_spans_lines_is_a_missing_quote() {
        let rows = read("names,note\nAna & Ben,\"a\nb\"  ,\nCy & Di,\"x\ny\" z\nEd,w\n");
        assert_eq!(rows[1], (2, 3, "Ana & Ben|a\nb|".into()));
        assert_eq!(
            rows[2],
            (
                4,
                4,
                "bad: the quoted cell from line 4 to 5 has text after its closing quote; a quote is probably missing".into()
            )
        );
        assert_eq!(rows[3], (5, 5, "y\" z".into()));
        assert_eq!(rows[4], (6, 6, "Ed|w".into()));
    }

    #[test]
    fn delimiters_from_the_header() {
        assert_eq!(delimiter("names;note;days\n"), ';');
        assert_eq!(delimiter("names\tnote\n"), '\t');
        assert_eq!(delimiter("names,\"a;b;c\"\n"), ',');
        assert_eq!(delimiter("names\n"), ',');
    }

    #[test]
    fn encodings_spreadsheets_write() {
        let text = "names\nZoë & Jürgen\n";
        let utf16le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let utf16be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        let bom: Vec<u8> = [0xEF, 0xBB, 0xBF].into_iter().chain(text.bytes()).collect();
        let cp1252 = b"names\nZo\xeb & J\xfcrgen\n".to_vec();
        for (bytes, encoding) in [
            (text.as_bytes().to_vec(), "UTF-8"),
            (bom, "UTF-8"),
            (utf16le, "UTF-16 LE"),
            (utf16be, "UTF-16 BE"),
            (cp1252, "Windows-1252"),
        ] {
            let decoded = decode(&bytes);
            assert_eq!((decoded.text.as_str(), decoded.encoding), (text, encoding));
            assert!(!decoded.lossy);
        }
        // What Excel's plain "CSV" may have written: Windows-1252, or
        // ASCII with no byte order mark; never a file marked as Unicode.
        let plain = |bytes: &[u8]| decode(bytes).plain_csv;
        assert!(plain(b"names\n?ukasz & Zo\xeb\n"));
        assert!(plain(b"names\n?ukasz & ?ania\n"));
        assert!(!plain(b"\xef\xbb\xbfnames\n?ukasz & Ana\n"));
        assert!(!plain("names\nZoë & Ana\n".as_bytes()));
        // A UTF-8 file with one row from elsewhere keeps its accents; that
        // row alone is refused.
        let decoded = decode(b"names\nZo\xc3\xab & J\xc3\xbcrgen\nAna \xe9 & Ben\nCy & Di\n");
        assert_eq!(decoded.encoding, "UTF-8");
        let records: Vec<Record> = Records::new(&decoded, ',', 1200).collect();
        assert_eq!(records[1].kind, Kind::Cells(vec!["Zoë & Jürgen".into()]));
        assert!(matches!(records[2].kind, Kind::Bad { .. }));
        assert_eq!(records[3].kind, Kind::Cells(vec!["Cy & Di".into()]));
    }

    #[test]
    fn a_huge_cell_is_counted_not_kept() {
        let text = format!("names\n{}\nA & B\n", "x".repeat(100_000));
        let rows = read(&text);
        assert_eq!(
            rows[1],
            (
                2,
                2,
                "bad: a cell has 100000 characters; at most 2000".into()
            )
        );
        assert_eq!(rows[2], (3, 3, "A & B".into()));
    }

    /// The lines of `text`, split at `\r\n`, `\r` and `\n`, without them.
    fn lines_of(text: &str) -> Vec<&str> {
        let mut lines = Vec::new();
        let mut rest = text;
        while !rest.is_empty() {
            let end = rest.find(['\r', '\n']).unwrap_or(rest.len());
            lines.push(&rest[..end]);
            rest = &rest[end..];
            rest = rest
                .strip_prefix("\r\n")
                .or_else(|| rest.strip_prefix('\r'))
                .or_else(|| rest.strip_prefix('\n'))
                .unwrap_or(rest);
        }
        lines
    }

    fn char_counts(text: &str) -> std::collections::HashMap<char, usize> {
        let mut counts = std::collections::HashMap::new();
        for c in text.chars().filter(|c| !"\r\n".contains(*c)) {
            *counts.entry(c).or_insert(0) += 1;
        }
        counts
    }

    fn alphabet() -> impl Strategy<Value = String> {
        let chars = prop::sample::select(vec![
            'a', 'b', '&', ' ', ',', ';', '\t', '"', '"', '\r', '\n', '\n', 'é', '\u{FFFD}',
        ]);
        prop::collection::vec(chars, 0..300).prop_map(|v| v.into_iter().collect())
    }

    /// A cell's text: no `&` (so no line inside it looks like a row).
    fn cell() -> impl Strategy<Value = String> {
        let chars = prop::sample::select(vec![
            'a', 'b', ' ', ',', ';', '\t', '"', 'é', 'ß', '\n', '\r',
        ]);
        prop::collection::vec(chars, 0..12).prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        /// Any text: each line belongs to exactly one record, in order,
        /// and a record's cells hold only characters of its own lines.
        #[test]
        fn every_line_is_accounted_for_once(text in alphabet(), columns in 1usize..4) {
            let decoded = Decoded { text: text.clone(), encoding: "UTF-8", lossy: true, plain_csv: false };
            let mut records = Records::new(&decoded, delimiter(&text), 40);
            let lines = lines_of(&text);
            let mut expected_first = 1;
            let mut all = Vec::new();
            if let Some(header) = records.next() {
                all.push(header);
                records.expect_rows(columns, 0);
            }
            all.extend(records);
            for record in &all {
                prop_assert_eq!(record.first, expected_first);
                prop_assert!(record.last >= record.first);
                let own = lines[(record.first - 1) as usize..record.last as usize].join("");
                let own = char_counts(&own);
                let cells = match &record.kind {
                    Kind::Cells(cells) | Kind::Bad { cells, .. } => cells.join(""),
                    Kind::Blank => String::new(),
                };
                for (c, n) in char_counts(&cells) {
                    prop_assert!(own.get(&c).copied().unwrap_or(0) >= n, "{:?} in {:?}", c, record);
                }
                expected_first = record.last + 1;
            }
            prop_assert_eq!(expected_first - 1, lines.len() as u64);
        }

        /// Rows written as a spreadsheet would (quoted where needed, any
        /// line ending, blank lines, any encoding it uses) read back as
        /// they were, on the lines they were written on.
        #[test]
        fn written_rows_read_back_on_their_lines(
            rows in prop::collection::vec((cell(), cell(), 0usize..3, any::<bool>(), any::<bool>()), 0..12),
            delimiter_at in 0usize..3,
            encoding in 0usize..5,
        ) {
            let d = [',', ';', '\t'][delimiter_at];
            let ends = ["\n", "\r\n", "\r"];
            let mut text = format!("names{d}note\n");
            let mut line = 2u64;
            let mut expected = Vec::new();
            for (i, (a, b, end, blank_before, quote_all)) in rows.iter().enumerate() {
                if *blank_before {
                    text.push_str(&format!("{d}{}", ends[*end]));
                    expected.push((line, line, None));
                    line += 1;
                }
                let name = format!("r{i}{a}");
                let first = line;
                let mut written = Vec::new();
                for value in [&name, b] {
                    let needs = value.contains([d, '"', '\r', '\n']) || *quote_all;
                    if needs {
                        written.push(format!("\"{}\"", value.replace('"', "\"\"")));
                        line += lines_of(&format!("{value}x")).len() as u64 - 1;
                    } else {
                        written.push(value.to_string());
                    }
                }
                text.push_str(&written.join(&d.to_string()));
                text.push_str(ends[*end]);
                let plain = |v: &str| v.replace("\r\n", "\n").replace('\r', "\n");
                expected.push((first, line, Some(vec![plain(&name), plain(b)])));
                line += 1;
            }
            let bytes: Vec<u8> = match encoding {
                0 => text.as_bytes().to_vec(),
                1 => [0xEF, 0xBB, 0xBF].into_iter().chain(text.bytes()).collect(),
                2 => [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect(),
                3 => [0xFE, 0xFF].into_iter().chain(text.encode_utf16().flat_map(u16::to_be_bytes)).collect(),
                _ => encoding_rs::WINDOWS_1252.encode(&text).0.into_owned(),
            };
            let decoded = decode(&bytes);
            prop_assert_eq!(&decoded.text, &text);
            let mut records = Records::new(&decoded, delimiter(&decoded.text), 1200);
            let header = records.next().unwrap();
            prop_assert_eq!(header.kind, Kind::Cells(vec!["names".into(), "note".into()]));
            records.expect_rows(2, 0);
            let got: Vec<_> = records
                .map(|r| match r.kind {
                    Kind::Cells(cells) => (r.first, r.last, Some(cells)),
                    Kind::Blank => (r.first, r.last, None),
                    Kind::Bad { problem, .. } => (r.first, r.last, Some(vec![problem.reason])),
                })
                .collect();
            prop_assert_eq!(got, expected);
        }
    }
}
