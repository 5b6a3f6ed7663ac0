//! Summaries for organisers and the Secretariat: who may see which regions
//! of a consultation, its results (frozen at close, with disclosure control
//! on every figure), free-text answers by region page by page, and the
//! Secretariat's monitoring counters (never beside answers).

use super::closing::{self, Frozen};
use super::consultations::{self, Consultation};
use super::workshops;
use crate::domain::account::{Role, StaffUser};
use crate::domain::constituency::Constituency;
use crate::domain::ids::{ConsultationId, ContactId, PartyCode};
use crate::domain::lang::Lang;
use crate::domain::region::Region;
use crate::domain::response::KeptRegion;
use crate::domain::summary::{self, Grouping, Summary};
use crate::domain::survey::lifecycle::State;
use crate::domain::survey::{Question, QuestionKind};
use crate::error::AppError;
use crate::ssr::entities::{contact, invitation as inv, party, response as r, response_day as rd};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::{BTreeMap, HashMap, HashSet};

/// A consultation as a viewer may summarise it.
#[derive(Debug, Clone)]
pub struct Viewable {
    pub consultation: Consultation,
    /// The regions whose groups the viewer may see.
    pub regions: Vec<Region>,
    /// Whether groupings across every region (overall, by status) are open
    /// to the viewer (the Secretariat).
    pub all_regions: bool,
}

impl Viewable {
    /// The groupings this viewer is offered.
    pub fn groupings(&self) -> Vec<Grouping> {
        if self.all_regions {
            Grouping::ALL.to_vec()
        } else {
            vec![Grouping::Region, Grouping::RegionSupport]
        }
    }

    /// `asked` if offered, else the first grouping offered.
    pub fn grouping(&self, asked: Option<Grouping>) -> Grouping {
        let offered = self.groupings();
        asked.filter(|g| offered.contains(g)).unwrap_or(offered[0])
    }
}

/// Consultation `id` as `user` may summarise it; not found when the user
/// may see none of its regions (an organiser not assigned to a workshop
/// drawing on it), or when it was never opened to answers.
pub async fn viewable(
    db: &DatabaseConnection,
    user: &StaffUser,
    id: &ConsultationId,
) -> Result<Viewable, AppError> {
    let regions = workshops::summary_regions(db, user, id).await?;
    if regions.is_empty() {
        return Err(AppError::NotFound);
    }
    let consultation = consultations::get(db, id).await?;
    if consultation.state == State::Draft {
        return Err(AppError::NotFound);
    }
    Ok(Viewable {
        consultation,
        regions,
        all_regions: user.role == Role::Secretariat,
    })
}

/// The consultations `user` may summarise (with their regions).
pub async fn list(db: &DatabaseConnection, user: &StaffUser) -> Result<Vec<Viewable>, AppError> {
    let mut out = Vec::new();
    for c in consultations::list(db).await? {
        if c.state == State::Draft {
            continue;
        }
        let regions = workshops::summary_regions(db, user, &c.id).await?;
        if !regions.is_empty() {
            out.push(Viewable {
                consultation: c,
                regions,
                all_regions: user.role == Role::Secretariat,
            });
        }
    }
    Ok(out)
}

/// The frozen results of `v`: refused while it is open (results are
/// computed once, when it closes, so that no two readings differ by a few
/// responses).
pub async fn results(db: &DatabaseConnection, v: &Viewable) -> Result<Frozen, AppError> {
    closing::frozen(db, &v.consultation.id)
        .await?
        .ok_or(AppError::ResultsPending)
}

/// The summaries of `v` by each of `groupings` (as offered to the viewer),
/// restricted to the viewer's regions.
pub fn summaries(frozen: &Frozen, v: &Viewable, groupings: &[Grouping]) -> Vec<Summary> {
    groupings
        .iter()
        .filter_map(|g| frozen.summary(v.grouping(Some(*g))))
        .map(|s| s.clone().for_regions(&v.regions))
        .collect()
}

/// The groupings of another constituency offered to `v`'s viewer: overall
/// and by region for the Secretariat; by region only for an organiser (a
/// constituency-wide figure is the Secretariat's, as the Parties' overall
/// groupings are).
pub fn constituency_groupings(v: &Viewable) -> Vec<Grouping> {
    if v.all_regions {
        summary::CONSTITUENCY_GROUPINGS.to_vec()
    } else {
        vec![Grouping::Region]
    }
}

/// Every other constituency's summaries of `frozen` as `v`'s viewer may
/// see them: by [`constituency_groupings`], restricted to the viewer's
/// regions.
pub fn constituency_summaries(frozen: &Frozen, v: &Viewable) -> Vec<(Constituency, Vec<Summary>)> {
    let groupings = constituency_groupings(v);
    frozen
        .constituencies
        .iter()
        .map(|c| {
            (
                c.constituency(),
                groupings
                    .iter()
                    .filter_map(|g| c.figures.summary(*g))
                    .map(|s| s.clone().for_regions(&v.regions))
                    .collect(),
            )
        })
        .collect()
}

/// Free-text answers per page.
pub const TEXTS_PER_PAGE: u64 = 25;

/// One page of a region's free-text answers to a question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Texts {
    /// No texts are shown for the region (fewer than k, or the region is
    /// withheld).
    pub withheld: bool,
    /// How many texts the region has (0 when withheld).
    pub n: u64,
    pub page: u64,
    pub pages: u64,
    /// Each text, with its language where at least k of the list share it.
    pub texts: Vec<(String, Option<Lang>)>,
}

/// Whether `q` has free text to read: text questions, and a single choice's
/// "other".
pub fn has_texts(q: &Question) -> bool {
    matches!(
        q.kind,
        QuestionKind::ShortText { .. }
            | QuestionKind::LongText { .. }
            | QuestionKind::SingleChoice { other: true, .. }
    )
}

/// Page `page` (1-based) of `region`'s free-text answers to `question` of
/// `constituency`'s respondents, as frozen at close. Texts are listed by region only — one grouping, whose
/// groups never overlap, so no two lists can be intersected or differenced
/// — and in an order drawn at random for each question.
pub async fn texts(
    db: &DatabaseConnection,
    v: &Viewable,
    frozen: &Frozen,
    question: &str,
    constituency: Constituency,
    region: Region,
    page: u64,
) -> Result<Texts, AppError> {
    v.consultation
        .survey
        .questions()
        .find(|q| q.id == question)
        .filter(|q| has_texts(q))
        .ok_or(AppError::NotFound)?;
    if !v.regions.contains(&region) {
        return Err(AppError::NotFound);
    }
    let Some(n) = frozen.texts_in(constituency, question, region) else {
        return Ok(Texts {
            withheld: true,
            n: 0,
            page: 1,
            pages: 1,
            texts: vec![],
        });
    };
    let pages = n.div_ceil(TEXTS_PER_PAGE).max(1);
    let page = page.clamp(1, pages);
    let texts = closing::texts(
        db,
        &v.consultation.id,
        question,
        constituency,
        region,
        (page - 1) * TEXTS_PER_PAGE,
        TEXTS_PER_PAGE,
    )
    .await?;
    Ok(Texts {
        withheld: false,
        n,
        page,
        pages,
        texts,
    })
}

/// The Secretariat's counters for one consultation: per region, the
/// Parties (or people) invited, those who submitted, and the responses
/// received — of the Parties' authorities only —; and submissions per
/// day. Never shown with answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Monitoring {
    /// (region, invited, submitted per the invitations, responses received).
    pub regions: Vec<(Region, u64, u64, u64)>,
    /// (`YYYY-MM-DD`, first submissions that day).
    pub days: Vec<(String, u64)>,
}

pub async fn monitoring(db: &DatabaseConnection, c: &Consultation) -> Result<Monitoring, AppError> {
    let per_party = c.survey.respondents() == crate::domain::survey::Respondents::PerParty;
    let parties: HashMap<PartyCode, Region> = party::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.code, p.region_code))
        .collect();
    // Parties' authorities only: other constituencies are not Parties.
    let contacts: HashMap<ContactId, PartyCode> = contact::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|c| Some((c.id, c.party_code?)))
        .collect();
    let mut invited: BTreeMap<Region, HashSet<String>> = BTreeMap::new();
    let mut submitted: BTreeMap<Region, HashSet<String>> = BTreeMap::new();
    for i in inv::Entity::find()
        .filter(inv::Column::ConsultationId.eq(c.id.as_str()))
        .filter(inv::Column::Withdrawn.eq(false))
        .all(db)
        .await?
    {
        let Some(party) = contacts.get(&i.contact_id) else {
            continue;
        };
        let Some(region) = parties.get(party) else {
            continue;
        };
        let who = if per_party {
            party.to_string()
        } else {
            i.id.to_string()
        };
        invited.entry(*region).or_default().insert(who.clone());
        if i.submitted {
            submitted.entry(*region).or_default().insert(who);
        }
    }
    // The Parties' responses only: another constituency's counted in with
    // them would tell, less the Parties' published figures, the size of
    // its groups by region (withheld ones included).
    let received: Vec<(KeptRegion, i64)> = r::Entity::find()
        .select_only()
        .column(r::Column::Region)
        .column_as(r::Column::Id.count(), "n")
        .filter(r::Column::ConsultationId.eq(c.id.as_str()))
        .filter(r::Column::Constituency.eq(Constituency::Party))
        .filter(r::Column::Submitted.is_not_null())
        .group_by(r::Column::Region)
        .into_tuple()
        .all(db)
        .await?;
    // Responses whose region was withheld at close count under none.
    let received: HashMap<Region, i64> = received
        .into_iter()
        .filter_map(|(r, n)| Some((r.0?, n)))
        .collect();
    let regions = Region::ALL
        .into_iter()
        .map(|r| {
            (
                r,
                invited.get(&r).map_or(0, |s| s.len() as u64),
                submitted.get(&r).map_or(0, |s| s.len() as u64),
                received.get(&r).copied().unwrap_or(0).max(0) as u64,
            )
        })
        .collect();
    let days = rd::Entity::find()
        .filter(rd::Column::ConsultationId.eq(c.id.as_str()))
        .order_by_asc(rd::Column::Day)
        .all(db)
        .await?
        .into_iter()
        .map(|d| (d.day, d.submissions.max(0) as u64))
        .collect();
    Ok(Monitoring { regions, days })
}
