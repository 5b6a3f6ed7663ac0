## Navigation
nav-consultations = Consultations
nav-glossary = Glossary
nav-audit = Audit log
lang-en = English
lang-fr = French
lang-es = Spanish

## Notices
notice-saved = Your changes have been saved.
notice-consultation-created = The consultation has been created as a draft.
notice-consultation-imported = The file has been imported as a new draft.
notice-consultation-duplicated = A copy has been made as a new draft.
notice-state-changed = The consultation's status has changed.

## Consultation list
consultations-title = Consultations
consultations-none = There are no consultations yet.
consultations-new = Start a consultation
consultations-start-from = Start from
consultations-create = Create the draft
template-needs-assessment = Capacity-building needs assessment (Decision 19.41(b))
template-framework-ideas = Ideas for an integrated capacity-building framework (Decision 19.40)
template-regional-workshop = Regional consultation and technical workshop (Decision 19.43)
template-blank = A blank consultation
import-title = Import a consultation file
import-field = Consultation file (JSON)
import-hint = Paste the content of a file exported from Consulta. Nothing is saved unless the whole file is correct.
import-submit = Import as a new draft
import-error-malformed = The file could not be read.
import-error-at = The problem is at line { $line }, column { $column }.
import-error-format = This is not a Consulta consultation file.
import-error-version = This file was made by a version of Consulta that this one does not know.
import-error-version-detail = File version { $version }; this version of Consulta reads version 1.
import-error-invalid = The file's structure is inconsistent. Nothing has been imported:

## States and Decisions
state-draft = Draft
state-open = Open
state-closed = Closed
state-archived = Archived
decision-19-40 = Decision 19.40
decision-19-41b = Decision 19.41(b)
decision-19-43 = Decision 19.43
decision-other = Other

## One consultation
consultation-back = Back to the consultations
consultation-untitled = Untitled consultation
consultation-state = Status
consultation-status = Status and translation
consultation-translated = Translation completeness
consultation-texts-done = { $done } of { $total } texts
consultation-preview-in = Preview in { $language }
consultation-export = Export as a file
consultation-duplicate = Duplicate as a new draft
consultation-to-open = Open the consultation
consultation-to-closed = Close the consultation
consultation-to-archived = Archive the consultation
consultation-texts = Title and texts
consultation-field-title = Title
consultation-field-introduction = Introduction
consultation-field-closing = Closing text
consultation-field-decision = Decision served
consultation-save-texts = Save the texts
consultation-dates = Dates
consultation-opens = Opening date
consultation-deadline = Deadline
consultation-save-dates = Save the dates
consultation-gate-refused = The consultation cannot be opened while texts are missing. Fill in each of these:
consultation-gate-missing = { $place } — { $language }
consultation-error-transition = This change of status is not possible.
consultation-error-no-deadline = Set a deadline before opening the consultation.
consultation-error-deadline-passed = The deadline has passed: set a later one before opening the consultation.
consultation-error-empty = Add at least one question before opening the consultation.
consultation-error-not-editable = A closed or archived consultation cannot be changed.
consultation-error-date = Enter a date and time, for example 2027-03-31 17:00.
consultation-error-date-order = The deadline must be after the opening date.

## Editor
editor-structure = Sections and questions
editor-untitled = (no text yet)
editor-edit-section = Edit section { $name }
editor-edit-question = Edit question { $name }
editor-edit = Edit
editor-move-up = Move up
editor-move-down = Move down
editor-delete = Delete
editor-add-section = Add a section
editor-add-question = Add the question
editor-question-type = New question of type
editor-required = Required
editor-conditional = Shown depending on { $question }
editor-locked = This consultation already has responses or drafts: its structure can no longer change.
editor-locked-explained = This consultation has responses or drafts, so its structure is locked: questions and options cannot be added, removed or change type. Texts can still be corrected.
editor-invalid = This change would make the consultation inconsistent, so it was not made:
editor-back-to-consultation = Back to the consultation
editor-section-title = Section title
editor-section-introduction = Section introduction
editor-save-section = Save the section
editor-prompt = Question
editor-help = Help text
editor-settings = Settings
editor-other = Offer "Other — please specify"
editor-max-choices = Most answers allowed (leave empty for no limit)
editor-ranking-top = How many to rank
editor-max-length = Longest answer allowed (characters)
editor-integer = Whole numbers only
editor-min = Smallest value allowed
editor-max = Largest value allowed
editor-list-options = Options
editor-list-points = Scale points
editor-list-rows = Rows
editor-list-columns = Columns
editor-choice-id = Id
editor-add-choice = Add a line
editor-condition = Display condition
editor-condition-hint = Show this question only when an earlier question has one of the answers ticked below.
editor-condition-question = Depends on
editor-condition-none = Always shown
editor-condition-answers = Answers to { $question }
editor-terms = Glossary terms
editor-terms-hint = Respondents can read the definition of each ticked term beside the question.
editor-save-question = Save the question
editor-error-number = Enter a number.
editor-error-whole-number = Enter a whole number.

## Question types
kind-single-choice = Single choice
kind-multiple-choice = Multiple choice
kind-scale = Anchored scale
kind-matrix = Matrix
kind-ranking = Ranking
kind-short-text = Short text
kind-long-text = Long text
kind-number = Number

## Survey checks
survey-error-id = Ids use lower-case letters, digits, "-" and "_" (at most 40).
survey-error-duplicate-id = This id is used twice.
survey-error-reserved-id = "_other" is the id of the answer "Other — please specify": give this choice another id.
survey-error-too-few-choices = Too few choices.
survey-error-too-many-choices = Too many choices.
survey-error-too-many-sections = Too many sections.
survey-error-too-many-questions = Too many questions.
survey-error-max-choices = The most answers allowed must be between 1 and the number of options.
survey-error-ranking-top = The number to rank must be between 1 and the number of options.
survey-error-text-length = The longest answer allowed is out of range.
survey-error-number-bound = A limit is not a valid number (whole numbers only if so set).
survey-error-number-range = The smallest value is larger than the largest.
survey-error-condition-self = A question cannot depend on itself.
survey-error-condition-backwards = A question can only depend on an earlier question.
survey-error-condition-kind = A question can only depend on a choice or scale question.
survey-error-condition-empty = Tick at least one answer for the condition.
survey-error-condition-answer = The condition names an answer that does not exist.
survey-error-term = A glossary term key is not valid.

## Preview and the respondent's form
preview-banner = Preview in { $language }: this is exactly what respondents see. Nothing can be submitted here.
respond-required-note = Questions marked "required" must be answered before you submit.
respond-required = (required)
respond-submit = Submit my answers
respond-other = Other — please specify
respond-max-choices = Choose up to { $max }.
respond-max-length = At most { $max } characters.
respond-ranking = Choose the { $top } most important, in order.
respond-rank = Choice no. { $rank }
respond-condition = Answer only if you answered { $answers } to "{ $question }".

## Glossary
glossary-title = Glossary
glossary-intro = A common language and clear definitions (Decision 19.41(a)). Questions can link these terms so that respondents read the definition in place.
glossary-add = Add a term
glossary-edit = Edit the term
glossary-edit-term = Edit "{ $term }"
glossary-key = Key
glossary-key-hint = Lower-case letters, digits and "-", for example non-detriment-finding. It cannot be changed later.
glossary-term = Term
glossary-definition = Definition
glossary-save = Save the term
glossary-error-key = Use lower-case letters, digits, "-" and "_" (at most 40).

## Audit log
audit-title = Audit log
audit-when = When
audit-who = Who
audit-what = Action
audit-target = Subject

## Constituencies a consultation invites
consultation-invites = Constituencies invited
consultation-invites-hint = Only contacts of the constituencies ticked can be invited. Each constituency's responses are summarised as groups of their own, never mixed into the Parties' figures. Once answers exist, this cannot change.
consultation-error-constituencies = Tick at least one constituency to invite.
constituency-answers-per-party = one response per Party
constituency-answers-per-invitee = one response per invited authority
constituency-answers-per-member = one response per member
constituency-answers-per-organisation = one response per organisation (its invited contacts share it)
