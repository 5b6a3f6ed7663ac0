//! Text in CITES' three working languages: the one shape of every
//! three-language text (a survey's titles and questions, a workshop's texts,
//! Party and region names).

use crate::domain::lang::Lang;
use serde::{Deserialize, Serialize};

/// A text in English, French and Spanish.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    #[serde(default)]
    pub en: String,
    #[serde(default)]
    pub fr: String,
    #[serde(default)]
    pub es: String,
}

impl Text {
    pub fn new(en: &str, fr: &str, es: &str) -> Self {
        Text {
            en: en.into(),
            fr: fr.into(),
            es: es.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Fr => &self.fr,
            Lang::Es => &self.es,
        }
    }

    pub fn set(&mut self, lang: Lang, value: String) {
        match lang {
            Lang::En => self.en = value,
            Lang::Fr => self.fr = value,
            Lang::Es => self.es = value,
        }
    }

    /// Empty in every language (an optional text left out).
    pub fn is_blank(&self) -> bool {
        Lang::ALL.iter().all(|l| self.get(*l).trim().is_empty())
    }
}

/// A name as typed by hand, reduced to what compares it: lower case, common
/// Latin accents removed, runs of whitespace as one space ("Comité  de
/// Fauna" and "comite de fauna" are the same name).
pub fn fold(raw: &str) -> String {
    let lower = raw.to_lowercase();
    let plain: String = lower
        .chars()
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ä' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            c => c,
        })
        .collect();
    plain.split_whitespace().collect::<Vec<_>>().join(" ")
}
