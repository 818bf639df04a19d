//! What an uploaded image tells beyond its pixels is removed before it is stored: a phone photo
//! carries the GPS position, the time and the device it was taken with in its EXIF block, and
//! XMP, IPTC, comments and text chunks can carry names and more. Kept is what displays the image
//! right: the colour profile, the JFIF/Adobe markers and the EXIF orientation (rewritten as a
//! minimal EXIF block holding only that). `img-parts` edits the containers without re-encoding,
//! so no pixel changes.

use bytes::Bytes;
use img_parts::jpeg::{Jpeg, markers};
use img_parts::png::Png;
use img_parts::webp::WebP;
use img_parts::{ImageEXIF, ImageICC};

/// The PNG chunks that carry text or metadata.
const PNG_METADATA: [[u8; 4]; 5] = [*b"eXIf", *b"tEXt", *b"iTXt", *b"zTXt", *b"tIME"];

/// `bytes` of an image of `content_type` without its metadata; formats without a known
/// container (GIF) and images the editor cannot read come back as they are.
pub fn strip(bytes: Bytes, content_type: &str) -> Bytes {
    match content_type {
        "image/jpeg" => match Jpeg::from_bytes(bytes.clone()) {
            Ok(mut jpeg) => {
                let orientation = jpeg.exif().and_then(|exif| orientation(&exif));
                for marker in [markers::APP1, markers::APP13, markers::COM] {
                    jpeg.remove_segments_by_marker(marker);
                }
                if let Some(orientation) = orientation.filter(|value| *value != 1) {
                    jpeg.set_exif(Some(minimal_exif(orientation)));
                }
                jpeg.encoder().bytes()
            }
            Err(_) => bytes,
        },
        "image/png" => match Png::from_bytes(bytes.clone()) {
            Ok(mut png) => {
                for kind in PNG_METADATA {
                    png.remove_chunks_by_type(kind);
                }
                png.encoder().bytes()
            }
            Err(_) => bytes,
        },
        "image/webp" => match WebP::from_bytes(bytes.clone()) {
            Ok(mut webp) => {
                let icc = webp.icc_profile();
                webp.set_exif(None);
                webp.remove_chunks_by_id(*b"XMP ");
                webp.set_icc_profile(icc);
                webp.encoder().bytes()
            }
            Err(_) => bytes,
        },
        _ => bytes,
    }
}

/// The orientation (tag 0x0112 of the first IFD) of an EXIF block as `img-parts` returns it
/// (the TIFF structure, without the `Exif\0\0` prefix).
fn orientation(exif: &[u8]) -> Option<u16> {
    let tiff = exif.strip_prefix(b"Exif\0\0").unwrap_or(exif);
    let big_endian = match tiff.get(..2)? {
        b"MM" => true,
        b"II" => false,
        _ => return None,
    };
    let u16_at = |at: usize| -> Option<u16> {
        let pair: [u8; 2] = tiff.get(at..at + 2)?.try_into().ok()?;
        Some(if big_endian {
            u16::from_be_bytes(pair)
        } else {
            u16::from_le_bytes(pair)
        })
    };
    let u32_at = |at: usize| -> Option<u32> {
        let quad: [u8; 4] = tiff.get(at..at + 4)?.try_into().ok()?;
        Some(if big_endian {
            u32::from_be_bytes(quad)
        } else {
            u32::from_le_bytes(quad)
        })
    };
    let ifd = usize::try_from(u32_at(4)?).ok()?;
    let entries = usize::from(u16_at(ifd)?);
    (0..entries.min(512)).find_map(|index| {
        let entry = ifd + 2 + index * 12;
        (u16_at(entry)? == 0x0112).then(|| u16_at(entry + 8)).flatten()
    })
}

/// An EXIF block (TIFF, big-endian) with one entry: the orientation.
fn minimal_exif(orientation: u16) -> Bytes {
    let mut tiff = Vec::with_capacity(26);
    tiff.extend_from_slice(b"MM\0\x2a\0\0\0\x08");
    tiff.extend_from_slice(&1u16.to_be_bytes());
    tiff.extend_from_slice(&0x0112u16.to_be_bytes());
    tiff.extend_from_slice(&3u16.to_be_bytes());
    tiff.extend_from_slice(&1u32.to_be_bytes());
    tiff.extend_from_slice(&orientation.to_be_bytes());
    tiff.extend_from_slice(&[0, 0]);
    tiff.extend_from_slice(&0u32.to_be_bytes());
    Bytes::from(tiff)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_orientation_survives_in_a_minimal_block_and_nothing_else_does() {
        let block = minimal_exif(6);
        assert_eq!(orientation(&block), Some(6));
        let mut prefixed = b"Exif\0\0".to_vec();
        prefixed.extend_from_slice(&block);
        assert_eq!(orientation(&prefixed), Some(6));
        assert_eq!(orientation(b"garbage"), None);
    }
}
