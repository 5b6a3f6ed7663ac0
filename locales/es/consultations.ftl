## Navigation
nav-consultations = Consultas
nav-glossary = Glosario
nav-audit = Registro de auditoría
lang-en = Inglés
lang-fr = Francés
lang-es = Español

## Notices
notice-saved = Se han guardado los cambios.
notice-consultation-created = Se ha creado la consulta como borrador.
notice-consultation-imported = Se ha importado el archivo como nuevo borrador.
notice-consultation-duplicated = Se ha hecho una copia como nuevo borrador.
notice-state-changed = Ha cambiado el estado de la consulta.

## Consultation list
consultations-title = Consultas
consultations-none = Todavía no hay consultas.
consultations-new = Iniciar una consulta
consultations-start-from = Partir de
consultations-create = Crear el borrador
template-needs-assessment = Evaluación de las necesidades de fomento de capacidad (Decisión 19.41 b))
template-framework-ideas = Ideas para un marco integrado de fomento de capacidad (Decisión 19.40)
template-regional-workshop = Consulta regional y taller técnico (Decisión 19.43)
template-blank = Una consulta en blanco
import-title = Importar un archivo de consulta
import-field = Archivo de consulta (JSON)
import-hint = Pegue el contenido de un archivo exportado desde Consulta. No se guarda nada si el archivo no es correcto en su totalidad.
import-submit = Importar como nuevo borrador
import-error-malformed = No se pudo leer el archivo.
import-error-at = El problema está en la línea { $line }, columna { $column }.
import-error-format = Este no es un archivo de consulta de Consulta.
import-error-version = Este archivo lo generó una versión de Consulta que esta no conoce.
import-error-version-detail = Versión del archivo: { $version }; esta versión de Consulta lee la versión 1.
import-error-invalid = La estructura del archivo es incoherente. No se ha importado nada:

## States and Decisions
state-draft = Borrador
state-open = Abierta
state-closed = Cerrada
state-archived = Archivada
decision-19-40 = Decisión 19.40
decision-19-41b = Decisión 19.41 b)
decision-19-43 = Decisión 19.43
decision-other = Otra

## One consultation
consultation-back = Volver a las consultas
consultation-untitled = Consulta sin título
consultation-state = Estado
consultation-status = Estado y traducción
consultation-translated = Estado de la traducción
consultation-texts-done = { $done } de { $total } textos
consultation-preview-in = Vista previa en { $language }
consultation-export = Exportar a un archivo
consultation-duplicate = Duplicar como nuevo borrador
consultation-to-open = Abrir la consulta
consultation-to-closed = Cerrar la consulta
consultation-to-archived = Archivar la consulta
consultation-texts = Título y textos
consultation-field-title = Título
consultation-field-introduction = Introducción
consultation-field-closing = Texto final
consultation-field-decision = Decisión a la que responde
consultation-save-texts = Guardar los textos
consultation-dates = Fechas
consultation-opens = Fecha de apertura
consultation-deadline = Plazo
consultation-save-dates = Guardar las fechas
consultation-gate-refused = No se puede abrir la consulta mientras falten textos. Complete cada uno de estos:
consultation-gate-missing = { $place } — { $language }
consultation-error-transition = Este cambio de estado no es posible.
consultation-error-no-deadline = Fije un plazo antes de abrir la consulta.
consultation-error-deadline-passed = El plazo ha vencido: fije uno posterior antes de abrir la consulta.
consultation-error-empty = Añada al menos una pregunta antes de abrir la consulta.
consultation-error-not-editable = Una consulta cerrada o archivada no puede modificarse.
consultation-error-date = Introduzca una fecha y una hora, por ejemplo 2027-03-31 17:00.
consultation-error-date-order = El plazo debe ser posterior a la fecha de apertura.

## Editor
editor-structure = Secciones y preguntas
editor-untitled = (todavía sin texto)
editor-edit-section = Editar la sección { $name }
editor-edit-question = Editar la pregunta { $name }
editor-edit = Editar
editor-move-up = Subir
editor-move-down = Bajar
editor-delete = Eliminar
editor-add-section = Añadir una sección
editor-add-question = Añadir la pregunta
editor-question-type = Nueva pregunta de tipo
editor-required = Obligatoria
editor-conditional = Se muestra según { $question }
editor-locked = Esta consulta ya tiene respuestas o borradores: su estructura ya no puede cambiar.
editor-locked-explained = Esta consulta tiene respuestas o borradores, por lo que su estructura está bloqueada: no se pueden añadir ni eliminar preguntas u opciones, ni cambiar su tipo. Los textos todavía pueden corregirse.
editor-invalid = Este cambio haría incoherente la consulta, por lo que no se ha hecho:
editor-back-to-consultation = Volver a la consulta
editor-section-title = Título de la sección
editor-section-introduction = Introducción de la sección
editor-save-section = Guardar la sección
editor-prompt = Pregunta
editor-help = Texto de ayuda
editor-settings = Configuración
editor-other = Ofrecer «Otro (especifique)»
editor-max-choices = Número máximo de respuestas (vacío: sin límite)
editor-ranking-top = Cuántos elementos ordenar
editor-max-length = Longitud máxima de la respuesta (caracteres)
editor-integer = Solo números enteros
editor-min = Valor mínimo
editor-max = Valor máximo
editor-list-options = Opciones
editor-list-points = Puntos de la escala
editor-list-rows = Filas
editor-list-columns = Columnas
editor-choice-id = Identificador
editor-add-choice = Añadir una línea
editor-condition = Condición de visualización
editor-condition-hint = Mostrar esta pregunta solo si una pregunta anterior recibió una de las respuestas marcadas abajo.
editor-condition-question = Depende de
editor-condition-none = Siempre visible
editor-condition-answers = Respuestas a { $question }
editor-terms = Términos del glosario
editor-terms-hint = Quienes respondan pueden leer la definición de cada término marcado junto a la pregunta.
editor-save-question = Guardar la pregunta
editor-error-number = Introduzca un número.
editor-error-whole-number = Introduzca un número entero.

## Question types
kind-single-choice = Opción única
kind-multiple-choice = Opción múltiple
kind-scale = Escala graduada
kind-matrix = Matriz
kind-ranking = Clasificación
kind-short-text = Texto breve
kind-long-text = Texto largo
kind-number = Número

## Survey checks
survey-error-id = Los identificadores usan minúsculas, cifras, «-» y «_» (40 como máximo).
survey-error-duplicate-id = Este identificador se usa dos veces.
survey-error-reserved-id = «_other» es el identificador de la respuesta «Otro (especifique)»: dé otro identificador a esta opción.
survey-error-too-few-choices = Hay muy pocas opciones.
survey-error-too-many-choices = Hay demasiadas opciones.
survey-error-too-many-sections = Hay demasiadas secciones.
survey-error-too-many-questions = Hay demasiadas preguntas.
survey-error-max-choices = El número máximo de respuestas debe estar entre 1 y el número de opciones.
survey-error-ranking-top = El número de elementos a ordenar debe estar entre 1 y el número de opciones.
survey-error-text-length = La longitud máxima de la respuesta está fuera de los límites.
survey-error-number-bound = Un límite no es un número válido (entero si así se ha configurado).
survey-error-number-range = El valor mínimo es mayor que el máximo.
survey-error-condition-self = Una pregunta no puede depender de sí misma.
survey-error-condition-backwards = Una pregunta solo puede depender de una pregunta anterior.
survey-error-condition-kind = Una pregunta solo puede depender de una pregunta de opciones o de escala.
survey-error-condition-empty = Marque al menos una respuesta para la condición.
survey-error-condition-answer = La condición menciona una respuesta que no existe.
survey-error-term = Una clave de término del glosario no es válida.

## Preview and the respondent's form
preview-banner = Vista previa en { $language }: es exactamente lo que ven quienes responden. Aquí no se puede enviar nada.
respond-required-note = Las preguntas marcadas «obligatoria» deben responderse antes de enviar.
respond-required = (obligatoria)
respond-submit = Enviar mis respuestas
respond-other = Otro (especifique)
respond-max-choices = Elija { $max } como máximo.
respond-max-length = { $max } caracteres como máximo.
respond-ranking = Elija los { $top } más importantes, por orden.
respond-rank = Opción n.º { $rank }
respond-condition = Responda solo si contestó { $answers } a «{ $question }».

## Glossary
glossary-title = Glosario
glossary-intro = Un lenguaje común y definiciones claras (Decisión 19.41 a)). Las preguntas pueden enlazar estos términos para que quienes respondan lean la definición allí mismo.
glossary-add = Añadir un término
glossary-edit = Editar el término
glossary-edit-term = Editar «{ $term }»
glossary-key = Clave
glossary-key-hint = Minúsculas, cifras y «-», por ejemplo non-detriment-finding. No podrá cambiarse después.
glossary-term = Término
glossary-definition = Definición
glossary-save = Guardar el término
glossary-error-key = Use minúsculas, cifras, «-» y «_» (40 como máximo).

## Audit log
audit-title = Registro de auditoría
audit-when = Fecha
audit-who = Autor
audit-what = Acción
audit-target = Objeto

## Constituencies a consultation invites
consultation-invites = Grupos invitados
consultation-invites-hint = Solo se puede invitar a los contactos de los grupos marcados. Las respuestas de cada grupo se resumen en grupos propios, nunca mezcladas con las cifras de las Partes. Cuando ya hay respuestas, no se puede cambiar.
consultation-error-constituencies = Marque al menos un grupo que invitar.
constituency-answers-per-party = una respuesta por Parte
constituency-answers-per-invitee = una respuesta por autoridad invitada
constituency-answers-per-member = una respuesta por miembro
constituency-answers-per-organisation = una respuesta por organización (sus contactos invitados la comparten)
