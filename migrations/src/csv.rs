//! Reads the reference data shipped with the migrations (`migrations/data/`)
//! with the `csv` crate (RFC 4180: quoted fields may hold commas, doubled
//! quotes and line breaks; CRLF or LF line endings; UTF-8).

/// Every row of `text`, the header row included, as its fields.
///
/// The input is data compiled into the binary and checked by the tests
/// below, so malformed input is a programming error: this panics, naming
/// the line, instead of seeding a half-read registry. See [`try_parse`].
pub fn parse(text: &str) -> Vec<Vec<String>> {
    try_parse(text).unwrap_or_else(|e| panic!("malformed reference CSV: {e}"))
}

/// Every row of `text`, the header row included. Blank lines are skipped;
/// every row must have as many fields as the first one.
pub fn try_parse(text: &str) -> Result<Vec<Vec<String>>, ::csv::Error> {
    ::csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|record| Ok(record?.iter().map(str::to_owned).collect()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields() {
        let rows = parse("a,b,c\ncsca,\"America Central, del Sur y el Caribe\",\"x\"\"y\"\n");
        assert_eq!(rows[0], vec!["a", "b", "c"]);
        assert_eq!(
            rows[1],
            vec!["csca", "America Central, del Sur y el Caribe", "x\"y"]
        );
    }

    #[test]
    fn utf8_names_crlf_and_blank_lines() {
        let rows =
            parse("iso2,name_fr\r\n\r\nCI,Côte d'Ivoire\r\nTR,\"Türkiye, République de\"\r\n\n");
        assert_eq!(
            rows,
            vec![
                vec!["iso2", "name_fr"],
                vec!["CI", "Côte d'Ivoire"],
                vec!["TR", "Türkiye, République de"],
            ]
        );
    }

    #[test]
    fn quoted_line_break_stays_in_its_field() {
        let rows = parse("a,b\n1,\"two\nlines\"\n");
        assert_eq!(rows, vec![vec!["a", "b"], vec!["1", "two\nlines"]]);
    }

    #[test]
    fn ragged_rows_are_rejected() {
        assert!(try_parse("a,b\n1,2,3\n").is_err());
        assert!(try_parse("a,b\n1\n").is_err());
    }

    #[test]
    #[should_panic(expected = "malformed reference CSV")]
    fn parse_panics_on_malformed_data() {
        parse("a,b\n1,2,3\n");
    }

    #[test]
    fn shipped_data_is_complete() {
        let parties = parse(include_str!("../data/cites-parties.csv"));
        assert_eq!(
            parties[0],
            vec!["iso2", "region", "name_en", "name_fr", "name_es"]
        );
        assert_eq!(parties.len() - 1, 183);
        assert!(
            parties
                .iter()
                .all(|r| r.len() == 5 && r.iter().all(|f| !f.is_empty()))
        );
        let regions = parse(include_str!("../data/cites-regions.csv"));
        assert_eq!(regions[0], vec!["code", "name_en", "name_fr", "name_es"]);
        assert_eq!(regions.len() - 1, 6);
        assert!(regions.iter().all(|r| r.len() == 4));
        let count = |code: &str| parties.iter().filter(|r| r[1] == code).count();
        assert_eq!(count("north_america"), 3);
        assert_eq!(count("africa"), 53);
        assert_eq!(count("europe"), 49);
        // Every party's region is one of the six.
        assert!(
            parties[1..]
                .iter()
                .all(|p| regions[1..].iter().any(|r| r[0] == p[1]))
        );
        // Codes are unique.
        let mut codes: Vec<&str> = parties[1..].iter().map(|p| p[0].as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), 183);
    }

    #[test]
    fn shipped_data_keeps_quoted_commas_and_accents() {
        let parties = parse(include_str!("../data/cites-parties.csv"));
        let party = |iso2: &str| {
            parties
                .iter()
                .find(|r| r[0] == iso2)
                .unwrap_or_else(|| panic!("{iso2} missing"))
        };
        assert_eq!(
            party("BO")[3..],
            [
                "Bolivie, état plurinational de",
                "Bolivia, Estado plurinacional de"
            ]
        );
        assert_eq!(party("CI")[2], "Côte d'Ivoire");
        assert_eq!(party("CI")[3], "Côte d'Ivoire");
        assert_eq!(party("TR")[2], "Türkiye");
        assert_eq!(party("AE")[3], "Émirats arabes unis");
    }
}
