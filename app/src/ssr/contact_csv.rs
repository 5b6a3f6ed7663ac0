//! CSV import and export of focal points (contacts).
//!
//! Import: a header row naming the columns (case-insensitive, any order):
//! `party`, `name`, `email`, `role`, `language` and, optionally, `active`,
//! `constituency`, `region` and `organisation` (Committee members and
//! partners: see [`crate::domain::contact`]; names in English, French or
//! Spanish are read as well as codes). A file with a `constituency` column
//! may leave out `party` and `role`. Other columns are ignored. A UTF-8 byte order mark, `,`, `;` or tab as
//! delimiter (sniffed from the header line) and CRLF line ends are accepted,
//! so files saved by spreadsheets in any locale read back. Every row gets a
//! verdict; nothing is written here.
//!
//! Export: UTF-8 with a byte order mark (so spreadsheets detect the encoding),
//! `,` delimiter, CRLF line ends. A field that a spreadsheet would take for a
//! formula (starting with `=`, `+`, `-`, `@`, tab or carriage return) is
//! written with a leading `'`; the import removes it again, so an export
//! always reads back unchanged.

use crate::domain::contact::{Contact, ContactInput, ContactKey};
use crate::domain::ids::PartyCode;
use std::borrow::Cow;
use std::collections::HashSet;

/// The header row of an export, and the column names an import looks for.
pub const HEADER: [&str; 9] = [
    "party",
    "name",
    "email",
    "role",
    "language",
    "active",
    "constituency",
    "region",
    "organisation",
];

/// `header_error` when a required column is missing or named twice.
pub const ERROR_COLUMNS: &str = "contact-import-error-columns";
/// `header_error` when the file holds nothing but blank lines.
pub const ERROR_EMPTY: &str = "contact-import-error-empty";
/// In `RowOutcome::Invalid` when the `active` cell is neither yes nor no.
pub const ERROR_ACTIVE: &str = "contact-import-error-active";
/// In `RowOutcome::Invalid` when the CSV reader could not read a row.
pub const ERROR_ROW: &str = "contact-import-error-row";

/// What an import found, row by row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportReport {
    /// Every non-blank row after the header, in file order.
    pub rows: Vec<RowReport>,
    /// A message id when the header makes the file unreadable; then `rows` is empty.
    pub header_error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowReport {
    /// 1-based line in the file where the row starts (the header is line 1
    /// unless blank lines precede it).
    pub line: usize,
    /// The row as read (cells untrimmed; `active` defaults to true when the
    /// column is absent, empty or unreadable).
    pub input: ContactInput,
    pub outcome: RowOutcome,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowOutcome {
    /// Ready to be added.
    Valid(Contact),
    /// The message ids of every problem, in column order: party, name,
    /// email, role, language, active.
    Invalid(Vec<String>),
    /// The same contact ([`Contact::key`]: Party, or constituency and
    /// organisation, and e-mail address) as an earlier valid row of the file.
    Duplicate,
    /// The same contact as one already stored.
    Exists,
}

impl ImportReport {
    /// The version of this report, as its preview shows it: a digest of
    /// every row's line and outcome (the contact to add, or why not). The
    /// confirmation names it, and is taken only while the file still reads
    /// the same against the stored Parties and contacts.
    pub fn version(&self) -> i32 {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        for r in &self.rows {
            h.update(format!("{}:{:?}\n", r.line, r.outcome).as_bytes());
        }
        let d = h.finalize();
        i32::from_be_bytes([d[0], d[1], d[2], d[3]]) & i32::MAX
    }

    /// The contacts ready to be added, in file order.
    pub fn valid(&self) -> Vec<&Contact> {
        self.rows
            .iter()
            .filter_map(|r| match &r.outcome {
                RowOutcome::Valid(c) => Some(c),
                _ => None,
            })
            .collect()
    }

    fn count(&self, f: impl Fn(&RowOutcome) -> bool) -> usize {
        self.rows.iter().filter(|r| f(&r.outcome)).count()
    }

    pub fn valid_count(&self) -> usize {
        self.count(|o| matches!(o, RowOutcome::Valid(_)))
    }

    pub fn invalid_count(&self) -> usize {
        self.count(|o| matches!(o, RowOutcome::Invalid(_)))
    }

    pub fn duplicate_count(&self) -> usize {
        self.count(|o| matches!(o, RowOutcome::Duplicate))
    }

    pub fn exists_count(&self) -> usize {
        self.count(|o| matches!(o, RowOutcome::Exists))
    }

    /// True when the header was read and no row is invalid (duplicates and
    /// existing contacts are skipped, not errors).
    pub fn is_clean(&self) -> bool {
        self.header_error.is_none() && self.invalid_count() == 0
    }

    fn header_error(id: &str) -> Self {
        ImportReport {
            rows: Vec::new(),
            header_error: Some(id.to_string()),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Party,
    Name,
    Email,
    Role,
    Lang,
    Active,
    Constituency,
    Region,
    Organisation,
}

impl Column {
    fn from_header(cell: &str) -> Option<Column> {
        let name = cell.trim_start_matches('\u{feff}').trim().to_lowercase();
        match name.as_str() {
            "party" => Some(Column::Party),
            "name" => Some(Column::Name),
            "email" | "e-mail" => Some(Column::Email),
            "role" => Some(Column::Role),
            "language" | "lang" => Some(Column::Lang),
            "active" => Some(Column::Active),
            "constituency" => Some(Column::Constituency),
            "region" => Some(Column::Region),
            "organisation" | "organization" => Some(Column::Organisation),
            _ => None,
        }
    }
}

/// Where each column is in a row.
struct Columns {
    party: Option<usize>,
    name: usize,
    email: usize,
    role: Option<usize>,
    lang: usize,
    active: Option<usize>,
    constituency: Option<usize>,
    region: Option<usize>,
    organisation: Option<usize>,
}

impl Columns {
    fn from_header(header: &csv::StringRecord) -> Option<Columns> {
        let mut found: [Option<usize>; 9] = [None; 9];
        for (i, cell) in header.iter().enumerate() {
            if let Some(col) = Column::from_header(cell) {
                let slot = &mut found[col as usize];
                if slot.is_some() {
                    return None; // named twice: ambiguous
                }
                *slot = Some(i);
            }
        }
        let constituency = found[Column::Constituency as usize];
        // Without a constituency column every row is a Party's authority's.
        let party = found[Column::Party as usize];
        let role = found[Column::Role as usize];
        if constituency.is_none() && (party.is_none() || role.is_none()) {
            return None;
        }
        Some(Columns {
            party,
            name: found[Column::Name as usize]?,
            email: found[Column::Email as usize]?,
            role,
            lang: found[Column::Lang as usize]?,
            active: found[Column::Active as usize],
            constituency,
            region: found[Column::Region as usize],
            organisation: found[Column::Organisation as usize],
        })
    }
}

/// The most frequent of `,`, `;` and tab in the first non-blank line (`,` on a tie).
fn sniff_delimiter(text: &str) -> u8 {
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let count = |c: char| line.chars().filter(|&x| x == c).count();
    let (commas, semicolons, tabs) = (count(','), count(';'), count('\t'));
    if semicolons > commas && semicolons >= tabs {
        b';'
    } else if tabs > commas && tabs > semicolons {
        b'\t'
    } else {
        b','
    }
}

/// Characters that make a spreadsheet read a cell as a formula.
fn is_formula_start(c: char) -> bool {
    matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r')
}

/// Whether [`write`] puts a `'` before the cell: it starts, after any `'`,
/// like a formula. Then [`unescape`] is its exact inverse.
fn is_formula_like(cell: &str) -> bool {
    cell.trim_start_matches('\'').starts_with(is_formula_start)
}

/// Removes the `'` that [`write`] puts before a formula-like cell.
fn unescape(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if is_formula_like(rest) => rest,
        _ => cell,
    }
}

/// yes/no, true/false, 1/0 (and oui/non, sí/no), any case; empty means yes.
fn parse_active(raw: &str) -> Option<bool> {
    match raw.trim().to_lowercase().as_str() {
        "" | "yes" | "y" | "true" | "1" | "oui" | "si" | "sí" => Some(true),
        "no" | "n" | "false" | "0" | "non" => Some(false),
        _ => None,
    }
}

/// Turns the byte offsets the CSV reader gives into 1-based line numbers.
/// The reader reports a record at the end of the one before it, that is
/// before any blank lines it skipped; those are stepped over here. Offsets
/// must come in increasing order; the text's line ends must be LF only.
struct LineCounter<'a> {
    text: &'a [u8],
    byte: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        LineCounter {
            text: text.as_bytes(),
            byte: 0,
            line: 1,
        }
    }

    fn line_of(&mut self, offset: u64) -> usize {
        let mut start = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .clamp(self.byte, self.text.len());
        while self.text.get(start) == Some(&b'\n') {
            start += 1;
        }
        let skipped = self.text.get(self.byte..start).unwrap_or(&[]);
        self.line += skipped.iter().filter(|&&b| b == b'\n').count();
        self.byte = start;
        self.line
    }
}

/// Reads a CSV file of contacts and says, row by row, what would happen to it.
///
/// `known_parties` says whether a Party code is in the register; `existing`
/// holds the keys of contacts already stored (see [`Contact::key`]). Never
/// panics, whatever the text.
pub fn read(
    text: &str,
    known_parties: impl Fn(&PartyCode) -> bool,
    existing: &HashSet<ContactKey>,
) -> ImportReport {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Old Mac files end lines with a lone CR; the CSV reader counts lines by LF.
    let text = if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    };
    let text = text.as_ref();
    if text.trim().is_empty() {
        return ImportReport::header_error(ERROR_EMPTY);
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sniff_delimiter(text))
        .from_reader(text.as_bytes());

    let mut record = csv::StringRecord::new();
    let columns = match reader.read_record(&mut record) {
        Ok(true) => Columns::from_header(&record),
        Ok(false) => return ImportReport::header_error(ERROR_EMPTY),
        Err(_) => None,
    };
    let Some(columns) = columns else {
        return ImportReport::header_error(ERROR_COLUMNS);
    };

    let mut rows = Vec::new();
    let mut seen: HashSet<ContactKey> = HashSet::new();
    let mut lines = LineCounter::new(text);
    loop {
        let before = reader.position().byte();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                if record.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                let line = lines.line_of(record.position().map_or(before, |p| p.byte()));
                let (input, outcome) =
                    read_row(&record, &columns, &known_parties, existing, &mut seen);
                rows.push(RowReport {
                    line,
                    input,
                    outcome,
                });
            }
            Err(e) => {
                let line = lines.line_of(e.position().map_or(before, |p| p.byte()));
                rows.push(RowReport {
                    line,
                    input: ContactInput::default(),
                    outcome: RowOutcome::Invalid(vec![ERROR_ROW.to_string()]),
                });
                if reader.position().byte() == before {
                    break; // no progress: stop rather than loop
                }
            }
        }
    }
    ImportReport {
        rows,
        header_error: None,
    }
}

fn read_row(
    record: &csv::StringRecord,
    columns: &Columns,
    known_parties: &impl Fn(&PartyCode) -> bool,
    existing: &HashSet<ContactKey>,
    seen: &mut HashSet<ContactKey>,
) -> (ContactInput, RowOutcome) {
    let cell = |i: usize| unescape(record.get(i).unwrap_or("")).to_string();
    let optional = |i: Option<usize>| i.map(cell).unwrap_or_default();
    let active = columns.active.map(|i| parse_active(&cell(i)));
    let input = ContactInput {
        constituency: optional(columns.constituency),
        party: optional(columns.party),
        region: optional(columns.region),
        organisation: optional(columns.organisation),
        name: cell(columns.name),
        email: cell(columns.email),
        role: optional(columns.role),
        lang: cell(columns.lang),
        active: active.flatten().unwrap_or(true),
    };
    let validated = input.validate(known_parties);
    let mut problems: Vec<String> = match &validated {
        Ok(_) => Vec::new(),
        Err(errors) => errors.0.iter().map(|e| e.message_id.clone()).collect(),
    };
    if active == Some(None) {
        problems.push(ERROR_ACTIVE.to_string());
    }
    let outcome = match validated {
        Ok(contact) if problems.is_empty() => {
            let key = contact.key();
            if existing.contains(&key) {
                RowOutcome::Exists
            } else if !seen.insert(key) {
                RowOutcome::Duplicate
            } else {
                RowOutcome::Valid(contact)
            }
        }
        _ => RowOutcome::Invalid(problems),
    };
    (input, outcome)
}

/// Quotes a cell when needed, and defuses formula-like cells with a leading `'`.
fn push_cell(out: &mut String, cell: &str) {
    let escaped;
    let cell = if is_formula_like(cell) {
        escaped = format!("'{cell}");
        escaped.as_str()
    } else {
        cell
    };
    if cell.contains([',', ';', '"', '\r', '\n', '\t'])
        || cell.starts_with(' ')
        || cell.ends_with(' ')
    {
        out.push('"');
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(cell);
    }
}

/// Writes contacts as CSV: UTF-8 with a byte order mark, the [`HEADER`] row,
/// one row per contact (codes for Party, role, language, constituency and
/// region; `yes`/`no` for active; empty cells for what a contact's kind does
/// not have), CRLF line ends. [`read`] reads it back unchanged.
pub fn write(contacts: &[Contact]) -> String {
    let mut out = String::from("\u{feff}");
    out.push_str(&HEADER.join(","));
    out.push_str("\r\n");
    for c in contacts {
        let cells = [
            c.party.as_ref().map_or("", |p| p.as_str()),
            c.name.as_str(),
            c.email.as_str(),
            c.role.code(),
            c.lang.code(),
            if c.active { "yes" } else { "no" },
            c.constituency.code(),
            c.region.map_or("", |r| r.code()),
            c.organisation.as_deref().unwrap_or(""),
        ];
        for (i, cell) in cells.into_iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            push_cell(&mut out, cell);
        }
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::contact::ContactRole;
    use crate::domain::lang::Lang;

    fn known(code: &PartyCode) -> bool {
        ["KE", "FR", "MX", "DE", "EU", "ES"].contains(&code.as_str())
    }

    fn existing() -> HashSet<ContactKey> {
        HashSet::from([(
            crate::domain::constituency::Constituency::Party,
            PartyCode::parse("FR"),
            String::new(),
            "deja@ecologie.gouv.fr".to_string(),
        )])
    }

    fn ids(outcome: &RowOutcome) -> Vec<&str> {
        match outcome {
            RowOutcome::Invalid(ids) => ids.iter().map(String::as_str).collect(),
            other => panic!("expected Invalid, got {other:?}"),
        }
    }

    #[test]
    fn a_file_with_one_bad_row_of_each_kind() {
        let text = "\u{feff}Party;Name;E-mail;Role;Language;Active\r\n\
            KE;Wanjiru Muthoni;w.muthoni@kws.go.ke;management;en;yes\r\n\
            FR;Hélène Dupré;helene.dupre@mnhn.fr;Autorité scientifique;fr;\r\n\
            MX;\"Núñez, José\";jose.nunez@semarnat.gob.mx;Autoridad Administrativa;es;no\r\n\
            DE;Jürgen Müller;juergen.mueller@bfn;scientific;en;yes\r\n\
            ZZ;Nobody;nobody@example.org;other;en;yes\r\n\
            KE;Wanjiru again;W.Muthoni@KWS.go.ke;enforcement;en;yes\r\n\
            FR;Déjà Là;Deja@Ecologie.gouv.fr;management;fr;yes\r\n\
            ES;Lucía Peña;lucia.pena@miteco.es;scientific;de;yes\r\n\
            ES;Íñigo Ruiz;inigo.ruiz@miteco.es;minister;es;yes\r\n\
            \r\n\
            ;;;;;\r\n\
            EU;\"Anne \"\"Annie\"\" Smith\";anne.smith@ec.europa.eu;Enforcement authority;EN;1\r\n";
        let report = read(text, known, &existing());
        assert_eq!(report.header_error, None);
        let lines: Vec<usize> = report.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 3, 4, 5, 6, 7, 8, 9, 10, 13]);
        let o = |i: usize| &report.rows[i].outcome;

        let RowOutcome::Valid(ke) = o(0) else {
            panic!("{:?}", o(0))
        };
        assert_eq!(ke.party.as_ref().unwrap().as_str(), "KE");
        assert_eq!(ke.role, ContactRole::ManagementAuthority);
        let RowOutcome::Valid(fr) = o(1) else {
            panic!("{:?}", o(1))
        };
        assert_eq!(fr.name, "Hélène Dupré");
        assert_eq!(fr.role, ContactRole::ScientificAuthority);
        assert_eq!(fr.lang, Lang::Fr);
        assert!(fr.active, "empty active means yes");
        let RowOutcome::Valid(mx) = o(2) else {
            panic!("{:?}", o(2))
        };
        assert_eq!(mx.name, "Núñez, José");
        assert!(!mx.active);
        assert_eq!(mx.lang, Lang::Es);

        assert_eq!(ids(o(3)), ["contact-error-email"]);
        assert_eq!(report.rows[3].input.name, "Jürgen Müller");
        assert_eq!(ids(o(4)), ["contact-error-party-unknown"]);
        assert_eq!(*o(5), RowOutcome::Duplicate);
        assert_eq!(*o(6), RowOutcome::Exists);
        assert_eq!(ids(o(7)), ["contact-error-lang"]);
        assert_eq!(ids(o(8)), ["contact-error-role"]);

        let RowOutcome::Valid(eu) = o(9) else {
            panic!("{:?}", o(9))
        };
        assert_eq!(eu.name, "Anne \"Annie\" Smith");
        assert_eq!(eu.role, ContactRole::Enforcement);
        assert_eq!(eu.lang, Lang::En);

        assert_eq!(report.valid_count(), 4);
        assert_eq!(report.invalid_count(), 4);
        assert_eq!(report.duplicate_count(), 1);
        assert_eq!(report.exists_count(), 1);
        assert!(!report.is_clean());
        let names: Vec<&str> = report.valid().iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Wanjiru Muthoni",
                "Hélène Dupré",
                "Núñez, José",
                "Anne \"Annie\" Smith"
            ]
        );
    }

    #[test]
    fn comma_delimiter_any_column_order_extra_columns_lf() {
        let text = "email,notes,LANGUAGE,name,role,party\n\
            a.b@example.org,\"met in Geneva, 2025\",fr,\"Ängström, Åsa\",other,ke\n";
        let report = read(text, known, &HashSet::new());
        assert!(report.is_clean(), "{report:?}");
        let c = report.valid()[0];
        assert_eq!(c.name, "Ängström, Åsa");
        assert_eq!(c.party.as_ref().unwrap().as_str(), "KE");
        assert!(c.active, "no active column means yes");
        assert_eq!(report.rows[0].line, 2);
    }

    #[test]
    fn missing_or_repeated_columns_refuse_the_file() {
        for text in [
            "party,name,email,role\nKE,A,a@b.org,other\n",
            "party,name,email,role,language,email\n",
            "KE,A,a@b.org,other,en\n",
            "\"\n",
            "x",
        ] {
            let report = read(text, known, &HashSet::new());
            assert_eq!(
                report.header_error.as_deref(),
                Some(ERROR_COLUMNS),
                "{text:?}"
            );
            assert!(report.rows.is_empty());
        }
        for text in ["", "\u{feff}", " \r\n\r\n", "\u{feff}\n"] {
            let report = read(text, known, &HashSet::new());
            assert_eq!(
                report.header_error.as_deref(),
                Some(ERROR_EMPTY),
                "{text:?}"
            );
        }
    }

    #[test]
    fn header_only_has_no_rows() {
        let report = read("party,name,email,role,language\r\n", known, &HashSet::new());
        assert_eq!(report.header_error, None);
        assert!(report.rows.is_empty());
        assert!(report.is_clean());
    }

    #[test]
    fn short_rows_and_bad_active_are_reported() {
        let text = "party,name,email,role,language,active\nKE,A\nKE,B,b@kws.go.ke,other,en,maybe\n";
        let report = read(text, known, &HashSet::new());
        assert_eq!(
            ids(&report.rows[0].outcome),
            ["error-required", "error-required", "error-required"]
        );
        assert_eq!(ids(&report.rows[1].outcome), [ERROR_ACTIVE]);
    }

    #[test]
    fn multi_line_quoted_names_keep_line_numbers() {
        let text = "party,name,email,role,language\n\
            KE,\"Wanjiru\nMuthoni\",w@kws.go.ke,other,en\n\
            KE,Second,s@kws.go.ke,other,en\n";
        let report = read(text, known, &HashSet::new());
        assert_eq!(report.rows[0].line, 2);
        assert_eq!(report.rows[1].line, 4);
        assert_eq!(report.valid()[0].name, "Wanjiru Muthoni");

        // Old Mac line ends (a lone CR) count as lines too.
        let cr = "party,name,email,role,language\rKE,A,a@kws.go.ke,other,en\r\rKE,B,b@kws.go.ke,other,en\r";
        let lines: Vec<usize> = read(cr, known, &HashSet::new())
            .rows
            .iter()
            .map(|r| r.line)
            .collect();
        assert_eq!(lines, [2, 4]);

        // Blank lines before the header and between rows are counted.
        let blank = "\n\nparty,name,email,role,language\nKE,A,a@kws.go.ke,other,en\n\n\n\nKE,B,b@kws.go.ke,other,en\n";
        let lines: Vec<usize> = read(blank, known, &HashSet::new())
            .rows
            .iter()
            .map(|r| r.line)
            .collect();
        assert_eq!(lines, [4, 8]);
    }

    fn contact(
        party: &str,
        name: &str,
        email: &str,
        role: ContactRole,
        lang: Lang,
        active: bool,
    ) -> Contact {
        Contact {
            active,
            ..Contact::of_party(PartyCode::parse(party).unwrap(), name, email, role, lang)
        }
    }

    #[test]
    fn export_reads_back_unchanged() {
        let contacts = vec![
            contact(
                "KE",
                "Wanjiru Muthoni",
                "w.muthoni@kws.go.ke",
                ContactRole::ManagementAuthority,
                Lang::En,
                true,
            ),
            contact(
                "FR",
                "Hélène Dupré",
                "helene@mnhn.fr",
                ContactRole::ScientificAuthority,
                Lang::Fr,
                false,
            ),
            contact(
                "MX",
                "Núñez, José \"Pepe\"",
                "jose@semarnat.gob.mx",
                ContactRole::Enforcement,
                Lang::Es,
                true,
            ),
            contact(
                "DE",
                "Jürgen; Müller",
                "j@bfn.de",
                ContactRole::Other,
                Lang::En,
                true,
            ),
            contact(
                "EU",
                "=HYPERLINK(\"http://x\")",
                "-a@ec.europa.eu",
                ContactRole::Other,
                Lang::En,
                true,
            ),
            contact(
                "ES",
                "'+already quoted",
                "'x@miteco.es",
                ContactRole::Other,
                Lang::Es,
                true,
            ),
            contact("ES", "'", "y@miteco.es", ContactRole::Other, Lang::Es, true),
            contact(
                "ES",
                "''=x",
                "z@miteco.es",
                ContactRole::Other,
                Lang::Es,
                true,
            ),
        ];
        let text = write(&contacts);
        assert!(text.starts_with(
            "\u{feff}party,name,email,role,language,active,constituency,region,organisation\r\n"
        ));
        assert!(
            text.contains(
                "\r\nKE,Wanjiru Muthoni,w.muthoni@kws.go.ke,management,en,yes,party,,\r\n"
            )
        );
        assert!(text.contains("\r\nFR,Hélène Dupré,helene@mnhn.fr,scientific,fr,no,party,,\r\n"));
        assert!(text.contains("\"'=HYPERLINK(\"\"http://x\"\")\",'-a@ec.europa.eu"));
        let report = read(&text, known, &HashSet::new());
        assert!(report.is_clean(), "{report:?}");
        let back: Vec<Contact> = report.valid().into_iter().cloned().collect();
        assert_eq!(back, contacts);
        assert_eq!(
            write(&[]),
            "\u{feff}party,name,email,role,language,active,constituency,region,organisation\r\n"
        );
    }

    #[test]
    fn committee_members_and_partners_read_in_any_language_and_round_trip() {
        use crate::domain::constituency::Constituency;
        use crate::domain::region::Region;
        let text = "constituency;name;email;language;region;organisation\n\
            Comité de Fauna;Ana Pérez;ana@example.org;es;América del Norte;\n\
            Plants Committee;Bo Chen;bo@example.org;en;;\n\
            ONG;Sam Lee;sam@traffic.example;en;;TRAFFIC\n\
            ngo;Kim Park;kim@traffic.example;en;Asie;traffic\n\
            ngo;Sam again;SAM@traffic.example;en;;Traffic\n\
            partner_academia;Sam Lee;sam@traffic.example;en;;TRAFFIC\n\
            academia;No Org;no@example.org;en;;\n";
        let report = read(text, known, &HashSet::new());
        assert_eq!(report.header_error, None, "no party or role column needed");
        let o = |i: usize| &report.rows[i].outcome;
        let RowOutcome::Valid(ana) = o(0) else {
            panic!("{:?}", o(0))
        };
        assert_eq!(ana.constituency, Constituency::AnimalsCommittee);
        assert_eq!(ana.region, Some(Region::NorthAmerica));
        assert_eq!(ana.role, ContactRole::Other);
        assert_eq!(ids(o(1)), ["error-required"], "a member needs a region");
        let RowOutcome::Valid(sam) = o(2) else {
            panic!("{:?}", o(2))
        };
        assert_eq!(sam.organisation.as_deref(), Some("TRAFFIC"));
        assert!(matches!(o(3), RowOutcome::Valid(_)), "another address");
        assert_eq!(
            *o(4),
            RowOutcome::Duplicate,
            "same organisation and address"
        );
        assert!(
            matches!(o(5), RowOutcome::Valid(_)),
            "another kind of partner"
        );
        assert_eq!(
            ids(o(6)),
            ["error-required"],
            "a partner needs its organisation"
        );

        let valid: Vec<Contact> = report.valid().into_iter().cloned().collect();
        let back = read(&write(&valid), known, &HashSet::new());
        assert!(back.is_clean(), "{back:?}");
        assert_eq!(back.valid().into_iter().cloned().collect::<Vec<_>>(), valid);
        let existing: HashSet<_> = valid.iter().map(Contact::key).collect();
        assert_eq!(read(&write(&valid), known, &existing).exists_count(), 4);
    }

    #[test]
    fn export_then_import_finds_everything_existing() {
        let contacts = vec![contact(
            "KE",
            "A",
            "a@kws.go.ke",
            ContactRole::Other,
            Lang::En,
            true,
        )];
        let existing: HashSet<_> = contacts.iter().map(Contact::key).collect();
        let report = read(&write(&contacts), known, &existing);
        assert_eq!(report.exists_count(), 1);
        assert!(report.valid().is_empty());
    }

    /// A small deterministic generator, so the fuzz test needs no crate.
    struct XorShift(u64);

    impl XorShift {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
    }

    #[test]
    fn never_panics_on_odd_input() {
        let header = "party;name;email;role;language;active\n";
        let alphabet: Vec<char> = ",;\"'\r\n\t =+-@aéñü\u{feff}\u{0}KEFR@.x".chars().collect();
        let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
        for case in 0..3000 {
            let len = (rng.next() % 80) as usize;
            let body: String = if case % 3 == 0 {
                let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
                String::from_utf8_lossy(&bytes).into_owned()
            } else {
                (0..len)
                    .map(|_| alphabet[(rng.next() as usize) % alphabet.len()])
                    .collect()
            };
            let with_header = format!("{header}{body}");
            for text in [body.as_str(), with_header.as_str()] {
                let report = read(text, known, &existing());
                if report.header_error.is_some() {
                    assert!(report.rows.is_empty());
                }
                assert_eq!(
                    report.rows.len(),
                    report.valid_count()
                        + report.invalid_count()
                        + report.duplicate_count()
                        + report.exists_count()
                );
                let mut last = 0;
                for row in &report.rows {
                    assert!(row.line > last, "{text:?}");
                    last = row.line;
                }
            }
        }
        for odd in [
            "party,name,email,role,language\n\"KE,\"A\"\"\",\"",
            "party,name,email,role,language\nKE,\"unterminated,a@b.org,other,en\n",
            "party,name,email,role,language\n\"\"\"\"\"\"\n,,,,,,,,,,,,\n\"",
            "\"party\",\"name\",\"email\",\"role\",\"language\"\r\rKE,A,a@b.org,other,en\r",
        ] {
            let _ = read(odd, known, &existing());
        }
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(300))]

            #[test]
            fn any_text_is_read_without_panic(body in "[,;\"'\r\n\t a-zé@.=KE\u{feff}]{0,120}") {
                let text = format!("party,name,email,role,language,active\n{body}");
                let report = read(&text, known, &HashSet::new());
                prop_assert!(report.header_error.is_none());
                let _ = read(&body, known, &HashSet::new());
            }

            #[test]
            fn any_name_round_trips(name in "['=+@-]{0,3}[^\u{0}-\u{1f}\u{7f}-\u{9f}]{1,60}", active in any::<bool>()) {
                let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
                prop_assume!(!name.is_empty());
                let c = contact("KE", &name, "a@kws.go.ke", ContactRole::Other, Lang::Fr, active);
                let report = read(&write(std::slice::from_ref(&c)), known, &HashSet::new());
                prop_assert_eq!(report.valid(), vec![&c]);
            }
        }
    }
}
