//! Writing a finished document whole, its small objects packed into
//! compressed object streams with a cross-reference stream (PDF 1.5): the
//! file lopdf's `save_modern` writes, with the streams built and compressed
//! on every core and no copy of the objects, and the cross-reference stream
//! compressed too.
//!
//! lopdf serializes and compresses its object streams one after another,
//! after copying every object into them. That was half of our whole
//! finishing step, and a single build is timed against the Typst CLI, which
//! has no such step. The layout stays lopdf's, so a test compares the two
//! byte for byte (with the cross-reference stream left plain, as lopdf
//! leaves it).

use std::collections::BTreeMap;
use std::io::Write;

use flate2::Compression;
use flate2::write::ZlibEncoder;
use lopdf::{Document, Object, ObjectId, ObjectStream, Stream, Writer};
use rayon::prelude::*;

use super::internal;

/// lopdf's defaults (`ObjectStreamConfig`), kept so the bytes stay its own.
const PER_STREAM: usize = 100;
const LEVEL: u32 = 6;

/// Where an object is found: at an offset in the file, or at an index in
/// an object stream.
enum Entry {
    At { offset: usize, generation: u16 },
    In { stream: u32, index: usize },
}

/// The document as a PDF file. Equal documents give equal bytes: objects go
/// out in number order, whatever order the threads finish in.
pub(crate) fn save(mut doc: Document) -> crate::diag::Result<Vec<u8>> {
    // lopdf cannot put encrypted objects into streams, and neither can we.
    if doc.is_encrypted() {
        let mut out = Vec::new();
        doc.save_modern(&mut out)
            .map_err(|e| internal("writing", e.into()))?;
        return Ok(out);
    }
    whole(doc, Xref::Compressed).map_err(|e| internal("writing", e))
}

/// How the cross-reference stream is written: lopdf leaves it plain; we
/// compress it, which saves 4 % of a workbook (qpdf writes it so too).
#[derive(Clone, Copy)]
enum Xref {
    Compressed,
    #[cfg(test)]
    Plain,
}

/// Streams (page contents, fonts, images) as they are, then the object
/// streams, then the cross-reference stream.
fn whole(mut doc: Document, form: Xref) -> lopdf::Result<Vec<u8>> {
    if doc.version.as_str() < "1.5" {
        doc.version = "1.5".into();
    }
    let (direct, packed): (Vec<_>, Vec<_>) = std::mem::take(&mut doc.objects)
        .into_iter()
        .filter(|(_, object)| !regenerated(object))
        .partition(|(id, object)| !packable(*id, object));
    let mut chunks = Vec::new();
    let mut rest = packed.into_iter().peekable();
    while rest.peek().is_some() {
        chunks.push(rest.by_ref().take(PER_STREAM).collect::<Vec<_>>());
    }
    // Each chunk's objects are moved in, written, compressed and dropped on
    // whichever thread takes it; `collect` keeps the chunks' order.
    let streams: Vec<(Vec<ObjectId>, Stream)> = chunks
        .into_par_iter()
        .map(|chunk| {
            let ids = chunk.iter().map(|(id, _)| *id).collect();
            let mut stream = ObjectStream::builder()
                .max_objects(PER_STREAM)
                .compression_level(LEVEL)
                .build();
            for (id, object) in chunk {
                stream.add_object(id, object)?;
            }
            Ok((ids, stream.to_stream_object()?))
        })
        .collect::<lopdf::Result<_>>()?;

    let mut out = Vec::with_capacity(1 << 20);
    write!(out, "%PDF-{}\n%", doc.version)?;
    out.extend_from_slice(&doc.binary_mark);
    out.push(b'\n');
    let mut xref = BTreeMap::new();
    for ((id, generation), object) in &direct {
        let offset = out.len();
        xref.insert(
            *id,
            Entry::At {
                offset,
                generation: *generation,
            },
        );
        indirect(&mut out, (*id, *generation), object)?;
    }
    drop(direct);
    // Generated objects are numbered after the document's highest, as lopdf
    // numbers them, without raising it.
    let mut last = doc.max_id;
    for (members, stream) in streams {
        last += 1;
        for (index, (id, _)) in members.iter().enumerate() {
            xref.insert(
                *id,
                Entry::In {
                    stream: last,
                    index,
                },
            );
        }
        let offset = out.len();
        xref.insert(
            last,
            Entry::At {
                offset,
                generation: 0,
            },
        );
        indirect(&mut out, (last, 0), &Object::Stream(stream))?;
    }
    let start = out.len();
    last += 1;
    xref.insert(
        last,
        Entry::At {
            offset: start,
            generation: 0,
        },
    );
    let mut stream = xref_stream(&xref, doc.trailer.clone(), last)?;
    if matches!(form, Xref::Compressed) {
        let mut zlib = ZlibEncoder::new(Vec::new(), Compression::default());
        zlib.write_all(&stream.content)?;
        stream.dict.set("Filter", "FlateDecode");
        stream.set_content(zlib.finish()?);
    }
    indirect(&mut out, (last, 0), &Object::Stream(stream))?;
    write!(out, "\nstartxref\n{start}\n%%EOF")?;
    Ok(out)
}

/// Object and cross-reference streams of a loaded file are made anew.
fn regenerated(object: &Object) -> bool {
    matches!(object.type_name(), Ok(b"ObjStm" | b"XRef" | b"Linearized"))
}

/// What PDF allows in an object stream (lopdf's `can_be_compressed` for an
/// unencrypted, unlinearized file).
fn packable((_, generation): ObjectId, object: &Object) -> bool {
    generation == 0 && !matches!(object, Object::Stream(_))
}

/// `N G obj … endobj`, framed as lopdf frames it.
fn indirect(out: &mut Vec<u8>, (id, generation): ObjectId, object: &Object) -> lopdf::Result<()> {
    let before = if Writer::need_separator(object) {
        " "
    } else {
        ""
    };
    write!(out, "{id} {generation} obj\n{before}")?;
    Writer::write_object(out, object)?;
    let after = if Writer::need_end_separator(object) {
        " "
    } else {
        ""
    };
    writeln!(out, "{after}\nendobj")?;
    Ok(())
}

/// The cross-reference stream, object `own`: the trailer's entries and one
/// `[type offset-or-stream generation-or-index]` row of 1, 4 and 2 bytes
/// for each object, in runs of consecutive numbers.
fn xref_stream(
    xref: &BTreeMap<u32, Entry>,
    mut dict: lopdf::Dictionary,
    own: u32,
) -> lopdf::Result<Stream> {
    let mut rows = Vec::with_capacity(xref.len() * 7);
    let mut runs: Vec<(u32, u32)> = Vec::new();
    for (&id, entry) in xref.range(1..) {
        match runs.last_mut() {
            Some((first, count)) if *first + *count == id => *count += 1,
            _ => runs.push((id, 1)),
        }
        let (kind, field, second) = match *entry {
            Entry::At { offset, generation } => (1, offset, usize::from(generation)),
            Entry::In { stream, index } => (2, stream as usize, index),
        };
        let (Ok(field), Ok(second)) = (u32::try_from(field), u16::try_from(second)) else {
            return Err(lopdf::Error::IO(std::io::Error::other(
                "the file is too large for a cross-reference stream",
            )));
        };
        rows.push(kind);
        rows.extend(field.to_be_bytes());
        rows.extend(second.to_be_bytes());
    }
    let index = runs
        .iter()
        .flat_map(|&(first, count)| {
            [
                Object::from(i64::from(first)),
                Object::from(i64::from(count)),
            ]
        })
        .collect::<Vec<_>>();
    dict.set("Type", Object::Name(b"XRef".to_vec()));
    dict.set("Size", i64::from(own) + 1);
    dict.set("W", vec![Object::from(1), Object::from(4), Object::from(2)]);
    dict.set("Index", index);
    dict.remove(b"Filter");
    dict.set("Length", rows.len() as i64);
    Ok(Stream {
        dict,
        allows_compression: true,
        content: rows,
        start_position: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    /// A document with what the writer must handle: more objects than one
    /// stream holds, content streams, an object of a later generation, gaps
    /// in the numbers and every kind of plain object.
    fn sample() -> Document {
        let mut doc = Document::with_version("1.7");
        let pages = doc.new_object_id();
        let mut kids = Vec::new();
        for n in 0..230 {
            let content = doc.add_object(Stream::new(
                dictionary! {},
                format!("BT ({n}) Tj ET").into_bytes(),
            ));
            let page = doc.add_object(dictionary! {
                "Type" => "Page",
                "Parent" => pages,
                "Contents" => content,
                "MediaBox" => vec![0.into(), 0.into(), 595.into(), Object::Real(841.89)],
            });
            kids.push(page.into());
            doc.add_object(Object::string_literal(format!(
                "note {n} (with) \\ escapes"
            )));
            doc.add_object(n % 3 == 0);
        }
        doc.objects.insert(
            pages,
            Object::Dictionary(dictionary! {
                "Type" => "Pages", "Kids" => kids, "Count" => 230,
            }),
        );
        doc.max_id += 5;
        let gap = doc.max_id;
        doc.objects.insert((gap, 1), Object::Null);
        doc.objects
            .insert((gap + 3, 0), Object::Name(b"Odd Name".to_vec()));
        doc.max_id = gap + 3;
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
        doc.trailer.set("Root", catalog);
        doc.trailer.set("Filter", "Nothing");
        doc
    }

    #[test]
    fn writes_the_bytes_lopdf_writes() {
        let mut theirs = Vec::new();
        sample().save_modern(&mut theirs).unwrap();
        let ours = whole(sample(), Xref::Plain).unwrap();
        assert!(
            ours == theirs,
            "{} bytes against lopdf's {}",
            ours.len(),
            theirs.len()
        );
    }

    #[test]
    fn reads_back_whole_with_every_object_in_its_place() {
        let bytes = save(sample()).unwrap();
        let tail = String::from_utf8_lossy(&bytes[bytes.len() - 40..]).into_owned();
        let start: usize = tail.split('\n').rev().nth(1).unwrap().parse().unwrap();
        let xref = String::from_utf8_lossy(&bytes[start..start + 200]).into_owned();
        let xref = &xref[..xref.find("stream").unwrap()];
        assert!(
            xref.contains("/Type/XRef") && xref.contains("/Filter/FlateDecode"),
            "{xref}"
        );
        let back = Document::load_mem(&bytes).unwrap();
        let before = sample();
        assert_eq!(back.get_pages().len(), 230);
        for (id, object) in &before.objects {
            let got = back.get_object(*id).unwrap();
            assert_eq!(format!("{got:?}"), format!("{object:?}"), "object {id:?}");
        }
    }

    #[test]
    fn an_encrypted_document_is_written_by_lopdf_without_object_streams() {
        let mut doc = sample();
        let id = Object::string_literal(b"0123456789abcdef".to_vec());
        doc.trailer.set("ID", vec![id.clone(), id]);
        let settings = lopdf::EncryptionState::try_from(lopdf::encryption::EncryptionVersion::V2 {
            document: &doc,
            owner_password: "owner",
            user_password: "",
            key_length: 128,
            permissions: lopdf::Permissions::all(),
        })
        .unwrap();
        doc.encrypt(&settings).unwrap();
        let bytes = save(doc).unwrap();
        assert!(!bytes.windows(7).any(|w| w == b"/ObjStm"));
    }
}
