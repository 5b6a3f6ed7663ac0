# Invitations par courriel, le lien privé et le suivi par le Secrétariat.

invitation-email-subject = Consultation CITES : { $title }
reminder-email-subject = Rappel — consultation CITES : { $title }
invitation-email-greeting = Madame, Monsieur { $name },
invitation-email-invited = Le Secrétariat CITES invite { $party } à répondre à la consultation « { $title } », qui s'inscrit dans le cadre intégré de renforcement des capacités de la Convention (décisions 19.40 à 19.43).
reminder-email-reminded = Ceci est un rappel : la consultation « { $title } » attend toujours la réponse de { $party }. Si votre Partie a déjà répondu, veuillez ne pas tenir compte de ce message.
invitation-email-deadline = Veuillez répondre avant le { $deadline }. Vous pouvez enregistrer un brouillon et y revenir avec le même lien, depuis n'importe quel appareil.
invitation-email-link = Votre lien privé vers la consultation :
invitation-email-private = Ce lien vous est personnel : toute personne qui le possède peut répondre à votre place. Veuillez ne pas le transférer. Les collègues de votre autorité qui ont été invités reçoivent le leur.
invitation-email-anonymity = Vos réponses sont anonymes. Elles sont conservées séparément de votre invitation, et rien dans la base de données ne les relie à vous ni à votre Partie ; les synthèses ne montrent que des groupes de plusieurs Parties, jamais une seule. Veuillez ne pas nommer votre pays dans vos réponses écrites.
invitation-email-why = Vous recevez ce message parce que le Secrétariat CITES vous a enregistré comme point focal de { $party }.
invitation-email-reply = Des questions ? Répondez à ce message : il parviendra au Secrétariat.
invitation-email-signature = Le Secrétariat CITES
invitations-error-not-open = Les invitations ne peuvent être envoyées que lorsque la consultation est ouverte.
invite-title = Votre invitation
invite-invalid-title = Ce lien ne peut pas être utilisé
invite-invalid = Ce lien n'est pas valide : il est peut-être mal recopié, a été retiré, ou sa consultation est close. Si vous pensez qu'il s'agit d'une erreur, répondez au courriel qui vous a conduit ici.
invite-welcome = Vous êtes invité(e) à répondre à cette consultation.
invite-deadline = Veuillez répondre avant le { $deadline }.
invite-anonymous = Vos réponses sont anonymes : rien ne les relie à vous ni à votre Partie.
invitations-stale = Des invitations ou des rappels ont été envoyés, ou le calendrier des rappels a changé, depuis que vous avez ouvert cette page : rien n'a été fait. La page les montre maintenant tels qu'ils sont : vérifiez et réessayez.

## Committee members and partners
invitation-email-invited-personal = Le Secrétariat CITES vous invite à répondre à la consultation « { $title } », qui s'inscrit dans le cadre intégré de renforcement des capacités de la Convention (décisions 19.40 à 19.43).
reminder-email-reminded-personal = Ceci est un rappel : la consultation « { $title } » attend toujours votre réponse. Si vous avez déjà répondu, veuillez ne pas tenir compte de ce message.
invitation-email-private-personal = Ce lien vous est personnel : toute personne qui le possède peut répondre à votre place. Veuillez ne pas le transférer.
invitation-email-private-organisation = Ce lien vous est personnel : toute personne qui le possède peut répondre à votre place. Veuillez ne pas le transférer. Les collègues de votre organisation qui ont été invités reçoivent le leur et travaillent sur la même réponse que vous.
invitation-email-anonymity-personal = Vos réponses sont anonymes. Elles sont conservées séparément de votre invitation, et rien dans la base de données ne les relie à vous ; les synthèses ne montrent que des groupes de plusieurs répondants, jamais un seul. Veuillez ne nommer ni vous-même, ni votre organisation, ni votre pays dans vos réponses écrites.
invitation-email-why-committee = Vous recevez ce message parce que le Secrétariat CITES vous a enregistré comme membre de l'organe suivant : { $constituency }, représentant la région { $region }.
invitation-email-why-partner = Vous recevez ce message parce que le Secrétariat CITES vous a enregistré comme contact de { $organisation }.
invite-anonymous-personal = Vos réponses sont anonymes : rien ne les relie à vous.
