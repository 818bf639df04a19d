//! What an uploaded file really is, read from its bytes: the declared content type and file
//! name are the client's word and are never trusted.

use crate::error::{ApiError, ErrorCode, FieldError};

/// Larger images are refused: clients would have to decode them (a decompression bomb).
pub const MAX_SIDE_PIXELS: usize = 16_384;

/// An accepted image, as its bytes describe it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageInfo {
    pub content_type: &'static str,
    pub width: u32,
    pub height: u32,
}

/// The image formats every browser displays.
pub const ACCEPTED: [&str; 4] = ["image/png", "image/jpeg", "image/webp", "image/gif"];

/// Checks that `bytes` are a PNG, JPEG, WebP or GIF image of sane dimensions; errors name the
/// multipart field `file`.
pub fn inspect(bytes: &[u8]) -> Result<ImageInfo, ApiError> {
    if bytes.is_empty() {
        return Err(ApiError::invalid(
            "file",
            ErrorCode::MediaEmpty,
            "the file is empty",
        ));
    }
    let not_accepted = || {
        ApiError::new(
            ErrorCode::MediaUnsupportedType,
            "the file is not a PNG, JPEG, WebP or GIF image (its content decides, not its name or \
             declared type)",
        )
    };
    let content_type = match imagesize::image_type(bytes).map_err(|_| not_accepted())? {
        imagesize::ImageType::Png => "image/png",
        imagesize::ImageType::Jpeg => "image/jpeg",
        imagesize::ImageType::Webp => "image/webp",
        imagesize::ImageType::Gif => "image/gif",
        _ => return Err(not_accepted()),
    };
    let size = imagesize::blob_size(bytes).map_err(|_| {
        ApiError::invalid(
            "file",
            ErrorCode::MediaDamaged,
            "the image is damaged: its dimensions cannot be read",
        )
    })?;
    if size.width == 0 || size.height == 0 {
        return Err(ApiError::invalid(
            "file",
            ErrorCode::MediaDamaged,
            "the image has no pixels",
        ));
    }
    if size.width > MAX_SIDE_PIXELS || size.height > MAX_SIDE_PIXELS {
        return Err(ApiError::fields(vec![
            FieldError::new(
                "file",
                ErrorCode::MediaDimensions,
                format!("images may be at most {MAX_SIDE_PIXELS} pixels wide and high"),
            )
            .param("max_pixels", MAX_SIDE_PIXELS),
        ]));
    }
    Ok(ImageInfo {
        content_type,
        // Both sides are at most MAX_SIDE_PIXELS here, so they fit.
        width: u32::try_from(size.width).unwrap_or(u32::MAX),
        height: u32::try_from(size.height).unwrap_or(u32::MAX),
    })
}

/// A part that declares an image type must be that image: a JPEG label on PNG bytes is refused
/// rather than silently relabelled. Generic declarations (`application/octet-stream`, none)
/// leave the decision to the content.
pub fn check_declared(declared: Option<&str>, image: ImageInfo) -> Result<(), ApiError> {
    match declared {
        Some(declared) if declared.starts_with("image/") && declared != image.content_type => {
            Err(ApiError::new(
                ErrorCode::MediaTypeMismatch,
                format!(
                    "the file is declared as {declared} but its content is {}: upload it with its real type",
                    image.content_type
                ),
            )
            .param("declared", declared)
            .param("detected", image.content_type))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 3×2 PNG header (signature, IHDR), enough for type and size.
    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        bytes.extend(width.to_be_bytes());
        bytes.extend(height.to_be_bytes());
        bytes.extend([8, 6, 0, 0, 0, 0, 0, 0, 0]);
        bytes
    }

    #[test]
    fn a_png_is_recognised_with_its_dimensions() {
        let info = inspect(&png(3, 2)).unwrap();
        assert_eq!(
            info,
            ImageInfo {
                content_type: "image/png",
                width: 3,
                height: 2
            }
        );
    }

    #[test]
    fn gif_headers_give_type_and_size() {
        let gif = b"GIF89a\x05\x00\x04\x00\x80\x00\x00";
        let info = inspect(gif).unwrap();
        assert_eq!((info.content_type, info.width, info.height), ("image/gif", 5, 4));
    }

    #[test]
    fn empty_text_and_other_formats_are_refused() {
        let code = |bytes: &[u8]| inspect(bytes).unwrap_err().code();
        assert_eq!(code(b""), ErrorCode::MediaEmpty);
        assert_eq!(code(b"MZ\x90\0 this is an exe"), ErrorCode::MediaUnsupportedType);
        assert_eq!(
            code(b"BM\x36\0\0\0\0\0\0\0\x36\0\0\0\x28\0\0\0"),
            ErrorCode::MediaUnsupportedType
        );
    }

    #[test]
    fn a_declared_image_type_must_match_the_content() {
        let png = inspect(&png(3, 2)).unwrap();
        assert!(check_declared(None, png).is_ok());
        assert!(check_declared(Some("application/octet-stream"), png).is_ok());
        assert!(check_declared(Some("image/png"), png).is_ok());
        assert_eq!(
            check_declared(Some("image/jpeg"), png).unwrap_err().code(),
            ErrorCode::MediaTypeMismatch
        );
    }

    #[test]
    fn huge_and_empty_canvases_are_refused() {
        assert_eq!(
            inspect(&png(20_000, 10)).unwrap_err().code(),
            ErrorCode::MediaDimensions
        );
        assert_eq!(inspect(&png(0, 10)).unwrap_err().code(), ErrorCode::MediaDamaged);
    }
}
