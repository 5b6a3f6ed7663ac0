## Navigation and frame
nav-skip = Aller au contenu principal
nav-main-label = Navigation principale
nav-home = Accueil
nav-parties = Parties
nav-sign-in = Se connecter
nav-sign-out = Se déconnecter
nav-language-label = Langue
footer-text = Consulta — consultations sur le cadre de renforcement des capacités de la CITES (décisions 19.40 à 19.43).

## Home
home-title = Consulta
home-intro = Consulta recueille l'avis des Parties à la CITES sur leurs besoins en matière de renforcement des capacités, en anglais, en français et en espagnol, et garantit l'anonymat de chaque réponse.
home-respondents = Si vous avez été invité à répondre à une consultation, ouvrez le lien personnel figurant dans le courriel que vous avez reçu. Aucun compte n'est nécessaire.
home-staff-sign-in = Connexion du personnel
home-signed-in-as = Vous êtes connecté en tant que { $email } ({ $role }).
home-manage-parties = Gérer le registre des Parties

## Roles
role-secretariat = Secrétariat CITES
role-organiser = Organisateur d'atelier

## Sign-in
sign-in-title = Se connecter
sign-in-already = Vous êtes déjà connecté. Une nouvelle connexion remplace votre session.
sign-in-submit = Se connecter
field-email = Adresse électronique
field-password = Mot de passe

## Forms
form-problem-heading = Un problème est survenu
field-choose = — Choisir —
error-required = Saisissez une valeur.
error-too-long = Ce texte est trop long.
error-invalid-form = Certaines réponses doivent être corrigées.
error-sign-in-failed = La connexion a échoué. Vérifiez votre adresse électronique et votre mot de passe ; après plusieurs échecs, attendez 15 minutes avant de réessayer.
error-cross-site = Ce formulaire a été envoyé depuis un autre site et a été refusé.

## Errors
error-unauthenticated-title = Veuillez vous connecter
error-unauthenticated = Cette page est réservée au personnel du Secrétariat et aux organisateurs d'ateliers. Connectez-vous pour continuer.
error-forbidden-title = Accès non autorisé
error-forbidden = Votre compte ne donne pas accès à cette page.
error-not-found-title = Page introuvable
error-not-found = Il n'y a rien à cette adresse. Vérifiez le lien ou revenez à la page d'accueil.
error-internal-title = Une erreur s'est produite
error-internal = Le serveur n'a pas pu traiter votre demande. Rien de ce que vous avez saisi n'a été perdu ; veuillez réessayer dans un instant.
error-request-title = Demande incomprise
error-request = La demande n'a pas pu être lue. Veuillez revenir en arrière et réessayer.
error-results-pending-title = Résultats après la clôture de la consultation
error-results-pending = Résultats après la clôture de la consultation. Tant qu'une consultation est ouverte, aucun résumé, export, réponse rédigée ni dossier n'est montré à quiconque : des chiffres qui changent à chaque réponse permettraient de retrouver les réponses d'une Partie en comparant deux lectures. Les chiffres sont calculés une seule fois, à la clôture de la consultation.

## Notices
notice-signed-in = Vous êtes connecté.
notice-signed-out = Vous êtes déconnecté.
notice-party-added = La Partie a été ajoutée.
notice-party-saved = Les modifications ont été enregistrées.

## Parties
parties-title = Parties à la CITES
parties-total = { $count ->
    [one] { $count } Partie dans le registre.
   *[other] { $count } Parties dans le registre.
}
parties-count = { $count ->
    [one] ({ $count } Partie)
   *[other] ({ $count } Parties)
}
parties-add = Ajouter une Partie
parties-regions-label = Régions CITES
parties-actions = Actions
parties-edit = Modifier
parties-edit-label = Modifier { $name }
field-party-code = Code
field-party-code-hint = Deux lettres : le code ISO 3166-1 alpha-2 (EU pour l'Union européenne).
field-party-name = Nom
field-region = Région CITES
field-names-legend = Nom dans chaque langue de travail
field-name-en = Nom en anglais
field-name-fr = Nom en français
field-name-es = Nom en espagnol
error-party-code = Saisissez deux lettres, par exemple KE.
error-region = Choisissez l'une des six régions CITES.
error-party-exists = Une Partie portant ce code figure déjà dans le registre.
party-new-title = Ajouter une Partie
party-edit-title = Modifier { $name }
party-back = Retour à la liste des Parties
party-save = Enregistrer les modifications
party-add = Ajouter la Partie
party-updated = Dernière modification le { $date }.

## Dates
date-long = { $day } { $month } { $year }
date-time = { $date } à { $time } UTC
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre
