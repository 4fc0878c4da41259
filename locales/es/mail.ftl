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
