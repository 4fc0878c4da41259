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

## Errores en el formulario

error-summary-title = Hay un problema
error-email-empty = Escriba su correo electrónico.
error-email-invalid = Escriba un correo electrónico con el formato nombre@example.org.
error-email-too-long = El correo electrónico debe tener 254 caracteres o menos.
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
