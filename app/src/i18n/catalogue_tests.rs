//! The message catalogues: every file parses, every id exists in all three
//! languages, and every id the code asks for exists.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `file → ids` for one language, failing on any parse error.
fn ids(lang: &str) -> BTreeMap<String, BTreeSet<String>> {
    let dir = root().join("locales").join(lang);
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "ftl") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let res = fluent_syntax::parser::parse(text.as_str())
            .unwrap_or_else(|(_, errs)| panic!("{} does not parse: {errs:?}", path.display()));
        let mut set = BTreeSet::new();
        for entry in res.body {
            match entry {
                fluent_syntax::ast::Entry::Message(m) => {
                    set.insert(m.id.name.to_string());
                }
                fluent_syntax::ast::Entry::Term(t) => {
                    set.insert(format!("-{}", t.id.name));
                }
                _ => {}
            }
        }
        out.insert(path.file_name().unwrap().to_string_lossy().to_string(), set);
    }
    out
}

#[test]
fn every_locale_has_the_same_files_and_ids() {
    let en = ids("en");
    assert!(!en.is_empty());
    for lang in ["fr", "es"] {
        let other = ids(lang);
        assert_eq!(
            en.keys().collect::<Vec<_>>(),
            other.keys().collect::<Vec<_>>(),
            "files differ in {lang}"
        );
        for (file, en_ids) in &en {
            let o = &other[file];
            let missing: Vec<_> = en_ids.difference(o).collect();
            let extra: Vec<_> = o.difference(en_ids).collect();
            assert!(missing.is_empty(), "{lang}/{file} lacks {missing:?}");
            assert!(extra.is_empty(), "{lang}/{file} has extra {extra:?}");
        }
    }
}

/// Every string literal that looks like a message id and is passed to
/// `t(`, `t_args(`, or used as a `message_id`, exists in English.
#[test]
fn every_id_used_in_code_exists() {
    let en: BTreeSet<String> = ids("en").into_values().flatten().collect();
    let mut missing = Vec::new();
    let mut seen = 0;
    for dir in ["app/src", "server/src"] {
        visit(&root().join(dir), &mut |path, text| {
            for id in literal_ids(text) {
                seen += 1;
                if !en.contains(&id) {
                    missing.push(format!("{}: {id}", path.display()));
                }
            }
        });
    }
    assert!(seen > 50, "the scan found only {seen} ids: is it broken?");
    assert!(missing.is_empty(), "ids used but not defined: {missing:#?}");
}

fn visit(dir: &Path, f: &mut impl FnMut(&Path, &str)) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            visit(&path, f);
        } else if path.extension().is_some_and(|e| e == "rs") {
            f(&path, &std::fs::read_to_string(&path).unwrap());
        }
    }
}

/// String literals shaped like our ids (`area-word[-word…]`, starting with a
/// known prefix), except HTML `class=` and `id=` values and element ids.
fn literal_ids(text: &str) -> Vec<String> {
    const PREFIXES: [&str; 42] = [
        "summary-",
        "summaries-",
        "briefing-",
        "workshop-",
        "workshops-",
        "monitoring-",
        "response-",
        "respondents-",
        "support-",
        "invite-",
        "invitation-",
        "invitations-",
        "reminder-",
        "contact-",
        "contacts-",
        "nav-",
        "home-",
        "role-",
        "sign-in-",
        "field-",
        "form-",
        "error-",
        "notice-",
        "parties-",
        "party-",
        "date-",
        "month-",
        "footer-",
        "region-",
        "survey-",
        "state-",
        "decision-",
        "kind-",
        "import-",
        "template-",
        "consultation-",
        "consultations-",
        "glossary-",
        "audit-",
        "editor-",
        "respond-",
        "preview-",
    ];
    let mut out = Vec::new();
    for (i, _) in text.match_indices('"') {
        let rest = &text[i + 1..];
        let Some(end) = rest.find('"') else { continue };
        let lit = &rest[..end];
        let shaped = !lit.is_empty()
            && lit
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !lit.ends_with('-');
        let before = text[..i].trim_end();
        // Element ids by convention: `{field}-error`, `{field}-hint`.
        let attribute = before.ends_with("class=")
            || before.ends_with("id=")
            || before.ends_with("labelledby=")
            || lit.ends_with("-error")
            || lit.ends_with("-hint");
        if shaped && !attribute && PREFIXES.iter().any(|p| lit.starts_with(p)) {
            out.push(lit.to_string());
        }
    }
    out
}

/// Every message id built at run time (from states, Decisions, question
/// kinds, languages, roles, errors and refusals) exists in every language.
/// The enumerations are exhaustive matches, so a new variant fails to compile
/// here until its message is listed.
#[test]
fn every_runtime_id_exists() {
    use crate::components::refusal::{edit_refusal, transition_refusal};
    use crate::domain::account::Role;
    use crate::domain::lang::Lang;
    use crate::domain::survey::document::ImportError;
    use crate::domain::survey::editor::EditError;
    use crate::domain::survey::lifecycle::{State, TransitionRefusal};
    use crate::domain::survey::{Decision, KindTag, templates};
    use crate::domain::validation::FieldErrors;
    use crate::error::AppError;
    use crate::ssr::services::consultations::EditFailure;

    fn error_variants() -> Vec<AppError> {
        let all = vec![
            AppError::Unauthenticated,
            AppError::Forbidden,
            AppError::NotFound,
            AppError::Invalid(FieldErrors::default()),
            AppError::conflict("editor-locked"),
            AppError::Stale,
            AppError::InvalidLink,
            AppError::LinkClosed,
            AppError::LinkWithdrawn,
            AppError::TooManyRequests,
            AppError::Busy,
            AppError::Unavailable,
            AppError::StorageFull,
            AppError::PayloadTooLarge,
            AppError::UnsupportedMediaType,
            AppError::Internal,
            AppError::bad_request("x"),
            AppError::ResultsPending,
        ];
        // Exhaustive: a new variant must be added above.
        for e in &all {
            match e {
                AppError::Unauthenticated
                | AppError::Forbidden
                | AppError::NotFound
                | AppError::Invalid(_)
                | AppError::Conflict(_)
                | AppError::Stale
                | AppError::InvalidLink
                | AppError::LinkClosed
                | AppError::LinkWithdrawn
                | AppError::TooManyRequests
                | AppError::Busy
                | AppError::Unavailable
                | AppError::StorageFull
                | AppError::PayloadTooLarge
                | AppError::UnsupportedMediaType
                | AppError::Internal
                | AppError::ResultsPending
                | AppError::Request(_) => {}
            }
        }
        all
    }

    let mut needed: Vec<String> = Vec::new();
    for e in error_variants() {
        needed.push(e.message_id().to_string());
        needed.push(e.title_id());
    }
    needed.extend(AppError::FIXED_MESSAGE_IDS.iter().map(|s| s.to_string()));
    for s in State::ALL {
        needed.push(s.message_id().into());
        for to in s.next() {
            needed.push(format!("consultation-to-{}", to.code()));
        }
    }
    needed.extend(Decision::ALL.iter().map(|d| d.message_id().to_string()));
    needed.extend(
        crate::domain::survey::Respondents::ALL
            .iter()
            .map(|r| r.message_id().to_string()),
    );
    needed.extend(
        crate::domain::response::Support::ALL
            .iter()
            .map(|s| s.message_id().to_string()),
    );
    needed.extend(
        crate::domain::summary::Grouping::ALL
            .iter()
            .map(|g| g.message_id().to_string()),
    );
    for k in KindTag::ALL {
        needed.push(k.message_id().into());
        for (list, _) in k.default_kind().choice_lists() {
            needed.push(format!("editor-list-{list}"));
        }
    }
    needed.extend(Lang::ALL.iter().map(|l| l.message_id().to_string()));
    needed.extend([Role::Secretariat, Role::Organiser].map(|r| r.message_id().to_string()));
    needed.extend(templates::ALL.iter().map(|t| t.message_id.to_string()));
    for e in [
        EditError::NotFound,
        EditError::Locked,
        EditError::Invalid(vec![]),
    ] {
        needed.push(e.message_id().into());
    }
    for e in [
        ImportError::Malformed {
            line: 1,
            column: 1,
            message: String::new(),
        },
        ImportError::UnknownFormat,
        ImportError::UnknownVersion(9),
        ImportError::Invalid(vec![]),
    ] {
        needed.push(e.message_id().into());
    }
    for r in [
        TransitionRefusal::NotAllowed,
        TransitionRefusal::Untranslated(vec![]),
        TransitionRefusal::NoDeadline,
        TransitionRefusal::DeadlinePassed,
        TransitionRefusal::Empty,
    ] {
        needed.push(transition_refusal(Lang::En, r).0.into());
    }
    for f in [
        EditFailure::App(AppError::Stale),
        EditFailure::NotEditable,
        EditFailure::Edit(EditError::Locked),
        EditFailure::Edit(EditError::Invalid(vec![])),
        EditFailure::Untranslated(vec![]),
    ] {
        needed.push(edit_refusal(Lang::En, f).expect("a refusal").0);
    }
    assert!(needed.len() > 60, "only {} runtime ids", needed.len());
    for lang in ["en", "fr", "es"] {
        let defined: BTreeSet<String> = ids(lang).into_values().flatten().collect();
        let missing: BTreeSet<&String> =
            needed.iter().filter(|id| !defined.contains(*id)).collect();
        assert!(missing.is_empty(), "{lang} lacks runtime ids: {missing:?}");
    }
}
