//! A text or number answer, checked as it is typed with the same rule the
//! server applies (`domain::survey::answers::check_value`).

use crate::domain::survey::QuestionKind;
use crate::domain::survey::answers::{Answer, check_value};
use leptos::prelude::*;

#[island]
pub fn AnswerInput(
    /// The question's kind: short text, long text or number.
    kind: QuestionKind,
    /// The control's element id and form field name.
    id: String,
    name: String,
    /// The answer as saved or as typed.
    value: String,
    /// The server's error for this answer, already translated.
    error: Option<String>,
    /// Translations of the messages the check can give, keyed by message id.
    messages: Vec<(String, String)>,
    /// The id of the question's help text, if it has one.
    help: Option<String>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let describedby = help
        .into_iter()
        .chain(std::iter::once(error_id.clone()))
        .collect::<Vec<_>>()
        .join(" ");
    let (error, set_error) = signal(error);
    let numeric = matches!(kind, QuestionKind::Number { .. });
    let check = {
        let kind = kind.clone();
        move |ev: leptos::ev::Event| {
            let raw = event_target_value(&ev);
            let v = raw.trim();
            let answer = if v.is_empty() {
                None
            } else if numeric {
                Some(Answer::Number(v.to_string()))
            } else {
                Some(Answer::Text(v.to_string()))
            };
            let msg = answer.and_then(|a| check_value(&kind, &a)).map(|id| {
                messages
                    .iter()
                    .find(|(m, _)| m == id)
                    .map(|(_, t)| t.clone())
                    .unwrap_or_else(|| id.to_string())
            });
            set_error.set(msg);
        }
    };
    let invalid = move || error.get().is_some().then_some("true");
    let control = match kind {
        QuestionKind::LongText { max_length } => view! {
            <textarea id=id.clone() name=name rows="6" maxlength=max_length.to_string()
                aria-describedby=describedby aria-invalid=invalid on:change=check>{value}</textarea>
        }
        .into_any(),
        QuestionKind::ShortText { max_length } => view! {
            <input type="text" id=id.clone() name=name maxlength=max_length.to_string() value=value
                aria-describedby=describedby aria-invalid=invalid on:change=check/>
        }
        .into_any(),
        other => {
            let integer = matches!(other, QuestionKind::Number { integer: true, .. });
            // Plain text with a numeric keyboard: a number field would throw
            // away "12,5" typed with a comma; the server reads either mark.
            view! {
                <input type="text" id=id.clone() name=name value=value class="number"
                    inputmode=if integer { "numeric" } else { "decimal" }
                    aria-describedby=describedby aria-invalid=invalid on:change=check/>
            }
            .into_any()
        }
    };
    view! {
        <p class="field-error" id=error_id aria-live="polite">{move || error.get()}</p>
        {control}
    }
}
