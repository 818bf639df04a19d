//! The answer form a microtask campaign declares, and the pure rules over answers: whether an
//! answer fits the form (in its canonical shape), whether two answers agree, and the consensus
//! of a task's answers. Gold answers are checked with the same agreement rule.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use utoipa::ToSchema;

use crate::error::{ErrorCode, FieldError};

/// Options of a choice question.
const MAX_OPTIONS: usize = 50;
/// The longest text answer a form may allow.
const MAX_TEXT: u32 = 5000;
/// Rectangles agree when they overlap at least this much (intersection over union).
const RECTANGLE_AGREEMENT: f64 = 0.5;

/// One option of a choice question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ChoiceOption {
    /// What the answer carries: 1 to 40 of `a-z`, `0-9`, `_` and `-`.
    #[schema(pattern = "^[a-z0-9_-]{1,40}$", example = "cat")]
    pub value: String,
    /// What the worker reads.
    #[schema(min_length = 1, max_length = 200, example = "A cat")]
    pub label: String,
}

/// The one question every task of a campaign asks, and the shape of its answer:
/// `single_choice` (an option's `value`), `multiple_choice` (a list of values),
/// `text` (a string), `number` (a number) or `rectangle` (`{x, y, width, height}` as
/// fractions 0..1 of the task's image, from its top left corner).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AnswerForm {
    SingleChoice {
        #[schema(min_length = 1, max_length = 500)]
        question: String,
        options: Vec<ChoiceOption>,
    },
    MultipleChoice {
        #[schema(min_length = 1, max_length = 500)]
        question: String,
        options: Vec<ChoiceOption>,
        /// The fewest options an answer picks (default 1).
        #[serde(default)]
        min_choices: Option<u32>,
        /// The most options an answer picks (default: all).
        #[serde(default)]
        max_choices: Option<u32>,
    },
    Text {
        #[schema(min_length = 1, max_length = 500)]
        question: String,
        /// The longest answer, 1 to 5000 characters.
        #[schema(minimum = 1, maximum = 5000)]
        max_length: u32,
    },
    Number {
        #[schema(min_length = 1, max_length = 500)]
        question: String,
        #[serde(default)]
        min: Option<f64>,
        #[serde(default)]
        max: Option<f64>,
        /// Whole numbers only.
        #[serde(default)]
        integer: bool,
        /// Two answers agree when they differ by at most this much (default 0).
        #[serde(default)]
        tolerance: f64,
    },
    Rectangle {
        #[schema(min_length = 1, max_length = 500)]
        question: String,
    },
}

fn err(field: String, code: ErrorCode, message: &str) -> FieldError {
    FieldError::new(field, code, message)
}

fn check_options(options: &[ChoiceOption], errors: &mut Vec<FieldError>) {
    if !(2..=MAX_OPTIONS).contains(&options.len()) {
        errors.push(
            err(
                "answer_form.options".into(),
                ErrorCode::FieldLength,
                "a choice question has 2 to 50 options",
            )
            .param("min", 2)
            .param("max", MAX_OPTIONS),
        );
    }
    let mut seen = std::collections::HashSet::new();
    for (index, option) in options.iter().enumerate() {
        let valid = (1..=40).contains(&option.value.len())
            && option
                .value
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
        if !valid {
            errors.push(err(
                format!("answer_form.options[{index}].value"),
                ErrorCode::FieldFormat,
                "1 to 40 of a-z, 0-9, _ and -",
            ));
        } else if !seen.insert(option.value.as_str()) {
            errors.push(err(
                format!("answer_form.options[{index}].value"),
                ErrorCode::AnswerFormDuplicateOption,
                "each option needs its own value",
            ));
        }
        let label = option.label.trim();
        if label.is_empty() || option.label.chars().count() > 200 {
            errors.push(
                err(
                    format!("answer_form.options[{index}].label"),
                    ErrorCode::FieldLength,
                    "1 to 200 characters",
                )
                .param("max", 200),
            );
        }
    }
}

impl AnswerForm {
    pub fn question(&self) -> &str {
        match self {
            AnswerForm::SingleChoice { question, .. }
            | AnswerForm::MultipleChoice { question, .. }
            | AnswerForm::Text { question, .. }
            | AnswerForm::Number { question, .. }
            | AnswerForm::Rectangle { question } => question,
        }
    }

    /// Whether tasks of this form need an image in their payload.
    pub fn needs_image(&self) -> bool {
        matches!(self, AnswerForm::Rectangle { .. })
    }

    /// What is wrong with the form itself, field by field.
    pub fn problems(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        let question = self.question();
        if question.trim().is_empty() || question.chars().count() > 500 {
            errors.push(
                err(
                    "answer_form.question".into(),
                    ErrorCode::FieldLength,
                    "1 to 500 characters",
                )
                .param("max", 500),
            );
        }
        match self {
            AnswerForm::SingleChoice { options, .. } => check_options(options, &mut errors),
            AnswerForm::MultipleChoice {
                options,
                min_choices,
                max_choices,
                ..
            } => {
                check_options(options, &mut errors);
                let count = u32::try_from(options.len()).unwrap_or(u32::MAX);
                let min = min_choices.unwrap_or(1);
                let max = max_choices.unwrap_or(count);
                if min > max || max > count || max == 0 {
                    errors.push(err(
                        "answer_form.max_choices".into(),
                        ErrorCode::AnswerFormRange,
                        "min_choices <= max_choices <= the number of options, and max_choices >= 1",
                    ));
                }
            }
            AnswerForm::Text { max_length, .. } => {
                if !(1..=MAX_TEXT).contains(max_length) {
                    errors.push(
                        err(
                            "answer_form.max_length".into(),
                            ErrorCode::FieldRange,
                            "1 to 5000",
                        )
                        .param("min", 1)
                        .param("max", MAX_TEXT),
                    );
                }
            }
            AnswerForm::Number {
                min, max, tolerance, ..
            } => {
                let finite = min.is_none_or(f64::is_finite) && max.is_none_or(f64::is_finite);
                let ordered = match (min, max) {
                    (Some(min), Some(max)) => min <= max,
                    _ => true,
                };
                if !finite || !ordered {
                    errors.push(err(
                        "answer_form.max".into(),
                        ErrorCode::AnswerFormRange,
                        "min must not exceed max",
                    ));
                }
                if !tolerance.is_finite() || *tolerance < 0.0 {
                    errors.push(err(
                        "answer_form.tolerance".into(),
                        ErrorCode::FieldRange,
                        "a tolerance is 0 or more",
                    ));
                }
            }
            AnswerForm::Rectangle { .. } => {}
        }
        errors
    }

    /// The answer in its canonical shape (a single choice's value, a multiple choice's sorted
    /// values, trimmed text, a number, a rectangle's four fractions), or why it does not fit.
    /// `field` names the answer in the refusal (`answer`, `tasks[3].gold_answer`).
    pub fn check(&self, field: &str, answer: &Value) -> Result<Value, FieldError> {
        let refuse = |message: &str| err(field.into(), ErrorCode::AnswerInvalid, message);
        match self {
            AnswerForm::SingleChoice { options, .. } => match answer.as_str() {
                Some(value) if options.iter().any(|option| option.value == value) => Ok(json!(value)),
                _ => Err(refuse("one of the options' values").param(
                    "options",
                    options
                        .iter()
                        .map(|option| option.value.clone())
                        .collect::<Vec<_>>(),
                )),
            },
            AnswerForm::MultipleChoice {
                options,
                min_choices,
                max_choices,
                ..
            } => {
                let Some(items) = answer.as_array() else {
                    return Err(refuse("a list of the options' values"));
                };
                let mut values = Vec::with_capacity(items.len());
                for item in items {
                    match item.as_str() {
                        Some(value) if options.iter().any(|option| option.value == value) => {
                            values.push(value.to_owned());
                        }
                        _ => {
                            return Err(refuse("a list of the options' values").param(
                                "options",
                                options
                                    .iter()
                                    .map(|option| option.value.clone())
                                    .collect::<Vec<_>>(),
                            ));
                        }
                    }
                }
                values.sort();
                values.dedup();
                let count = values.len();
                let min = min_choices.unwrap_or(1) as usize;
                let max = max_choices.map_or(options.len(), |max| max as usize);
                if count < min || count > max {
                    return Err(refuse("pick as many options as the form allows")
                        .param("min", min)
                        .param("max", max));
                }
                Ok(json!(values))
            }
            AnswerForm::Text { max_length, .. } => {
                let Some(text) = answer.as_str() else {
                    return Err(refuse("a text"));
                };
                let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                if text.is_empty() || text.chars().count() > *max_length as usize {
                    return Err(refuse("1 character up to the form's limit").param("max", *max_length));
                }
                Ok(json!(text))
            }
            AnswerForm::Number {
                min, max, integer, ..
            } => {
                let Some(number) = answer.as_f64().filter(|number| number.is_finite()) else {
                    return Err(refuse("a number"));
                };
                if *integer && number.fract() != 0.0 {
                    return Err(refuse("a whole number"));
                }
                if min.is_some_and(|min| number < min) || max.is_some_and(|max| number > max) {
                    let mut refusal = refuse("a number in the form's range");
                    if let Some(min) = min {
                        refusal = refusal.param("min", *min);
                    }
                    if let Some(max) = max {
                        refusal = refusal.param("max", *max);
                    }
                    return Err(refusal);
                }
                // Whole numbers as integers: `12`, not `12.0`, in results and exports.
                match number.fract() == 0.0 && number.abs() < 9.0e15 {
                    true => Ok(json!(number as i64)),
                    false => Ok(json!(number)),
                }
            }
            AnswerForm::Rectangle { .. } => {
                let part = |name: &str| answer.get(name).and_then(Value::as_f64).filter(|v| v.is_finite());
                let (Some(x), Some(y), Some(width), Some(height)) =
                    (part("x"), part("y"), part("width"), part("height"))
                else {
                    return Err(refuse("{x, y, width, height} as fractions of the image"));
                };
                let inside = x >= 0.0
                    && y >= 0.0
                    && width > 0.0
                    && height > 0.0
                    && x + width <= 1.0 + 1e-9
                    && y + height <= 1.0 + 1e-9;
                if !inside {
                    return Err(refuse("a rectangle inside the image (fractions 0..1)"));
                }
                Ok(json!({"x": x, "y": y, "width": width, "height": height}))
            }
        }
    }

    /// Whether two canonical answers say the same: equal choices, text equal ignoring case,
    /// numbers within the tolerance, rectangles overlapping by half.
    pub fn agree(&self, a: &Value, b: &Value) -> bool {
        match self {
            AnswerForm::SingleChoice { .. } | AnswerForm::MultipleChoice { .. } => a == b,
            AnswerForm::Text { .. } => match (a.as_str(), b.as_str()) {
                (Some(a), Some(b)) => a.to_lowercase() == b.to_lowercase(),
                _ => false,
            },
            AnswerForm::Number { tolerance, .. } => match (a.as_f64(), b.as_f64()) {
                (Some(a), Some(b)) => (a - b).abs() <= *tolerance + 1e-9,
                _ => false,
            },
            AnswerForm::Rectangle { .. } => match (rectangle(a), rectangle(b)) {
                (Some(a), Some(b)) => overlap(a, b) >= RECTANGLE_AGREEMENT,
                _ => false,
            },
        }
    }

    /// The consensus of `answers` (in the order they came): the largest group of agreeing
    /// answers (the earliest on a tie), its answer (rectangles: the group's mean) and its size.
    /// Each answer joins the first group whose first answer it agrees with.
    pub fn consensus(&self, answers: &[Value]) -> Option<(Value, usize)> {
        let mut groups: Vec<Vec<&Value>> = Vec::new();
        for answer in answers {
            match groups.iter_mut().find(|group| self.agree(group[0], answer)) {
                Some(group) => group.push(answer),
                None => groups.push(vec![answer]),
            }
        }
        let mut best: Option<&Vec<&Value>> = None;
        for group in &groups {
            if best.is_none_or(|best| group.len() > best.len()) {
                best = Some(group);
            }
        }
        let group = best?;
        let answer = match self {
            AnswerForm::Rectangle { .. } => {
                let n = group.len() as f64;
                let mut sum = [0.0; 4];
                for rect in group.iter().filter_map(|value| rectangle(value)) {
                    for (total, part) in sum.iter_mut().zip(rect) {
                        *total += part;
                    }
                }
                json!({"x": sum[0] / n, "y": sum[1] / n, "width": sum[2] / n, "height": sum[3] / n})
            }
            _ => group[0].clone(),
        };
        Some((answer, group.len()))
    }
}

fn rectangle(value: &Value) -> Option<[f64; 4]> {
    let part = |name: &str| value.get(name).and_then(Value::as_f64);
    Some([part("x")?, part("y")?, part("width")?, part("height")?])
}

/// Intersection over union of two rectangles.
fn overlap(a: [f64; 4], b: [f64; 4]) -> f64 {
    let width = (a[0] + a[2]).min(b[0] + b[2]) - a[0].max(b[0]);
    let height = (a[1] + a[3]).min(b[1] + b[3]) - a[1].max(b[1]);
    if width <= 0.0 || height <= 0.0 {
        return 0.0;
    }
    let shared = width * height;
    shared / (a[2] * a[3] + b[2] * b[3] - shared)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choice() -> AnswerForm {
        AnswerForm::SingleChoice {
            question: "What is it?".into(),
            options: ["cat", "dog"]
                .map(|value| ChoiceOption {
                    value: value.into(),
                    label: value.into(),
                })
                .to_vec(),
        }
    }

    #[test]
    fn answers_are_checked_against_the_form_and_named() {
        assert_eq!(choice().check("answer", &json!("cat")).unwrap(), json!("cat"));
        let refused = choice().check("answer", &json!("cow")).unwrap_err();
        assert_eq!(refused.field, "answer");
        let text = AnswerForm::Text {
            question: "q".into(),
            max_length: 5,
        };
        assert_eq!(text.check("answer", &json!("  a   b ")).unwrap(), json!("a b"));
        assert!(text.check("answer", &json!("too long")).is_err());
        let number = AnswerForm::Number {
            question: "q".into(),
            min: Some(0.0),
            max: Some(10.0),
            integer: true,
            tolerance: 1.0,
        };
        assert!(number.check("answer", &json!(2.5)).is_err());
        assert_eq!(
            number.check("answer", &json!(3.0)).unwrap(),
            json!(3),
            "whole numbers stay whole"
        );
        assert!(number.check("answer", &json!(11)).is_err());
        assert!(number.agree(&json!(3.0), &json!(4.0)));
        assert!(!number.agree(&json!(3.0), &json!(5.0)));
    }

    #[test]
    fn consensus_is_the_largest_agreeing_group() {
        let answers = [json!("dog"), json!("cat"), json!("cat")];
        assert_eq!(choice().consensus(&answers), Some((json!("cat"), 2)));
        assert_eq!(
            choice().consensus(&answers[..2]),
            Some((json!("dog"), 1)),
            "ties go to the earliest"
        );
        assert_eq!(choice().consensus(&[]), None);
    }

    #[test]
    fn rectangles_agree_when_they_overlap_by_half() {
        let form = AnswerForm::Rectangle {
            question: "Where?".into(),
        };
        let a = form
            .check(
                "answer",
                &json!({"x": 0.1, "y": 0.1, "width": 0.4, "height": 0.4}),
            )
            .unwrap();
        let b = form
            .check(
                "answer",
                &json!({"x": 0.12, "y": 0.1, "width": 0.4, "height": 0.4}),
            )
            .unwrap();
        let far = form
            .check(
                "answer",
                &json!({"x": 0.6, "y": 0.6, "width": 0.2, "height": 0.2}),
            )
            .unwrap();
        assert!(form.agree(&a, &b));
        assert!(!form.agree(&a, &far));
        assert!(
            form.check(
                "answer",
                &json!({"x": 0.8, "y": 0.1, "width": 0.4, "height": 0.4})
            )
            .is_err()
        );
        let (mean, agreeing) = form.consensus(&[a, far, b]).unwrap();
        assert_eq!(agreeing, 2);
        assert!((mean["x"].as_f64().unwrap() - 0.11).abs() < 1e-9);
    }
}
