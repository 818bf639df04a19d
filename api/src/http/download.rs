//! CSV downloads: UTF-8 with a header row, RFC 4180 quoting by the `csv` crate, and cells that
//! a spreadsheet would run as a formula defused.

use std::borrow::Cow;

use actix_web::HttpResponse;
use actix_web::http::header::{ContentDisposition, DispositionParam, DispositionType};
use actix_web::web::Bytes;

use crate::error::ApiError;

/// A 200 that downloads as `filename`.
pub fn csv_response(filename: &str) -> actix_web::HttpResponseBuilder {
    let mut response = HttpResponse::Ok();
    response
        .content_type("text/csv; charset=utf-8")
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(filename.to_owned())],
        });
    response
}

/// Writes records into CSV bytes.
pub fn csv_bytes<R: AsRef<[u8]>>(records: impl IntoIterator<Item = Vec<R>>) -> Result<Bytes, ApiError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for record in records {
        writer.write_record(&record).map_err(ApiError::internal)?;
    }
    writer
        .into_inner()
        .map(Bytes::from)
        .map_err(|err| ApiError::internal(err.to_string()))
}

/// People's text as a cell: one that starts like a formula (`=`, `+`, `-`, `@`, a tab or a
/// carriage return) gets a leading `'`, so Excel and LibreOffice show it instead of running it
/// (OWASP's advice on CSV injection).
pub fn text_cell(value: &str) -> Cow<'_, str> {
    match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{value}")),
        _ => Cow::Borrowed(value),
    }
}

#[cfg(test)]
mod tests {
    use super::text_cell;

    #[test]
    fn formulas_are_defused_and_plain_text_is_kept() {
        assert_eq!(text_cell("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
        assert_eq!(text_cell("+49 30"), "'+49 30");
        assert_eq!(text_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(text_cell("Anna"), "Anna");
        assert_eq!(text_cell(""), "");
    }
}
