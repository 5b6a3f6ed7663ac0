//! Consultations (their content is a JSON survey document), the glossary of
//! common terms (Decision 19.41(a)), and the audit log of staff actions.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Consultation {
    Table,
    Id,
    State,
    Decision,
    Document,
    OpensAt,
    Deadline,
    /// Responses and drafts started: once above zero, the structure is locked.
    AnswersStarted,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum GlossaryTerm {
    Table,
    Key,
    TermEn,
    TermFr,
    TermEs,
    DefinitionEn,
    DefinitionFr,
    DefinitionEs,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum AuditEvent {
    Table,
    Id,
    At,
    Actor,
    Action,
    Target,
    Detail,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Consultation::Table)
                .col(string_len(Consultation::Id, 32).primary_key())
                .col(string_len(Consultation::State, 16))
                .col(string_len(Consultation::Decision, 16))
                .col(text(Consultation::Document))
                .col(timestamp_with_time_zone_null(Consultation::OpensAt))
                .col(timestamp_with_time_zone_null(Consultation::Deadline))
                .col(integer(Consultation::AnswersStarted).default(0))
                .col(timestamp_with_time_zone(Consultation::CreatedAt))
                .col(timestamp_with_time_zone(Consultation::UpdatedAt))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(GlossaryTerm::Table)
                .col(string_len(GlossaryTerm::Key, 40).primary_key())
                .col(text(GlossaryTerm::TermEn))
                .col(text(GlossaryTerm::TermFr))
                .col(text(GlossaryTerm::TermEs))
                .col(text(GlossaryTerm::DefinitionEn))
                .col(text(GlossaryTerm::DefinitionFr))
                .col(text(GlossaryTerm::DefinitionEs))
                .col(timestamp_with_time_zone(GlossaryTerm::UpdatedAt))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(AuditEvent::Table)
                .col(string_len(AuditEvent::Id, 32).primary_key())
                .col(timestamp_with_time_zone(AuditEvent::At))
                .col(string_len(AuditEvent::Actor, 254))
                .col(string_len(AuditEvent::Action, 64))
                .col(text(AuditEvent::Target))
                .col(text(AuditEvent::Detail))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("audit_event_at_idx")
                .table(AuditEvent::Table)
                .col(AuditEvent::At)
                .to_owned(),
        )
        .await?;
        seed_glossary(m).await
    }
}

/// The core terms, as the Convention and its Resolutions use them.
async fn seed_glossary(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    let terms: &[[&str; 7]] = &[
        [
            "management-authority",
            "Management Authority",
            "organe de gestion",
            "Autoridad Administrativa",
            "The national authority designated under Article IX to grant permits and certificates on behalf of a Party.",
            "Autorité nationale désignée en vertu de l'Article IX pour délivrer les permis et certificats au nom d'une Partie.",
            "Autoridad nacional designada en virtud del Artículo IX para conceder permisos y certificados en nombre de una Parte.",
        ],
        [
            "scientific-authority",
            "Scientific Authority",
            "autorité scientifique",
            "Autoridad Científica",
            "The national authority designated under Article IX to advise whether trade will be detrimental to the survival of a species.",
            "Autorité nationale désignée en vertu de l'Article IX pour indiquer si le commerce nuira à la survie d'une espèce.",
            "Autoridad nacional designada en virtud del Artículo IX para dictaminar si el comercio perjudicará la supervivencia de una especie.",
        ],
        [
            "non-detriment-finding",
            "non-detriment finding",
            "avis de commerce non préjudiciable",
            "dictamen de extracción no perjudicial",
            "The Scientific Authority's advice that an export will not be detrimental to the survival of the species.",
            "Avis de l'autorité scientifique selon lequel une exportation ne nuira pas à la survie de l'espèce.",
            "Dictamen de la Autoridad Científica de que una exportación no perjudicará la supervivencia de la especie.",
        ],
        [
            "legal-acquisition-finding",
            "legal acquisition finding",
            "avis d'acquisition légale",
            "dictamen de adquisición legal",
            "The Management Authority's finding that specimens were not obtained in contravention of the Party's laws.",
            "Constat de l'organe de gestion selon lequel les spécimens n'ont pas été obtenus en contravention des lois de la Partie.",
            "Dictamen de la Autoridad Administrativa de que los especímenes no se obtuvieron en contravención de la legislación de la Parte.",
        ],
        [
            "capacity-building",
            "capacity-building",
            "renforcement des capacités",
            "fomento de capacidad",
            "Activities that strengthen the ability of Parties' authorities to implement and enforce the Convention.",
            "Activités qui renforcent l'aptitude des autorités des Parties à appliquer la Convention et à en faire respecter les dispositions.",
            "Actividades que fortalecen la capacidad de las autoridades de las Partes para aplicar y hacer cumplir la Convención.",
        ],
    ];
    let mut insert = Query::insert()
        .into_table(GlossaryTerm::Table)
        .columns([
            GlossaryTerm::Key,
            GlossaryTerm::TermEn,
            GlossaryTerm::TermFr,
            GlossaryTerm::TermEs,
            GlossaryTerm::DefinitionEn,
            GlossaryTerm::DefinitionFr,
            GlossaryTerm::DefinitionEs,
            GlossaryTerm::UpdatedAt,
        ])
        .to_owned();
    let now = sea_orm_migration::sea_orm::prelude::ChronoUtc::now();
    for t in terms {
        insert.values_panic([
            t[0].into(),
            t[1].into(),
            t[2].into(),
            t[3].into(),
            t[4].into(),
            t[5].into(),
            t[6].into(),
            now.into(),
        ]);
    }
    m.exec_stmt(insert).await?;
    Ok(())
}
