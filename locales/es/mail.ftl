## Todos los correos

mail-greeting = Hola, { $name }:
mail-signature = Red Norteamericana para la Equidad y la Justicia Racial
mail-footer-sender = Enviado por { $sender }.
mail-footer-postal = { $address }
mail-footer-contact = ¿Tiene preguntas? Escriba a { $email }.
mail-footer-why = Recibió este correo porque esta dirección se ingresó en nuestro sitio web.

## Confirmación

mail-confirm-subject = Confirme su membresía en la red
mail-confirm-intro = Gracias por unirse a la sección { $chapter } de la Red Norteamericana para la Equidad y la Justicia Racial.
mail-confirm-action = Para confirmar su dirección y comenzar su membresía, abra este enlace y presione el botón:
mail-confirm-expiry = El enlace es válido durante 7 días.
mail-confirm-ignore = Si usted no solicitó unirse, ignore este correo: no pasará nada a menos que se use el enlace.

## Ya es miembro

mail-already-subject = Ya es miembro de la red
mail-already-intro = Alguien, probablemente usted, solicitó unirse a la red con esta dirección. Usted ya es miembro, así que no tiene que hacer nada.
mail-already-ignore = Si no fue usted, puede ignorar este correo.

## Bienvenida

mail-welcome-subject = Le damos la bienvenida a la Red Norteamericana para la Equidad y la Justicia Racial
mail-welcome-intro = Su membresía en la sección { $chapter } está confirmada. ¡Le damos la bienvenida!
mail-welcome-newsletter = Recibirá nuestro boletín. Cada número incluye un enlace para cancelar la suscripción de inmediato.
mail-welcome-no-newsletter = No solicitó nuestro boletín, así que solo le escribiremos sobre su membresía y los eventos en los que se inscriba.
mail-welcome-visit = Encuentre cumbres y eventos culturales en nuestro sitio web: { $url }
mail-footer-unsubscribe = Cancele su suscripción al boletín de inmediato: { $url }

## Enlace para iniciar sesión

mail-sign-in-subject = Su enlace para iniciar sesión en Réseau
mail-sign-in-intro = Alguien, probablemente usted, solicitó iniciar sesión en Réseau con esta dirección.
mail-sign-in-action = Abra este enlace y presione el botón para iniciar sesión. Funciona una sola vez, durante 30 minutos:
mail-sign-in-ignore = Si usted no lo solicitó, ignore este correo: nadie puede iniciar sesión sin el enlace.

## Cambio de dirección

mail-email-change-subject = Confirme su nueva dirección de correo electrónico
mail-email-change-intro = Usted solicitó usar esta dirección para su membresía en la red.
mail-email-change-action = Abra este enlace y presione el botón para confirmarla. Es válido durante 24 horas:
mail-email-change-ignore = Si usted no lo solicitó, ignore este correo: nada cambiará sin el enlace.
mail-email-changed-subject = Se cambió su dirección de correo electrónico
mail-email-changed-intro = La dirección de su membresía se cambió a { $email }. Ya no le escribiremos a esta.
mail-email-changed-help = Si usted no hizo este cambio, escríbanos de inmediato a { $contact }.

## Despedida

mail-goodbye-subject = Su cuenta se eliminó
mail-goodbye-intro = Como lo solicitó, borramos su cuenta y sus datos. Este es el último correo que enviamos a esta dirección.
mail-goodbye-rejoin = Puede volver con nosotros en cualquier momento: { $url }

## Invitación al equipo

mail-invite-subject = Invitación para gestionar secciones de la red
mail-invite-intro = { $inviter } le envió una invitación al panel de gestión de la Red Norteamericana para la Equidad y la Justicia Racial.
mail-invite-action = Abra este enlace para elegir su contraseña. Funciona una sola vez, durante 7 días:

## Eventos

mail-event-request-subject = Confirme su inscripción: { $event }
mail-event-request-intro = Usted solicitó inscribirse en el evento { $event } del { $date }.
mail-event-request-action = Abra este enlace y presione el botón para confirmar. Solo entonces quedará reservado su lugar:
mail-event-confirmed-subject = Inscripción confirmada: { $event }
mail-event-confirmed-intro = Su lugar en el evento { $event } del { $date } está reservado. Se adjunta el archivo de calendario.
mail-event-manage = Su inscripción, el archivo de calendario y una forma de cancelar: { $url }
mail-event-online = Participe en línea: { $url }
mail-event-waitlisted-subject = En la lista de espera: { $event }
mail-event-waitlisted-intro = El evento { $event } está completo. Usted tiene el número { $position } en la lista de espera; le escribiremos de inmediato si se libera un lugar.
mail-event-promoted-subject = Tiene un lugar: { $event }
mail-event-promoted-intro = Se liberó un lugar en el evento { $event } del { $date }, y es suyo. Se adjunta el archivo de calendario.
mail-event-cancelled-subject = Inscripción cancelada: { $event }
mail-event-cancelled-intro = Su inscripción en el evento { $event } se canceló. Puede volver a inscribirse mientras las inscripciones estén abiertas.
mail-event-called-off-subject = Evento cancelado: { $event }
mail-event-called-off-intro = Lo sentimos: { $event }, previsto para el { $date }, se canceló. Su inscripción queda cancelada con él.
mail-event-reminder-subject = Mañana: { $event }
mail-event-reminder-intro = Un recordatorio: { $event } empieza el { $date }. Esperamos verle allí.
mail-event-reminder-page = La página del evento: { $url }
mail-event-changed-subject = Cambio: { $event }
mail-event-changed-intro = La hora o el lugar de { $event } cambió. Ahora es: { $date }.
mail-event-changed-where = Lugar: { $place }
