## Responder a una consulta (páginas de los encuestados)

invite-closed-title = Esta consulta está cerrada
invite-closed = Esta consulta no está abierta a respuestas. Si se ha cerrado, las respuestas recibidas se están examinando; gracias. Si cree que se trata de un error, responda al correo electrónico que le trajo aquí.
invite-withdrawn-title = Esta invitación fue retirada
invite-withdrawn = La Secretaría ha retirado esta invitación. Si cree que se trata de un error, responda al correo electrónico que le trajo aquí.
notice-response-saved = Sus respuestas están guardadas. Para continuar, abra de nuevo el enlace de su correo electrónico, en este u otro dispositivo.

response-status-none = Aún no ha comenzado.
response-status-draft = Sus respuestas están guardadas como borrador; no se han enviado.
response-status-draft-party = Las respuestas de su Parte están guardadas como borrador; no se han enviado.
response-status-reopened = Sus respuestas enviadas están abiertas a cambios. Cuentan tal como se enviaron hasta que las envíe de nuevo.
response-status-submitted = Sus respuestas han sido enviadas. Gracias.
response-status-submitted-party = Su Parte ha respondido: su respuesta ha sido enviada. Gracias.
response-per-party-note = Todas las personas invitadas de su Parte trabajan en la misma respuesta: es posible que un colega ya haya guardado respuestas. Cuenta el primer envío.
response-changes-until = Puede cambiar las respuestas enviadas hasta el { $deadline }.
response-start = Comenzar a responder
response-continue = Seguir respondiendo
response-review-link = Revisar y enviar
response-copy-link = Ver e imprimir una copia de las respuestas
response-reopen-help = Esta consulta permite cambiar las respuestas enviadas hasta la fecha límite.
response-reopen = Cambiar las respuestas enviadas
response-print-link = Imprimir el cuestionario para preparar sus respuestas sin conexión
response-done-title = Sus respuestas han sido enviadas
response-done = Gracias. Sus respuestas se han recibido; nada las vincula a usted ni a su Parte. No se envía ningún correo de confirmación, a propósito: registraría cuándo respondió.
response-done-party = Gracias. Las respuestas de su Parte se han recibido; nada las vincula a usted ni a su Parte. No se envía ningún correo de confirmación, a propósito: registraría cuándo respondió.

response-steps-label = Partes del cuestionario
response-step = Parte { $n } de { $total }:
response-profile-title = Acerca de su Parte
response-profile-intro = Se conservan dos datos sobre su Parte junto con sus respuestas para poder resumirlas por región de la CITES y según la Parte preste o reciba apoyo. Nada más sobre usted o su Parte se conserva con ellas.
response-region-hint = Tomada de su invitación; no puede cambiarse aquí.
response-profile-support = Apoyo al fomento de capacidad
response-profile-support-hint = ¿Su Parte presta o recibe apoyo para el fomento de capacidad (financiación, conocimientos especializados, formación)?
response-no-names = Le rogamos que no nombre su país, su autoridad ni a sus colegas en sus respuestas: sus respuestas son anónimas, y los nombres permitirían identificarlas.
response-next = Guardar y continuar
response-to-review = Guardar y revisar
response-back = Guardar y volver
response-save-later = Guardar y continuar más tarde
response-switch-language = Cambiar de idioma (sus respuestas se guardan antes)
response-stale = Otra persona de su Parte guardó esta respuesta después de que usted abriera esta página. Sus respuestas de esta página se muestran abajo pero aún no están guardadas: compárelas con las de su colega y guarde de nuevo.
response-already-submitted = La respuesta de su Parte ya ha sido enviada, por lo que estos cambios no se guardaron.

response-review-title = Revise sus respuestas
response-copy-title = Copia de sus respuestas enviadas
response-copy-hint = Utilice la orden Imprimir de su navegador para imprimir esta página o guardarla en PDF.
response-review-problems = Antes de poder enviar
response-not-answered = Sin respuesta
response-change = Cambiar
response-submit-final = Una vez enviadas, las respuestas ya no pueden cambiarse.
response-submit-changes-allowed = Después de enviarlas, aún podrá cambiar las respuestas hasta la fecha límite.
response-print-hint = Una copia en blanco del cuestionario, para preparar sus respuestas con sus colegas. Utilice la orden Imprimir de su navegador. Las respuestas se introducen en línea mediante su enlace privado.

response-error-required = Se necesita una respuesta.
response-error-other-text = Indique a qué se refiere «otro».
response-error-too-long = Esta respuesta es demasiado larga.
response-error-too-many = Se han elegido demasiadas opciones.
response-error-rank-twice = La misma opción está elegida para dos puestos.
response-error-rank-gap = Un puesto queda en blanco antes de otro posterior.
response-error-number = Introduzca un número, por ejemplo 12 o 12,5.
response-error-integer = Introduzca un número entero.
response-error-range = Este número está fuera del intervalo permitido.
response-error-number-size = Este número es demasiado grande o demasiado largo: como máximo 15 cifras antes del separador decimal y 30 caracteres en total.
response-error-control = Esta respuesta contiene un carácter de control invisible (a menudo introducido al copiar y pegar). Elimínelo, o escriba de nuevo la respuesta, y luego guarde.
response-error-too-many-saves = Demasiadas operaciones de guardado desde este enlace en poco tiempo, por lo que esta no se ha guardado. Sus respuestas se muestran abajo tal como las escribió: espere un minuto y vuelva a guardar.
response-error-unavailable = No se han podido guardar sus respuestas: no se puede acceder a la base de datos en este momento. Lo que escribió sigue abajo; vuelva a guardar dentro de unos minutos.
response-error-storage-full = No se han podido guardar sus respuestas: el espacio de almacenamiento del servidor está lleno. Lo que escribió sigue abajo; vuelva a guardar más tarde.
response-error-too-many-requests = Demasiadas operaciones de guardado desde este enlace en poco tiempo, por lo que esta no se ha realizado. Espere un minuto y vuelva a intentarlo.
response-error-shape = Esta respuesta no corresponde a la pregunta.
response-error-not-applicable = Esta pregunta no procede según su respuesta anterior; bórrela o cambie esa respuesta.
response-error-nothing-saved = Aún no se ha guardado nada: responda primero al cuestionario.
response-error-no-changes = Esta consulta no permite cambiar las respuestas después de enviarlas.

respond-other-text = Especifique
respond-number-range = De { $min } a { $max }.

respondents-per-party = Una respuesta por Parte (todas las personas invitadas de una Parte comparten un borrador)
respondents-per-invitee = Una respuesta por persona invitada

support-provides = Presta apoyo
support-receives = Recibe apoyo
support-both = Presta y recibe apoyo
support-neither = Ni presta ni recibe apoyo

consultation-field-respondents = Quién responde
consultation-field-allow-changes = Los encuestados pueden cambiar sus respuestas enviadas hasta la fecha límite

response-all-title = El cuestionario completo en una sola página
response-all-intro = Todas las preguntas en una sola página: responda y luego envíe, o guarde y continúe más tarde. Las mismas respuestas aparecen parte por parte en el formulario guiado.
response-all-link = Responder en una sola página

## Committee members and partners
response-profile-intro-other = Se conservan dos datos junto con sus respuestas para poder resumirlas: el grupo en cuyo nombre responde y una región de la CITES. Nada más sobre usted se conserva con ellas. La pregunta sobre el apoyo prestado o recibido solo se hace a las Partes.
response-region-none = Ninguna: todo el mundo
response-per-organisation-note = Todas las personas invitadas de su organización trabajan en la misma respuesta: es posible que un colega ya haya guardado respuestas. Cuenta el primer envío.
response-done-other = Gracias. Sus respuestas se han recibido; nada las vincula a usted. No se envía ningún correo de confirmación, a propósito: registraría cuándo respondió.
response-no-names-other = No se nombre a sí mismo, ni a su organización, ni a su país ni a sus colegas en sus respuestas: sus respuestas son anónimas y los nombres las harían identificables.
response-profile-title-other = Acerca de su participación
