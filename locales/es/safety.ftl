# Rechazos y límites: formularios desactualizados, solicitudes mal formadas, límites de intentos, archivos.

error-conflict-title = No se hizo este cambio
error-invalid-form-title = Hay respuestas que corregir
error-stale-title = Modificado por otra persona
error-stale = Otra persona modificó esto desde que usted lo abrió, por lo que su cambio no se guardó. Lo que escribió sigue abajo: compárelo con la versión actual y guarde de nuevo.
error-too-many-requests-title = Demasiados intentos
error-too-many-requests = Ha habido demasiados intentos. Espere unos minutos antes de volver a intentarlo.
error-busy-title = El servidor está ocupado
error-busy = El servidor está ocupado en este momento. No se ha perdido nada de lo que escribió; vuelva a intentarlo en unos segundos.
error-unavailable-title = No disponible por el momento
error-unavailable = No se puede acceder a la base de datos de la consulta en este momento, por lo que no se ha podido leer ni guardar nada. Lo guardado anteriormente está a salvo. Vuelva a intentarlo dentro de unos minutos.
error-storage-full-title = No se ha podido guardar nada
error-storage-full = El espacio de almacenamiento del servidor está lleno, por lo que no se ha podido guardar nada. Lo guardado anteriormente está a salvo. Vuelva a intentarlo más tarde: el problema queda registrado para el servicio informático de la Secretaría.
error-payload-too-large-title = Demasiado grande
error-payload-too-large = Lo enviado supera el tamaño que acepta el servidor. No se ha modificado nada.
error-unsupported-media-type-title = No es un formulario
error-unsupported-media-type = Esta dirección solo acepta los formularios de sus propias páginas. No se ha modificado nada.
consultation-error-open-untranslated = La consulta está abierta, por lo que cada texto debe seguir completo en inglés, francés y español. Complete cada uno de estos antes de guardar:
import-file = Archivo de consulta que se enviará (JSON)
import-file-hint = Elija un archivo exportado de Consulta, o pegue su contenido abajo. Como máximo 2 MB.
import-error-too-large = El archivo supera los 2 MB, el máximo que acepta Consulta. Compruebe que se trata de una consulta exportada de Consulta.
glossary-error-exists = Ya existe un término con esta clave. Elija otra clave o modifique el término existente.
