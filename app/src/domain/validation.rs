//! Field-level validation errors (each carries the fluent message id that
//! explains it and the form field it belongs to), and a form sent back to
//! its page with them.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{field}: {message_id}")]
pub struct FieldError {
    pub field: String,
    pub message_id: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message_id: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message_id: message_id.into(),
        }
    }
}

/// All the problems found in one submitted form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn push(&mut self, field: &str, message_id: &str) {
        self.0.push(FieldError::new(field, message_id));
    }

    pub fn check(&mut self, result: Result<(), FieldError>) {
        if let Err(e) = result {
            self.0.push(e);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn for_field(&self, field: &str) -> Option<&FieldError> {
        self.0.iter().find(|e| e.field == field)
    }

    pub fn into_result(self) -> Result<(), FieldErrors> {
        if self.is_empty() { Ok(()) } else { Err(self) }
    }
}

/// Trims `value` and checks it is neither empty nor longer than `max` characters.
pub fn required_text(field: &str, value: &str, max: usize) -> Result<String, FieldError> {
    let v = value.trim();
    if v.is_empty() {
        return Err(FieldError::new(field, "error-required"));
    }
    if v.chars().count() > max {
        return Err(FieldError::new(field, "error-too-long"));
    }
    Ok(v.to_string())
}

/// A submitted form coming back to its page: values as entered, errors by field,
/// and an optional message about the whole form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormState {
    pub values: HashMap<String, String>,
    pub errors: FieldErrors,
    pub message_id: Option<String>,
    /// Lines listed under the message (already translated), e.g. each missing text.
    pub details: Vec<String>,
}

impl FormState {
    /// The form as submitted, refused as a whole for `message_id`, with
    /// `details` (already translated) listed under it.
    pub fn refused(
        values: HashMap<String, String>,
        message_id: &str,
        details: Vec<String>,
    ) -> Self {
        FormState {
            values,
            message_id: Some(message_id.to_string()),
            details,
            ..Default::default()
        }
    }

    /// The form as submitted, with errors tied to its fields.
    pub fn invalid(values: HashMap<String, String>, errors: FieldErrors) -> Self {
        FormState {
            values,
            errors,
            ..Default::default()
        }
    }

    pub fn value(&self, name: &str) -> Option<String> {
        self.values.get(name).cloned()
    }

    /// The values submitted for multi-valued field `name` (a checkbox
    /// group), kept one per line; none when the field was not sent.
    pub fn values_of(&self, name: &str) -> Vec<&str> {
        self.values
            .get(name)
            .map(|v| v.lines().collect())
            .unwrap_or_default()
    }

    pub fn error_id(&self, name: &str) -> Option<String> {
        self.errors.for_field(name).map(|e| e.message_id.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_text_trims_and_limits() {
        assert_eq!(required_text("f", "  Kenya ", 10).unwrap(), "Kenya");
        assert_eq!(
            required_text("f", "   ", 10).unwrap_err().message_id,
            "error-required"
        );
        assert_eq!(
            required_text("f", "ééééé", 4).unwrap_err().message_id,
            "error-too-long"
        );
        assert!(required_text("f", "ééééé", 5).is_ok());
    }

    #[test]
    fn errors_collect_per_field() {
        let mut errs = FieldErrors::default();
        errs.check(Ok(()));
        assert!(errs.clone().into_result().is_ok());
        errs.push("code", "error-required");
        assert_eq!(errs.for_field("code").unwrap().message_id, "error-required");
        assert!(errs.for_field("name").is_none());
        assert!(errs.into_result().is_err());
    }
}
