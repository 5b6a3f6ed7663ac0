# Invitations by e-mail, the private link, and the Secretariat's tracking.

invitation-email-subject = CITES consultation: { $title }
reminder-email-subject = Reminder — CITES consultation: { $title }
invitation-email-greeting = Dear { $name },
invitation-email-invited = The CITES Secretariat invites { $party } to answer the consultation “{ $title }”, part of the integrated capacity-building framework of the Convention (Decisions 19.40 to 19.43).
reminder-email-reminded = This is a reminder: the consultation “{ $title }” is still waiting for the answer of { $party }. If your Party has already answered, please ignore this message.
invitation-email-deadline = Please answer by { $deadline }. You can save a draft and come back to it with the same link, from any device.
invitation-email-link = Your private link to the consultation:
invitation-email-private = This link is yours: anyone who has it can answer in your place. Please do not forward it. Colleagues of your authority who were invited receive their own.
invitation-email-anonymity = Your answers are anonymous. They are stored apart from your invitation, and nothing in the database links them to you or to your Party; summaries show only groups of several Parties, never one. Please do not name your country in your written answers.
invitation-email-why = You receive this message because the CITES Secretariat has you on record as a focal point of { $party }.
invitation-email-reply = Questions? Reply to this message: it reaches the Secretariat.
invitation-email-signature = CITES Secretariat
invitations-error-not-open = Invitations can be sent only while the consultation is open.
invite-title = Your invitation
invite-invalid-title = This link cannot be used
invite-invalid = This link is not valid: it may be mistyped, withdrawn, or its consultation may be closed. If you think this is a mistake, reply to the e-mail that brought you here.
invite-welcome = You have been invited to answer this consultation.
invite-deadline = Please answer by { $deadline }.
invite-anonymous = Your answers are anonymous: nothing links them to you or to your Party.
invitations-stale = Invitations or reminders were sent, or the reminder schedule changed, since you opened this page, so nothing was done. The page now shows them as they are: check and try again.

## Committee members and partners
invitation-email-invited-personal = The CITES Secretariat invites you to answer the consultation “{ $title }”, part of the integrated capacity-building framework of the Convention (Decisions 19.40 to 19.43).
reminder-email-reminded-personal = This is a reminder: the consultation “{ $title }” is still waiting for your answer. If you have already answered, please ignore this message.
invitation-email-private-personal = This link is yours: anyone who has it can answer in your place. Please do not forward it.
invitation-email-private-organisation = This link is yours: anyone who has it can answer in your place. Please do not forward it. Colleagues of your organisation who were invited receive their own, and work on the same response as you.
invitation-email-anonymity-personal = Your answers are anonymous. They are stored apart from your invitation, and nothing in the database links them to you; summaries show only groups of several respondents, never one. Please do not name yourself, your organisation or your country in your written answers.
invitation-email-why-committee = You receive this message because the CITES Secretariat has you on record as a member of the { $constituency }, representing { $region }.
invitation-email-why-partner = You receive this message because the CITES Secretariat has you on record as a contact of { $organisation }.
invite-anonymous-personal = Your answers are anonymous: nothing links them to you.
