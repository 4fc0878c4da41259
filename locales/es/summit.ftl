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
