//! `validator`'s errors as field errors with catalogue codes.
//!
//! Built-in rules map to their field codes (`length` → `field.length`, ...), with the rule's
//! bounds as params; a custom rule names its catalogue code itself
//! (`ValidationError::new(ErrorCode::FieldBlank.as_str())`).

use serde_json::Map;
use validator::{ValidationError, ValidationErrors, ValidationErrorsKind};

use super::{ApiError, ErrorCode, FieldError};

/// `validator`'s errors, flattened to `field` paths such as `prize_tiers[0].amount_minor`.
impl From<ValidationErrors> for ApiError {
    fn from(errors: ValidationErrors) -> Self {
        let mut fields = Vec::new();
        flatten(&errors, "", &mut fields);
        fields.sort_by(|a, b| a.field.cmp(&b.field));
        ApiError::fields(fields)
    }
}

fn flatten(errors: &ValidationErrors, prefix: &str, out: &mut Vec<FieldError>) {
    for (field, kind) in errors.errors() {
        let path = if prefix.is_empty() {
            field.to_string()
        } else {
            format!("{prefix}.{field}")
        };
        match kind {
            ValidationErrorsKind::Field(list) => {
                out.extend(list.iter().map(|error| field_error(&path, error)))
            }
            ValidationErrorsKind::Struct(inner) => flatten(inner, &path, out),
            ValidationErrorsKind::List(items) => {
                for (index, inner) in items {
                    flatten(inner, &format!("{path}[{index}]"), out);
                }
            }
        }
    }
}

/// The catalogue code of a validator rule.
fn code_of(rule: &str) -> ErrorCode {
    match rule {
        "length" => ErrorCode::FieldLength,
        "range" => ErrorCode::FieldRange,
        "required" => ErrorCode::FieldRequired,
        "email" | "url" | "regex" => ErrorCode::FieldFormat,
        custom => custom.parse().unwrap_or_else(|()| {
            log::warn!("validation rule {custom:?} has no catalogue code; reporting field.format");
            ErrorCode::FieldFormat
        }),
    }
}

fn field_error(path: &str, error: &ValidationError) -> FieldError {
    let code = code_of(&error.code);
    let mut params = Map::new();
    for (name, value) in &error.params {
        // The rejected value is the client's own; echoing it only bloats the answer.
        if name != "value" {
            params.insert(name.to_string(), value.clone());
        }
    }
    let message = match &error.message {
        Some(message) => message.to_string(),
        None => default_message(code, &params),
    };
    FieldError {
        field: path.to_owned(),
        code,
        message,
        params,
    }
}

fn default_message(code: ErrorCode, params: &Map<String, serde_json::Value>) -> String {
    let bound = |name: &str| params.get(name).map(ToString::to_string);
    match (code, bound("min"), bound("max")) {
        (ErrorCode::FieldLength, Some(min), Some(max)) => format!("must be {min} to {max} long"),
        (ErrorCode::FieldLength, None, Some(max)) => format!("must be at most {max} long"),
        (ErrorCode::FieldLength, Some(min), None) => format!("must be at least {min} long"),
        (ErrorCode::FieldRange, Some(min), Some(max)) => format!("must be from {min} to {max}"),
        (ErrorCode::FieldRange, None, Some(max)) => format!("must be at most {max}"),
        (ErrorCode::FieldRange, Some(min), None) => format!("must be at least {min}"),
        (ErrorCode::FieldFormat, ..) => "does not have the required form".to_owned(),
        _ => code.meaning().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use validator::Validate;

    use super::*;

    #[derive(Validate)]
    struct Form {
        #[validate(length(min = 1, max = 5))]
        name: String,
        #[validate(range(min = 1, max = 10))]
        count: i32,
        #[validate(custom(function = "never"))]
        other: String,
    }

    fn never(_: &str) -> Result<(), ValidationError> {
        Err(ValidationError::new(ErrorCode::FieldBlank.as_str()))
    }

    #[test]
    fn rules_become_catalogue_codes_with_their_bounds() {
        let form = Form {
            name: "too long".into(),
            count: 11,
            other: String::new(),
        };
        let err = ApiError::from(form.validate().unwrap_err());
        let errors = err.field_errors();
        assert_eq!(errors.len(), 3);
        assert_eq!(
            (errors[0].field.as_str(), errors[0].code),
            ("count", ErrorCode::FieldRange)
        );
        assert_eq!(errors[0].params["max"], 10);
        assert!(!errors[0].params.contains_key("value"));
        assert_eq!(
            (errors[1].field.as_str(), errors[1].code),
            ("name", ErrorCode::FieldLength)
        );
        assert_eq!(
            (errors[2].field.as_str(), errors[2].code),
            ("other", ErrorCode::FieldBlank)
        );
        assert_eq!(
            err.code(),
            ErrorCode::FieldRange,
            "the first field's code is the problem's"
        );
    }
}
