# Los gráficos del tablero y sus tablas (es)
dashboard-table = Las cifras en una tabla
dashboard-week-of = Semana del { $date }
dashboard-axis-week = Semana del
dashboard-axis-signups = Inscripciones
dashboard-axis-members = Miembros
dashboard-signups-title = Inscripciones por semana, por sección
dashboard-signups-desc = { $count ->
    [one] Una inscripción
   *[other] { $total } inscripciones
} en las últimas { $weeks } semanas; la semana con más comenzó el { $busiest }, con { $most }. Las cifras están en la tabla de abajo.
dashboard-signups-none = Ninguna inscripción en las últimas { $weeks } semanas.
dashboard-members-title = Miembros a lo largo del tiempo
dashboard-members-desc = Miembros al final de cada semana: { $now } hoy, { $then } hace { $weeks } semanas. Los miembros activos hoy se cuentan desde la semana en que confirmaron. Las cifras están en la tabla de abajo.
dashboard-members-at-end = Miembros al final de la semana
dashboard-events-title = Próximos eventos: plazas ocupadas
dashboard-events-desc = { $count ->
    [one] El próximo evento: plazas confirmadas, capacidad (la línea oscura) y lista de espera más allá.
   *[other] Los próximos { $count } eventos: plazas confirmadas, capacidad (la línea oscura) y lista de espera más allá.
} Las cifras están en la tabla de abajo.
dashboard-events-none = Ningún evento próximo.
dashboard-event = Evento
dashboard-date = Fecha
dashboard-confirmed = Confirmadas
dashboard-waitlisted = En lista de espera
dashboard-capacity = Capacidad
dashboard-unlimited = Sin límite
dashboard-event-seats = Confirmadas: { $confirmed } de { $capacity }
dashboard-event-unlimited = Confirmadas: { $confirmed }, sin límite
dashboard-event-waiting = En lista de espera: { $waitlisted }
dashboard-newsletters-title = Envíos de boletines
dashboard-newsletters-desc = { $count ->
    [one] El último boletín: copias enviadas y fallidas, y bajas hasta el siguiente.
   *[other] Los últimos { $count } boletines: copias enviadas y fallidas, y bajas hasta el siguiente.
} Las cifras están en la tabla de abajo.
dashboard-newsletters-none = Todavía no se ha enviado ningún boletín.
dashboard-newsletter = Boletín
dashboard-sent = Enviadas
dashboard-failed = Fallidas
dashboard-unsubscribes = Bajas después
dashboard-newsletter-note = Enviadas: { $sent } · Fallidas: { $failed } · Bajas: { $unsubscribes }
