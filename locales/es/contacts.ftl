# Puntos focales (contactos) y la página de invitaciones.

nav-contacts = Contactos
contacts-title = Puntos focales
contacts-intro = Las personas a las que la Secretaría invita a responder las consultas: para cada Parte, su Autoridad Administrativa, su Autoridad Científica, su autoridad de observancia u otros puntos focales; los miembros de los Comités, por la región CITES que representan; y los contactos de los asociados, por su organización — cada uno con el idioma que lee.
contacts-count = { $count ->
    [one] Un contacto
   *[other] { $count } contactos
}, { $active } activos y { $failing } con una dirección que falla.
contacts-status = Estado
contacts-active = Activo
contacts-inactive = Inactivo
contacts-failing = Dirección con fallos: { $reason }
contacts-export = Descargar todos los contactos (CSV)
contacts-add = Añadir un contacto
contacts-add-submit = Añadir el contacto
contacts-save = Guardar el contacto
contacts-back = Volver a los puntos focales
contacts-edit-title = Contacto: { $name }
contacts-import = Importar contactos desde un archivo CSV
contacts-import-hint = Un contacto por línea, con las columnas party (código ISO, p. ej. KE), name, email, role (Autoridad Administrativa, Autoridad Científica, observancia, otro), language (en, fr o es) y, opcionalmente, active (sí o no), constituency (p. ej. Comité de Fauna, ONG; vacío: una autoridad de una Parte), region (la región que representa un miembro de un Comité, o la de un asociado) y organisation (asociados). Comas o punto y coma. No se guarda nada hasta que usted confirme.
contacts-import-file = Archivo CSV
contacts-import-preview = Comprobar el archivo
contacts-import-review = Compruebe cada línea a continuación. Solo las líneas marcadas como «lista» se añadirán cuando confirme; las demás se dejan fuera.
contacts-import-nothing = Ninguna línea de este archivo se puede añadir. Corrija el archivo e inténtelo de nuevo.
contacts-import-confirm-heading = Añadir las líneas listas
contacts-import-confirm = Confirmar la importación
contacts-import-line = Línea { $line }: { $what }
contacts-import-row-valid = lista ({ $email }, { $party })
contacts-import-row-duplicate = el mismo contacto (Parte, o Comité, u organización, y dirección) figura en una línea anterior.
contacts-import-row-exists = este contacto (Parte, o Comité, u organización, y dirección) ya existe.
contacts-import-too-large = El archivo supera los 2 MB. Divídalo e importe cada parte.
contact-field-party = Parte
contact-field-name = Nombre
contact-field-role = Función
contact-field-lang = Idioma de correspondencia
contact-field-active = Activo (recibe invitaciones)
contact-role-management = Autoridad Administrativa
contact-role-scientific = Autoridad Científica
contact-role-enforcement = Autoridad de observancia
contact-role-other = Otro punto focal
contact-error-email = Escriba una dirección de correo como nombre@ejemplo.org.
contact-error-lang = Elija inglés, francés o español (en, fr o es).
contact-error-party-unknown = Esta Parte no figura en el registro.
contact-error-role = Elija Autoridad Administrativa, Autoridad Científica, autoridad de observancia u otro.
contact-error-exists = Este contacto ya existe: la misma Parte (o el mismo Comité, o la misma organización) tiene un contacto con esta dirección de correo.
contact-import-error-columns = La primera línea del archivo debe contener las columnas name, email y language, y también party y role si no tiene una columna constituency.
contact-import-error-empty = El archivo está vacío.
contact-import-error-active = Escriba sí o no en la columna «active».
contact-import-error-row = Esta línea no se puede leer.
notice-contacts-imported = { $n ->
    [one] Se ha añadido un contacto.
   *[other] Se han añadido { $n } contactos.
}
notice-invitations-queued = { $queued ->
    [one] Se está enviando una invitación.
   *[other] Se están enviando { $queued } invitaciones.
} { $already ->
    [0] {""}
    [one] Un contacto ya había sido invitado y no se le invitó de nuevo.
   *[other] { $already } contactos ya habían sido invitados y no se les invitó de nuevo.
}
notice-reminders-queued = { $queued ->
    [one] Se está enviando un recordatorio.
   *[other] Se están enviando { $queued } recordatorios.
}
invitations-title = Invitaciones: { $title }
invitations-progress = Envío
invitations-delivered = { $done } de { $total } tratados
invitations-by-region = Invitaciones por región CITES
invitations-invited = Invitados
invitations-opened = Enlace abierto
invitations-submitted = Respondió
invitations-send-heading = Invitar a puntos focales
invitations-who = A quién invitar
invitations-who-all = Todos los contactos activos de los grupos que esta consulta invita
invitations-who-region = Las autoridades de las Partes de una región
invitations-who-role = Las autoridades de las Partes con una función
invitations-who-chosen = Los contactos elegidos a continuación
invitations-contacts = Contactos
invitations-preview = Contar y previsualizar
invitations-count = { $count ->
    [0] No se invitará a ningún contacto.
    [one] Se invitará a un contacto.
   *[other] Se invitará a { $count } contactos.
}
invitations-count-already = { $count ->
    [one] Un contacto ya invitado a esta consulta no se invita de nuevo.
   *[other] { $count } contactos ya invitados a esta consulta no se invitan de nuevo.
}
invitations-count-all-already = { $count ->
    [one] No se invitará a ningún contacto: el único contacto activo elegido ya está invitado a esta consulta.
   *[other] No se invitará a ningún contacto: los { $count } contactos activos elegidos ya están todos invitados a esta consulta.
}
invitations-count-inactive = { $count ->
    [one] Un contacto inactivo no se invita.
   *[other] { $count } contactos inactivos no se invitan.
}
invitations-preview-in = El correo en { $language }
invitations-preview-name = (nombre del contacto)
invitations-preview-party = (su Parte)
invitations-send = Enviar { $count ->
    [one] la invitación
   *[other] las invitaciones
}
invitations-remind-heading = Recordatorios
invitations-remind-max = Recordar a cada invitado como máximo este número de veces
invitations-remind = Recordar a quienes no han respondido
invitations-tracking = Cada invitación
invitations-state = Envío
invitations-state-queued = Pendiente de envío
invitations-state-sent = Enviada
invitations-state-failed = Fallida
invitations-reminders = Recordatorios
invitations-yes = Sí
invitations-no = No
consultation-invitations = Invitaciones
invitations-schedule-heading = Recordatorios automáticos
invitations-schedule-days = Días antes de la fecha límite
invitations-schedule-hint = Por ejemplo «7, 2»: quienes no han respondido reciben un recordatorio 7 días y 2 días antes de la fecha límite, en su idioma.
invitations-schedule-save = Guardar el calendario
invitations-schedule-pending = { $days } días antes de la fecha límite
invitations-schedule-done = { $days } días antes de la fecha límite (enviado)
invitations-schedule-error = Escriba números enteros de días del 1 al 90, separados por comas.
contacts-import-stale = Los contactos o las Partes cambiaron desde esta vista previa, por lo que no se importó nada. El archivo se vuelve a leer abajo tal como están las cosas ahora: revíselo y confirme de nuevo.

## Constituencies: in which capacity a contact is asked to answer
constituency-label = Grupo representado
constituency-party = Parte (Autoridad Administrativa, Autoridad Científica u otra autoridad)
constituency-animals-committee = Comité de Fauna
constituency-plants-committee = Comité de Flora
constituency-standing-committee = Comité Permanente
constituency-sc-working-group = Grupo de trabajo del Comité Permanente sobre fomento de capacidad
constituency-finance-subcommittee = Subcomité de Finanzas y Presupuesto
constituency-partner-igo = Organización intergubernamental
constituency-partner-ngo = Organización no gubernamental
constituency-partner-iplc = Pueblos indígenas y comunidades locales
constituency-partner-academia = Ámbito académico
constituency-partner-private = Sector privado
capacity-party = Se le pide que responda en nombre de { $party }.
capacity-committee = Se le pide que responda en su calidad de miembro del siguiente órgano: { $constituency } (en representación de la región { $region }).
capacity-partner = Se le pide que responda en nombre de su organización, { $organisation } ({ $constituency }).

## Contacts of Committees and partners
contact-field-region = Región
contact-field-organisation = Organización
contacts-column-for = Parte u organización
contact-hint-constituency = Una autoridad de una Parte, un miembro de un Comité o un asociado. Las autoridades de las Partes indican una Parte y una función; los miembros de los Comités, la región CITES que representan; los asociados, su organización.
contact-hint-party = Solo para una autoridad de una Parte (déjelo vacío para los miembros de los Comités y los asociados).
contact-hint-region = Miembros de los Comités: la región CITES que representan (obligatorio). Asociados: la región donde la organización trabaja principalmente, si la hay (vacío: todo el mundo). Déjelo vacío para una autoridad de una Parte: su región es la de su Parte.
contact-hint-organisation = Solo para los asociados: el nombre de la organización (obligatorio para ellos). Los contactos de una misma organización responden juntos una sola respuesta.
contact-hint-role = Obligatorio para una autoridad de una Parte. Miembros de los Comités y asociados: déjelo vacío o elija «otro punto focal».
contact-error-not-asked = Este grupo no tiene este campo: déjelo vacío.
contact-error-constituency = Elija un grupo de la lista.
contact-error-region = Elija una región CITES: África, Asia, América Central, del Sur y el Caribe, Europa, América del Norte u Oceanía.
contact-error-role-not-party = Las funciones son las de las autoridades de las Partes: déjelo vacío o elija «otro punto focal».

## Invitations by constituency
invitations-who-constituency = Los contactos de un grupo
invitations-invites = Esta consulta invita a: { $list }.
invitations-count-not-invited = { $count ->
    [one] Un contacto elegido no se invita: esta consulta no invita a su grupo.
   *[other] { $count } contactos elegidos no se invitan: esta consulta no invita a su grupo.
}
invitations-preview-region = (la región que representa)
invitations-preview-organisation = (su organización)
