//! Cleaning a decoded image: 8-bit pixels, scaled to print size, a PNG
//! with no metadata.

use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::imageops::FilterType;
use image::{DynamicImage, ExtendedColorType, ImageBuffer, ImageEncoder, Pixel, RgbaImage};

use super::{PreparedImage, Target};

/// Converts to 8-bit RGB(A), scales down to the target and encodes as PNG.
pub(super) fn clean(image: DynamicImage, target: Target) -> PreparedImage {
    let image = if image.color().has_alpha() {
        let mut rgba = image.into_rgba8();
        // An alpha channel that is opaque everywhere would only add a soft
        // mask to the PDF (not allowed in PDF/A-1).
        if rgba.as_raw().chunks_exact(4).all(|p| p[3] == 255) {
            DynamicImage::ImageRgb8(DynamicImage::ImageRgba8(rgba).into_rgb8())
        } else {
            premultiply(&mut rgba);
            DynamicImage::ImageRgba8(rgba)
        }
    } else {
        DynamicImage::ImageRgb8(image.into_rgb8())
    };
    match shrink(image, target) {
        DynamicImage::ImageRgba8(mut rgba) => {
            unpremultiply(&mut rgba);
            encode(&rgba, ExtendedColorType::Rgba8)
        }
        other => encode(&other.into_rgb8(), ExtendedColorType::Rgb8),
    }
}

/// Scales down to fit the target, never up. A large reduction is done in
/// two steps: an area average to twice the target (cheap, and it keeps the
/// filter's buffers small, which matters for a 12000-pixel input), then
/// Catmull-Rom, about as sharp as Lanczos with fewer taps. (`DynamicImage`'s
/// methods, unlike the generic `imageops` functions, come compiled with the
/// `image` crate's optimisations even in a debug build.)
pub(super) fn shrink(image: DynamicImage, target: Target) -> DynamicImage {
    let (width, height) = (image.width(), image.height());
    let (new_width, new_height) = target.fit(width, height);
    if (new_width, new_height) == (width, height) {
        return image;
    }
    let (mid_width, mid_height) = (new_width * 2, new_height * 2);
    let image = if mid_width < width && mid_height < height {
        image.thumbnail_exact(mid_width, mid_height)
    } else {
        image
    };
    image.resize_exact(new_width, new_height, FilterType::CatmullRom)
}

// The filters average neighbouring pixels; without premultiplied alpha the
// colour of fully transparent pixels (often black) bleeds into the edges.
pub(super) fn premultiply(image: &mut RgbaImage) {
    for p in image.pixels_mut() {
        let a = u16::from(p[3]);
        for c in &mut p.0[..3] {
            *c = ((u16::from(*c) * a + 127) / 255) as u8;
        }
    }
}

pub(super) fn unpremultiply(image: &mut RgbaImage) {
    for p in image.pixels_mut() {
        let a = u16::from(p[3]);
        for c in &mut p.0[..3] {
            // Fully transparent pixels have no colour left to recover.
            *c = (u16::from(*c) * 255 + a / 2)
                .checked_div(a)
                .map_or(0, |v| v.min(255) as u8);
        }
    }
}

/// PNG from raw pixels: the encoder writes no metadata chunks, so EXIF,
/// GPS, comments and ICC profiles of the input cannot come through.
pub(super) fn encode<P>(image: &ImageBuffer<P, Vec<u8>>, color: ExtendedColorType) -> PreparedImage
where
    P: Pixel<Subpixel = u8>,
{
    let mut png = Vec::new();
    PngEncoder::new_with_quality(&mut png, CompressionType::Default, PngFilter::Adaptive)
        .write_image(image.as_raw(), image.width(), image.height(), color)
        .expect("a complete 8-bit buffer encodes to memory");
    PreparedImage {
        png,
        width_px: image.width(),
        height_px: image.height(),
    }
}
