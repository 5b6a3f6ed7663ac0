//! Building blocks shared by the pages.

pub mod error_view;
pub mod form;
pub mod layout;
pub mod notice;
#[cfg(feature = "ssr")]
pub mod refusal;
pub mod survey_form;
pub mod workshop_facts;
