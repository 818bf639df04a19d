//! Smaller copies of an upload for galleries and phones: a card shows a 480 px wide copy, a
//! high-density screen a 960 px one, and only the lightbox loads the original. Made once, when
//! the image is uploaded, as JPEG (what every browser shows; transparency is laid on white).

use std::io::Cursor;

use image::{DynamicImage, ImageFormat, ImageReader, Limits, imageops::FilterType};

/// The widths made, smallest first; only those smaller than the original.
pub const WIDTHS: [u32; 2] = [480, 960];

/// Decoding memory allowed per image: a larger one keeps only its original (a decompression
/// bomb cannot take the server's memory).
const MAX_DECODE_BYTES: u64 = 256 * 1024 * 1024;

const JPEG_QUALITY: u8 = 82;

/// The store key of the copy `width` pixels wide of media `id`.
pub fn key(id: &str, width: u32) -> String {
    format!("{id}-w{width}")
}

/// The copies of `bytes` (an image of `width` pixels) narrower than it, as (width, JPEG), or
/// none when it cannot be decoded within the limits. CPU-bound: run it on a blocking thread.
pub fn make(bytes: &[u8], width: u32) -> Vec<(u32, Vec<u8>)> {
    let wanted: Vec<u32> = WIDTHS.iter().copied().filter(|&w| w < width).collect();
    if wanted.is_empty() {
        return Vec::new();
    }
    let Some(original) = decode(bytes) else {
        return Vec::new();
    };
    let flat = flatten(original);
    wanted
        .into_iter()
        .filter_map(|target| {
            let height =
                ((u64::from(flat.height()) * u64::from(target)) / u64::from(flat.width().max(1))).max(1);
            let resized = flat.resize_exact(target, u32::try_from(height).ok()?, FilterType::Triangle);
            let mut out = Vec::new();
            let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY);
            resized.write_with_encoder(encoder).ok()?;
            Some((target, out))
        })
        .collect()
}

fn decode(bytes: &[u8]) -> Option<DynamicImage> {
    let mut reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format().ok()?;
    if !matches!(
        reader.format(),
        Some(ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::WebP | ImageFormat::Gif)
    ) {
        return None;
    }
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    match reader.decode() {
        Ok(image) => Some(image),
        Err(error) => {
            log::info!("no smaller copies of an upload: {error}");
            None
        }
    }
}

/// The image as RGB, transparent parts on white (JPEG has no alpha).
fn flatten(image: DynamicImage) -> DynamicImage {
    if !image.color().has_alpha() {
        return DynamicImage::ImageRgb8(image.to_rgb8());
    }
    let rgba = image.to_rgba8();
    let mut rgb = image::RgbImage::new(rgba.width(), rgba.height());
    for (x, y, pixel) in rgba.enumerate_pixels() {
        let [r, g, b, a] = pixel.0;
        let over_white = |channel: u8| {
            let alpha = u16::from(a);
            ((u16::from(channel) * alpha + 255 * (255 - alpha)) / 255) as u8
        };
        rgb.put_pixel(x, y, image::Rgb([over_white(r), over_white(g), over_white(b)]));
    }
    DynamicImage::ImageRgb8(rgb)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let image = image::RgbaImage::from_pixel(width, height, image::Rgba([10, 20, 30, 0]));
        let mut out = Vec::new();
        DynamicImage::ImageRgba8(image)
            .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .unwrap();
        out
    }

    #[test]
    fn copies_are_made_only_narrower_than_the_original_keeping_its_shape() {
        let copies = make(&png(1200, 900), 1200);
        let sizes: Vec<(u32, (u32, u32))> = copies
            .iter()
            .map(|(width, jpeg)| {
                let decoded = image::load_from_memory(jpeg).unwrap();
                (*width, (decoded.width(), decoded.height()))
            })
            .collect();
        assert_eq!(sizes, [(480, (480, 360)), (960, (960, 720))]);
        assert_eq!(
            make(&png(600, 600), 600).len(),
            1,
            "only the 480 px copy is narrower"
        );
        assert!(make(&png(400, 300), 400).is_empty());
    }

    #[test]
    fn transparency_is_laid_on_white_and_garbage_gives_no_copies() {
        let (_, jpeg) = make(&png(500, 10), 500).remove(0);
        let pixel = image::load_from_memory(&jpeg)
            .unwrap()
            .to_rgb8()
            .get_pixel(5, 5)
            .0;
        assert!(pixel.iter().all(|&channel| channel > 245), "{pixel:?}");
        assert!(make(b"not an image at all", 2000).is_empty());
    }
}
