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
summit-status-waitlisted = En la lista de espera: número { $position }.
summit-livestream = Unirse a la transmisión en vivo
summit-refused-title = Esta sesión no se agregó
summit-error-not-confirmed = Solo una inscripción confirmada puede elegir sesiones.
summit-error-cancelled = Esta sesión está cancelada.
summit-error-over = Esta sesión ya terminó.
summit-error-unknown = Este evento no tiene esa sesión.
summit-error-overlap = Esta sesión es a la misma hora que «{ $session }», que ya eligió. Renuncie primero a esa.
