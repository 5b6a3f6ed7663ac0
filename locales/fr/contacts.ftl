# Points focaux (contacts) et page des invitations.

nav-contacts = Contacts
contacts-title = Points focaux
contacts-intro = Les personnes que le Secrétariat invite à répondre aux consultations : pour chaque Partie, son organe de gestion, son autorité scientifique, son autorité de lutte contre la fraude ou d'autres points focaux ; les membres des Comités, pour la région CITES qu'ils représentent ; et les contacts des partenaires, pour leur organisation — chacun avec la langue qu'il lit.
contacts-count = { $count ->
    [one] Un contact
   *[other] { $count } contacts
}, dont { $active } actifs et { $failing } dont l'adresse échoue.
contacts-status = État
contacts-active = Actif
contacts-inactive = Inactif
contacts-failing = Adresse en échec : { $reason }
contacts-export = Télécharger tous les contacts (CSV)
contacts-add = Ajouter un contact
contacts-add-submit = Ajouter le contact
contacts-save = Enregistrer le contact
contacts-back = Retour aux points focaux
contacts-edit-title = Contact : { $name }
contacts-import = Importer des contacts depuis un fichier CSV
contacts-import-hint = Un contact par ligne, avec les colonnes party (code ISO, p. ex. KE), name, email, role (organe de gestion, autorité scientifique, lutte contre la fraude, autre), language (en, fr ou es) et, facultativement, active (oui ou non), constituency (p. ex. Comité pour les animaux, ONG ; vide : une autorité d'une Partie), region (la région que représente un membre d'un Comité, ou celle d'un partenaire) et organisation (partenaires). Virgules ou points-virgules. Rien n'est enregistré avant votre confirmation.
contacts-import-file = Fichier CSV
contacts-import-preview = Vérifier le fichier
contacts-import-review = Vérifiez chaque ligne ci-dessous. Seules les lignes marquées « prête » seront ajoutées à votre confirmation ; les autres sont laissées de côté.
contacts-import-nothing = Aucune ligne de ce fichier ne peut être ajoutée. Corrigez le fichier et réessayez.
contacts-import-confirm-heading = Ajouter les lignes prêtes
contacts-import-confirm = Confirmer l'importation
contacts-import-line = Ligne { $line } : { $what }
contacts-import-row-valid = prête ({ $email }, { $party })
contacts-import-row-duplicate = le même contact (Partie, ou Comité, ou organisation, et adresse) figure sur une ligne précédente.
contacts-import-row-exists = ce contact (Partie, ou Comité, ou organisation, et adresse) existe déjà.
contacts-import-too-large = Le fichier dépasse 2 Mo. Divisez-le et importez chaque partie.
contact-field-party = Partie
contact-field-name = Nom
contact-field-role = Rôle
contact-field-lang = Langue de correspondance
contact-field-active = Actif (reçoit les invitations)
contact-role-management = Organe de gestion
contact-role-scientific = Autorité scientifique
contact-role-enforcement = Autorité de lutte contre la fraude
contact-role-other = Autre point focal
contact-error-email = Saisissez une adresse électronique telle que nom@exemple.org.
contact-error-lang = Choisissez l'anglais, le français ou l'espagnol (en, fr ou es).
contact-error-party-unknown = Cette Partie ne figure pas dans le registre.
contact-error-role = Choisissez organe de gestion, autorité scientifique, autorité de lutte contre la fraude ou autre.
contact-error-exists = Ce contact existe déjà : la même Partie (ou le même Comité, ou la même organisation) a un contact avec cette adresse électronique.
contact-import-error-columns = La première ligne du fichier doit contenir les colonnes name, email et language, ainsi que party et role s'il n'a pas de colonne constituency.
contact-import-error-empty = Le fichier est vide.
contact-import-error-active = Écrivez oui ou non dans la colonne « active ».
contact-import-error-row = Cette ligne ne peut pas être lue.
notice-contacts-imported = { $n ->
    [one] Un contact a été ajouté.
   *[other] { $n } contacts ont été ajoutés.
}
notice-invitations-queued = { $queued ->
    [one] Une invitation est en cours d'envoi.
   *[other] { $queued } invitations sont en cours d'envoi.
} { $already ->
    [0] {""}
    [one] Un contact avait déjà été invité et ne l'a pas été une seconde fois.
   *[other] { $already } contacts avaient déjà été invités et ne l'ont pas été une seconde fois.
}
notice-reminders-queued = { $queued ->
    [one] Un rappel est en cours d'envoi.
   *[other] { $queued } rappels sont en cours d'envoi.
}
invitations-title = Invitations : { $title }
invitations-progress = Envoi
invitations-delivered = { $done } sur { $total } traités
invitations-by-region = Invitations par région CITES
invitations-invited = Invités
invitations-opened = Lien ouvert
invitations-submitted = A répondu
invitations-send-heading = Inviter des points focaux
invitations-who = Qui inviter
invitations-who-all = Tous les contacts actifs des groupes que cette consultation invite
invitations-who-region = Les autorités des Parties d'une région
invitations-who-role = Les autorités des Parties ayant un rôle donné
invitations-who-chosen = Les contacts choisis ci-dessous
invitations-contacts = Contacts
invitations-preview = Compter et prévisualiser
invitations-count = { $count ->
    [0] Aucun contact ne sera invité.
    [one] Un contact sera invité.
   *[other] { $count } contacts seront invités.
}
invitations-count-already = { $count ->
    [one] Un contact déjà invité à cette consultation ne l'est pas à nouveau.
   *[other] { $count } contacts déjà invités à cette consultation ne le sont pas à nouveau.
}
invitations-count-all-already = { $count ->
    [one] Aucun contact ne sera invité : le seul contact actif choisi est déjà invité à cette consultation.
   *[other] Aucun contact ne sera invité : les { $count } contacts actifs choisis sont tous déjà invités à cette consultation.
}
invitations-count-inactive = { $count ->
    [one] Un contact inactif n'est pas invité.
   *[other] { $count } contacts inactifs ne sont pas invités.
}
invitations-preview-in = Le courriel en { $language }
invitations-preview-name = (nom du contact)
invitations-preview-party = (sa Partie)
invitations-send = Envoyer { $count ->
    [one] l'invitation
   *[other] les invitations
}
invitations-remind-heading = Rappels
invitations-remind-max = Rappeler chaque invité au plus ce nombre de fois
invitations-remind = Rappeler ceux qui n'ont pas répondu
invitations-tracking = Chaque invitation
invitations-state = Envoi
invitations-state-queued = En attente d'envoi
invitations-state-sent = Envoyée
invitations-state-failed = Échec
invitations-reminders = Rappels
invitations-yes = Oui
invitations-no = Non
consultation-invitations = Invitations
invitations-schedule-heading = Rappels envoyés automatiquement
invitations-schedule-days = Jours avant la date limite
invitations-schedule-hint = Par exemple « 7, 2 » : ceux qui n'ont pas répondu reçoivent un rappel 7 jours et 2 jours avant la date limite, dans leur langue.
invitations-schedule-save = Enregistrer le calendrier
invitations-schedule-pending = { $days } jours avant la date limite
invitations-schedule-done = { $days } jours avant la date limite (envoyé)
invitations-schedule-error = Écrivez des nombres entiers de jours de 1 à 90, séparés par des virgules.
contacts-import-stale = Des contacts ou des Parties ont changé depuis cet aperçu : rien n'a été importé. Le fichier est relu ci-dessous tel que les choses sont maintenant : vérifiez-le et confirmez à nouveau.

## Constituencies: in which capacity a contact is asked to answer
constituency-label = Groupe représenté
constituency-party = Partie (organe de gestion, autorité scientifique ou autre autorité)
constituency-animals-committee = Comité pour les animaux
constituency-plants-committee = Comité pour les plantes
constituency-standing-committee = Comité permanent
constituency-sc-working-group = Groupe de travail du Comité permanent sur le renforcement des capacités
constituency-finance-subcommittee = Sous-comité des finances et du budget
constituency-partner-igo = Organisation intergouvernementale
constituency-partner-ngo = Organisation non gouvernementale
constituency-partner-iplc = Peuples autochtones et communautés locales
constituency-partner-academia = Milieu universitaire
constituency-partner-private = Secteur privé
capacity-party = Il vous est demandé de répondre au nom de { $party }.
capacity-committee = Il vous est demandé de répondre en votre qualité de membre de l’organe suivant : { $constituency } (représentant la région { $region }).
capacity-partner = Il vous est demandé de répondre au nom de votre organisation, { $organisation } ({ $constituency }).

## Contacts of Committees and partners
contact-field-region = Région
contact-field-organisation = Organisation
contacts-column-for = Partie ou organisation
contact-hint-constituency = Une autorité d'une Partie, un membre d'un Comité ou un partenaire. Les autorités des Parties indiquent une Partie et un rôle ; les membres des Comités, la région CITES qu'ils représentent ; les partenaires, leur organisation.
contact-hint-party = Seulement pour une autorité d'une Partie (laissez vide pour les membres des Comités et les partenaires).
contact-hint-region = Membres des Comités : la région CITES qu'ils représentent (obligatoire). Partenaires : la région où l'organisation travaille principalement, le cas échéant (vide : monde entier). Laissez vide pour une autorité d'une Partie : sa région est celle de sa Partie.
contact-hint-organisation = Seulement pour les partenaires : le nom de l'organisation (obligatoire pour eux). Les contacts d'une même organisation remplissent ensemble une seule réponse.
contact-hint-role = Obligatoire pour une autorité d'une Partie. Membres des Comités et partenaires : laissez vide ou choisissez « autre point focal ».
contact-error-not-asked = Ce groupe n'a pas ce champ : laissez-le vide.
contact-error-constituency = Choisissez un groupe dans la liste.
contact-error-region = Choisissez une région CITES : Afrique, Asie, Amérique centrale et du Sud et Caraïbes, Europe, Amérique du Nord ou Océanie.
contact-error-role-not-party = Les rôles sont ceux des autorités des Parties : laissez vide ou choisissez « autre point focal ».

## Invitations by constituency
invitations-who-constituency = Les contacts d'un groupe
invitations-invites = Cette consultation invite : { $list }.
invitations-count-not-invited = { $count ->
    [one] Un contact choisi n'est pas invité : cette consultation n'invite pas son groupe.
   *[other] { $count } contacts choisis ne sont pas invités : cette consultation n'invite pas leur groupe.
}
invitations-preview-region = (la région qu'il représente)
invitations-preview-organisation = (son organisation)
