# Refus et limites : formulaires périmés, requêtes mal formées, limites de fréquence, envois de fichiers.

error-conflict-title = Cette modification n'a pas été faite
error-invalid-form-title = Certaines réponses sont à corriger
error-stale-title = Modifié par quelqu'un d'autre
error-stale = Quelqu'un d'autre a modifié ceci depuis que vous l'avez ouvert : votre modification n'a donc pas été enregistrée. Ce que vous avez saisi figure toujours ci-dessous : comparez-le à la version actuelle et enregistrez à nouveau.
error-too-many-requests-title = Trop de tentatives
error-too-many-requests = Il y a eu trop de tentatives. Attendez quelques minutes avant de réessayer.
error-busy-title = Le serveur est occupé
error-busy = Le serveur est occupé pour le moment. Rien de ce que vous avez saisi n'est perdu ; veuillez réessayer dans quelques secondes.
error-unavailable-title = Temporairement indisponible
error-unavailable = La base de données de la consultation est momentanément inaccessible : rien n'a pu être lu ni enregistré. Ce qui a été enregistré auparavant est en sécurité. Veuillez réessayer dans quelques minutes.
error-storage-full-title = Rien n'a pu être enregistré
error-storage-full = L'espace de stockage du serveur est plein : rien n'a pu être enregistré. Ce qui a été enregistré auparavant est en sécurité. Veuillez réessayer plus tard : le problème est consigné pour le service informatique du Secrétariat.
error-payload-too-large-title = Trop volumineux
error-payload-too-large = Ce qui a été envoyé dépasse la taille acceptée par le serveur. Rien n'a été modifié.
error-unsupported-media-type-title = Pas un formulaire
error-unsupported-media-type = Cette adresse n'accepte que les formulaires de ses propres pages. Rien n'a été modifié.
consultation-error-open-untranslated = La consultation est ouverte : chaque texte doit donc rester rempli en anglais, en français et en espagnol. Complétez chacun des textes suivants avant d'enregistrer :
import-file = Fichier de consultation à envoyer (JSON)
import-file-hint = Choisissez un fichier exporté de Consulta, ou collez plutôt son contenu ci-dessous. 2 Mo au plus.
import-error-too-large = Le fichier dépasse 2 Mo, la taille maximale acceptée par Consulta. Vérifiez qu'il s'agit bien d'une consultation exportée de Consulta.
glossary-error-exists = Un terme avec cette clé existe déjà. Choisissez une autre clé ou modifiez le terme existant.
