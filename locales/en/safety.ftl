# Refusals and limits: stale forms, malformed requests, rate limits, uploads.

error-conflict-title = This change was not made
error-invalid-form-title = Some answers need correcting
error-stale-title = Changed by someone else
error-stale = Someone else changed this since you opened it, so your change was not saved. What you typed is still below: check it against the current version and save again.
error-too-many-requests-title = Too many attempts
error-too-many-requests = There have been too many attempts. Wait a few minutes before trying again.
error-busy-title = The server is busy
error-busy = The server is busy right now. Nothing you entered has been lost; please try again in a few seconds.
error-unavailable-title = Temporarily unavailable
error-unavailable = The consultation's database cannot be reached at the moment, so nothing could be read or saved. What was saved before is safe. Please try again in a few minutes.
error-storage-full-title = Nothing could be saved
error-storage-full = The server has run out of storage space, so nothing could be saved. What was saved before is safe. Please try again later: the problem is recorded for the Secretariat's IT unit.
error-payload-too-large-title = Too large
error-payload-too-large = What was sent is larger than the server accepts. Nothing has been changed.
error-unsupported-media-type-title = Not a form
error-unsupported-media-type = This address accepts only the forms of its own pages. Nothing has been changed.
consultation-error-open-untranslated = The consultation is open, so every text must stay filled in English, French and Spanish. Fill in each of these before saving:
import-file = Consultation file to upload (JSON)
import-file-hint = Choose a file exported from Consulta, or paste its content below instead. At most 2 MB.
import-error-too-large = The file is larger than 2 MB, the most Consulta accepts. Check that it is a consultation exported from Consulta.
glossary-error-exists = A term with this key already exists. Choose another key, or edit the existing term.
