//! The only components that ship to the browser. Each adds comfort to a page
//! that already works without JavaScript, and receives its translated strings
//! from the server as props.

pub mod answer_input;
pub mod party_code;
