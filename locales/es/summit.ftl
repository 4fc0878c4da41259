## La Cumbre Digital: correos de las sesiones

mail-summit-agenda-subject = Su agenda: { $event }
mail-summit-chosen = Tiene un lugar en «{ $session }», { $date }.
mail-summit-waitlisted = «{ $session }» está completa: usted es el número { $position } en la lista de espera. Le escribiremos en cuanto tenga un lugar.
mail-summit-promoted = Se liberó un lugar: ahora tiene un lugar en «{ $session }», { $date }.
mail-summit-unchosen = Renunció a «{ $session }»; su lugar pasó a la siguiente persona.
mail-summit-agenda-attached = Su agenda va adjunta: agréguela a su calendario y la próxima la actualizará.
mail-summit-manage = Sus sesiones y su agenda: { $url }
mail-summit-moved-subject = Cambio de horario: { $session }
mail-summit-moved-intro = «{ $session }» ({ $event }) cambió de horario: ahora es { $date }.
mail-summit-cancelled-subject = Cancelada: { $session }
mail-summit-cancelled-intro = «{ $session }» ({ $event }), { $date }, está cancelada. Lo sentimos.
mail-summit-reminder-subject = En una hora: { $session }
mail-summit-reminder-intro = «{ $session }» empieza pronto: { $date }.
mail-summit-livestream = Únase a la transmisión en vivo: { $url }

## El programa y la elección de sesiones

summit-programme = Programa
summit-programme-title = Programa: { $event }
summit-programme-link = Ver el programa
summit-back-to-event = Volver al evento
summit-back-to-programme = Volver al programa
summit-choose-hint = ¿Ya se inscribió? Elija sus sesiones en la página de su inscripción (el enlace de su correo de confirmación).
summit-whole-programme = Todo el programa
summit-filter-track = Eje
summit-filter-language = Idioma hablado
summit-filter-any = Todos
summit-filter-apply = Mostrar
summit-none = Ninguna sesión coincide.
summit-main-track = Eje principal
summit-format = Modalidad
summit-room = Sala
summit-languages = Idiomas
summit-interpretation = con interpretación
summit-speakers = Ponentes
summit-seats = Lugares
summit-seats-left = { $count ->
    [one] Queda { $count } lugar
   *[other] Quedan { $count } lugares
}
summit-full = Completa: la lista de espera está abierta
summit-cancelled = Cancelada
summit-your-sessions = Sus sesiones
summit-agenda = Descargar su agenda (archivo de calendario)
summit-choose = Elegir esta sesión
summit-unchoose = Renunciar a esta sesión
summit-status-chosen = Tiene un lugar.
summit-status-session-cancelled = Los organizadores cancelaron esta sesión.
summit-status-waitlisted = En la lista de espera: número { $position }.
summit-livestream = Unirse a la transmisión en vivo
summit-refused-title = Esta sesión no se agregó
summit-error-not-confirmed = Solo una inscripción confirmada puede elegir sesiones.
summit-error-cancelled = Esta sesión está cancelada.
summit-error-over = Esta sesión ya terminó.
summit-error-unknown = Este evento no tiene esa sesión.
summit-error-overlap = Esta sesión es a la misma hora que «{ $session }», que ya eligió. Renuncie primero a esa.

## El editor del programa (administración)

admin-summit-programme = Programa
admin-summit-back-to-event = Volver al evento
admin-summit-back = Volver al programa
admin-summit-new = Agregar una sesión
admin-summit-edit = Modificar la sesión
admin-summit-empty = Todavía no hay sesiones.
admin-summit-seats-of = { $taken } de { $capacity } lugares ocupados
admin-summit-seats-taken = { $taken } lugares ocupados
admin-summit-description = Descripción
admin-summit-zone-hint = En la zona horaria del evento.
admin-summit-track-hint = Las sesiones del mismo eje se muestran juntas; deje vacío para el eje principal.
admin-summit-livestream = Enlace de la transmisión en vivo
admin-summit-livestream-hint = Solo lo ven las personas con un lugar en la sesión, y se les envía una hora antes.
admin-summit-interpretation = Con interpretación
admin-summit-speakers-hint = Un ponente por línea. Para enlazar un perfil de la Red de Expertos, agregue una barra vertical y el nombre de dirección del perfil: Ana Ruiz | 3fk29x
admin-summit-capacity-hint = Deje vacío para no tener un límite propio.
admin-summit-save = Guardar la sesión
admin-summit-saved = Sesión guardada.
admin-summit-moved = Sesión cambiada de horario; se avisó a todas las personas que la eligieron.
admin-summit-export = Descargar la asistencia (CSV)
admin-summit-move = Cambiar el horario de la sesión
admin-summit-move-button = Cambiar y avisar a quienes la eligieron
admin-summit-cancel = Cancelar la sesión
admin-summit-cancel-text = Se avisa a todas las personas que la eligieron, en su idioma, y la sesión se cancela en su calendario.
admin-summit-attendance = Asistencia
admin-summit-attendance-counts = { $seats } con lugar, { $waiting } en lista de espera
admin-summit-error-expert = Un perfil enlazado no figura en la Red de Expertos.
admin-summit-error-title = Se requiere un título en inglés y en francés.
admin-summit-error-outside = La sesión debe ser dentro de las fechas del evento.
admin-summit-error-livestream = Una sesión en línea o híbrida necesita su enlace de transmisión.
admin-summit-error-speaker = El nombre de un ponente está vacío o tiene más de 100 caracteres, o hay más de 20.
summit-choose-sessions = Elegir sus sesiones
