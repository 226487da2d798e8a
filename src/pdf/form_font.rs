//! The font that form fields type in: Open Sans Regular, embedded whole
//! (not subset), because a viewer draws what the user types with it and
//! cannot know in advance which letters those will be. It is a composite
//! font (Type0, Identity-H): every character Open Sans has (Latin with
//! Latin-1 and Latin Extended-A, Greek, Cyrillic; about 900) gets a two-byte
//! code of its own, and the ToUnicode map tells viewers which. pdf.js and
//! PDFium encode typed text through that map; a simple font's 256 codes
//! would leave out "Ł", "Σ" or "Ж", and pdf.js then writes no appearance at
//! all. PDF/A and PDF/UA ask for the font to be embedded.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::OnceLock;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

/// The resource name fields refer to in their `/DA` strings. It names our
/// embedded Open Sans, not the Wingdings symbol font: the name is for
/// PDFium (Chrome, Edge and many other viewers), whose form typing picks
/// its fonts in `CPDF_BAFontMap` (core/fpdfdoc/cpdf_bafontmap.cpp; read at
/// pdfium a84323421e94, November 2025). Its constructor takes the `/DA`
/// font as font 0 and gives it a charset: the substitute font's when the
/// font is not embedded, else `FX_Charset::kSymbol` when the `/DA` name is
/// "Wingdings", "Wingdings2", "Wingdings3" or "Webdings", else
/// `FX_Charset::kANSI`. For each typed character, `GetWordFontIndex` tries
/// font 0 only when its charset is `kSymbol` or matches the character's
/// (`CharSetFromUnicode`: ANSI below U+007F, else the script's, Greek or
/// Cyrillic); otherwise it takes a system font for that script. Under any
/// ordinary name, then, "Ł", "Σ" or "Ж" typed into a field would be drawn
/// in whatever font the viewer's system has, or not at all; under a
/// symbol name, every character Open Sans has (`KnowWord`, through the
/// ToUnicode map) is typed in Open Sans. .ci/check_typing.py types Greek
/// and Cyrillic with PDFium to hold it; the test below pins the name.
pub(crate) const RESOURCE: &str = "Wingdings";

/// The embedded Open Sans Regular: the same bytes the typesetter uses, so
/// the binary carries the font once.
fn open_sans() -> &'static [u8] {
    crate::typeset::sources::embedded_asset("fonts/open-sans/OpenSans-Regular.ttf")
        .expect("Open Sans Regular is embedded in assets/fonts")
}

/// What is read from the font once per process: the characters with their
/// codes (CIDs: 1, 2, 3… in character order; 0 is .notdef), widths and
/// metrics in PDF units (1/1000 em), and the compressed streams.
struct Prepared {
    postscript_name: String,
    /// Per CID: the character and its glyph. CID 0 is .notdef.
    chars: Vec<(char, u16)>,
    /// Per CID, from 0.
    widths: Vec<i64>,
    bbox: [i64; 4],
    ascent: i64,
    descent: i64,
    cap_height: i64,
    program: Vec<u8>,
}

fn prepared() -> &'static Prepared {
    static PREPARED: OnceLock<Prepared> = OnceLock::new();
    PREPARED.get_or_init(|| {
        let face = ttf_parser::Face::parse(open_sans(), 0).expect("the embedded Open Sans parses");
        let scale = 1000.0 / f64::from(face.units_per_em());
        let units = |v: i16| (f64::from(v) * scale).round() as i64;
        // Every character the font maps, in order; control characters are
        // never typed into a field.
        let mut by_char: BTreeMap<char, u16> = BTreeMap::new();
        if let Some(cmap) = face.tables().cmap {
            for sub in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
                sub.codepoints(|cp| {
                    if let Some(c) = char::from_u32(cp).filter(|c| !c.is_control())
                        && let Some(g) = sub.glyph_index(cp).filter(|g| g.0 != 0)
                    {
                        by_char.entry(c).or_insert(g.0);
                    }
                });
            }
        }
        let chars: Vec<(char, u16)> = by_char.into_iter().collect();
        let width = |g: u16| {
            face.glyph_hor_advance(ttf_parser::GlyphId(g))
                .map_or(0, |w| (f64::from(w) * scale).round() as i64)
        };
        let widths = std::iter::once(width(0))
            .chain(chars.iter().map(|&(_, g)| width(g)))
            .collect();
        let b = face.global_bounding_box();
        let postscript_name = face
            .names()
            .into_iter()
            .find(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME && n.is_unicode())
            .and_then(|n| n.to_string())
            .unwrap_or_else(|| "OpenSans".to_string());
        Prepared {
            postscript_name,
            chars,
            widths,
            bbox: [
                units(b.x_min),
                units(b.y_min),
                units(b.x_max),
                units(b.y_max),
            ],
            ascent: units(face.ascender()),
            descent: units(face.descender()),
            cap_height: units(face.capital_height().unwrap_or(face.ascender())),
            program: compressed(open_sans()),
        }
    })
}

fn compressed(bytes: &[u8]) -> Vec<u8> {
    let mut s = Stream::new(Dictionary::new(), bytes.to_vec());
    s.compress().expect("compressing a font stream");
    s.content
}

fn flate(dict: Dictionary, bytes: Vec<u8>) -> Stream {
    let mut s = Stream::new(dict, bytes);
    s.compress().expect("compressing a font stream");
    s
}

/// Which glyph each CID draws: two bytes per CID, big-endian.
fn cid_to_gid(p: &Prepared) -> Vec<u8> {
    std::iter::once(0u16)
        .chain(p.chars.iter().map(|&(_, g)| g))
        .flat_map(u16::to_be_bytes)
        .collect()
}

/// The ToUnicode CMap: each CID to its character, as UTF-16BE.
fn to_unicode(p: &Prepared) -> String {
    let mut out = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    // At most 100 entries a section (PDF's CMap rules).
    for (n, chunk) in p.chars.chunks(100).enumerate() {
        let _ = writeln!(out, "{} beginbfchar", chunk.len());
        for (i, &(c, _)) in chunk.iter().enumerate() {
            let cid = n * 100 + i + 1;
            let mut units = [0u16; 2];
            let hex: String = c
                .encode_utf16(&mut units)
                .iter()
                .map(|u| format!("{u:04X}"))
                .collect();
            let _ = writeln!(out, "<{cid:04X}> <{hex}>");
        }
        out.push_str("endbfchar\n");
    }
    out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out
}

/// Adds the font to `doc` and returns the Type0 font dictionary's id.
pub(crate) fn add(doc: &mut Document) -> ObjectId {
    let p = prepared();
    let program = Stream::new(
        Dictionary::from_iter([
            ("Length1", Object::Integer(open_sans().len() as i64)),
            ("Filter", Object::Name(b"FlateDecode".to_vec())),
        ]),
        p.program.clone(),
    );
    let program_id = doc.add_object(program);
    let name = Object::Name(p.postscript_name.clone().into_bytes());
    let descriptor = doc.add_object(Dictionary::from_iter([
        ("Type", Object::Name(b"FontDescriptor".to_vec())),
        ("FontName", name.clone()),
        // Symbolic: a CIDFontType2's glyphs are reached by CID, not by a
        // standard character set.
        ("Flags", Object::Integer(4)),
        (
            "FontBBox",
            Object::Array(p.bbox.iter().map(|&v| Object::Integer(v)).collect()),
        ),
        ("ItalicAngle", Object::Integer(0)),
        ("Ascent", Object::Integer(p.ascent)),
        ("Descent", Object::Integer(p.descent)),
        ("CapHeight", Object::Integer(p.cap_height)),
        ("StemV", Object::Integer(80)),
        ("FontFile2", Object::Reference(program_id)),
    ]));
    let cid_map = doc.add_object(flate(Dictionary::new(), cid_to_gid(p)));
    let widths = Object::Array(vec![
        Object::Integer(0),
        Object::Array(p.widths.iter().map(|&w| Object::Integer(w)).collect()),
    ]);
    let cid_font = doc.add_object(Dictionary::from_iter([
        ("Type", Object::Name(b"Font".to_vec())),
        ("Subtype", Object::Name(b"CIDFontType2".to_vec())),
        ("BaseFont", name.clone()),
        (
            "CIDSystemInfo",
            Object::Dictionary(Dictionary::from_iter([
                ("Registry", Object::string_literal("Adobe")),
                ("Ordering", Object::string_literal("Identity")),
                ("Supplement", Object::Integer(0)),
            ])),
        ),
        ("FontDescriptor", Object::Reference(descriptor)),
        ("DW", Object::Integer(p.widths[0])),
        ("W", widths),
        ("CIDToGIDMap", Object::Reference(cid_map)),
    ]));
    let to_unicode = doc.add_object(flate(Dictionary::new(), to_unicode(p).into_bytes()));
    doc.add_object(Dictionary::from_iter([
        ("Type", Object::Name(b"Font".to_vec())),
        ("Subtype", Object::Name(b"Type0".to_vec())),
        ("BaseFont", name),
        ("Encoding", Object::Name(b"Identity-H".to_vec())),
        (
            "DescendantFonts",
            Object::Array(vec![Object::Reference(cid_font)]),
        ),
        ("ToUnicode", Object::Reference(to_unicode)),
    ]))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scripts the book promises (docs/src/fillable.md): every letter
    /// of Latin-1, Latin Extended-A, Greek and Cyrillic has a code of its
    /// own.
    #[test]
    fn every_promised_letter_has_a_code_and_a_width() {
        let p = prepared();
        let code = |c: char| p.chars.iter().position(|&(x, _)| x == c).map(|i| i + 1);
        let promised = ('\u{A0}'..='\u{FF}')
            .chain('\u{100}'..='\u{17F}')
            .chain(('\u{391}'..='\u{3C9}').filter(|&c| c != '\u{3A2}'))
            .chain('\u{400}'..='\u{45F}');
        let missing: String = promised.clone().filter(|&c| code(c).is_none()).collect();
        assert!(missing.is_empty(), "no code for {missing:?}");
        assert_eq!(promised.count(), 376);
        for c in ['Ł', 'ë', 'Σ', 'М', ' ', 'a'] {
            assert!(p.widths[code(c).unwrap()] > 0, "{c}");
        }
        // Codes are in character order; the map says which is which.
        let map = to_unicode(p);
        let l = code('Ł').unwrap();
        assert!(map.contains(&format!("<{l:04X}> <0141>")), "Ł");
        assert_eq!(cid_to_gid(p).len(), 2 * p.widths.len());
        // A PDF name without spaces, as /BaseFont needs.
        assert!(p.postscript_name.starts_with("OpenSans") && !p.postscript_name.contains(' '));
        assert!(p.ascent > 0 && p.descent < 0);
    }
}
