//! How a refused change is explained on the page the form came from: one
//! message, and (translated) the place of each problem. Server-only.

use crate::domain::lang::Lang;
use crate::domain::survey::lifecycle::TransitionRefusal;
use crate::domain::survey::translation::MissingText;
use crate::error::AppError;
use crate::i18n::I18n;
use crate::ssr::services::consultations::EditFailure;
use http::StatusCode;

/// Each missing text, with its place and language, in `lang`.
fn missing_lines(i18n: I18n, missing: &[MissingText]) -> Vec<String> {
    missing
        .iter()
        .map(|m| {
            i18n.t_args(
                "consultation-gate-missing",
                &[
                    ("place", m.place.as_str().into()),
                    ("language", i18n.t(m.lang.message_id()).into()),
                ],
            )
        })
        .collect()
}

/// The message, details and status for a refused edit; errors that are not
/// refusals (not found, a database failure) stay errors.
pub fn edit_refusal(
    lang: Lang,
    failure: EditFailure,
) -> Result<(String, Vec<String>, StatusCode), AppError> {
    use crate::domain::survey::editor::EditError;
    let i18n = I18n::new(lang);
    Ok(match failure {
        EditFailure::App(AppError::Stale) => ("error-stale".into(), vec![], StatusCode::CONFLICT),
        EditFailure::App(AppError::Conflict(m)) => (m, vec![], StatusCode::CONFLICT),
        EditFailure::App(e) => return Err(e),
        EditFailure::NotEditable => (
            "consultation-error-not-editable".into(),
            vec![],
            StatusCode::CONFLICT,
        ),
        EditFailure::Edit(EditError::NotFound) => return Err(AppError::NotFound),
        EditFailure::Edit(EditError::Locked) => {
            ("editor-locked".into(), vec![], StatusCode::CONFLICT)
        }
        EditFailure::Edit(EditError::Invalid(problems)) => (
            "editor-invalid".into(),
            problems
                .iter()
                .map(|p| format!("{} — {}", p.place, i18n.t(&p.message_id)))
                .collect(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        EditFailure::Untranslated(missing) => (
            "consultation-error-open-untranslated".into(),
            missing_lines(i18n, &missing),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    })
}

/// The message and details for a refused change of state.
pub fn transition_refusal(lang: Lang, refusal: TransitionRefusal) -> (&'static str, Vec<String>) {
    match refusal {
        TransitionRefusal::NotAllowed => ("consultation-error-transition", vec![]),
        TransitionRefusal::NoDeadline => ("consultation-error-no-deadline", vec![]),
        TransitionRefusal::DeadlinePassed => ("consultation-error-deadline-passed", vec![]),
        TransitionRefusal::Empty => ("consultation-error-empty", vec![]),
        TransitionRefusal::Untranslated(missing) => (
            "consultation-gate-refused",
            missing_lines(I18n::new(lang), &missing),
        ),
    }
}
