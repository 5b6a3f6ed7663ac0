## Répondre à une consultation (pages des répondants)

invite-closed-title = Cette consultation est close
invite-closed = Cette consultation n'est pas ouverte aux réponses. Si elle est close, les réponses reçues sont en cours d'examen ; merci. Si vous pensez qu'il s'agit d'une erreur, répondez au courriel qui vous a conduit ici.
invite-withdrawn-title = Cette invitation a été retirée
invite-withdrawn = Le Secrétariat a retiré cette invitation. Si vous pensez qu'il s'agit d'une erreur, répondez au courriel qui vous a conduit ici.
notice-response-saved = Vos réponses sont enregistrées. Pour continuer, ouvrez à nouveau le lien de votre courriel, sur cet appareil ou sur un autre.

response-status-none = Vous n'avez pas encore commencé.
response-status-draft = Vos réponses sont enregistrées comme brouillon ; elles n'ont pas été soumises.
response-status-draft-party = Les réponses de votre Partie sont enregistrées comme brouillon ; elles n'ont pas été soumises.
response-status-reopened = Vos réponses soumises sont ouvertes aux modifications. Elles comptent telles qu'elles ont été soumises jusqu'à ce que vous les soumettiez à nouveau.
response-status-submitted = Vos réponses ont été soumises. Merci.
response-status-submitted-party = Votre Partie a répondu : sa réponse a été soumise. Merci.
response-per-party-note = Toutes les personnes invitées de votre Partie travaillent sur la même réponse : un collègue a peut-être déjà enregistré des réponses. La première soumission fait foi.
response-changes-until = Vous pouvez modifier les réponses soumises jusqu'au { $deadline }.
response-start = Commencer à répondre
response-continue = Continuer à répondre
response-review-link = Relire et soumettre
response-copy-link = Voir et imprimer une copie des réponses
response-reopen-help = Cette consultation permet de modifier les réponses soumises jusqu'à la date limite.
response-reopen = Modifier les réponses soumises
response-print-link = Imprimer le questionnaire pour préparer vos réponses hors ligne
response-done-title = Vos réponses ont été soumises
response-done = Merci. Vos réponses ont été reçues ; rien ne les relie à vous ni à votre Partie. Aucun courriel de confirmation n'est envoyé, à dessein : il enregistrerait le moment de votre réponse.
response-done-party = Merci. Les réponses de votre Partie ont été reçues ; rien ne les relie à vous ni à votre Partie. Aucun courriel de confirmation n'est envoyé, à dessein : il enregistrerait le moment de votre réponse.

response-steps-label = Parties du questionnaire
response-step = Partie { $n } sur { $total } :
response-profile-title = À propos de votre Partie
response-profile-intro = Deux informations sur votre Partie sont conservées avec vos réponses afin de pouvoir les résumer par région CITES et selon que la Partie fournit ou reçoit un appui. Rien d'autre sur vous ou votre Partie n'est conservé avec elles.
response-region-hint = Tirée de votre invitation ; elle ne peut pas être modifiée ici.
response-profile-support = Appui au renforcement des capacités
response-profile-support-hint = Votre Partie fournit-elle ou reçoit-elle un appui au renforcement des capacités (financement, expertise, formation) ?
response-no-names = Veuillez ne pas nommer votre pays, votre autorité ou vos collègues dans vos réponses : vos réponses sont anonymes, et des noms permettraient de les identifier.
response-next = Enregistrer et continuer
response-to-review = Enregistrer et relire
response-back = Enregistrer et revenir
response-save-later = Enregistrer et continuer plus tard
response-switch-language = Changer de langue (vos réponses sont d'abord enregistrées)
response-stale = Une autre personne de votre Partie a enregistré cette réponse après l'ouverture de cette page. Vos réponses de cette page sont affichées ci-dessous mais pas encore enregistrées : comparez-les à celles de votre collègue et enregistrez à nouveau.
response-already-submitted = La réponse de votre Partie a déjà été soumise ; ces modifications n'ont donc pas été enregistrées.

response-review-title = Relisez vos réponses
response-copy-title = Copie de vos réponses soumises
response-copy-hint = Utilisez la commande Imprimer de votre navigateur pour imprimer cette page ou l'enregistrer en PDF.
response-review-problems = Avant de pouvoir soumettre
response-not-answered = Sans réponse
response-change = Modifier
response-submit-final = Une fois soumises, les réponses ne peuvent plus être modifiées.
response-submit-changes-allowed = Après la soumission, vous pourrez encore modifier les réponses jusqu'à la date limite.
response-print-hint = Une copie vierge du questionnaire, pour préparer vos réponses avec vos collègues. Utilisez la commande Imprimer de votre navigateur. Les réponses se saisissent en ligne grâce à votre lien personnel.

response-error-required = Une réponse est requise.
response-error-other-text = Veuillez préciser ce que recouvre « autre ».
response-error-too-long = Cette réponse est trop longue.
response-error-too-many = Trop d'options sont cochées.
response-error-rank-twice = La même option est choisie pour deux rangs.
response-error-rank-gap = Un rang est laissé vide avant un rang suivant.
response-error-number = Saisissez un nombre, par exemple 12 ou 12,5.
response-error-integer = Saisissez un nombre entier.
response-error-range = Ce nombre est en dehors de la plage autorisée.
response-error-number-size = Ce nombre est trop grand ou trop long : au plus 15 chiffres avant la virgule, et au plus 30 caractères en tout.
response-error-control = Cette réponse contient un caractère de contrôle invisible (souvent introduit par un copier-coller). Supprimez-le, ou saisissez à nouveau la réponse, puis enregistrez.
response-error-too-many-saves = Trop d'enregistrements depuis ce lien en peu de temps : celui-ci n'a pas été effectué. Vos réponses sont affichées ci-dessous telles que vous les avez saisies : attendez une minute, puis enregistrez à nouveau.
response-error-unavailable = Vos réponses n'ont pas pu être enregistrées : la base de données est momentanément inaccessible. Ce que vous avez saisi figure toujours ci-dessous ; enregistrez de nouveau dans quelques minutes.
response-error-storage-full = Vos réponses n'ont pas pu être enregistrées : l'espace de stockage du serveur est plein. Ce que vous avez saisi figure toujours ci-dessous ; enregistrez de nouveau plus tard.
response-error-too-many-requests = Trop d'enregistrements depuis ce lien en peu de temps : cette demande n'a pas été traitée. Attendez une minute, puis réessayez.
response-error-shape = Cette réponse ne correspond pas à la question.
response-error-not-applicable = Cette question ne s'applique pas compte tenu de votre réponse précédente ; effacez-la ou modifiez cette réponse.
response-error-nothing-saved = Rien n'a encore été enregistré : répondez d'abord au questionnaire.
response-error-no-changes = Cette consultation ne permet pas de modifier les réponses après leur soumission.

respond-other-text = Veuillez préciser
respond-number-range = De { $min } à { $max }.

respondents-per-party = Une réponse par Partie (toutes les personnes invitées d'une Partie partagent un brouillon)
respondents-per-invitee = Une réponse par personne invitée

support-provides = Fournit un appui
support-receives = Reçoit un appui
support-both = Fournit et reçoit un appui
support-neither = Ne fournit ni ne reçoit d'appui

consultation-field-respondents = Qui répond
consultation-field-allow-changes = Les répondants peuvent modifier leurs réponses soumises jusqu'à la date limite

response-all-title = Le questionnaire complet sur une seule page
response-all-intro = Toutes les questions sur une seule page : répondez, puis soumettez, ou enregistrez et continuez plus tard. Les mêmes réponses apparaissent partie par partie dans le formulaire guidé.
response-all-link = Répondre plutôt sur une seule page

## Committee members and partners
response-profile-intro-other = Deux informations sont conservées avec vos réponses afin de pouvoir les résumer : le groupe au titre duquel vous répondez et une région CITES. Rien d'autre sur vous n'est conservé avec elles. La question de l'appui fourni ou reçu n'est posée qu'aux Parties.
response-region-none = Aucune : monde entier
response-per-organisation-note = Toutes les personnes invitées de votre organisation travaillent sur la même réponse : un collègue a peut-être déjà enregistré des réponses. La première soumission fait foi.
response-done-other = Merci. Vos réponses ont été reçues ; rien ne les relie à vous. Aucun courriel de confirmation n'est envoyé, à dessein : il enregistrerait le moment de votre réponse.
response-no-names-other = Veuillez ne nommer ni vous-même, ni votre organisation, ni votre pays, ni vos collègues dans vos réponses : vos réponses sont anonymes, et des noms les rendraient identifiables.
response-profile-title-other = À propos de votre participation
