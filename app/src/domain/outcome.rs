//! What a use case decided, when a refusal is an answer rather than an
//! error: done (with a value), or refused for a reason the user can act on
//! (stale form, answers to correct, a transition not allowed). Errors (the
//! database, a bug) travel beside it as `Result<Outcome<T, R>, AppError>`,
//! so `?` passes errors on and a caller matches the two outcomes by name,
//! never a `Result` inside a `Result`.

/// Done with `T`, or refused with `R`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use]
pub enum Outcome<T, R> {
    Done(T),
    Refused(R),
}

impl<T, R> Outcome<T, R> {
    /// The value, if done.
    pub fn done(self) -> Option<T> {
        match self {
            Outcome::Done(t) => Some(t),
            Outcome::Refused(_) => None,
        }
    }

    /// The same refusal, or `f` of the value.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Outcome<U, R> {
        match self {
            Outcome::Done(t) => Outcome::Done(f(t)),
            Outcome::Refused(r) => Outcome::Refused(r),
        }
    }

    pub fn is_done(&self) -> bool {
        matches!(self, Outcome::Done(_))
    }
}

/// A domain check's `Result` (`Err` is its refusal) as an outcome.
impl<T, R> From<Result<T, R>> for Outcome<T, R> {
    fn from(r: Result<T, R>) -> Self {
        match r {
            Ok(t) => Outcome::Done(t),
            Err(r) => Outcome::Refused(r),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_the_value_and_keeps_the_refusal() {
        let done: Outcome<i32, &str> = Outcome::Done(2);
        assert_eq!(done.clone().map(|v| v * 2), Outcome::Done(4));
        assert!(done.is_done());
        assert_eq!(done.done(), Some(2));
        let refused: Outcome<i32, &str> = Outcome::Refused("stale");
        assert_eq!(refused.clone().map(|v| v * 2), Outcome::Refused("stale"));
        assert!(!refused.is_done());
        assert_eq!(refused.done(), None);
        assert_eq!(Outcome::from(Err::<i32, _>("no")), Outcome::Refused("no"));
        assert_eq!(Outcome::<_, &str>::from(Ok(1)), Outcome::Done(1));
    }
}
