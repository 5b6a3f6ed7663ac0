//! A small CSV reader for the reference data shipped with the migrations
//! (RFC 4180: quoted fields may hold commas and doubled quotes).

pub fn parse(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(parse_line)
        .collect()
}

fn parse_line(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.trim_end_matches('\r').chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', true) => quoted = false,
            ('"', false) if field.is_empty() => quoted = true,
            (',', false) => fields.push(std::mem::take(&mut field)),
            (c, _) => field.push(c),
        }
    }
    fields.push(field);
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields() {
        let rows = parse("a,b\ncsca,\"América Central, del Sur y el Caribe\",\"x\"\"y\"\n");
        assert_eq!(
            rows[1],
            vec!["csca", "América Central, del Sur y el Caribe", "x\"y"]
        );
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
        assert_eq!(regions.len() - 1, 6);
        let count = |code: &str| parties.iter().filter(|r| r[1] == code).count();
        assert_eq!(count("north_america"), 3);
        assert_eq!(count("africa"), 53);
        assert_eq!(count("europe"), 49);
    }
}
