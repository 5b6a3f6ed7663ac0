## Navigation
nav-consultations = Consultations
nav-glossary = Glossaire
nav-audit = Journal d'audit
lang-en = Anglais
lang-fr = Français
lang-es = Espagnol

## Notices
notice-saved = Vos modifications ont été enregistrées.
notice-consultation-created = La consultation a été créée à l'état de projet.
notice-consultation-imported = Le fichier a été importé comme nouveau projet.
notice-consultation-duplicated = Une copie a été créée comme nouveau projet.
notice-state-changed = Le statut de la consultation a changé.

## Consultation list
consultations-title = Consultations
consultations-none = Il n'y a pas encore de consultation.
consultations-new = Lancer une consultation
consultations-start-from = Partir de
consultations-create = Créer le projet
template-needs-assessment = Évaluation des besoins en matière de renforcement des capacités (décision 19.41 b))
template-framework-ideas = Idées pour un cadre intégré de renforcement des capacités (décision 19.40)
template-regional-workshop = Consultation régionale et atelier technique (décision 19.43)
template-blank = Une consultation vierge
import-title = Importer un fichier de consultation
import-field = Fichier de consultation (JSON)
import-hint = Collez le contenu d'un fichier exporté depuis Consulta. Rien n'est enregistré si le fichier n'est pas entièrement correct.
import-submit = Importer comme nouveau projet
import-error-malformed = Le fichier n'a pas pu être lu.
import-error-at = Le problème se trouve ligne { $line }, colonne { $column }.
import-error-format = Ce n'est pas un fichier de consultation Consulta.
import-error-version = Ce fichier a été produit par une version de Consulta que celle-ci ne connaît pas.
import-error-version-detail = Version du fichier : { $version } ; cette version de Consulta lit la version 1.
import-error-invalid = La structure du fichier est incohérente. Rien n'a été importé :

## States and Decisions
state-draft = Projet
state-open = Ouverte
state-closed = Close
state-archived = Archivée
decision-19-40 = Décision 19.40
decision-19-41b = Décision 19.41 b)
decision-19-43 = Décision 19.43
decision-other = Autre

## One consultation
consultation-back = Retour aux consultations
consultation-untitled = Consultation sans titre
consultation-state = Statut
consultation-status = Statut et traduction
consultation-translated = État de la traduction
consultation-texts-done = { $done } textes sur { $total }
consultation-preview-in = Aperçu en { $language }
consultation-export = Exporter dans un fichier
consultation-duplicate = Dupliquer comme nouveau projet
consultation-to-open = Ouvrir la consultation
consultation-to-closed = Clore la consultation
consultation-to-archived = Archiver la consultation
consultation-texts = Titre et textes
consultation-field-title = Titre
consultation-field-introduction = Introduction
consultation-field-closing = Texte de conclusion
consultation-field-decision = Décision concernée
consultation-save-texts = Enregistrer les textes
consultation-dates = Dates
consultation-opens = Date d'ouverture
consultation-deadline = Date limite
consultation-save-dates = Enregistrer les dates
consultation-gate-refused = La consultation ne peut pas être ouverte tant que des textes manquent. Complétez chacun des textes suivants :
consultation-gate-missing = { $place } — { $language }
consultation-error-transition = Ce changement de statut n'est pas possible.
consultation-error-no-deadline = Fixez une date limite avant d'ouvrir la consultation.
consultation-error-deadline-passed = La date limite est passée : fixez-en une plus tardive avant d'ouvrir la consultation.
consultation-error-empty = Ajoutez au moins une question avant d'ouvrir la consultation.
consultation-error-not-editable = Une consultation close ou archivée ne peut pas être modifiée.
consultation-error-date = Saisissez une date et une heure, par exemple 2027-03-31 17:00.
consultation-error-date-order = La date limite doit être postérieure à la date d'ouverture.

## Editor
editor-structure = Sections et questions
editor-untitled = (pas encore de texte)
editor-edit-section = Modifier la section { $name }
editor-edit-question = Modifier la question { $name }
editor-edit = Modifier
editor-move-up = Monter
editor-move-down = Descendre
editor-delete = Supprimer
editor-add-section = Ajouter une section
editor-add-question = Ajouter la question
editor-question-type = Nouvelle question de type
editor-required = Obligatoire
editor-conditional = Affichée selon { $question }
editor-locked = Cette consultation a déjà des réponses ou des brouillons : sa structure ne peut plus changer.
editor-locked-explained = Cette consultation a des réponses ou des brouillons ; sa structure est donc verrouillée : les questions et les options ne peuvent être ni ajoutées, ni supprimées, ni changer de type. Les textes peuvent encore être corrigés.
editor-invalid = Cette modification rendrait la consultation incohérente ; elle n'a donc pas été faite :
editor-back-to-consultation = Retour à la consultation
editor-section-title = Titre de la section
editor-section-introduction = Introduction de la section
editor-save-section = Enregistrer la section
editor-prompt = Question
editor-help = Texte d'aide
editor-settings = Paramètres
editor-other = Proposer « Autre — veuillez préciser »
editor-max-choices = Nombre maximal de réponses (vide : sans limite)
editor-ranking-top = Nombre d'éléments à classer
editor-max-length = Longueur maximale de la réponse (caractères)
editor-integer = Nombres entiers uniquement
editor-min = Valeur minimale
editor-max = Valeur maximale
editor-list-options = Options
editor-list-points = Points de l'échelle
editor-list-rows = Lignes
editor-list-columns = Colonnes
editor-choice-id = Identifiant
editor-add-choice = Ajouter une ligne
editor-condition = Condition d'affichage
editor-condition-hint = N'afficher cette question que si une question précédente a reçu l'une des réponses cochées ci-dessous.
editor-condition-question = Dépend de
editor-condition-none = Toujours affichée
editor-condition-answers = Réponses à { $question }
editor-terms = Termes du glossaire
editor-terms-hint = Les répondants peuvent lire la définition de chaque terme coché à côté de la question.
editor-save-question = Enregistrer la question
editor-error-number = Saisissez un nombre.
editor-error-whole-number = Saisissez un nombre entier.

## Question types
kind-single-choice = Choix unique
kind-multiple-choice = Choix multiple
kind-scale = Échelle graduée
kind-matrix = Matrice
kind-ranking = Classement
kind-short-text = Texte court
kind-long-text = Texte long
kind-number = Nombre

## Survey checks
survey-error-id = Les identifiants utilisent des minuscules, des chiffres, « - » et « _ » (40 au plus).
survey-error-duplicate-id = Cet identifiant est utilisé deux fois.
survey-error-reserved-id = « _other » est l'identifiant de la réponse « Autre — veuillez préciser » : donnez un autre identifiant à ce choix.
survey-error-too-few-choices = Trop peu de choix.
survey-error-too-many-choices = Trop de choix.
survey-error-too-many-sections = Trop de sections.
survey-error-too-many-questions = Trop de questions.
survey-error-max-choices = Le nombre maximal de réponses doit être compris entre 1 et le nombre d'options.
survey-error-ranking-top = Le nombre d'éléments à classer doit être compris entre 1 et le nombre d'options.
survey-error-text-length = La longueur maximale de la réponse est hors limites.
survey-error-number-bound = Une limite n'est pas un nombre valide (entier si ce paramètre est choisi).
survey-error-number-range = La valeur minimale est supérieure à la valeur maximale.
survey-error-condition-self = Une question ne peut pas dépendre d'elle-même.
survey-error-condition-backwards = Une question ne peut dépendre que d'une question précédente.
survey-error-condition-kind = Une question ne peut dépendre que d'une question à choix ou à échelle.
survey-error-condition-empty = Cochez au moins une réponse pour la condition.
survey-error-condition-answer = La condition mentionne une réponse qui n'existe pas.
survey-error-term = Une clé de terme du glossaire n'est pas valide.

## Preview and the respondent's form
preview-banner = Aperçu en { $language } : c'est exactement ce que voient les répondants. Rien ne peut être envoyé ici.
respond-required-note = Les questions marquées « obligatoire » doivent recevoir une réponse avant l'envoi.
respond-required = (obligatoire)
respond-submit = Envoyer mes réponses
respond-other = Autre — veuillez préciser
respond-max-choices = Choisissez-en { $max } au maximum.
respond-max-length = { $max } caractères au maximum.
respond-ranking = Choisissez les { $top } plus importants, dans l'ordre.
respond-rank = Choix n° { $rank }
respond-condition = Ne répondez que si vous avez répondu { $answers } à « { $question } ».

## Glossary
glossary-title = Glossaire
glossary-intro = Un langage commun et des définitions claires (décision 19.41 a)). Les questions peuvent renvoyer à ces termes pour que les répondants en lisent la définition sur place.
glossary-add = Ajouter un terme
glossary-edit = Modifier le terme
glossary-edit-term = Modifier « { $term } »
glossary-key = Clé
glossary-key-hint = Minuscules, chiffres et « - », par exemple non-detriment-finding. Elle ne peut plus être modifiée ensuite.
glossary-term = Terme
glossary-definition = Définition
glossary-save = Enregistrer le terme
glossary-error-key = Utilisez des minuscules, des chiffres, « - » et « _ » (40 au plus).

## Audit log
audit-title = Journal d'audit
audit-when = Date
audit-who = Auteur
audit-what = Action
audit-target = Objet

## Constituencies a consultation invites
consultation-invites = Groupes invités
consultation-invites-hint = Seuls les contacts des groupes cochés peuvent être invités. Les réponses de chaque groupe sont résumées dans des groupes à part, jamais mêlées aux chiffres des Parties. Dès qu'il existe des réponses, ce choix ne peut plus changer.
consultation-error-constituencies = Cochez au moins un groupe à inviter.
constituency-answers-per-party = une réponse par Partie
constituency-answers-per-invitee = une réponse par autorité invitée
constituency-answers-per-member = une réponse par membre
constituency-answers-per-organisation = une réponse par organisation (ses contacts invités la partagent)
