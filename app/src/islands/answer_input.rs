//! A text or number answer, checked as it is typed with the same rule the
//! server applies (`domain::survey::answers::TypedRule`).

use crate::domain::survey::answers::TypedRule;
use leptos::prelude::*;

#[island]
pub fn AnswerInput(
    /// The rule of the question: a text's length, a number's kind and range.
    rule: TypedRule,
    /// A long text (a text area) rather than one line.
    multiline: bool,
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
    let check = {
        let rule = rule.clone();
        move |ev: leptos::ev::Event| {
            let raw = event_target_value(&ev);
            let v = raw.trim();
            let msg = (!v.is_empty()).then(|| rule.check(v)).flatten().map(|id| {
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
    let control = match rule {
        TypedRule::Text { max_length } if multiline => view! {
            <textarea id=id.clone() name=name rows="6" maxlength=max_length.to_string()
                aria-describedby=describedby aria-invalid=invalid on:change=check>{value}</textarea>
        }
        .into_any(),
        TypedRule::Text { max_length } => view! {
            <input type="text" id=id.clone() name=name maxlength=max_length.to_string() value=value
                aria-describedby=describedby aria-invalid=invalid on:change=check/>
        }
        .into_any(),
        TypedRule::Number { integer, .. } => {
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
