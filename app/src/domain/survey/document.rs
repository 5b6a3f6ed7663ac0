//! Consultations as files: a versioned JSON document, for export, import,
//! templates and "duplicate". Import is all or nothing; a refusal names the
//! problem and its place.

use super::model::Survey;
use super::validate::{Problem, validate};
use serde::{Deserialize, Serialize};

pub const FORMAT: &str = "consulta.consultation";
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub format: String,
    pub version: u32,
    pub consultation: Survey,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// Not JSON, or not the shape of a consultation: line and column of the fault.
    #[error("line {line}, column {column}: {message}")]
    Malformed {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("not a Consulta consultation file")]
    UnknownFormat,
    #[error("unknown version {0}")]
    UnknownVersion(u32),
    #[error("inconsistent structure")]
    Invalid(Vec<Problem>),
}

impl ImportError {
    pub fn message_id(&self) -> &'static str {
        match self {
            ImportError::Malformed { .. } => "import-error-malformed",
            ImportError::UnknownFormat => "import-error-format",
            ImportError::UnknownVersion(_) => "import-error-version",
            ImportError::Invalid(_) => "import-error-invalid",
        }
    }
}

pub fn export(survey: &Survey) -> String {
    serde_json::to_string_pretty(&Document {
        format: FORMAT.into(),
        version: VERSION,
        consultation: survey.clone(),
    })
    .expect("a survey always serialises")
}

#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    version: Option<u32>,
}

pub fn import(text: &str) -> Result<Survey, ImportError> {
    let malformed = |e: serde_json::Error| ImportError::Malformed {
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    };
    let header: Header = serde_json::from_str(text).map_err(malformed)?;
    if header.format.as_deref() != Some(FORMAT) {
        return Err(ImportError::UnknownFormat);
    }
    match header.version {
        Some(VERSION) => {}
        Some(v) => return Err(ImportError::UnknownVersion(v)),
        None => return Err(ImportError::UnknownFormat),
    }
    let doc: Document = serde_json::from_str(text).map_err(malformed)?;
    validate(&doc.consultation).map_err(ImportError::Invalid)?;
    Ok(doc.consultation)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::survey::templates;

    #[test]
    fn templates_round_trip() {
        for t in templates::ALL {
            let s = t.survey();
            assert_eq!(import(&export(&s)).unwrap(), s, "{}", t.key);
        }
    }

    #[test]
    fn refusals_name_the_problem() {
        assert!(matches!(
            import("{ not json"),
            Err(ImportError::Malformed { line: 1, .. })
        ));
        assert_eq!(
            import(r#"{"format":"other","version":1}"#),
            Err(ImportError::UnknownFormat)
        );
        assert_eq!(
            import(r#"{"format":"consulta.consultation","version":7,"consultation":{}}"#),
            Err(ImportError::UnknownVersion(7))
        );
        let wrong_shape =
            "{\"format\":\"consulta.consultation\",\"version\":1,\n\"consultation\":{\"title\":5}}";
        match import(wrong_shape) {
            Err(ImportError::Malformed { line, message, .. }) => {
                assert_eq!(line, 2);
                assert!(message.contains("invalid type"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        let dup = r#"{"format":"consulta.consultation","version":1,"consultation":{
            "title":{"en":"T","fr":"T","es":"T"},
            "sections":[{"id":"s","title":{"en":"S"},"questions":[
              {"id":"q","prompt":{"en":"P"},"kind":{"type":"short_text","max_length":10}},
              {"id":"q","prompt":{"en":"P"},"kind":{"type":"short_text","max_length":10}}]}]}}"#;
        match import(dup) {
            Err(ImportError::Invalid(p)) => {
                assert_eq!(p[0].place, "section s › question q");
                assert_eq!(p[0].message_id, "survey-error-duplicate-id");
            }
            other => panic!("{other:?}"),
        }
    }
}
