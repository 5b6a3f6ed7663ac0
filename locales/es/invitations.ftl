# Invitaciones por correo electrónico, el enlace privado y el seguimiento de la Secretaría.

invitation-email-subject = Consulta CITES: { $title }
reminder-email-subject = Recordatorio — consulta CITES: { $title }
invitation-email-greeting = Estimado/a { $name }:
invitation-email-invited = La Secretaría CITES invita a { $party } a responder la consulta «{ $title }», parte del marco integrado de fomento de capacidad de la Convención (Decisiones 19.40 a 19.43).
reminder-email-reminded = Este es un recordatorio: la consulta «{ $title }» sigue esperando la respuesta de { $party }. Si su Parte ya respondió, no tenga en cuenta este mensaje.
invitation-email-deadline = Responda antes del { $deadline }. Puede guardar un borrador y volver a él con el mismo enlace, desde cualquier dispositivo.
invitation-email-link = Su enlace privado a la consulta:
invitation-email-private = Este enlace es personal: quien lo tenga puede responder en su lugar. No lo reenvíe. Los colegas de su autoridad que fueron invitados reciben el suyo.
invitation-email-anonymity = Sus respuestas son anónimas. Se guardan separadas de su invitación y nada en la base de datos las vincula con usted ni con su Parte; los resúmenes solo muestran grupos de varias Partes, nunca una sola. No nombre a su país en sus respuestas escritas.
invitation-email-why = Recibe este mensaje porque la Secretaría CITES lo tiene registrado como punto focal de { $party }.
invitation-email-reply = ¿Preguntas? Responda a este mensaje: llegará a la Secretaría.
invitation-email-signature = Secretaría CITES
invitations-error-not-open = Las invitaciones solo pueden enviarse mientras la consulta está abierta.
invite-title = Su invitación
invite-invalid-title = Este enlace no se puede usar
invite-invalid = Este enlace no es válido: puede estar mal copiado, haber sido retirado o su consulta puede estar cerrada. Si cree que se trata de un error, responda al correo que lo trajo aquí.
invite-welcome = Ha sido invitado/a a responder esta consulta.
invite-deadline = Responda antes del { $deadline }.
invite-anonymous = Sus respuestas son anónimas: nada las vincula con usted ni con su Parte.
invitations-stale = Desde que abrió esta página se enviaron invitaciones o recordatorios, o cambió el calendario de recordatorios, por lo que no se hizo nada. La página los muestra ahora tal como están: revise e inténtelo de nuevo.

## Committee members and partners
invitation-email-invited-personal = La Secretaría CITES le invita a responder la consulta «{ $title }», parte del marco integrado de fomento de capacidad de la Convención (Decisiones 19.40 a 19.43).
reminder-email-reminded-personal = Este es un recordatorio: la consulta «{ $title }» sigue esperando su respuesta. Si ya respondió, no tenga en cuenta este mensaje.
invitation-email-private-personal = Este enlace es personal: quien lo tenga puede responder en su lugar. No lo reenvíe.
invitation-email-private-organisation = Este enlace es personal: quien lo tenga puede responder en su lugar. No lo reenvíe. Los colegas de su organización que fueron invitados reciben el suyo y trabajan en la misma respuesta que usted.
invitation-email-anonymity-personal = Sus respuestas son anónimas. Se guardan separadas de su invitación y nada en la base de datos las vincula con usted; los resúmenes solo muestran grupos de varios encuestados, nunca uno solo. No se nombre a sí mismo, ni a su organización ni a su país en sus respuestas escritas.
invitation-email-why-committee = Recibe este mensaje porque la Secretaría CITES lo tiene registrado como miembro del siguiente órgano: { $constituency }, en representación de la región { $region }.
invitation-email-why-partner = Recibe este mensaje porque la Secretaría CITES lo tiene registrado como contacto de { $organisation }.
invite-anonymous-personal = Sus respuestas son anónimas: nada las vincula con usted.
