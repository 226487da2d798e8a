//! Line numbers of CSV records, counted from byte offsets.

use std::path::Path;

/// Line numbers from byte offsets, by a second sequential read of the file.
/// The csv crate's own line count is one short with Windows (CRLF) line
/// endings; byte offsets are exact for any ending.
pub(crate) struct LineCounter {
    reader: Option<std::io::BufReader<std::fs::File>>,
    offset: u64,
    line: u64,
}

impl LineCounter {
    pub(crate) fn new(path: &Path) -> Self {
        LineCounter {
            reader: std::fs::File::open(path).ok().map(std::io::BufReader::new),
            offset: 0,
            line: 1,
        }
    }

    /// The 1-based line of the byte before `end`, counting newlines up to
    /// `end` (exclusive); offsets must not go backwards. With CRLF endings
    /// csv puts a record's start on the `\n` of the line before, so callers
    /// pass the record's byte + 1 to count that newline too.
    pub(crate) fn line_at(&mut self, byte: u64) -> u64 {
        use std::io::BufRead;
        while self.offset < byte {
            let Some(reader) = self.reader.as_mut() else {
                break;
            };
            let Ok(buf) = reader.fill_buf() else { break };
            if buf.is_empty() {
                break;
            }
            let take = buf.len().min((byte - self.offset) as usize);
            self.line += buf[..take].iter().filter(|&&b| b == b'\n').count() as u64;
            reader.consume(take);
            self.offset += take as u64;
        }
        self.line
    }
}
