# Focal points (contacts) and the invitations page.

nav-contacts = Contacts
contacts-title = Focal points
contacts-intro = The people the Secretariat invites to answer consultations: for each Party, its Management Authority, Scientific Authority, enforcement authority or other focal points; members of the Committees, for the CITES region they represent; and partners' contacts, for their organisation — each with the language they read.
contacts-count = { $count ->
    [one] One contact
   *[other] { $count } contacts
}, { $active } active, { $failing } with a failing address.
contacts-status = Status
contacts-active = Active
contacts-inactive = Inactive
contacts-failing = Address failing: { $reason }
contacts-export = Download every contact (CSV)
contacts-add = Add a contact
contacts-add-submit = Add the contact
contacts-save = Save the contact
contacts-back = Back to the focal points
contacts-edit-title = Contact: { $name }
contacts-import = Import contacts from a CSV file
contacts-import-hint = One contact per line, with the columns party (ISO code, e.g. KE), name, email, role (Management Authority, Scientific Authority, enforcement, other), language (en, fr or es) and, optionally, active (yes or no), constituency (e.g. Animals Committee, NGO; empty: a Party's authority), region (the region a Committee member represents, or a partner's) and organisation (partners). Commas or semicolons. Nothing is saved until you confirm.
contacts-import-file = CSV file
contacts-import-preview = Check the file
contacts-import-review = Check each line below. Only the lines marked “ready” will be added when you confirm; the others are left out.
contacts-import-nothing = No line of this file can be added. Correct the file and try again.
contacts-import-confirm-heading = Add the ready lines
contacts-import-confirm = Confirm the import
contacts-import-line = Line { $line }: { $what }
contacts-import-row-valid = ready ({ $email }, { $party })
contacts-import-row-duplicate = the same contact (Party, or Committee, or organisation, and address) is on an earlier line.
contacts-import-row-exists = this contact (Party, or Committee, or organisation, and address) already exists.
contacts-import-too-large = The file is larger than 2 MB. Split it and import each part.
contact-field-party = Party
contact-field-name = Name
contact-field-role = Role
contact-field-lang = Language of correspondence
contact-field-active = Active (receives invitations)
contact-role-management = Management Authority
contact-role-scientific = Scientific Authority
contact-role-enforcement = Enforcement authority
contact-role-other = Other focal point
contact-error-email = Enter an e-mail address such as name@example.org.
contact-error-lang = Choose English, French or Spanish (en, fr or es).
contact-error-party-unknown = This Party is not in the register.
contact-error-role = Choose Management Authority, Scientific Authority, enforcement authority or other.
contact-error-exists = This contact already exists: the same Party (or Committee, or organisation) has a contact with this e-mail address.
contact-import-error-columns = The file needs the columns name, email and language on its first line, and party and role unless it has a constituency column.
contact-import-error-empty = The file is empty.
contact-import-error-active = Write yes or no in the “active” column.
contact-import-error-row = This line cannot be read.
notice-contacts-imported = { $n ->
    [one] One contact has been added.
   *[other] { $n } contacts have been added.
}
notice-invitations-queued = { $queued ->
    [one] One invitation is being sent.
   *[other] { $queued } invitations are being sent.
} { $already ->
    [0] {""}
    [one] One contact had already been invited and was not invited again.
   *[other] { $already } contacts had already been invited and were not invited again.
}
notice-reminders-queued = { $queued ->
    [one] One reminder is being sent.
   *[other] { $queued } reminders are being sent.
}
invitations-title = Invitations: { $title }
invitations-progress = Delivery
invitations-delivered = { $done } of { $total } handled
invitations-by-region = Invitations by CITES region
invitations-invited = Invited
invitations-opened = Link opened
invitations-submitted = Answered
invitations-send-heading = Invite focal points
invitations-who = Who to invite
invitations-who-all = Every active contact of the constituencies this consultation invites
invitations-who-region = The Parties' authorities of one region
invitations-who-role = The Parties' authorities with one role
invitations-who-chosen = The contacts chosen below
invitations-contacts = Contacts
invitations-preview = Count and preview
invitations-count = { $count ->
    [0] No contact will be invited.
    [one] One contact will be invited.
   *[other] { $count } contacts will be invited.
}
invitations-count-already = { $count ->
    [one] One contact already invited to this consultation is not invited again.
   *[other] { $count } contacts already invited to this consultation are not invited again.
}
invitations-count-all-already = { $count ->
    [one] No contact will be invited: the only active contact chosen is already invited to this consultation.
   *[other] No contact will be invited: all { $count } active contacts chosen are already invited to this consultation.
}
invitations-count-inactive = { $count ->
    [one] One inactive contact is not invited.
   *[other] { $count } inactive contacts are not invited.
}
invitations-preview-in = The e-mail in { $language }
invitations-preview-name = (name of the contact)
invitations-preview-party = (their Party)
invitations-send = Send { $count ->
    [one] the invitation
   *[other] the invitations
}
invitations-remind-heading = Reminders
invitations-remind-max = Remind each invitee at most this many times
invitations-remind = Remind those who have not answered
invitations-tracking = Each invitation
invitations-state = Delivery
invitations-state-queued = Waiting to be sent
invitations-state-sent = Sent
invitations-state-failed = Failed
invitations-reminders = Reminders
invitations-yes = Yes
invitations-no = No
consultation-invitations = Invitations
invitations-schedule-heading = Reminders that go by themselves
invitations-schedule-days = Days before the deadline
invitations-schedule-hint = For example “7, 2”: those who have not answered are reminded 7 days and 2 days before the deadline, in their language.
invitations-schedule-save = Save the schedule
invitations-schedule-pending = { $days } days before the deadline
invitations-schedule-done = { $days } days before the deadline (sent)
invitations-schedule-error = Write whole numbers of days from 1 to 90, separated by commas.
contacts-import-stale = Contacts or Parties changed since this preview, so nothing was imported. The file is read again below as things are now: check it and confirm again.

## Constituencies: in which capacity a contact is asked to answer
constituency-label = Constituency
constituency-party = Party (Management, Scientific or other authority)
constituency-animals-committee = Animals Committee
constituency-plants-committee = Plants Committee
constituency-standing-committee = Standing Committee
constituency-sc-working-group = Standing Committee working group on capacity-building
constituency-finance-subcommittee = Finance and Budget Subcommittee
constituency-partner-igo = Intergovernmental organisation
constituency-partner-ngo = Non-governmental organisation
constituency-partner-iplc = Indigenous peoples and local communities
constituency-partner-academia = Academia
constituency-partner-private = Private sector
capacity-party = You are asked to answer on behalf of { $party }.
capacity-committee = You are asked to answer in your capacity as a member of the following body: { $constituency } (representing { $region }).
capacity-partner = You are asked to answer on behalf of your organisation, { $organisation } ({ $constituency }).

## Contacts of Committees and partners
contact-field-region = Region
contact-field-organisation = Organisation
contacts-column-for = Party or organisation
contact-hint-constituency = A Party's authority, a member of a Committee, or a partner. Parties' authorities need a Party and a role; Committee members need the CITES region they represent; partners need their organisation.
contact-hint-party = Only for a Party's authority (leave empty for Committee members and partners).
contact-hint-region = Committee members: the CITES region they represent (required). Partners: the region where the organisation mainly works, if any (empty: worldwide). Leave empty for a Party's authority: its region is its Party's.
contact-hint-organisation = Only for partners: the organisation's name (required for them). Contacts of one organisation answer one response together.
contact-hint-role = Required for a Party's authority. Committee members and partners: leave empty or choose “other focal point”.
contact-error-not-asked = This constituency does not have this field: leave it empty.
contact-error-constituency = Choose a constituency from the list.
contact-error-region = Choose a CITES region: Africa, Asia, Central and South America and the Caribbean, Europe, North America or Oceania.
contact-error-role-not-party = Roles are for Parties' authorities: leave it empty or choose “other focal point”.

## Invitations by constituency
invitations-who-constituency = The contacts of one constituency
invitations-invites = This consultation invites: { $list }.
invitations-count-not-invited = { $count ->
    [one] One contact chosen is not invited: this consultation does not invite its constituency.
   *[other] { $count } contacts chosen are not invited: this consultation does not invite their constituency.
}
invitations-preview-region = (the region they represent)
invitations-preview-organisation = (their organisation)
