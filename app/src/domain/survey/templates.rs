//! Consultations shipped with the product, in all three languages with CITES'
//! official terms. Each is a document in the export format (`app/templates/`).

use super::document::import;
use super::model::Survey;

pub struct Template {
    pub key: &'static str,
    /// Fluent id of the template's name in the template list.
    pub message_id: &'static str,
    json: &'static str,
}

impl Template {
    pub fn survey(&self) -> Survey {
        import(self.json).expect("shipped templates are tested to import")
    }
}

pub const ALL: [Template; 3] = [
    Template {
        key: "needs-assessment-19-41b",
        message_id: "template-needs-assessment",
        json: include_str!("../../../templates/needs-assessment-19-41b.json"),
    },
    Template {
        key: "framework-ideas-19-40",
        message_id: "template-framework-ideas",
        json: include_str!("../../../templates/framework-ideas-19-40.json"),
    },
    Template {
        key: "regional-workshop-19-43",
        message_id: "template-regional-workshop",
        json: include_str!("../../../templates/regional-workshop-19-43.json"),
    },
];

pub fn find(key: &str) -> Option<&'static Template> {
    ALL.iter().find(|t| t.key == key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::survey::model::{Decision, QuestionKind};
    use crate::domain::survey::{translation, validate};

    #[test]
    fn every_template_is_valid_and_fully_translated() {
        for t in &ALL {
            let s = t.survey();
            assert_eq!(validate::validate(&s), Ok(()), "{}", t.key);
            assert_eq!(translation::missing(&s), vec![], "{}", t.key);
            assert!(s.questions().count() >= 5, "{}", t.key);
        }
    }

    #[test]
    fn the_needs_assessment_covers_every_implementation_area() {
        let s = find("needs-assessment-19-41b").unwrap().survey();
        assert_eq!(s.decision, Decision::D19_41b);
        let matrix = s
            .questions()
            .find_map(|q| match &q.kind {
                QuestionKind::Matrix { rows, columns } => Some((rows.clone(), columns.clone())),
                _ => None,
            })
            .expect("a capacity matrix");
        assert_eq!(matrix.0.len(), 11, "eleven implementation areas");
        assert_eq!(matrix.1.len(), 4, "capacity 0–3");
        assert!(s.questions().any(|q| {
            q.prompt.fr.contains("organe de gestion")
                || q.help.fr.contains("organe de gestion")
                || matrix
                    .0
                    .iter()
                    .any(|r| r.label.fr.contains("organe de gestion"))
        }));
        assert!(
            matrix
                .0
                .iter()
                .any(|r| r.label.es.contains("Autoridad Administrativa"))
        );
    }

    #[test]
    fn decisions_match() {
        assert_eq!(
            find("framework-ideas-19-40").unwrap().survey().decision,
            Decision::D19_40
        );
        assert_eq!(
            find("regional-workshop-19-43").unwrap().survey().decision,
            Decision::D19_43
        );
        assert!(find("nope").is_none());
    }
}
