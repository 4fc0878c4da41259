## Común a todas las páginas

site-name = Réseau
network-name = Red Norteamericana para la Equidad y la Justicia Racial
skip-to-content = Saltar al contenido principal
nav-label = Principal
nav-home = Inicio
nav-join = Unirse
languages-label = Leer esta página en
footer-about = Réseau es la plataforma de membresía y eventos de la Red Norteamericana para la Equidad y la Justicia Racial.
footer-contact = Contacto: { $email }
footer-postal = Dirección postal: { $address }
required = obligatorio
optional = opcional

## Inicio

home-title = Equidad y justicia racial en toda América del Norte
home-lede = La red reúne a personas de Canadá, Estados Unidos y México que trabajan por la equidad en salud, la inclusión económica, la educación, el derecho al voto y la reforma de la justicia, junto con comunidades con experiencia vivida del racismo.
home-origin = Surgió de la Alianza Norteamericana para la Equidad y la Justicia Racial, del trabajo contra el racismo del Plan de Acción Canadá-México y de la Alianza Canadá-Brasil para la Equidad Racial y la Inclusión.
home-upcoming = Próximos eventos
home-all-events = Ver todos los eventos
home-chapters = Nuestras secciones
home-join-chapter = Unirse a la sección { $chapter }
home-cta-title = Hágase miembro
home-cta-text = La membresía es gratuita. Únase a una sección para recibir noticias sobre las cumbres, los eventos culturales y el trabajo de la red, en inglés, francés o español.
home-cta-button = Unirse a la red

## Formulario de inscripción

join-title = Unirse a la red
join-purpose = Únase a una sección de la Red Norteamericana para la Equidad y la Justicia Racial. Usamos sus datos para gestionar su membresía y, solo si marca la casilla de abajo, para enviarle nuestro boletín.
join-who = Este formulario está a cargo de la Red Norteamericana para la Equidad y la Justicia Racial. Preguntas: { $email }.
join-withdraw = Puede retirar su consentimiento en cualquier momento, con el enlace para cancelar la suscripción que aparece en cada mensaje o escribiéndonos.
join-confirm-note = Le enviaremos por correo electrónico un enlace para confirmar su dirección. Su membresía comienza cuando la confirme.
field-full-name = Nombre completo
field-full-name-hint = Como le gustaría que nos dirigiéramos a usted.
field-email = Correo electrónico
field-email-hint = Aquí le enviaremos el enlace de confirmación.
field-chapter = Sección
field-region = Provincia, territorio o estado
field-region-none = Prefiero no decirlo
field-interests = Intereses
field-interests-hint = Elija todos los que le importen.
field-language = Idioma de nuestros correos
field-newsletter = Sí, envíenme el boletín de la red (aproximadamente una vez al mes). Puedo cancelar la suscripción en cualquier momento.
join-submit = Unirse
honeypot-label = Deje este campo vacío

interest-health-equity = Equidad en salud
interest-economic-inclusion = Inclusión económica
interest-education = Educación
interest-voting-rights = Derecho al voto
interest-justice-reform = Reforma de la justicia
interest-arts-culture = Arte y cultura

language-name-en = Inglés
language-name-fr = Francés
language-name-es = Español
language-name-pt = Portugués
# A language's name within a sentence (lower case where the language writes it so).
in-language-en = inglés
in-language-fr = francés
in-language-es = español
in-language-pt = portugués

## Errores en el formulario

error-summary-title = Hay un problema
error-email-empty = Escriba su correo electrónico.
error-email-invalid = Escriba un correo electrónico con el formato nombre@example.org.
error-email-too-long = El correo electrónico debe tener 254 caracteres o menos.
error-email-unreachable = Esta dirección no puede recibir correo: su dominio está reservado para ejemplos y pruebas. Escriba la dirección donde lee su correo.
error-name-empty = Escriba su nombre.
error-name-too-long = El nombre debe tener 100 caracteres o menos.
error-name-invalid = El nombre solo puede contener letras, espacios, guiones, apóstrofos y puntos.
error-chapter-invalid = Elija una de las secciones.
error-region-invalid = Elija una región del país de la sección, o “Prefiero no decirlo”.
error-interests-invalid = Elija intereses de la lista.
error-language-invalid = Elija inglés, francés o español.
error-form-expired = Este formulario estuvo abierto demasiado tiempo. Revise sus respuestas y envíelo de nuevo.

## Después de unirse

check-email-title = Revise su correo electrónico
check-email-text = Si la dirección que indicó puede unirse, va en camino a ella un mensaje con un enlace para confirmar. El enlace es válido durante 7 días.
check-email-spam = ¿No ha recibido nada después de unos minutos? Revise su carpeta de correo no deseado o vuelva a llenar el formulario.

confirm-title = Confirme su membresía
confirm-text = Presione el botón para confirmar su dirección y unirse a la sección { $chapter } como { $name }.
confirm-button = Confirmar mi membresía
confirm-agrees-newsletter = Al confirmar, se une a la sección { $chapter }, con correos en { $language }, y se suscribe al boletín, como pedía el formulario. Puede darse de baja en cualquier momento.
confirm-agrees-no-newsletter = Al confirmar, se une a la sección { $chapter }, con correos en { $language }. No se suscribe al boletín.
confirmed-title = Le damos la bienvenida a la red
confirmed-text = Su membresía está confirmada. Va en camino un correo de bienvenida.
already-active-title = Ya es miembro
already-active-text = Esta dirección ya está confirmada. No tiene que hacer nada más.
link-expired-title = Este enlace venció
link-expired-text = Los enlaces de confirmación son válidos durante 7 días. Solicite uno nuevo y se lo enviaremos por correo electrónico.
link-expired-button = Enviarme un enlace nuevo
link-used-title = Este enlace ya se usó
link-used-text = Cada enlace funciona una sola vez. Si ya confirmó, es miembro; si no, vuelva a llenar el formulario de inscripción.
link-unknown-title = Este enlace no funciona
link-unknown-text = Verifique que copió el enlace completo del correo electrónico, o vuelva a llenar el formulario de inscripción.
link-join-again = Ir al formulario de inscripción

## Errores

error-page-title = Algo salió mal
error-bad-request = No se pudo entender la solicitud. Regrese e inténtelo de nuevo.
error-forbidden = No se pudo aceptar el formulario porque no provenía de este sitio o venció. Regrese, vuelva a cargar la página e inténtelo de nuevo.
error-not-found = Esta página no existe.
error-method = Esta página no se puede usar de esa manera.
error-too-large = Lo que envió es demasiado grande.
error-too-many = Demasiadas solicitudes. Espere un minuto e inténtelo de nuevo.
error-internal = Algo salió mal de nuestro lado. Su solicitud no se guardó; inténtelo de nuevo en un momento.
error-unavailable = El servicio no está disponible por el momento. Inténtelo de nuevo en unos instantes.
error-home-link = Ir a la página de inicio

## Names of the languages in themselves, for the language switcher

autonym-en = English
autonym-fr = Français
autonym-es = Español
autonym-pt = Português

## Inicio de sesión (los miembros nunca tienen contraseña)

nav-sign-in = Iniciar sesión
nav-account = Mi cuenta
sign-in-title = Iniciar sesión
sign-in-intro = Los miembros inician sesión con un enlace enviado por correo electrónico: no hay ninguna contraseña que recordar.
sign-in-submit = Enviarme un enlace para iniciar sesión
sign-in-sent-title = Revise su correo electrónico
sign-in-sent-text = Si esta dirección pertenece a un miembro, va en camino a ella un enlace para iniciar sesión. Funciona una sola vez, durante 30 minutos.
sign-in-confirm-title = Iniciar sesión en Réseau
sign-in-confirm-text = Presione el botón para iniciar sesión como { $name }.
sign-in-confirm-button = Iniciar sesión
sign-in-expired-text = Los enlaces para iniciar sesión son válidos durante 30 minutos y funcionan una sola vez. Solicite uno nuevo.
sign-in-again = Solicitar un enlace nuevo para iniciar sesión
sign-out = Cerrar sesión
signed-out-title = Sesión cerrada
signed-out-text = Su sesión terminó en este dispositivo.

## La página de la cuenta

account-title = Mi cuenta
account-signed-in-as = Sesión iniciada como { $email }.
account-profile = Mis datos
account-save = Guardar mis datos
account-saved = Sus datos se guardaron.
account-newsletter-title = Boletín
account-newsletter-on = Usted recibe el boletín.
account-newsletter-off = Usted no recibe el boletín.
account-subscribe = Suscribirse al boletín
account-unsubscribe = Cancelar la suscripción al boletín
account-newsletter-saved = Se guardó su preferencia sobre el boletín.
account-email-title = Correo electrónico
account-email-intro = Para cambiarlo, escriba la nueva dirección. Le enviaremos un enlace a esa dirección y no cambiaremos nada hasta que se use el enlace.
account-email-new = Nuevo correo electrónico
account-email-submit = Cambiar mi dirección
account-email-sent = Si se puede usar la nueva dirección, va en camino a ella un enlace de confirmación. Nada cambiará hasta que se use.
account-consents-title = Mi historial de consentimientos
consent-line = { $date }: { $what }, { $how } (redacción { $version }).
consent-membership-granted = se hizo miembro
consent-membership-withdrawn = dejó la red
consent-newsletter-granted = se suscribió al boletín
consent-newsletter-withdrawn = canceló su suscripción al boletín
consent-source-join = en el formulario de inscripción
consent-source-account = en la página de su cuenta
consent-source-unsubscribe-link = con el enlace para cancelar la suscripción de un correo
consent-source-one-click = con el botón para cancelar la suscripción de su programa de correo
consent-source-erasure = cuando se eliminó su cuenta
consent-source-other = por otro medio
account-registrations-title = Mis inscripciones a eventos
account-registrations-none = No tiene inscripciones a eventos.
account-data-title = Mis datos
account-data-text = Descargue todo lo que tenemos sobre usted, en un archivo que puede abrir (JSON).
account-data-button = Descargar mis datos
account-sessions-title = Dónde ha iniciado sesión
account-sessions-text = Si inició sesión en una computadora que no es suya, o cree que otra persona puede abrir su cuenta, cierre la sesión en todas partes: cada navegador, este incluido, tendrá que volver a iniciar sesión.
account-sign-out-everywhere = Cerrar sesión en todas partes
account-delete-title = Eliminar mi cuenta
account-delete-text = Al eliminar su cuenta se borran su nombre y su dirección. Solo conservamos lo que exige la ley antispam de Canadá, sin su dirección.
account-delete-link = Eliminar mi cuenta

## Cambio de dirección

email-change-confirm-title = Confirme su nueva dirección
email-change-confirm-text = Presione el botón para que { $email } sea la dirección de su membresía.
email-change-confirm-button = Confirmar mi nueva dirección
email-changed-title = Su dirección cambió
email-changed-text = A partir de ahora le escribiremos a su nueva dirección.

## Baja

delete-title = Eliminar mi cuenta
delete-warning = Esta acción no se puede deshacer. Se borrarán su nombre, su dirección y sus preferencias, se cerrarán sus sesiones y se cancelarán los correos pendientes para usted. Un último correo se lo confirmará.
delete-confirm-label = Sí, eliminar mi cuenta y todo lo que tienen sobre mí
delete-button = Eliminar mi cuenta definitivamente
error-delete-confirm = Marque la casilla para confirmar que desea eliminar su cuenta.
deleted-title = Su cuenta se eliminó
deleted-text = Borramos sus datos. Puede volver a unirse en cualquier momento.

## Cancelación de la suscripción

unsubscribe-title = Cancelar la suscripción al boletín
unsubscribe-text = Presione el botón para dejar de recibir el boletín de la red. El cambio se aplica de inmediato.
unsubscribe-button = Cancelar la suscripción
unsubscribed-title = Su suscripción se canceló
unsubscribed-text = Ya no recibirá boletines. Los correos que usted solicite, como los enlaces para iniciar sesión y las inscripciones a eventos, le seguirán llegando.
unsubscribed-already-text = Su suscripción ya estaba cancelada: no tiene que hacer nada más.
unsubscribe-expired-text = Este enlace para cancelar la suscripción es demasiado antiguo. Inicie sesión para cambiar su preferencia, o escríbanos.

## Panel de gestión

admin-title = Panel de gestión
admin-nav-dashboard = Tablero
admin-nav-members = Miembros
admin-nav-audit = Registro de auditoría
admin-nav-organizers = Equipo
admin-nav-password = Mi contraseña
admin-sign-out = Cerrar sesión
admin-signed-in-as = Sesión iniciada como { $name } ({ $role })
role-admin = administración
role-organizer = responsable de sección
admin-sign-in-title = Inicio de sesión del equipo
admin-sign-in-submit = Iniciar sesión
field-password = Contraseña
field-password-hint = Al menos 12 caracteres. Evite una contraseña que use en otros sitios.
field-name = Nombre
field-role = Rol
field-chapters = Secciones
error-sign-in-failed = El correo electrónico o la contraseña no son correctos.
error-sign-in-locked = Demasiados intentos fallidos con esta dirección: el acceso está bloqueado durante unos minutos. Inténtelo de nuevo más tarde.
error-sign-in-busy = Demasiados inicios de sesión a la vez. Espere un momento e inténtelo de nuevo.
error-password-too-short = La contraseña debe tener al menos 12 caracteres.
error-password-too-long = La contraseña debe tener 200 caracteres o menos.
error-password-too-common = Esta contraseña es una de las más comunes. Elija otra.
error-password-wrong = La contraseña actual no es correcta.
error-organizer-exists = Esta dirección ya tiene una cuenta del equipo.
error-role-invalid = Elija un rol.
setup-title = Crear la primera cuenta de administración
setup-intro = Réseau todavía no tiene ninguna cuenta del equipo. Este enlace de un solo uso crea la primera cuenta de administración.
setup-submit = Crear la cuenta de administración
invite-title = Elija su contraseña
invite-intro = Recibió una invitación para gestionar secciones de la red. Elija una contraseña para comenzar.
invite-submit = Guardar mi contraseña
password-title = Cambiar mi contraseña
field-current-password = Contraseña actual
field-new-password = Nueva contraseña
password-submit = Cambiar mi contraseña
password-changed = Su contraseña se cambió. Sus otras sesiones se cerraron.
dashboard-title = Tablero
dashboard-members = Miembros por sección y estado
dashboard-chapter = Sección
dashboard-total = Total
dashboard-pending = Confirmaciones pendientes
dashboard-mail = Correos
dashboard-mail-sent = Enviados
dashboard-mail-failed = Fallidos
dashboard-mail-queued = En espera
status-pending = Pendiente
status-active = Membresía activa
status-unsubscribed = Baja del boletín
status-erased = Datos borrados
members-title = Miembros
members-search = Nombre o correo electrónico
members-filter = Filtrar
members-any = Cualquiera
members-newsletter = Boletín
members-newsletter-yes = Recibe el boletín
members-newsletter-no = No recibe el boletín
members-export = Exportar estos miembros (CSV)
members-count = { $count ->
    [one] { $count } miembro
   *[other] { $count } miembros
}
members-count-more = Más de { $count } miembros coinciden: afine la búsqueda o expórtelos todos.
members-none = No hay resultados que coincidan con su búsqueda.
members-previous = Página anterior
members-next = Página siguiente
members-page = Página { $page } de { $pages }
members-pages = Páginas
members-first = Miembros más recientes
members-last = Miembros más antiguos
member-title = Miembro
member-profile = Perfil
member-consents = Historial de consentimientos
member-emails = Correos enviados
member-correct = Corregir el nombre o la sección
member-correct-submit = Guardar la corrección
member-corrected = La corrección se guardó y quedó anotada en el registro de auditoría.
email-kind = Tipo
email-subject = Asunto
email-status = Estado
email-time = Fecha y hora
field-status = Estado
field-joined = Fecha de inscripción
audit-title = Registro de auditoría
audit-when = Fecha
audit-who = Persona
audit-action = Acción
audit-target = Elemento
audit-details = Detalles
organizers-title = Equipo
organizers-invite = Invitar a una persona al equipo
organizers-invite-submit = Enviar la invitación
organizers-invited = La invitación va en camino.
organizers-active = Cuenta activa
organizers-deactivate = Desactivar
organizers-activate = Reactivar
yes = Sí
no = No

## Importación de miembros

members-import-link = Importar miembros desde un archivo CSV
import-title = Importar miembros
import-intro = Un archivo CSV con una fila de encabezado: email (obligatorio), full_name, region (por ejemplo, CA-QC), interests (identificadores separados por ;) y language (en, fr o es). Las personas nuevas reciben un correo electrónico en el que se les pide que confirmen: nadie se hace miembro sin esa confirmación.
field-import-file = Archivo CSV
field-consent-source = Origen de su consentimiento
field-consent-source-hint = Por ejemplo: hoja de inscripción, foro de Montréal, 2026-10-12.
import-submit = Importar
import-report-title = Informe de importación
import-invited = { $count ->
    [one] { $count } persona invitada a confirmar
   *[other] { $count } personas invitadas a confirmar
}
import-existing = { $count ->
    [one] { $count } ya es miembro de esta sección (se conservan sus elecciones; solo se completan los datos vacíos)
   *[other] { $count } ya son miembros de esta sección (se conservan sus elecciones; solo se completan los datos vacíos)
}
import-other-chapter = { $count ->
    [one] { $count } miembro de otra de sus secciones (sin cambios)
   *[other] { $count } miembros de otra de sus secciones (sin cambios)
}
import-throttled = { $count ->
    [one] { $count } persona pendiente invitada hace poco, sin nuevo correo
   *[other] { $count } personas pendientes invitadas hace poco, sin nuevo correo
}
import-rejected = { $count ->
    [one] { $count } fila rechazada
   *[other] { $count } filas rechazadas
}
import-line = Línea { $line }: { $reasons }
import-reason-email = el correo electrónico no es válido
import-reason-name = el nombre falta o no es válido
import-reason-region = la región no pertenece al país de la sección
import-reason-interests = hay un interés desconocido
import-reason-language = el idioma no es en, fr ni es
error-import-file = Elija un archivo CSV con una columna email.
error-consent-source = Indique de dónde proviene el consentimiento de estas personas.

## Inicio de sesión en dos pasos para el equipo

two-factor-title = Inicio de sesión en dos pasos
two-factor-intro = Las cuentas de administración, y todo el equipo cuando la administración lo pide, confirman cada inicio de sesión con un código de una aplicación de autenticación.
two-factor-step = Agregue esta cuenta a su aplicación de autenticación con el enlace de abajo, o escriba la clave a mano, y luego ingrese el código que muestra la aplicación.
two-factor-key = Clave
two-factor-link = Abrir en una aplicación de autenticación
field-code = Código
field-code-hint = Los seis dígitos que muestra su aplicación. Un código de recuperación también sirve aquí.
two-factor-submit = Activar el inicio de sesión en dos pasos
two-factor-codes-title = Sus códigos de recuperación
two-factor-codes-text = Guarde estos códigos en un lugar seguro. Cada uno sirve una sola vez, en lugar de un código de la aplicación, si pierde su teléfono. Solo se muestran ahora.
two-factor-continue = Continuar al panel
sign-in-code-title = Ingrese su código
sign-in-code-submit = Iniciar sesión
error-code-wrong = El código es incorrecto o ya se usó.
two-factor-all-on = Todo el equipo debe usar el inicio de sesión en dos pasos.
two-factor-all-off = Solo las cuentas de administración deben usar el inicio de sesión en dos pasos.
two-factor-require-all = Exigirlo a todo el equipo
two-factor-require-admins = Exigirlo solo a las cuentas de administración

## Secciones en el panel de gestión

admin-nav-chapters = Secciones
chapters-title = Secciones
chapters-new = Nueva sección
chapters-edit = Editar la sección { $chapter }
chapters-save = Guardar la sección
chapters-saved = La sección se guardó.
field-slug = Nombre corto en las direcciones
field-slug-hint = Letras minúsculas, cifras y guiones, como estados-unidos.
field-country = Código del país
field-country-hint = Dos letras mayúsculas (ISO 3166-1), como CA.
error-slug-invalid = Use de 2 a 64 letras minúsculas, cifras y guiones.
error-slug-taken = Otra sección ya usa este nombre corto.
error-country-invalid = Ingrese dos letras mayúsculas, como CA.
error-text-required = Ingrese este texto: el inglés y el francés son obligatorios.
error-text-too-long = Un nombre tiene como máximo 200 caracteres y una descripción como máximo 5000.

## Eventos

nav-events = Eventos
events-title = Próximos eventos
events-none = Ningún evento próximo coincide con su búsqueda.
events-filter-chapter = Sección
events-filter-format = Formato
events-filter-any = Cualquiera
events-filter-submit = Mostrar eventos
format-in-person = Presencial
format-online = En línea
format-hybrid = Híbrido
event-when = Cuándo
event-where = Dónde
event-format = Formato
event-time-zone = Los horarios están en la zona horaria { $zone }.
event-seats-left = { $count ->
    [one] { $count } lugar disponible
   *[other] { $count } lugares disponibles
}
event-unlimited = Abierto a todo el público
event-waitlist-open = Completo: la lista de espera está abierta
event-full = Completo
event-register-title = Inscribirse
event-register-intro = La inscripción no implica membresía ni suscripción a nada. Le enviaremos por correo electrónico un enlace para confirmarla; su lugar queda reservado cuando la confirme.
event-register-submit = Inscribirme
event-closed = Las inscripciones están cerradas.
event-not-open = Las inscripciones se abren el { $date }.
event-cancelled = Este evento se canceló.
accommodations-title = Accesibilidad y adaptaciones
accommodations-intro = Díganos lo que necesita para participar; solo el equipo organizador de este evento lo verá.
field-sign-language = Interpretación en lengua de señas
sign-language-none = Ninguna
sign-language-asl = Lengua de señas americana (ASL)
sign-language-lsq = Lengua de señas de Quebec (LSQ)
field-captions = Subtítulos
field-interpretation = Interpretación al idioma
field-mobility = Acceso sin escalones
field-dietary = Necesidades alimentarias
field-other-needs = Otras necesidades
error-accommodations-too-long = Este texto es demasiado largo.
registration-title = Su inscripción
registration-event = Evento
registration-status = Estado
registration-status-pending = En espera de su confirmación
registration-status-confirmed = Confirmada: su lugar está reservado
registration-status-waitlisted = En la lista de espera, número { $position }
registration-status-cancelled = Cancelada
registration-confirm-text = Presione el botón para confirmar su inscripción.
registration-confirm-button = Confirmar mi inscripción
registration-online-link = Participar en línea
registration-calendar = Agregar a mi calendario (.ics)
registration-cancel-title = ¿No puede asistir?
registration-cancel-text = Cancele su inscripción para que su lugar pase a alguien de la lista de espera.
registration-cancel-button = Cancelar mi inscripción
registration-full = El evento está completo y no tiene lista de espera: no se pudo reservar ningún lugar.
registration-sent-title = Revise su correo electrónico
registration-sent-text = Si la dirección puede inscribirse, va en camino a ella un mensaje con un enlace para confirmar. Su lugar solo queda reservado cuando confirme.

## Eventos en el panel de gestión

admin-nav-events = Eventos
admin-events-title = Eventos
admin-events-new = Nuevo evento
admin-event-edit = Editar el evento
field-format = Formato
field-venue = Lugar
field-address = Dirección
field-online-link = Enlace en línea (solo para inscripciones confirmadas)
field-starts = Inicio
field-ends = Fin
field-time-zone = Zona horaria
field-time-zone-hint = Un nombre IANA como America/Toronto, America/Mexico_City o America/New_York. El inicio y el fin están en esta zona.
field-capacity = Lugares
field-capacity-hint = Déjelo vacío para no poner límite.
field-waitlist = Llevar una lista de espera cuando se ocupen los lugares
field-opens = Apertura de inscripciones (opcional)
field-closes = Cierre de inscripciones (opcional)
admin-event-save = Guardar el evento
admin-event-saved = El evento se guardó.
admin-event-publish = Publicar
admin-event-published = El evento está publicado.
admin-event-cancel = Cancelar el evento y avisar a cada persona inscrita
event-status-draft = Borrador
event-status-published = Publicado
event-status-cancelled = Cancelado
admin-registrations = Inscripciones
admin-registrations-counts = { $confirmed ->
    [one] { $confirmed } confirmada
   *[other] { $confirmed } confirmadas
}, { $waitlisted } en la lista de espera, { $pending } por confirmar, { $checked ->
    [one] { $checked } persona presente
   *[other] { $checked } personas presentes
}.
admin-registrations-export = Exportar las inscripciones (CSV)
admin-check-in = Registrar asistencia
admin-undo-check-in = Deshacer la asistencia
admin-checked-in = Asistencia registrada a las { $time }
admin-accommodations = Ajustes de accesibilidad
error-event-slug = Use letras minúsculas, cifras y guiones (80 como máximo).
error-event-slug-taken = Otro evento ya usa este nombre corto.
error-event-time = Ingrese una fecha y una hora.
error-date-range = Ingrese una fecha entre los años 2000 y 2100.
error-text-hidden = Quite los caracteres invisibles o que cambian la dirección del texto (como U+202E): pueden hacer que el texto se lea de otra manera.
error-event-ends-before = El evento debe terminar después de empezar.
error-event-window = Las inscripciones deben abrir antes de cerrar, y antes del fin del evento.
error-event-link = Ingrese una dirección que empiece por https://.
error-event-zone = Ingrese un nombre de zona horaria como America/Toronto.
error-event-capacity = Ingrese un número de lugares de 1 a 1 000 000, y no menos que los ocupados.
error-event-too-long = Un título, un lugar o una descripción es demasiado largo.
error-event-incomplete = Para publicar se necesitan el título y la descripción en inglés y en francés.
event-register-as = Inscribirse como { $name } ({ $email }): un clic, sin correo que confirmar.
admin-message-title = Escribir a las personas inscritas
admin-message-audience = A quién
admin-message-confirmed = Todas las personas con lugar
admin-message-waitlisted = Todas las personas en lista de espera
admin-message-subject = Asunto
admin-message-body = Mensaje
admin-message-send = Enviar el mensaje
admin-message-sent = { $count ->
    [one] El mensaje va en camino a { $count } persona.
   *[other] El mensaje va en camino a { $count } personas.
}
error-message-empty = Escriba un asunto y un mensaje.
admin-registrations-search = Buscar por nombre o correo electrónico
organizers-chapters-save = Guardar las secciones

# Step up: the password again before a sensitive back-office action.
step-up-title = Confirme que es usted
step-up-intro = { $count ->
    [one] Esta acción necesita de nuevo su contraseña. No se le volverá a pedir durante { $count } minuto.
   *[other] Esta acción necesita de nuevo su contraseña. No se le volverá a pedir durante { $count } minutos.
}
step-up-intro-code = { $count ->
    [one] Esta acción necesita de nuevo su contraseña y un código de su aplicación. No se le volverán a pedir durante { $count } minuto.
   *[other] Esta acción necesita de nuevo su contraseña y un código de su aplicación. No se le volverán a pedir durante { $count } minutos.
}
step-up-submit = Confirmar y continuar
field-step-up-password = Su contraseña
error-step-up-password = La contraseña no es correcta.

## Fechas y horas: cómo se unen el día, la hora y la zona (las palabras vienen del CLDR)

when-moment = { $day }, { $time } ({ $zone })
when-same-day = { $day }, { $start }–{ $end } ({ $zone })
when-several-days = del { $start_day }, { $start }, al { $end_day }, { $end } ({ $zone })
need-yes = Sí
admin-registration-pending = Pendiente
admin-registration-confirmed = Confirmada
admin-registration-waitlisted = En lista de espera, puesto { $position }
admin-registration-cancelled = Cancelada
outbox-kind-confirm = Confirmar la membresía
outbox-kind-already-member = Ya es miembro
outbox-kind-welcome = Bienvenida
outbox-kind-sign-in = Enlace para iniciar sesión
outbox-kind-email-change = Cambio de dirección
outbox-kind-email-changed = Dirección cambiada
outbox-kind-goodbye = Cuenta eliminada
outbox-kind-unsubscribed = Baja de boletines
outbox-kind-newsletter = Boletín
outbox-kind-organizer-invite = Invitación de organizador
outbox-kind-event-request = Evento: confirmar la inscripción
outbox-kind-event-reminder-of-registration = Evento: recordatorio de inscripción
outbox-kind-event-confirmed = Evento: lugar confirmado
outbox-kind-event-waitlisted = Evento: lista de espera
outbox-kind-event-promoted = Evento: lugar de la lista de espera
outbox-kind-event-cancelled = Evento: inscripción cancelada
outbox-kind-event-cancelled-by-organizers = Evento cancelado
outbox-kind-event-changed = Evento modificado
outbox-kind-event-reminder = Recordatorio del evento
outbox-kind-event-message = Mensaje sobre un evento
outbox-status-queued = En cola
outbox-status-sending = Enviándose
outbox-status-sent = Enviado
outbox-status-failed = Fallido
outbox-status-cancelled = Cancelado
