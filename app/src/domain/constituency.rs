//! Constituencies: in which capacity a contact is asked to answer
//! (Decision 19.41(b): the perspectives of different regions *and
//! stakeholders*; 19.42: the Animals and Plants Committees engage in the
//! consultations). A Party's authorities are today's focal points; Committee
//! members answer in their Committee role, for the CITES region they
//! represent; partners answer for their organisation, grouped by its kind.
//!
//! A constituency is the one attribute besides the region that crosses from
//! the invitation into the response: responses of different constituencies
//! are summarised as groups of their own, never mixed into Party figures.

use super::coded::coded;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

coded! {
    /// Stored on contacts and responses, sent in forms and CSV files, and
    /// written by its code in consultation documents.
    #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum Constituency {
        /// A Party's authority (Management, Scientific, enforcement, other).
        #[default]
        Party = "party" => "constituency-party",
        /// A member of the Animals Committee / Comité pour les animaux / Comité de Fauna.
        AnimalsCommittee = "animals_committee" => "constituency-animals-committee",
        /// A member of the Plants Committee / Comité pour les plantes / Comité de Flora.
        PlantsCommittee = "plants_committee" => "constituency-plants-committee",
        /// A member of the Standing Committee / Comité permanent / Comité Permanente.
        StandingCommittee = "standing_committee" => "constituency-standing-committee",
        /// A member of the Standing Committee's intersessional working group on capacity-building.
        StandingCommitteeWorkingGroup = "sc_working_group" => "constituency-sc-working-group",
        /// A member of the Finance and Budget Subcommittee.
        FinanceSubcommittee = "finance_subcommittee" => "constituency-finance-subcommittee",
        /// A partner: an intergovernmental organisation.
        PartnerIgo = "partner_igo" => "constituency-partner-igo",
        /// A partner: a non-governmental organisation.
        PartnerNgo = "partner_ngo" => "constituency-partner-ngo",
        /// A partner: indigenous peoples and local communities.
        PartnerIplc = "partner_iplc" => "constituency-partner-iplc",
        /// A partner: academia.
        PartnerAcademia = "partner_academia" => "constituency-partner-academia",
        /// A partner: the private sector.
        PartnerPrivate = "partner_private" => "constituency-partner-private",
    }
}

impl Serialize for Constituency {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Constituency {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let code = String::deserialize(d)?;
        Constituency::parse(&code)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown constituency {code:?}")))
    }
}

/// The three kinds of constituency, which differ in who answers and what a
/// contact must say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A Party's authorities: the Party is required; its region is the Party's.
    Party,
    /// Committee members: the CITES region they represent is required (their
    /// Party, which nominated them, is optional and never crosses into a
    /// response).
    Committee,
    /// Partner organisations: the organisation's name is required; a region
    /// is optional (where it mainly works; none: worldwide).
    Partner,
}

/// Who gives one response, within a constituency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    /// One response per Party (or per invitee, as the consultation says).
    Party,
    /// One response per Committee member (each invitation).
    Member,
    /// One response per partner organisation (its contacts share it).
    Organisation,
}

impl Constituency {
    pub fn kind(self) -> Kind {
        match self {
            Constituency::Party => Kind::Party,
            Constituency::AnimalsCommittee
            | Constituency::PlantsCommittee
            | Constituency::StandingCommittee
            | Constituency::StandingCommitteeWorkingGroup
            | Constituency::FinanceSubcommittee => Kind::Committee,
            Constituency::PartnerIgo
            | Constituency::PartnerNgo
            | Constituency::PartnerIplc
            | Constituency::PartnerAcademia
            | Constituency::PartnerPrivate => Kind::Partner,
        }
    }

    /// Who gives one response in this constituency.
    pub fn unit(self) -> Unit {
        match self.kind() {
            Kind::Party => Unit::Party,
            Kind::Committee => Unit::Member,
            Kind::Partner => Unit::Organisation,
        }
    }

    /// Every constituency but the Parties', in declaration order.
    pub fn others() -> impl Iterator<Item = Constituency> {
        Constituency::ALL
            .into_iter()
            .filter(|c| *c != Constituency::Party)
    }

    /// The message id of the sentence saying in which capacity a person is
    /// asked to answer (invitation e-mail, welcome page). Its arguments:
    /// `$party` (Parties), `$region` (Committees), `$organisation` (partners).
    pub fn capacity_message_id(self) -> &'static str {
        match self.kind() {
            Kind::Party => "capacity-party",
            Kind::Committee => "capacity-committee",
            Kind::Partner => "capacity-partner",
        }
    }

    /// Accepts the code, or the constituency's name in English, French or
    /// Spanish, case, accents and extra spaces ignored (CSV import).
    pub fn recognise(raw: &str) -> Option<Constituency> {
        let key = super::text::fold(raw);
        if key.is_empty() {
            return None;
        }
        Constituency::ALL
            .into_iter()
            .find(|c| c.code() == key || c.names().contains(&key.as_str()))
    }

    /// Accepted names, already folded (lower case, no accents, single spaces).
    fn names(self) -> &'static [&'static str] {
        match self {
            Constituency::Party => &["party", "partie", "parte", "authority", "autorite"],
            Constituency::AnimalsCommittee => &[
                "animals committee",
                "comite pour les animaux",
                "comite de fauna",
            ],
            Constituency::PlantsCommittee => &[
                "plants committee",
                "comite pour les plantes",
                "comite de flora",
            ],
            Constituency::StandingCommittee => &[
                "standing committee",
                "comite permanent",
                "comite permanente",
            ],
            Constituency::StandingCommitteeWorkingGroup => &[
                "standing committee working group",
                "working group",
                "groupe de travail du comite permanent",
                "groupe de travail",
                "grupo de trabajo del comite permanente",
                "grupo de trabajo",
            ],
            Constituency::FinanceSubcommittee => &[
                "finance and budget subcommittee",
                "sous-comite des finances et du budget",
                "subcomite de finanzas y presupuesto",
            ],
            Constituency::PartnerIgo => &[
                "intergovernmental organisation",
                "intergovernmental organization",
                "igo",
                "organisation intergouvernementale",
                "organizacion intergubernamental",
            ],
            Constituency::PartnerNgo => &[
                "non-governmental organisation",
                "non-governmental organization",
                "ngo",
                "organisation non gouvernementale",
                "ong",
                "organizacion no gubernamental",
            ],
            Constituency::PartnerIplc => &[
                "indigenous peoples and local communities",
                "iplc",
                "peuples autochtones et communautes locales",
                "pueblos indigenas y comunidades locales",
            ],
            Constituency::PartnerAcademia => &[
                "academia",
                "milieu universitaire",
                "universite",
                "circulos academicos",
                "academico",
            ],
            Constituency::PartnerPrivate => &["private sector", "secteur prive", "sector privado"],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_unknown_is_refused() {
        for c in Constituency::ALL {
            assert_eq!(Constituency::parse(c.code()), Some(c));
            assert_eq!(Constituency::recognise(c.code()), Some(c));
        }
        assert_eq!(Constituency::parse("committee"), None);
        assert_eq!(Constituency::recognise(""), None);
    }

    #[test]
    fn names_in_the_three_languages_are_recognised() {
        assert_eq!(
            Constituency::recognise("Comité de  Fauna"),
            Some(Constituency::AnimalsCommittee)
        );
        assert_eq!(
            Constituency::recognise("COMITÉ POUR LES PLANTES"),
            Some(Constituency::PlantsCommittee)
        );
        assert_eq!(
            Constituency::recognise("Sous-comité des finances et du budget"),
            Some(Constituency::FinanceSubcommittee)
        );
        assert_eq!(
            Constituency::recognise("ONG"),
            Some(Constituency::PartnerNgo)
        );
        assert_eq!(
            Constituency::recognise("ngo"),
            Some(Constituency::PartnerNgo)
        );
    }

    #[test]
    fn documents_carry_codes() {
        let json = serde_json::to_string(&Constituency::StandingCommitteeWorkingGroup).unwrap();
        assert_eq!(json, "\"sc_working_group\"");
        for c in Constituency::ALL {
            let back: Constituency =
                serde_json::from_str(&serde_json::to_string(&c).unwrap()).unwrap();
            assert_eq!(back, c);
        }
        assert!(serde_json::from_str::<Constituency>("\"Party\"").is_err());
    }

    #[test]
    fn each_kind_has_its_unit_and_only_parties_are_parties() {
        assert_eq!(Constituency::Party.unit(), Unit::Party);
        assert_eq!(Constituency::AnimalsCommittee.unit(), Unit::Member);
        assert_eq!(Constituency::PartnerIplc.unit(), Unit::Organisation);
        assert!(Constituency::others().all(|c| c.kind() != Kind::Party));
        assert_eq!(Constituency::others().count(), Constituency::ALL.len() - 1);
    }
}
