//! The survey model: a consultation's texts and structure, written once in
//! the three working languages. Plain data, serialised as JSON both in the
//! database and in exported files; checked by [`validate`].

pub mod answers;
pub mod document;
pub mod editor;
pub mod lifecycle;
pub mod locking;
pub mod model;
pub mod question_form;
pub mod templates;
pub mod translation;
pub mod validate;

pub use model::*;
pub use validate::{CHOICE_MAX, PROMPT_MAX, TEXT_MAX, TITLE_MAX};

#[cfg(test)]
pub(crate) mod fixtures;
#[cfg(test)]
pub(crate) mod properties;
