//! A consultation's states and what each allows:
//! draft → open → closed → archived. Closing happens by hand or at the deadline.

use super::model::Survey;
use super::translation::{self, MissingText};
use crate::domain::coded::coded;
use serde::{Deserialize, Serialize};

coded! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    pub enum State {
        /// Being written: everything may change; nobody can answer.
        Draft = "draft" => "state-draft",
        /// Parties can answer until the deadline.
        Open = "open" => "state-open",
        /// No more answers; summaries can be read.
        Closed = "closed" => "state-closed",
        /// Kept for the record, out of the way.
        Archived = "archived" => "state-archived",
    }
}

impl State {
    /// The states one action can move to from here.
    pub fn next(self) -> &'static [State] {
        match self {
            State::Draft => &[State::Open],
            State::Open => &[State::Closed],
            State::Closed => &[State::Archived],
            State::Archived => &[],
        }
    }

    pub fn can_move_to(self, to: State) -> bool {
        self.next().contains(&to)
    }

    /// Texts and structure may be edited (structure further limited once answers exist).
    pub fn editable(self) -> bool {
        matches!(self, State::Draft | State::Open)
    }

    /// Parties may save drafts and submit.
    pub fn accepts_answers(self) -> bool {
        self == State::Open
    }
}

/// The state as it stands at `now`: an open consultation past its deadline is closed.
pub fn effective(state: State, deadline_unix: Option<i64>, now_unix: i64) -> State {
    match (state, deadline_unix) {
        (State::Open, Some(d)) if now_unix >= d => State::Closed,
        _ => state,
    }
}

/// Why a change of state was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransitionRefusal {
    NotAllowed,
    /// The translation gate: each missing text and its place.
    Untranslated(Vec<MissingText>),
    NoDeadline,
    DeadlinePassed,
    Empty,
}

/// Whether a consultation in `from` may move to `to` at `now_unix`. Opening
/// needs every text in every language, at least one question and a deadline
/// still ahead.
pub fn check_transition(
    from: State,
    to: State,
    survey: &Survey,
    deadline_unix: Option<i64>,
    now_unix: i64,
) -> Result<(), TransitionRefusal> {
    if !from.can_move_to(to) {
        return Err(TransitionRefusal::NotAllowed);
    }
    if to != State::Open {
        return Ok(());
    }
    let missing = translation::missing(survey);
    if !missing.is_empty() {
        return Err(TransitionRefusal::Untranslated(missing));
    }
    if survey.questions().next().is_none() {
        return Err(TransitionRefusal::Empty);
    }
    match deadline_unix {
        None => Err(TransitionRefusal::NoDeadline),
        Some(d) if d <= now_unix => Err(TransitionRefusal::DeadlinePassed),
        Some(_) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::survey::templates;

    #[test]
    fn opening_needs_translations_questions_and_a_future_deadline() {
        let full = templates::find("framework-ideas-19-40").unwrap().survey();
        assert_eq!(
            check_transition(State::Draft, State::Open, &full, Some(200), 100),
            Ok(())
        );
        assert_eq!(
            check_transition(State::Draft, State::Open, &full, None, 100),
            Err(TransitionRefusal::NoDeadline)
        );
        assert_eq!(
            check_transition(State::Draft, State::Open, &full, Some(100), 100),
            Err(TransitionRefusal::DeadlinePassed)
        );
        assert_eq!(
            check_transition(State::Open, State::Draft, &full, Some(200), 100),
            Err(TransitionRefusal::NotAllowed)
        );
        let mut untranslated = full.clone();
        untranslated.title.es.clear();
        assert!(matches!(
            check_transition(State::Draft, State::Open, &untranslated, Some(200), 100),
            Err(TransitionRefusal::Untranslated(m)) if m.len() == 1 && m[0].place == "title"
        ));
        let mut empty = full.clone();
        empty.sections.clear();
        assert_eq!(
            check_transition(State::Draft, State::Open, &empty, Some(200), 100),
            Err(TransitionRefusal::Empty)
        );
        // Closing needs none of that.
        assert_eq!(
            check_transition(State::Open, State::Closed, &empty, None, 100),
            Ok(())
        );
    }

    #[test]
    fn transitions_only_go_forward_one_step() {
        assert!(State::Draft.can_move_to(State::Open));
        assert!(!State::Draft.can_move_to(State::Closed));
        assert!(State::Open.can_move_to(State::Closed));
        assert!(!State::Closed.can_move_to(State::Open));
        assert!(State::Closed.can_move_to(State::Archived));
        assert!(State::Archived.next().is_empty());
    }

    #[test]
    fn what_each_state_allows() {
        assert!(State::Draft.editable() && !State::Draft.accepts_answers());
        assert!(State::Open.editable() && State::Open.accepts_answers());
        assert!(!State::Closed.editable() && !State::Closed.accepts_answers());
        assert!(!State::Archived.editable());
    }

    #[test]
    fn the_deadline_closes() {
        assert_eq!(effective(State::Open, Some(100), 99), State::Open);
        assert_eq!(effective(State::Open, Some(100), 100), State::Closed);
        assert_eq!(effective(State::Draft, Some(100), 200), State::Draft);
        assert_eq!(effective(State::Open, None, 200), State::Open);
    }
}
