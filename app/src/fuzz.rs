//! Property tests over arbitrary bytes for the three readers of what comes
//! from outside: a consultation file (the import), a contacts CSV file, and
//! a posted response form (its body read as a form, then as answers).
//!
//! For each: it never panics, whatever the bytes; whatever it accepts
//! satisfies the domain's validation and reads back unchanged once written
//! out again; and the largest input the server takes is read in bounded
//! time. Inputs are arbitrary bytes, bytes drawn from the characters that
//! matter to the reader, and valid inputs with a few bytes changed (random
//! bytes seldom get past the first character of a JSON document).
//!
//! Each property runs `CONSULTA_FUZZ_CASES` cases (256 by default);
//! `scripts/bench.sh fuzz` runs many more in release.

use crate::domain::contact::{Contact, ContactInput, ContactRole};
use crate::domain::ids::PartyCode;
use crate::domain::lang::Lang;
use crate::domain::survey::answers::{self, Answer, Answers, OTHER};
use crate::domain::survey::document::{export, import};
use crate::domain::survey::properties::survey as any_survey;
use crate::domain::survey::validate::validate;
use crate::domain::survey::{Question, QuestionKind, Section, Survey, templates};
use crate::ssr::contact_csv;
use crate::ssr::forms::{FORM_LIMIT, Form, UPLOAD_LIMIT};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use std::collections::HashSet;
use std::time::Duration;

/// How many cases each property runs: `CONSULTA_FUZZ_CASES`, else 256.
fn config() -> ProptestConfig {
    let cases = std::env::var("CONSULTA_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

/// Arbitrary bytes, up to `max`.
fn bytes(max: usize) -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(any::<u8>(), 0..max)
}

/// Bytes drawn from `alphabet` (the characters that mean something to a
/// reader), with the odd arbitrary byte.
fn texty(alphabet: &'static str, max: usize) -> impl Strategy<Value = Vec<u8>> {
    let chars: Vec<char> = alphabet.chars().collect();
    let piece = prop_oneof![
        9 => prop::sample::select(chars).prop_map(|c| c.to_string().into_bytes()),
        1 => any::<u8>().prop_map(|b| vec![b]),
    ];
    prop::collection::vec(piece, 0..max).prop_map(|v| v.concat())
}

/// One change to a byte string: at a place, insert, remove or replace.
#[derive(Debug, Clone)]
enum Edit {
    Insert(prop::sample::Index, Vec<u8>),
    Remove(prop::sample::Index, usize),
    Replace(prop::sample::Index, u8),
}

/// A few edits, each inserting pieces of `alphabet` or arbitrary bytes.
fn edits(alphabet: &'static str) -> impl Strategy<Value = Vec<Edit>> {
    let edit = prop_oneof![
        (any::<prop::sample::Index>(), texty(alphabet, 6)).prop_map(|(i, b)| Edit::Insert(i, b)),
        (any::<prop::sample::Index>(), 1usize..12).prop_map(|(i, n)| Edit::Remove(i, n)),
        (any::<prop::sample::Index>(), any::<u8>()).prop_map(|(i, b)| Edit::Replace(i, b)),
    ];
    prop::collection::vec(edit, 1..6)
}

fn apply(text: &str, edits: &[Edit]) -> Vec<u8> {
    let mut b = text.as_bytes().to_vec();
    for e in edits {
        match e {
            Edit::Insert(at, bytes) => {
                let at = at.index(b.len() + 1);
                b.splice(at..at, bytes.iter().copied());
            }
            Edit::Remove(at, n) if !b.is_empty() => {
                let at = at.index(b.len());
                let end = (at + n).min(b.len());
                b.drain(at..end);
            }
            Edit::Replace(at, byte) if !b.is_empty() => {
                let at = at.index(b.len());
                b[at] = *byte;
            }
            _ => {}
        }
    }
    b
}

/// The texts a reader gets from `bytes`: the forms and uploads refuse
/// what is not UTF-8, so the bytes as text when they are, and always the
/// text with replacement characters (which a crafted body could hold).
fn texts(bytes: &[u8]) -> Vec<String> {
    let mut out = vec![String::from_utf8_lossy(bytes).into_owned()];
    if let Ok(t) = std::str::from_utf8(bytes)
        && t != out[0]
    {
        out.push(t.to_string());
    }
    out
}

/// Builds an input of at most the size it is given.
type Maker = Box<dyn Fn(usize) -> Vec<u8>>;

/// `unit(0)`, `unit(1)`, … between `head` and `tail`, as many as fit in
/// `size` bytes.
fn fill(size: usize, head: &str, unit: &dyn Fn(usize) -> String, tail: &str) -> Vec<u8> {
    let mut out = head.to_string();
    let mut i = 0;
    loop {
        let next = unit(i);
        if out.len() + next.len() + tail.len() > size {
            break;
        }
        out.push_str(&next);
        i += 1;
    }
    out.push_str(tail);
    out.into_bytes()
}

/// The processor time this thread has used: unlike the time on the clock,
/// it does not grow while other work (the test command runs several suites
/// at once) has the processor.
fn thread_time() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid timespec to write to; the clock exists on Linux.
    let ok = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    assert_eq!(ok, 0, "the thread's processor time");
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

/// Reads what `make` builds for an eighth of `max` bytes and for `max`
/// bytes (the most the server takes), timing the processor time each read
/// used: the larger read must take less than ten seconds (a debug build),
/// and, once it takes long enough to measure, at most 32 times as long as
/// the smaller one: work in proportion to the input takes eight times as
/// long (somewhat more once it outgrows the processor's caches), work
/// growing with its square 64.
fn bounded(what: &str, max: usize, make: &dyn Fn(usize) -> Vec<u8>, read: &dyn Fn(&[u8])) {
    let time = |input: &[u8]| {
        let start = thread_time();
        read(input);
        thread_time().saturating_sub(start)
    };
    let (small, big) = (make(max / 8), make(max));
    assert!(
        big.len() <= max && big.len() > max / 2,
        "{what}: {} bytes",
        big.len()
    );
    let linear = |t_small: Duration, t_big: Duration| {
        t_big < Duration::from_millis(50) || t_big < t_small * 32
    };
    let (mut t_small, mut t_big) = (time(&small), time(&big));
    if !linear(t_small, t_big) {
        // Measured again before concluding (the machine may have been busy).
        t_small = t_small.min(time(&small));
        t_big = t_big.min(time(&big));
    }
    eprintln!(
        "{what}: {t_small:?} for {} bytes, {t_big:?} for {}",
        small.len(),
        big.len()
    );
    assert!(t_big < Duration::from_secs(10), "{what}: {t_big:?}");
    assert!(
        linear(t_small, t_big),
        "{what}: {t_small:?} for an eighth of the input, {t_big:?} for all of it"
    );
}

// ---------------------------------------------------------------------------
// The consultation import.

const JSON: &str = "{}[]\",:\\ \n0123456789.-+eEtrufalsn_abcdefghijklmnopqrstuvwxyzé€\u{0}";

/// What any accepted document must satisfy.
fn import_holds(text: &str) -> Result<(), TestCaseError> {
    if let Ok(s) = import(text) {
        prop_assert_eq!(validate(&s), Ok(()));
        // Every choice it offers can be given, and reads back as itself.
        let whole = answers::whole(&s);
        for q in &whole.questions {
            let f = answers::field(&q.id);
            let (choices, many) = match &q.kind {
                QuestionKind::SingleChoice { options, .. } => (options, false),
                QuestionKind::Scale { points } => (points, false),
                QuestionKind::MultipleChoice { options, .. } => (options, true),
                _ => continue,
            };
            for c in choices {
                let read = answers::read(&whole, &[(f.clone(), c.id.clone())]);
                let given = if many {
                    Answer::Choices(vec![c.id.clone()])
                } else {
                    Answer::Choice(c.id.clone())
                };
                prop_assert_eq!(read, Ok(Answers::from([(q.id.clone(), given)])));
            }
        }
        let again = import(&export(&s));
        prop_assert_eq!(again, Ok(s));
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn fuzz_import_arbitrary_bytes(b in bytes(600)) {
        for t in texts(&b) {
            import_holds(&t)?;
        }
    }

    #[test]
    fn fuzz_import_json_like_bytes(b in texty(JSON, 200)) {
        for t in texts(&b) {
            import_holds(&t)?;
        }
    }

    #[test]
    fn fuzz_import_a_document_with_bytes_changed(
        which in 0..templates::ALL.len(),
        e in edits(JSON),
    ) {
        let doc = export(&templates::ALL[which].survey());
        for t in texts(&apply(&doc, &e)) {
            import_holds(&t)?;
        }
    }

    #[test]
    fn fuzz_import_a_generated_survey_with_bytes_changed(s in any_survey(), e in edits(JSON)) {
        let doc = export(&s);
        import_holds(&doc)?;
        for t in texts(&apply(&doc, &e)) {
            import_holds(&t)?;
        }
    }
}

/// A consultation file of at most `size` bytes: `question` (numbered where
/// it says `{i}`) as many times as fit, in one section or each in its own.
fn big_document(size: usize, question: &str, sections: bool) -> Vec<u8> {
    let head = "{\"format\":\"consulta.consultation\",\"version\":1,\"consultation\":{\
                \"title\":{\"en\":\"T\",\"fr\":\"T\",\"es\":\"T\"},\"sections\":[";
    let q = |i: usize| question.replace("{i}", &i.to_string());
    let comma = |i: usize| if i == 0 { "" } else { "," };
    if sections {
        fill(
            size,
            head,
            &|i| {
                format!(
                    "{}{{\"id\":\"s{i}\",\"title\":{{\"en\":\"S\"}},\"questions\":[{}]}}",
                    comma(i),
                    q(i)
                )
            },
            "]}}",
        )
    } else {
        let head = format!("{head}{{\"id\":\"s\",\"title\":{{\"en\":\"S\"}},\"questions\":[");
        fill(size, &head, &|i| format!("{}{}", comma(i), q(i)), "]}]}}")
    }
}

#[test]
fn fuzz_import_reads_the_largest_file_in_bounded_time() {
    let choice = r#"{"id":"q{i}","prompt":{"en":"P"},"kind":{"type":"single_choice","options":[{"id":"a","label":{"en":"A"}},{"id":"b","label":{"en":"B"}}]}}"#;
    let conditional = r#"{"id":"q{i}","prompt":{"en":"P"},"condition":{"question":"nowhere{i}","any_of":["a"]},"kind":{"type":"short_text","max_length":10}}"#;
    let backwards = r#"{"id":"q{i}","prompt":{"en":"P"},"condition":{"question":"q0","any_of":["a"]},"kind":{"type":"single_choice","options":[{"id":"a","label":{"en":"A"}},{"id":"b","label":{"en":"B"}}]}}"#;
    let same_id = r#"{"id":"q","prompt":{"en":"P"},"terms":["t{i}","t","t"],"kind":{"type":"short_text","max_length":10}}"#;
    // One question with far too many options, then as many questions as
    // fit whose condition names it.
    let big_target = |i: usize| {
        if i == 0 {
            let options: Vec<String> = (0..5_000)
                .map(|o| format!(r#"{{"id":"o{o}","label":{{"en":"O"}}}}"#))
                .collect();
            format!(
                r#"{{"id":"q0","prompt":{{"en":"P"}},"kind":{{"type":"single_choice","options":[{}]}}}}"#,
                options.join(",")
            )
        } else {
            format!(
                r#",{{"id":"q{i}","prompt":{{"en":"P"}},"condition":{{"question":"q0","any_of":["o1"]}},"kind":{{"type":"short_text","max_length":10}}}}"#
            )
        }
    };
    let many_choices = r#"{"id":"q{i}","prompt":{"en":"P"},"kind":{"type":"multiple_choice","options":[{"id":"a","label":{"en":"A"}},{"id":"a","label":{"en":"A"}},{"id":"a","label":{"en":"A"}},{"id":"a","label":{"en":"A"}}]}}"#;
    let makers: Vec<(&str, Maker)> = vec![
        ("questions", Box::new(|n| big_document(n, choice, false))),
        ("sections", Box::new(|n| big_document(n, choice, true))),
        (
            "conditions naming nothing",
            Box::new(|n| big_document(n, conditional, false)),
        ),
        (
            "conditions on the first question",
            Box::new(|n| big_document(n, backwards, false)),
        ),
        (
            "one id repeated",
            Box::new(|n| big_document(n, same_id, false)),
        ),
        (
            "conditions on a question with too many options",
            Box::new(move |n| {
                let head = r#"{"format":"consulta.consultation","version":1,"consultation":{"title":{"en":"T"},"sections":[{"id":"s","title":{"en":"S"},"questions":["#;
                fill(n, head, &big_target, "]}]}}")
            }),
        ),
        (
            "one choice id repeated",
            Box::new(|n| big_document(n, many_choices, false)),
        ),
        ("nesting", Box::new(|n| vec![b'['; n])),
        (
            "one long title",
            Box::new(|n| {
                fill(
                    n,
                    "{\"format\":\"consulta.consultation\",\"version\":1,\"consultation\":{\"title\":{\"en\":\"",
                    &|_| "é".into(),
                    "\"}}}",
                )
            }),
        ),
        ("no JSON", Box::new(|n| vec![b'x'; n])),
    ];
    for (what, make) in makers {
        bounded(what, UPLOAD_LIMIT, &*make, &|b| {
            let _ = import(&String::from_utf8_lossy(b));
        });
    }
}

// ---------------------------------------------------------------------------
// The contacts CSV import.

const CSV: &str = ",;\t\"'\r\n =+-@.KEFRMXDEUSknowae@éñü\u{feff}\u{0}yesno1management";

fn known(code: &PartyCode) -> bool {
    ["KE", "FR", "MX", "DE", "EU", "ES"].contains(&code.as_str())
}

fn existing() -> HashSet<crate::domain::contact::ContactKey> {
    HashSet::from([(
        crate::domain::constituency::Constituency::Party,
        PartyCode::parse("KE"),
        String::new(),
        "stored@ke.example".to_string(),
    )])
}

/// What any report must satisfy.
fn csv_holds(text: &str) -> Result<(), TestCaseError> {
    let r = contact_csv::read(text, known, &existing());
    if r.header_error.is_some() {
        prop_assert!(r.rows.is_empty());
    }
    prop_assert_eq!(
        r.rows.len(),
        r.valid_count() + r.invalid_count() + r.duplicate_count() + r.exists_count()
    );
    let lines = text.split(['\n', '\r']).count().max(1);
    let mut last = 0;
    for row in &r.rows {
        prop_assert!(
            row.line > last && row.line <= lines + 1,
            "line {}",
            row.line
        );
        last = row.line;
    }
    let valid: Vec<Contact> = r.valid().into_iter().cloned().collect();
    let mut keys = HashSet::new();
    for c in &valid {
        // Valid as the contact form would have it, new, once in the file.
        prop_assert_eq!(ContactInput::from(c).validate(&known), Ok(c.clone()));
        prop_assert!(!existing().contains(&c.key()));
        prop_assert!(keys.insert(c.key()));
    }
    // Written out, it reads back the same.
    let again = contact_csv::read(&contact_csv::write(&valid), known, &HashSet::new());
    prop_assert!(again.header_error.is_none());
    prop_assert_eq!(again.valid(), valid.iter().collect::<Vec<_>>());
    prop_assert_eq!(again.rows.len(), valid.len());
    Ok(())
}

/// A contact of any constituency: a Party's authority, a Committee member
/// (a region) or a partner (an organisation, a region or none).
fn contact() -> impl Strategy<Value = Contact> {
    use crate::domain::constituency::{Constituency, Kind};
    use crate::domain::region::Region;
    (
        (
            prop::sample::select(Constituency::ALL.to_vec()),
            prop::option::of(prop::sample::select(Region::ALL.to_vec())),
            "['=+@ -]{0,2}[^\u{0}-\u{1f}\u{7f}-\u{9f}]{1,20}",
        ),
        prop::sample::select(vec!["KE", "FR", "MX", "DE", "EU", "ES"]),
        "['=+@ -]{0,2}[^\u{0}-\u{1f}\u{7f}-\u{9f}]{1,30}",
        "[a-z0-9._'+-]{1,10}@[a-z0-9-]{1,8}\\.(org|example|ke)",
        prop::sample::select(ContactRole::ALL.to_vec()),
        prop::sample::select(Lang::ALL.to_vec()),
        any::<bool>(),
    )
        .prop_filter_map(
            "a valid contact",
            |((constituency, region, organisation), party, name, email, role, lang, active)| {
                let kind = constituency.kind();
                let region = match kind {
                    Kind::Party => None,
                    Kind::Committee => Some(region.unwrap_or(Region::Africa)),
                    Kind::Partner => region,
                };
                ContactInput {
                    constituency: constituency.code().into(),
                    party: if kind == Kind::Party {
                        party.into()
                    } else {
                        String::new()
                    },
                    region: region.map(|r| r.code().to_string()).unwrap_or_default(),
                    organisation: if kind == Kind::Partner {
                        organisation
                    } else {
                        String::new()
                    },
                    name,
                    email,
                    role: if kind == Kind::Party {
                        role
                    } else {
                        ContactRole::Other
                    }
                    .code()
                    .into(),
                    lang: lang.code().into(),
                    active,
                }
                .validate(&known)
                .ok()
            },
        )
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn fuzz_csv_arbitrary_bytes(b in bytes(600)) {
        for t in texts(&b) {
            csv_holds(&t)?;
        }
    }

    #[test]
    fn fuzz_csv_rows_of_csv_like_bytes(b in texty(CSV, 300), delimiter in prop::sample::select(vec![",", ";", "\t"])) {
        let header = ["party", "name", "email", "role", "language", "active"].join(delimiter);
        for t in texts(&b) {
            csv_holds(&t)?;
            csv_holds(&format!("{header}\n{t}"))?;
        }
    }

    #[test]
    fn fuzz_csv_an_export_with_bytes_changed(cs in prop::collection::vec(contact(), 0..6), e in edits(CSV)) {
        let file = contact_csv::write(&cs);
        csv_holds(&file)?;
        for t in texts(&apply(&file, &e)) {
            csv_holds(&t)?;
        }
    }
}

#[test]
fn fuzz_csv_reads_the_largest_file_in_bounded_time() {
    let header = "party,name,email,role,language,active\n";
    let rows = |row: &'static str| -> Maker {
        Box::new(move |n| fill(n, header, &|i| row.replace("{i}", &i.to_string()), ""))
    };
    let makers: Vec<(&str, Maker)> = vec![
        (
            "valid rows",
            rows("KE,Focal point {i},fp{i}@ke.example,management,en,yes\n"),
        ),
        (
            "the same row",
            rows("KE,Focal point,fp@ke.example,management,en,yes\n"),
        ),
        ("invalid rows", rows("ZZ,,nobody,minister,de,maybe\n")),
        ("blank lines", rows("\r\n")),
        ("lone carriage returns", rows("KE,a,b{i}@c.org,other,en\r")),
        (
            "one open quote",
            Box::new(|n| {
                fill(
                    n,
                    "party,name,email,role,language\nKE,\"",
                    &|_| "x,".into(),
                    "",
                )
            }),
        ),
        (
            "wide rows",
            rows("KE,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,\n"),
        ),
        ("delimiters only", Box::new(|n| vec![b';'; n])),
        (
            "one header cell after another",
            Box::new(|n| fill(n, "", &|i| format!("c{i},"), "")),
        ),
    ];
    for (what, make) in makers {
        bounded(what, UPLOAD_LIMIT, &*make, &|b| {
            let _ = contact_csv::read(&String::from_utf8_lossy(b), known, &existing());
        });
    }
}

// ---------------------------------------------------------------------------
// The response form: a posted body, read as a form, then as answers.

/// The form fields a page sends for `answers` to the questions of `section`
/// (the inverse of [`answers::read`]).
fn fields_of(section: &Section, answers: &Answers) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for q in &section.questions {
        let name = answers::field(&q.id);
        match answers.get(&q.id) {
            None => {}
            Some(Answer::Choice(v) | Answer::Text(v) | Answer::Number(v)) => {
                out.push((name, v.clone()))
            }
            Some(Answer::Other(text)) => {
                out.push((name.clone(), OTHER.into()));
                out.push((format!("{name}.other"), text.clone()));
            }
            Some(Answer::Choices(list)) => {
                out.extend(list.iter().map(|v| (name.clone(), v.clone())));
            }
            Some(Answer::Matrix(m)) => {
                out.extend(m.iter().map(|(r, c)| (format!("{name}.{r}"), c.clone())));
            }
            Some(Answer::Ranking(r)) => {
                out.extend(
                    r.iter()
                        .enumerate()
                        .map(|(i, v)| (format!("{name}.{}", i + 1), v.clone())),
                );
            }
        }
    }
    out
}

/// A URL-encoded body, every byte but letters and digits escaped.
fn encode(fields: &[(String, String)]) -> Vec<u8> {
    let esc = |s: &str| -> String {
        s.bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect()
    };
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", esc(k), esc(v)))
        .collect::<Vec<_>>()
        .join("&")
        .into_bytes()
}

/// Whether `a` names only what question `q` offers.
fn offered(q: &Question, a: &Answer) -> bool {
    let has = |list: &[crate::domain::survey::Choice], id: &str| list.iter().any(|c| c.id == id);
    match (&q.kind, a) {
        (QuestionKind::SingleChoice { options, .. }, Answer::Choice(v)) => has(options, v),
        (QuestionKind::SingleChoice { other, .. }, Answer::Other(_)) => *other,
        (QuestionKind::Scale { points }, Answer::Choice(v)) => has(points, v),
        (QuestionKind::MultipleChoice { options, .. }, Answer::Choices(l)) => {
            !l.is_empty() && l.iter().all(|v| has(options, v))
        }
        (QuestionKind::Matrix { rows, columns }, Answer::Matrix(m)) => {
            !m.is_empty() && m.iter().all(|(r, c)| has(rows, r) && has(columns, c))
        }
        (QuestionKind::Ranking { options, top }, Answer::Ranking(r)) => {
            !r.is_empty()
                && r.len() <= *top as usize
                && r.last().is_some_and(|v| !v.is_empty())
                && r.iter().all(|v| v.is_empty() || has(options, v))
        }
        (QuestionKind::ShortText { .. } | QuestionKind::LongText { .. }, Answer::Text(t)) => {
            !t.is_empty() && t.trim() == t
        }
        (QuestionKind::Number { .. }, Answer::Number(n)) => !n.is_empty() && n.trim() == n,
        _ => false,
    }
}

/// What reading a posted `body` against each page of `survey` must satisfy.
fn form_holds(survey: &Survey, body: &[u8]) -> Result<(), TestCaseError> {
    let Some(form) = Form::parse(body) else {
        return Ok(());
    };
    let pages: Vec<Section> = survey
        .sections
        .iter()
        .cloned()
        .chain([answers::whole(survey)])
        .collect();
    for page in &pages {
        let Ok(read) = answers::read(page, form.pairs()) else {
            continue;
        };
        for (id, a) in &read {
            let q = page.questions.iter().find(|q| q.id == *id);
            prop_assert!(q.is_some(), "{} is not on the page", id);
            prop_assert!(offered(q.unwrap(), a), "{:?} to {}", a, id);
        }
        // Checking what was read never fails either.
        let _ = answers::check(survey, &read, answers::Scope::Section(page));
        let _ = answers::check(survey, &read, answers::Scope::Submit);
        let _ = answers::unstorable(&read);
        // Sent again as the page sends it, the answers read back the same.
        let again = Form::parse(&encode(&fields_of(page, &read))).unwrap();
        prop_assert_eq!(answers::read(page, again.pairs()), Ok(read));
    }
    Ok(())
}

/// Fields a page of `survey` could send, and some it could not, with
/// values drawn from its own ids and from junk.
fn plausible_fields(survey: &Survey) -> impl Strategy<Value = Vec<(String, String)>> + use<> {
    let mut names = vec!["version".to_string(), "go".into(), "support".into()];
    let mut values = vec![OTHER.to_string(), String::new(), " ".into(), "12,5".into()];
    for q in survey.questions() {
        let f = answers::field(&q.id);
        names.push(f.clone());
        names.push(format!("{f}.other"));
        for (_, list) in q.kind.choice_lists() {
            for c in list {
                values.push(c.id.clone());
                names.push(format!("{f}.{}", c.id));
            }
        }
        if let QuestionKind::Ranking { top, .. } = q.kind {
            for r in 0..=top + 1 {
                names.push(format!("{f}.{r}"));
            }
            names.push(format!("{f}.01"));
        }
    }
    let name = prop_oneof![
        8 => prop::sample::select(names),
        1 => "q\\.[a-z0-9._]{0,8}",
    ];
    let value = prop_oneof![
        6 => prop::sample::select(values),
        1 => "\\PC{0,12}",
        1 => "[ \t\r\n\u{0}\u{7f}\u{202e}]{0,3}",
    ];
    prop::collection::vec((name, value), 0..24)
}

/// A survey and a form for it.
fn survey_and_fields() -> impl Strategy<Value = (Survey, Vec<(String, String)>)> {
    any_survey().prop_flat_map(|s| {
        let fields = plausible_fields(&s);
        (Just(s), fields)
    })
}

/// What a page of `survey` sends when a person answers as `picks` say (one
/// pick per question: whether to answer it, a number choosing among its
/// options, a text), in the order `order` shuffles them to.
fn page_fields(
    survey: &Survey,
    picks: &[(bool, u64, String)],
    order: u64,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (q, (answer, n, text)) in survey.questions().zip(picks) {
        let f = answers::field(&q.id);
        let pick = |list: &[crate::domain::survey::Choice], k: u64| {
            list[(k as usize) % list.len()].id.clone()
        };
        let bit = |k: u32| n.rotate_right(k) & 1 == 1;
        match &q.kind {
            QuestionKind::SingleChoice { options, other } => {
                if *answer {
                    let v = if *other && bit(7) {
                        OTHER.to_string()
                    } else {
                        pick(options, *n)
                    };
                    out.push((f.clone(), v));
                }
                if *other {
                    out.push((format!("{f}.other"), text.clone()));
                }
            }
            QuestionKind::Scale { points } if *answer => out.push((f, pick(points, *n))),
            QuestionKind::MultipleChoice { options, .. } if *answer => {
                for (i, o) in options.iter().enumerate() {
                    if bit(i as u32) {
                        out.push((f.clone(), o.id.clone()));
                    }
                }
            }
            QuestionKind::Matrix { rows, columns } => {
                for (i, r) in rows.iter().enumerate() {
                    let v = if *answer && bit(i as u32) {
                        pick(columns, n >> i)
                    } else {
                        String::new()
                    };
                    out.push((format!("{f}.{}", r.id), v));
                }
            }
            QuestionKind::Ranking { options, top } => {
                for rank in 1..=*top {
                    let v = if *answer && bit(rank) {
                        pick(options, n >> rank)
                    } else {
                        String::new()
                    };
                    out.push((format!("{f}.{rank}"), v));
                }
            }
            QuestionKind::ShortText { .. }
            | QuestionKind::LongText { .. }
            | QuestionKind::Number { .. } => {
                out.push((f, if *answer { text.clone() } else { String::new() }));
            }
            _ => {}
        }
    }
    // Any order: a browser sends them in the page's, a crafted body in another.
    let mut k = order;
    for i in (1..out.len()).rev() {
        k = k
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        out.swap(i, (k >> 33) as usize % (i + 1));
    }
    out
}

/// A survey, and how a person answers it.
fn survey_and_picks() -> impl Strategy<Value = (Survey, Vec<(bool, u64, String)>, u64)> {
    any_survey().prop_flat_map(|s| {
        let n = s.questions().count();
        let pick = (any::<bool>(), any::<u64>(), "\\PC{0,16}|[0-9 .,e+-]{0,8}");
        (Just(s), prop::collection::vec(pick, n), any::<u64>())
    })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn fuzz_response_form_as_pages_send_it((s, picks, order) in survey_and_picks()) {
        let fields = page_fields(&s, &picks, order);
        // The one-page form, and each section's page with its own fields:
        // what a page sends is always read.
        let whole = answers::whole(&s);
        prop_assert!(answers::read(&whole, &fields).is_ok());
        for section in &s.sections {
            let own: Vec<(String, String)> = fields
                .iter()
                .filter(|(k, _)| section.questions.iter().any(|q| {
                    let f = answers::field(&q.id);
                    *k == f || k.starts_with(&format!("{f}."))
                }))
                .cloned()
                .collect();
            prop_assert!(answers::read(section, &own).is_ok());
            form_holds(&s, &encode(&own))?;
        }
        form_holds(&s, &encode(&fields))?;
    }

    #[test]
    fn fuzz_response_form_arbitrary_bytes(s in any_survey(), b in bytes(400)) {
        form_holds(&s, &b)?;
    }

    #[test]
    fn fuzz_response_form_form_like_bytes(s in any_survey(), b in texty("q.=&%+_-0123456789abcdefABCDEF c", 200)) {
        form_holds(&s, &b)?;
        let mut prefixed = b"q.".to_vec();
        prefixed.extend(&b);
        form_holds(&s, &prefixed)?;
    }

    #[test]
    fn fuzz_response_form_fields_of_the_survey((s, fields) in survey_and_fields(), e in edits("q.=&%+_")) {
        let body = encode(&fields);
        form_holds(&s, &body)?;
        let raw: Vec<u8> = fields
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("&")
            .into_bytes();
        form_holds(&s, &raw)?;
        form_holds(&s, &apply(&String::from_utf8_lossy(&body), &e))?;
    }
}

#[test]
fn fuzz_response_form_reads_the_largest_body_in_bounded_time() {
    // The most questions a consultation may have, each a single choice
    // with "other", and the one-page form that holds them all.
    let option = |id: &str| crate::domain::survey::Choice {
        id: id.into(),
        label: crate::domain::survey::Text::new(id, id, id),
    };
    let mut questions: Vec<Question> = (0..crate::domain::survey::validate::MAX_QUESTIONS - 1)
        .map(|i| Question {
            id: format!("q{i}"),
            prompt: crate::domain::survey::Text::new("P", "P", "P"),
            help: Default::default(),
            required: false,
            kind: QuestionKind::SingleChoice {
                options: vec![option("a"), option("b")],
                other: true,
            },
            condition: None,
            terms: vec![],
        })
        .collect();
    questions.push(Question {
        id: "many".into(),
        kind: QuestionKind::MultipleChoice {
            options: (0..60).map(|i| option(&format!("c{i}"))).collect(),
            max: None,
        },
        ..questions[0].clone()
    });
    let survey = Survey {
        sections: vec![Section {
            id: "s".into(),
            questions,
            ..Default::default()
        }],
        ..Default::default()
    };
    assert_eq!(validate(&survey), Ok(()));
    let page = answers::whole(&survey);
    let body = |field: &'static dyn Fn(usize) -> String| -> Maker {
        Box::new(move |n| fill(n, "", &|i| format!("{}&", field(i)), ""))
    };
    let makers: Vec<(&str, Maker)> = vec![
        (
            "one choice repeated",
            body(&|i| format!("q.many=c{}", i % 60)),
        ),
        ("blank names", body(&|_| "=".into())),
        ("other fields", body(&|i| format!("version{i}=_other"))),
        (
            "every other",
            body(&|i| {
                let q = i / 2 % 499;
                if i % 2 == 0 {
                    format!("q.q{q}=_other")
                } else {
                    format!("q.q{q}.other=x")
                }
            }),
        ),
        ("percent signs", body(&|_| "%%%%%%%%%%".into())),
        ("escapes", body(&|_| "%41%42%43=%44%45%46".into())),
    ];
    for (what, make) in makers {
        bounded(what, FORM_LIMIT, &*make, &|b| {
            if let Some(form) = Form::parse(b) {
                let _ = answers::read(&page, form.pairs());
            }
        });
    }
}
