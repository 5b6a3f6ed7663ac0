//! Building blocks shared by the pages.

pub mod error_view;
pub mod form;
pub mod layout;
pub mod notice;
pub mod survey_form;
#[cfg(feature = "ssr")]
pub mod refusal;
