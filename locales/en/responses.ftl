## Answering a consultation (the respondent's pages)

invite-closed-title = This consultation is closed
invite-closed = This consultation is not open for answers. If it has closed, the answers received are being reviewed; thank you. If you think this is a mistake, reply to the e-mail that brought you here.
invite-withdrawn-title = This invitation was withdrawn
invite-withdrawn = The Secretariat has withdrawn this invitation. If you think this is a mistake, reply to the e-mail that brought you here.
notice-response-saved = Your answers are saved. To continue, open the link in your e-mail again, on this or any other device.

response-status-none = You have not started yet.
response-status-draft = Your answers are saved as a draft; they have not been submitted.
response-status-draft-party = Your Party's answers are saved as a draft; they have not been submitted.
response-status-reopened = Your submitted answers are open for changes. They count as they were submitted until you submit again.
response-status-submitted = Your answers have been submitted. Thank you.
response-status-submitted-party = Your Party has answered: its response has been submitted. Thank you.
response-per-party-note = Everyone invited from your Party works on the same response: a colleague may have saved answers already. The first submission counts.
response-changes-until = You may change the submitted answers until { $deadline }.
response-start = Start answering
response-continue = Continue answering
response-review-link = Review and submit
response-copy-link = See and print a copy of the answers
response-reopen-help = This consultation lets you change submitted answers until its deadline.
response-reopen = Change the submitted answers
response-print-link = Print the questionnaire to prepare your answers offline
response-done-title = Your answers have been submitted
response-done = Thank you. Your answers have been received; nothing links them to you or to your Party. No confirmation e-mail is sent, on purpose: it would record when you answered.
response-done-party = Thank you. Your Party's answers have been received; nothing links them to you or to your Party. No confirmation e-mail is sent, on purpose: it would record when you answered.

response-steps-label = Parts of the questionnaire
response-step = Part { $n } of { $total }:
response-profile-title = About your Party
response-profile-intro = Two facts about your Party are kept with your answers so that they can be summarised by CITES region and by donor/recipient status. Nothing else about you or your Party is kept with them.
response-region-hint = From your invitation; it cannot be changed here.
response-profile-support = Capacity-building support
response-profile-support-hint = Does your Party provide or receive capacity-building support (funding, expertise, training)?
response-no-names = Please do not name your country, authority or colleagues in your answers: your answers are anonymous, and names would make them identifiable.
response-next = Save and continue
response-to-review = Save and review
response-back = Save and go back
response-save-later = Save and continue later
response-switch-language = Change language (your answers are saved first)
response-stale = Someone else from your Party saved this response after you opened this page. Your answers from this page are shown below but not saved yet: check them against your colleague's and save again.
response-already-submitted = Your Party's response has already been submitted, so these changes were not saved.

response-review-title = Review your answers
response-copy-title = A copy of your submitted answers
response-copy-hint = Use your browser's Print command to print this page or save it as PDF.
response-review-problems = Before you can submit
response-not-answered = Not answered
response-change = Change
response-submit-final = Once submitted, the answers can no longer be changed.
response-submit-changes-allowed = After submitting, you may still change the answers until the deadline.
response-print-hint = A blank copy of the questionnaire, to prepare your answers with colleagues. Use your browser's Print command. Answers are entered online through your private link.

response-error-required = An answer is needed.
response-error-other-text = Please say what "other" means here.
response-error-too-long = This answer is too long.
response-error-too-many = Too many options are chosen.
response-error-rank-twice = The same option is chosen for two ranks.
response-error-rank-gap = A rank is left blank before a later one.
response-error-number = Enter a number, for example 12 or 12.5.
response-error-integer = Enter a whole number.
response-error-range = This number is outside the range allowed.
response-error-number-size = This number is too large or too long: at most 15 digits before the decimal mark, and at most 30 characters in all.
response-error-control = This answer holds an invisible control character (often brought in by copying and pasting). Remove it, or type the answer again, then save.
response-error-too-many-saves = Too many saves from this link in a short time, so this one was not saved. Your answers are shown below as you typed them: wait a minute, then save again.
response-error-unavailable = Your answers could not be saved: the database cannot be reached at the moment. What you typed is still below; save again in a few minutes.
response-error-storage-full = Your answers could not be saved: the server has run out of storage space. What you typed is still below; save again later.
response-error-too-many-requests = Too many saves from this link in a short time, so this one was not carried out. Wait a minute, then try again.
response-error-shape = This answer does not fit the question.
response-error-not-applicable = This question does not apply given your earlier answer; clear it or change that answer.
response-error-nothing-saved = Nothing has been saved yet: answer the questionnaire first.
response-error-no-changes = This consultation does not allow changes after submitting.

respond-other-text = Please specify
respond-number-range = From { $min } to { $max }.

respondents-per-party = One response per Party (all invited contacts of a Party share one draft)
respondents-per-invitee = One response per invited contact

support-provides = Provides support
support-receives = Receives support
support-both = Both provides and receives support
support-neither = Neither provides nor receives support

consultation-field-respondents = Who answers
consultation-field-allow-changes = Respondents may change their submitted answers until the deadline

response-all-title = The whole questionnaire on one page
response-all-intro = Every question on one page: answer, then submit, or save and continue later. The same answers appear part by part in the guided form.
response-all-link = Answer on a single page instead

## Committee members and partners
response-profile-intro-other = Two facts are kept with your answers so that they can be summarised: the group in which you answer and a CITES region. Nothing else about you is kept with them. The donor/recipient status is asked of Parties only.
response-region-none = None: worldwide
response-per-organisation-note = Everyone invited from your organisation works on the same response: a colleague may have saved answers already. The first submission counts.
response-done-other = Thank you. Your answers have been received; nothing links them to you. No confirmation e-mail is sent, on purpose: it would record when you answered.
response-no-names-other = Please do not name yourself, your organisation, your country or colleagues in your answers: your answers are anonymous, and names would make them identifiable.
response-profile-title-other = About your participation
