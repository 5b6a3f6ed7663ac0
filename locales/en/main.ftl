## Navigation and frame
nav-skip = Skip to main content
nav-main-label = Main
nav-home = Home
nav-parties = Parties
nav-sign-in = Sign in
nav-sign-out = Sign out
nav-language-label = Language
footer-text = Consulta — consultations on the CITES capacity-building framework (Decisions 19.40 to 19.43).

## Home
home-title = Consulta
home-intro = Consulta gathers the views of CITES Parties on capacity-building needs, in English, French and Spanish, and keeps every response anonymous.
home-respondents = If you were invited to answer a consultation, open the private link in the e-mail you received. You do not need an account.
home-staff-sign-in = Staff sign-in
home-signed-in-as = You are signed in as { $email } ({ $role }).
home-manage-parties = Manage the register of Parties

## Roles
role-secretariat = CITES Secretariat
role-organiser = Workshop organiser

## Sign-in
sign-in-title = Sign in
sign-in-already = You are already signed in. Signing in again replaces your session.
sign-in-submit = Sign in
field-email = E-mail address
field-password = Password

## Forms
form-problem-heading = There is a problem
field-choose = — Choose —
error-required = Enter a value.
error-too-long = This is too long.
error-invalid-form = Some answers need correcting.
error-sign-in-failed = Sign-in failed. Check your e-mail address and password; after several failed attempts, wait 15 minutes before trying again.
error-cross-site = This form was sent from another site and has been refused.

## Errors
error-unauthenticated-title = Please sign in
error-unauthenticated = This page is for Secretariat staff and workshop organisers. Sign in to continue.
error-forbidden-title = Not allowed
error-forbidden = Your account does not give access to this page.
error-not-found-title = Page not found
error-not-found = There is nothing at this address. Check the link, or go back to the home page.
error-internal-title = Something went wrong
error-internal = The server could not complete your request. Nothing you entered has been lost; please try again in a moment.
error-request-title = Request not understood
error-request = The request could not be read. Please go back and try again.
error-results-pending-title = Results after the consultation closes
error-results-pending = Results after the consultation closes. While a consultation is open, no summary, export, written answer or briefing is shown to anyone: figures that change as responses arrive would let a reader work out one Party's answers by comparing two readings. The figures are computed once, when the consultation closes.

## Notices
notice-signed-in = You are signed in.
notice-signed-out = You have signed out.
notice-party-added = The Party has been added.
notice-party-saved = The changes have been saved.

## Parties
parties-title = Parties to CITES
parties-total = { $count ->
    [one] { $count } Party in the register.
   *[other] { $count } Parties in the register.
}
parties-count = { $count ->
    [one] ({ $count } Party)
   *[other] ({ $count } Parties)
}
parties-add = Add a Party
parties-regions-label = CITES regions
parties-actions = Actions
parties-edit = Edit
parties-edit-label = Edit { $name }
field-party-code = Code
field-party-code-hint = Two letters: the ISO 3166-1 alpha-2 code (EU for the European Union).
field-party-name = Name
field-region = CITES region
field-names-legend = Name in each working language
field-name-en = Name in English
field-name-fr = Name in French
field-name-es = Name in Spanish
error-party-code = Enter two letters, for example KE.
error-region = Choose one of the six CITES regions.
error-party-exists = A Party with this code is already in the register.
party-new-title = Add a Party
party-edit-title = Edit { $name }
party-back = Back to the list of Parties
party-save = Save changes
party-add = Add the Party
party-updated = Last changed on { $date }.

## Dates
date-long = { $day } { $month } { $year }
date-time = { $date } at { $time } UTC
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
