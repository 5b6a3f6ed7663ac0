## Navigation and frame
nav-skip = Ir al contenido principal
nav-main-label = Navegación principal
nav-home = Inicio
nav-parties = Partes
nav-sign-in = Iniciar sesión
nav-sign-out = Cerrar sesión
nav-language-label = Idioma
footer-text = Consulta — consultas sobre el marco de fomento de capacidad de la CITES (Decisiones 19.40 a 19.43).

## Home
home-title = Consulta
home-intro = Consulta recoge las opiniones de las Partes en la CITES sobre sus necesidades de fomento de capacidad, en español, francés e inglés, y mantiene el anonimato de cada respuesta.
home-respondents = Si ha sido invitado a responder a una consulta, abra el enlace personal que figura en el correo electrónico que recibió. No necesita una cuenta.
home-staff-sign-in = Acceso del personal
home-signed-in-as = Ha iniciado sesión como { $email } ({ $role }).
home-manage-parties = Gestionar el registro de Partes

## Roles
role-secretariat = Secretaría CITES
role-organiser = Organizador de talleres

## Sign-in
sign-in-title = Iniciar sesión
sign-in-already = Ya ha iniciado sesión. Iniciar sesión de nuevo sustituye su sesión.
sign-in-submit = Iniciar sesión
field-email = Correo electrónico
field-password = Contraseña

## Forms
form-problem-heading = Hay un problema
field-choose = — Elija —
error-required = Introduzca un valor.
error-too-long = El texto es demasiado largo.
error-invalid-form = Algunas respuestas deben corregirse.
error-sign-in-failed = No se pudo iniciar sesión. Compruebe su correo electrónico y su contraseña; tras varios intentos fallidos, espere 15 minutos antes de volver a intentarlo.
error-cross-site = Este formulario se envió desde otro sitio y ha sido rechazado.

## Errors
error-unauthenticated-title = Inicie sesión
error-unauthenticated = Esta página es para el personal de la Secretaría y los organizadores de talleres. Inicie sesión para continuar.
error-forbidden-title = Acceso no permitido
error-forbidden = Su cuenta no da acceso a esta página.
error-not-found-title = Página no encontrada
error-not-found = No hay nada en esta dirección. Compruebe el enlace o vuelva a la página de inicio.
error-internal-title = Se produjo un error
error-internal = El servidor no pudo completar su solicitud. No se ha perdido nada de lo que introdujo; inténtelo de nuevo en un momento.
error-request-title = Solicitud no comprendida
error-request = No se pudo leer la solicitud. Vuelva atrás e inténtelo de nuevo.
error-results-pending-title = Resultados tras el cierre de la consulta
error-results-pending = Resultados tras el cierre de la consulta. Mientras una consulta está abierta, no se muestra a nadie ningún resumen, exportación, respuesta escrita ni informe: unas cifras que cambian con cada respuesta permitirían deducir las respuestas de una Parte comparando dos lecturas. Las cifras se calculan una sola vez, al cerrarse la consulta.

## Notices
notice-signed-in = Ha iniciado sesión.
notice-signed-out = Ha cerrado la sesión.
notice-party-added = Se ha añadido la Parte.
notice-party-saved = Se han guardado los cambios.

## Parties
parties-title = Partes en la CITES
parties-total = { $count ->
    [one] { $count } Parte en el registro.
   *[other] { $count } Partes en el registro.
}
parties-count = { $count ->
    [one] ({ $count } Parte)
   *[other] ({ $count } Partes)
}
parties-add = Añadir una Parte
parties-regions-label = Regiones CITES
parties-actions = Acciones
parties-edit = Editar
parties-edit-label = Editar { $name }
field-party-code = Código
field-party-code-hint = Dos letras: el código ISO 3166-1 alfa-2 (EU para la Unión Europea).
field-party-name = Nombre
field-region = Región CITES
field-names-legend = Nombre en cada idioma de trabajo
field-name-en = Nombre en inglés
field-name-fr = Nombre en francés
field-name-es = Nombre en español
error-party-code = Introduzca dos letras, por ejemplo KE.
error-region = Elija una de las seis regiones CITES.
error-party-exists = Ya hay una Parte con este código en el registro.
party-new-title = Añadir una Parte
party-edit-title = Editar { $name }
party-back = Volver a la lista de Partes
party-save = Guardar los cambios
party-add = Añadir la Parte
party-updated = Última modificación: { $date }.

## Dates
date-long = { $day } de { $month } de { $year }
date-time = { $date }, { $time } UTC
month-1 = enero
month-2 = febrero
month-3 = marzo
month-4 = abril
month-5 = mayo
month-6 = junio
month-7 = julio
month-8 = agosto
month-9 = septiembre
month-10 = octubre
month-11 = noviembre
month-12 = diciembre
