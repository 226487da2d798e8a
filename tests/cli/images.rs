//! Photos and logos through the binary: metadata never reaches the PDF, and
//! every hostile file stops quickly with exit 2 and nothing written.

use std::path::{Path, PathBuf};

use crate::support::*;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/images")
        .join(name)
}

/// Every stream of a PDF, decompressed, plus the raw bytes: where leaked
/// metadata would have to be.
fn all_pdf_bytes(pdf: &[u8]) -> Vec<u8> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let mut all = pdf.to_vec();
    for object in doc.objects.values() {
        if let Ok(stream) = object.as_stream() {
            let mut stream = stream.clone();
            let _ = stream.decompress();
            all.extend_from_slice(&stream.content);
        }
    }
    all
}

#[test]
fn exif_gps_and_comments_never_reach_the_pdf() {
    let source = std::fs::read(fixture("exif-gps.jpg")).unwrap();
    for marker in [&b"EXIFMARKER"[..], b"GPSMARKER", b"COMMENTMARKER"] {
        assert!(
            source.windows(marker.len()).any(|w| w == marker),
            "the fixture lacks its marker"
        );
    }
    let pdf = build_pdf(&["--photo", fixture("exif-gps.jpg").to_str().unwrap()]);
    let all = all_pdf_bytes(&pdf);
    for marker in [&b"EXIFMARKER"[..], b"GPSMARKER", b"COMMENTMARKER", b"Exif"] {
        assert!(
            !all.windows(marker.len()).any(|w| w == marker),
            "{} leaked into the PDF",
            String::from_utf8_lossy(marker)
        );
    }
    // The photo is in the PDF, as an image.
    assert!(
        all.windows(8).any(|w| w == b"/Subtype")
            && String::from_utf8_lossy(&all).contains("/Image")
    );
}

#[test]
fn photos_of_every_accepted_kind_build() {
    for f in [
        "photo.jpg",
        "photo.webp",
        "rgb16.png",
        "cmyk.jpg",
        "alpha.png",
    ] {
        build_pdf(&["--photo", fixture(f).to_str().unwrap()]);
    }
}

// Used by the Unix-only test below (links to devices, FIFOs).
#[cfg(unix)]
fn refused(dir: &Path, photo: &str) -> String {
    use std::time::{Duration, Instant};
    let start = Instant::now();
    let run = Test::at(dir)
        .args(BUILD)
        .args(["--photo", photo, "-o", "out.pdf"])
        .status(2)
        .no_file("out.pdf")
        .run();
    // A guard against hanging on a pipe or reading /dev/zero, not a benchmark.
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "{photo} took {:?}",
        start.elapsed()
    );
    run.stderr
}

#[cfg(unix)]
#[test]
fn hostile_images_exit_2_quickly() {
    let dir = tempdir();
    let d = dir.path();
    std::os::unix::fs::symlink("/dev/zero", d.join("zero.png")).unwrap();
    assert!(
        std::process::Command::new("mkfifo")
            .arg(d.join("pipe.png"))
            .status()
            .unwrap()
            .success()
    );
    std::fs::create_dir(d.join("folder.png")).unwrap();
    std::fs::write(d.join("empty.png"), b"").unwrap();
    let png = std::fs::read(fixture("rgb.png")).unwrap();
    std::fs::write(d.join("truncated.png"), &png[..png.len() * 6 / 10]).unwrap();
    std::fs::copy(fixture("rgb.png"), d.join("lying.jpg")).unwrap();
    std::fs::copy(fixture("huge-claim.png"), d.join("huge.png")).unwrap();
    let cases = [
        (
            "zero.png",
            "--photo zero.png: not a regular file (it is a link to /dev/zero, a device)",
        ),
        (
            "pipe.png",
            "--photo pipe.png: not a regular file (it is a named pipe (FIFO))",
        ),
        (
            "folder.png",
            "--photo folder.png: not a regular file (it is a folder)",
        ),
        ("empty.png", "--photo empty.png: is empty (0 bytes)"),
        (
            "truncated.png",
            "--photo truncated.png: could not be read: the file is damaged or incomplete",
        ),
        (
            "lying.jpg",
            "--photo lying.jpg: the name says JPEG (.jpg) but the file holds a PNG image",
        ),
        (
            "huge.png",
            "--photo huge.png: claims to be 100000 x 100000 pixels; the largest accepted is 12000 x 12000",
        ),
    ];
    for (file, expected) in cases {
        let stderr = refused(d, file);
        assert!(
            stderr.starts_with(&format!("error: {expected}")),
            "{file}: {stderr}"
        );
    }
}

#[test]
fn a_bad_logo_in_the_config_is_refused_by_name() {
    let run = Test::build()
        .write("logo.png", b"not an image at all")
        .config("[counselor]\nlogo = \"logo.png\"\n")
        .args(["-o", "out.pdf"])
        .status(2)
        .no_file("out.pdf")
        .run();
    assert!(
        run.stderr
            .starts_with("error: [counselor] logo logo.png: not a PNG, JPEG or WebP image"),
        "{}",
        run.stderr
    );
}
