# Les graphiques du tableau de bord et leurs tableaux (fr)
dashboard-table = Les chiffres en tableau
dashboard-week-of = Semaine du { $date }
dashboard-axis-week = Semaine du
dashboard-axis-signups = Inscriptions
dashboard-axis-members = Membres
dashboard-signups-title = Inscriptions par semaine, par section
dashboard-signups-desc = { $count ->
    [one] Une inscription
   *[other] { $total } inscriptions
} au cours des { $weeks } dernières semaines ; la semaine la plus active a commencé le { $busiest }, avec { $most }. Les chiffres sont dans le tableau ci-dessous.
dashboard-signups-none = Aucune inscription au cours des { $weeks } dernières semaines.
dashboard-members-title = Membres au fil du temps
dashboard-members-desc = Membres à la fin de chaque semaine : { $now } aujourd’hui, { $then } il y a { $weeks } semaines. Les membres actifs aujourd’hui sont comptés à partir de la semaine de leur confirmation. Les chiffres sont dans le tableau ci-dessous.
dashboard-members-at-end = Membres à la fin de la semaine
dashboard-events-title = Événements à venir : places prises
dashboard-events-desc = { $count ->
    [one] Le prochain événement : places confirmées, capacité (le trait foncé) et liste d’attente au-delà.
   *[other] Les { $count } prochains événements : places confirmées, capacité (le trait foncé) et liste d’attente au-delà.
} Les chiffres sont dans le tableau ci-dessous.
dashboard-events-none = Aucun événement à venir.
dashboard-event = Événement
dashboard-date = Date
dashboard-confirmed = Confirmées
dashboard-waitlisted = En liste d’attente
dashboard-capacity = Capacité
dashboard-unlimited = Illimitée
dashboard-event-seats = Confirmées : { $confirmed } sur { $capacity }
dashboard-event-unlimited = Confirmées : { $confirmed }, sans limite
dashboard-event-waiting = En liste d’attente : { $waitlisted }
dashboard-newsletters-title = Envois d’infolettres
dashboard-newsletters-desc = { $count ->
    [one] La dernière infolettre : exemplaires envoyés et en échec, et désabonnements jusqu’à la suivante.
   *[other] Les { $count } dernières infolettres : exemplaires envoyés et en échec, et désabonnements jusqu’à la suivante.
} Les chiffres sont dans le tableau ci-dessous.
dashboard-newsletters-none = Aucune infolettre envoyée pour l’instant.
dashboard-newsletter = Infolettre
dashboard-sent = Envoyés
dashboard-failed = Échecs
dashboard-unsubscribes = Désabonnements ensuite
dashboard-newsletter-note = Envoyés : { $sent } · Échecs : { $failed } · Désabonnements : { $unsubscribes }
