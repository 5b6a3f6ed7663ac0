//! Checks a Party code as it is typed, with the same rule the server applies.

use crate::domain::party::validate_code;
use leptos::prelude::*;

#[island]
pub fn PartyCodeInput(
    /// The value to start with.
    value: String,
    /// The server's error for this field, already translated.
    error: Option<String>,
    /// Translations of the messages the check can give, keyed by message id.
    messages: Vec<(String, String)>,
    /// Ids of the hint (and error) elements describing the field.
    describedby: String,
) -> impl IntoView {
    let (error, set_error) = signal(error);
    let check = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        let msg = validate_code(&v).err().map(|e| {
            messages
                .iter()
                .find(|(id, _)| *id == e.message_id)
                .map(|(_, text)| text.clone())
                .unwrap_or(e.message_id)
        });
        set_error.set(msg);
    };
    view! {
        <p class="field-error" id="code-error" aria-live="polite">{move || error.get()}</p>
        <input
            id="code"
            name="code"
            type="text"
            value=value
            required
            maxlength="2"
            autocomplete="off"
            autocapitalize="characters"
            aria-describedby=describedby
            aria-invalid=move || error.get().is_some().then_some("true")
            on:change=check
        />
    }
}
