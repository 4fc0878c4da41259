# La Red Trilateral de Personas Expertas: el directorio, los perfiles, el relevo de contacto,
# la inscripción de un miembro, sus correos y las páginas de la administración.

nav-experts = Personas expertas
admin-nav-experts = Personas expertas

## El directorio

experts-title = Red Trilateral de Personas Expertas
experts-intro = Miembros de la red que eligieron figurar aquí comparten su experiencia en equidad en salud, inclusión económica, educación, derecho al voto, reforma de la justicia, y arte y cultura, así como la experiencia vivida desde la que hablan.
experts-relay = Escriba a una persona experta a través de este sitio: su mensaje le llega sin que nunca se le muestre su dirección, y ella solo ve la suya si usted lo permite.
experts-search-label = Buscar a una persona experta
experts-search = Palabras que buscar
experts-search-submit = Buscar
experts-count = { $count ->
    [one] { $count } persona experta
   *[other] { $count } personas expertas
}
experts-none = Ninguna persona experta coincide con esta búsqueda.
experts-members-see-more = Las personas expertas pueden mostrar algunas partes de su perfil solo a los miembros que iniciaron sesión.
experts-capped = { $count ->
    [one] Solo se puede mostrar la primera página de resultados. Precise su búsqueda para encontrar a otras personas.
   *[other] Solo se pueden mostrar las primeras { $count } páginas de resultados. Precise su búsqueda para encontrar a otras personas.
}
experts-back = Volver al directorio
expert-speaks = Idiomas:
expert-name-hidden = Un miembro de la red
expert-members-only-parts = Algunas partes de este perfil solo se muestran a los miembros que iniciaron sesión.
expert-bio-other-languages = Esta persona aún no escribió su presentación en este idioma. Esto es lo que escribió en otros.

## Las partes de un perfil

expert-field-name = Nombre que se muestra
expert-field-name-hint = Puede ser distinto del nombre de su membresía.
expert-field-areas = Áreas de especialidad
expert-field-areas-hint = Marque al menos una.
expert-field-languages = Idiomas que habla
expert-field-country = País
expert-field-place = País y sección
expert-field-chapter = Su sección: { $chapter }.
expert-field-chapter-change = Puede cambiarla en los datos de su cuenta.
expert-field-organisation = Organización y cargo
expert-field-organisation-name = Organización
expert-field-role = Cargo
expert-field-bio = Presentación
expert-field-bio-hint = Unas líneas, en uno o más idiomas: cada lector ve la de su página cuando existe, y las demás si no.
expert-field-bio-in = En { $language }
expert-field-lived = Experiencia vivida
expert-field-lived-hint = Solo si desea decirlo: las comunidades de experiencia vivida desde las que usted habla, con sus propias palabras. Nunca es obligatorio, y nadie lo llena por usted. Nadie puede buscar en el directorio a partir de este texto.
expert-field-lived-words = Con sus propias palabras
expert-field-lived-language = Idioma en que lo escribió
expert-audience-public = Todo el mundo
expert-audience-members = Solo miembros que iniciaron sesión
expert-visibility-title = Quién ve qué
expert-visibility-hint = Elija, para cada parte de su perfil, si todo el mundo puede verla o solo los miembros de la red que iniciaron sesión. Se aplica en cuanto guarda.

## Escribir a una persona experta

expert-contact-title = Escribir a { $name }
expert-contact-intro = Su mensaje llega a esta persona por correo desde este sitio. Nunca se le muestra su dirección. La primera vez, le enviamos un enlace para confirmar que su dirección es suya.
expert-contact-email-hint = Solo la usamos para confirmar que usted escribió este mensaje, y solo se la damos a la persona experta si marca la casilla de abajo.
expert-contact-subject = Asunto
expert-contact-message = Su mensaje
expert-contact-message-hint = Texto simple, hasta 5000 caracteres.
expert-contact-allow-reply = La persona experta puede responderme
expert-contact-allow-reply-hint = Su dirección se entrega entonces a la persona experta con su mensaje, y su respuesta le llega directamente. Sin ello, no puede responderle.
expert-contact-submit = Enviar el mensaje
expert-contact-paused = Esta persona no recibe mensajes por el momento. Vuelva más tarde.
expert-error-subject-empty = Escriba un asunto.
expert-error-subject-too-long = El asunto puede tener hasta 150 caracteres.
expert-error-message-empty = Escriba su mensaje.
expert-error-message-too-long = El mensaje puede tener hasta 5000 caracteres.
expert-error-text-hidden = Quite de este texto los caracteres invisibles o que cambian el sentido de lectura.
expert-error-sender-limit = Esta dirección ya envió hoy todos los mensajes que puede. Inténtelo de nuevo mañana.
expert-error-ip-limit = Hoy ya se enviaron desde su conexión todos los mensajes permitidos. Inténtelo de nuevo mañana.
expert-error-expert-limit = Esta persona ya recibió hoy todos los mensajes que puede recibir. Inténtelo de nuevo mañana.
expert-error-unavailable = Esta persona no recibe mensajes por el momento.
expert-back-to = Volver al perfil de { $name }
expert-check-email-title = Revise su correo
expert-check-email-text = Enviamos un enlace a la dirección que indicó. Su mensaje sale hacia la persona experta en cuanto pulse el botón de la página que abre.
expert-check-email-expiry = El enlace funciona durante 48 horas. Si no llega nada, revise su carpeta de correo no deseado.
expert-sent-title = Su mensaje va en camino
expert-sent-text = La persona experta lo recibe por correo. Si usted lo permitió, su respuesta le llega directamente.
expert-not-sent-title = Su mensaje no se envió
expert-confirm-title = Enviar su mensaje
expert-confirm-text = Pulse el botón para confirmar su dirección y enviar su mensaje a { $name }.
expert-confirm-button = Enviar mi mensaje
expert-link-expired-title = Este enlace venció
expert-link-used-title = Este enlace ya se usó
expert-link-unknown-title = Este enlace no funciona
expert-link-dead-text = Los enlaces de nuestros correos sirven una sola vez y por un tiempo limitado. Puede escribir de nuevo desde el perfil de la persona experta.

## Denunciar un mensaje

expert-report-title = Denunciar este mensaje como abusivo
expert-report-text = Quien lo envió ya no podrá escribir a ninguna persona experta a través de este sitio, y se avisará a los organizadores de su sección que usted denunció un mensaje.
expert-report-private = Los organizadores no ven su mensaje ni quién lo envió.
expert-report-button = Denunciar el mensaje
expert-reported-title = Gracias: el mensaje quedó denunciado
expert-reported-text = Quien lo envió ya no puede escribir a ninguna persona experta a través de este sitio, y se avisó a los organizadores.
expert-reported-pause = Para no recibir mensajes durante un tiempo, páuselos desde su inscripción.

## La inscripción de un miembro

expert-join-title = Inscribirse en la Red Trilateral de Personas Expertas
expert-join-intro = El directorio permite que quienes trabajan por la equidad y la justicia racial en Canadá, Estados Unidos, México y Brasil le encuentren por su especialidad y le escriban a través de este sitio, sin que nunca se muestre su dirección. Usted elige lo que muestra cada parte de su perfil, y a quién.
expert-join-review = Una persona organizadora de su sección revisa su perfil antes de publicarlo en el directorio. Puede modificarlo, pausar los mensajes o retirarse en cualquier momento.
expert-join-submit = Pedir figurar en el directorio
expert-consent-label = Acepto figurar en el directorio de la Red Trilateral de Personas Expertas con el perfil anterior, y recibir los mensajes que me envíen a través de él.
expert-consent-withdraw = Puede retirarse en cualquier momento desde esta página: su inscripción desaparece de inmediato.
expert-error-consent = Marque la casilla para aceptar figurar en el directorio.
expert-error-areas-empty = Elija al menos un área de especialidad.
expert-error-area-unknown = Elija las áreas de la lista.
expert-error-languages-empty = Elija al menos un idioma que habla.
expert-error-language-unknown = Elija los idiomas de la lista.
expert-error-country = Elija un país de la lista.
expert-error-line-too-long = Este campo puede tener hasta 150 caracteres.
expert-error-bio-empty = Escriba unas líneas sobre usted en al menos un idioma.
expert-error-bio-too-long = Este texto puede tener hasta 1200 caracteres.
expert-error-lived-too-long = Este texto puede tener hasta 600 caracteres.
expert-error-lived-language = Elija el idioma en que lo escribió.
expert-listing-title = Su inscripción en la Red de Personas Expertas
expert-listing-profile = Su perfil
expert-listing-edit = Modificar su perfil
expert-listing-save = Guardar
expert-back-to-account = Volver a su cuenta
expert-standing-title = En qué estado está su inscripción
expert-standing-pending = Su perfil espera la revisión de una persona organizadora de su sección. Todavía no figura en el directorio.
expert-standing-changes-pending = Sus cambios esperan la revisión de una persona organizadora de su sección. Mientras tanto, la versión aprobada antes sigue en el directorio.
expert-standing-listed = Su perfil figura en el directorio.
expert-standing-returned = Una persona organizadora le devolvió su perfil. Modifíquelo y guárdelo para enviarlo de nuevo.
expert-standing-returned-listed = Una persona organizadora le devolvió sus cambios; la versión aprobada antes sigue en el directorio. Modifíquelos y guárdelos para enviarlos de nuevo.
expert-standing-hidden = Una persona organizadora retiró su perfil del directorio. Modifíquelo y guárdelo para enviarlo de nuevo.
expert-standing-note = Su nota:
expert-standing-see = Ver su perfil como lo ven los lectores
expert-pause-title = Mensajes
expert-pause-off = Pueden escribirle a través de su perfil.
expert-pause-on = Los mensajes están en pausa: su perfil indica que no recibe ninguno por el momento.
expert-pause-button = Pausar los mensajes
expert-pause-resume = Volver a recibir mensajes
expert-withdraw-title = Retirar su inscripción
expert-withdraw-text = Su perfil sale del directorio de inmediato y se elimina. Su membresía sigue igual.
expert-withdraw-link = Retirar mi inscripción
expert-withdraw-confirm-text = Su perfil saldrá del directorio de inmediato y se eliminará, con el registro de los mensajes recibidos. Podrá pedir figurar de nuevo más adelante.
expert-withdraw-button = Retirar mi inscripción
expert-withdraw-cancel = Conservar mi inscripción
expert-notice-listed = Gracias. Una persona organizadora de su sección revisará su perfil; le avisaremos por correo.
expert-notice-review = Guardado. Sus cambios esperan la revisión de una persona organizadora de su sección.
expert-notice-saved = Guardado.
expert-notice-paused = Los mensajes están en pausa.
expert-notice-resumed = Pueden volver a escribirle.
expert-notice-withdrawn = Su inscripción se retiró y se eliminó.
expert-account-title = Red Trilateral de Personas Expertas
expert-account-none = No figura en el directorio de personas expertas.
expert-account-join = Inscribirse
expert-account-listed = Figura en el directorio de personas expertas.
expert-account-waiting = Su inscripción espera la revisión de una persona organizadora.
expert-account-manage = Gestionar su inscripción

## El registro de consentimientos y la cola de envío

consent-directory-granted = pidió figurar en la Red de Personas Expertas
consent-directory-withdrawn = retiró su inscripción en la Red de Personas Expertas
consent-source-expert-profile = en la página de su inscripción
outbox-kind-expert-message = Mensaje a través de la Red de Personas Expertas
outbox-kind-expert-message-confirm = Red de Personas Expertas: confirmación de quien escribe
outbox-kind-expert-review = Red de Personas Expertas: decisión de una persona organizadora
outbox-kind-expert-abuse-report = Red de Personas Expertas: denuncia de abuso

## Correos

mail-expert-confirm-subject = Confirme su mensaje a una persona experta
mail-expert-confirm-intro = Usted escribió a { $expert } a través de la Red Trilateral de Personas Expertas.
mail-expert-confirm-action = Para enviar su mensaje, abra este enlace y pulse su botón. Así confirma que esta dirección es suya.
mail-expert-confirm-expiry = El enlace funciona durante 48 horas.
mail-expert-confirm-ignore = Si usted no escribió este mensaje, ignore este correo: no se enviará nada.
mail-expert-message-subject = Un mensaje para usted a través de la Red Trilateral de Personas Expertas
mail-expert-message-intro = { $sender } le escribió a través de su inscripción en el directorio:
mail-expert-message-their-subject = Asunto: { $subject }
mail-expert-message-reply = { $sender } aceptó que usted le responda: el botón Responder de su programa de correo le escribe. Su dirección solo se le revela si usted responde.
mail-expert-message-no-reply = { $sender } no compartió su dirección, por lo que no se puede responder a este mensaje.
mail-expert-message-private = Réseau nunca mostró su dirección a quien le escribe.
mail-expert-message-report = Si este mensaje es abusivo, denúncielo: quien lo envió ya no podrá escribir a ninguna persona experta, y se avisará a los organizadores de su sección (no verán el mensaje): { $url }
mail-expert-message-pause = Para no recibir mensajes durante un tiempo, páuselos desde su inscripción: { $url }
mail-expert-footer-why = Recibe este correo porque figura en la Red Trilateral de Personas Expertas.
mail-expert-approved-subject = Su perfil figura en la Red de Personas Expertas
mail-expert-approved-intro = Una persona organizadora de su sección aprobó su perfil: ya figura en el directorio.
mail-expert-approved-profile = Véalo como lo ven los lectores: { $url }
mail-expert-returned-subject = Su perfil de la Red de Personas Expertas necesita cambios
mail-expert-returned-intro = Una persona organizadora de su sección le devolvió su perfil.
mail-expert-hidden-subject = Su perfil de la Red de Personas Expertas ya no figura en el directorio
mail-expert-hidden-intro = Una persona organizadora de su sección retiró su perfil del directorio.
mail-expert-note = Su nota: { $note }
mail-expert-listing-link = Su inscripción: { $url }
mail-expert-abuse-subject = Una persona experta denunció un mensaje abusivo
mail-expert-abuse-intro = Una persona experta de la sección { $chapter } denunció como abusivo un mensaje que recibió a través del directorio.
mail-expert-abuse-blocked = Quien lo envió ya no puede escribir a ninguna persona experta a través del sitio.
mail-expert-abuse-private = Ni el mensaje ni quien lo envió se muestran a los organizadores.
mail-expert-abuse-action = Ver las denuncias

## La administración

admin-experts-title = Red de Personas Expertas
admin-experts-intro = Los perfiles de los miembros de sus secciones que pidieron figurar en el directorio. Usted ve cuántos mensajes llegan a cada persona experta, nunca lo que dicen ni quién los envió.
admin-experts-queue = En espera de revisión ({ $count })
admin-experts-queue-empty = Nada espera revisión.
admin-experts-waiting = { $count ->
    [0] Ningún perfil espera revisión.
    [one] { $count } perfil espera revisión.
   *[other] { $count } perfiles esperan revisión.
}
admin-experts-open = Abrir la cola de revisión
admin-experts-submitted = Enviado
admin-experts-kind = Tipo
admin-experts-kind-new = Perfil nuevo
admin-experts-kind-change = Cambios a un perfil ya publicado
admin-experts-profiles = Perfiles
admin-experts-profiles-empty = Ningún miembro de sus secciones pidió figurar en el directorio.
admin-experts-listed = en el directorio
admin-experts-paused = mensajes en pausa
admin-experts-recent = Mensajes de los últimos 30 días
admin-experts-total = Mensajes en total
admin-experts-reported = Denunciados como abusivos
admin-experts-reports = Denuncias de abuso
admin-experts-reports-intro = Los mensajes que denunciaron las personas expertas. Quienes los enviaron ya no pueden escribir a ninguna persona experta.
admin-experts-reports-empty = No se denunció ningún mensaje.
admin-experts-reported-at = Denunciado
admin-experts-expert = Persona experta
admin-experts-sender = Remitente
admin-experts-sender-blocked = Remitente n.º { $id }, bloqueado
admin-experts-sender-unblocked = Remitente n.º { $id }, bloqueo levantado
admin-experts-unblock = Levantar el bloqueo
admin-experts-unblocked = El bloqueo se levantó: este remitente puede volver a escribir a las personas expertas.
admin-experts-back = Volver a la Red de Personas Expertas
admin-experts-last-note = La última nota enviada al miembro:
admin-experts-submitted-version = Lo que envió el miembro
admin-experts-listed-version = La versión publicada
admin-experts-decide = Decisión
admin-experts-decision = Su decisión
admin-experts-decision-approve = Aprobar: publicar esta versión en el directorio
admin-experts-decision-return = Devolver al miembro con una nota
admin-experts-decision-hide = Ocultar: retirar el perfil del directorio
admin-experts-note = Nota para el miembro
admin-experts-note-hint = Obligatoria para devolver un perfil. El miembro la recibe por correo.
admin-experts-decide-submit = Registrar la decisión
admin-experts-decided = La decisión quedó registrada y se avisó al miembro por correo.
admin-experts-stale = El miembro modificó su perfil después de que usted lo abrió. Esto es lo que envió desde entonces: decida de nuevo.
admin-experts-error-note-required = Escriba una nota que diga qué cambiar.
admin-experts-error-note-too-long = La nota puede tener hasta 1000 caracteres.
admin-experts-error-decision = Elija una decisión.
expert-status-pending = En espera de revisión
expert-status-approved = Aprobado
expert-status-returned = Devuelto
expert-status-hidden = Oculto

## Nombres: idiomas, países

expert-spoken-en = Inglés
expert-spoken-fr = Francés
expert-spoken-es = Español
expert-spoken-pt = Portugués
expert-spoken-ht = Criollo haitiano
expert-spoken-ar = Árabe
expert-spoken-zh = Chino
expert-spoken-ase = Lengua de señas americana (ASL)
expert-spoken-fcs = Lengua de señas de Quebec (LSQ)
expert-spoken-mfs = Lengua de Señas Mexicana (LSM)
expert-spoken-bzs = Lengua de señas brasileña (Libras)
expert-spoken-cr = Cree
expert-spoken-iu = Inuktitut
expert-spoken-nah = Náhuatl
expert-spoken-yua = Maya yucateco
expert-country-ca = Canadá
expert-country-us = Estados Unidos
expert-country-mx = México
expert-country-br = Brasil
