# accessibility strings (es)

# El enlace a la declaración, al pie de cada página (sitio público y panel de gestión).
a11y-footer-link = Accesibilidad

# /{lang}/accessibility
a11y-title = Declaración de accesibilidad
a11y-lede = Réseau debe servir a todas las personas que deseen unirse a la red, inscribirse en un evento o administrar su membresía, sean cuales sean sus capacidades y la forma en que usen la web: con teclado, con un lector de pantalla, con ampliación o en una pantalla pequeña.

a11y-standard-title = La norma que buscamos cumplir
a11y-standard-text = Réseau busca cumplir las Pautas de Accesibilidad para el Contenido Web (WCAG) 2.1 en el nivel AA, en español, inglés, francés y portugués de Brasil.
a11y-standard-canada = Es el nivel que exigen los requisitos de accesibilidad del Gobierno de Canadá, que remiten a la norma EN 301 549 (adoptada en Canadá como CAN/ASC-EN 301 549:2024); para las páginas web, la norma EN 301 549 exige las WCAG 2.1 en el nivel AA.
a11y-standard-no-script = Ninguna página necesita JavaScript: el sitio no envía ninguno.

a11y-testing-title = Cómo lo comprobamos
a11y-testing-intro = Cada cambio en Réseau se comprueba en un navegador real (Chromium, sin pantalla) mediante sus pruebas automatizadas:
a11y-testing-axe = axe-core, un motor de pruebas de accesibilidad, revisa las páginas del sitio público y las páginas principales del panel de gestión según las reglas de las WCAG 2.1 en los niveles A y AA, en español, inglés, francés y portugués de Brasil, incluidos los formularios devueltos con errores.
a11y-testing-keyboard = Se recorren trayectos completos solo con el teclado (Tab, Mayús+Tab, Espacio e Intro): unirse a la red, inscribirse en un evento y confirmar la inscripción desde el correo electrónico, y darse de baja del boletín. En cada paso el foco debe ser visible, y un formulario devuelto con errores debe llevar el foco a la lista de errores.
a11y-testing-reflow = Cada página revisada debe caber en una pantalla de 320 píxeles de ancho, y en una ventana ampliada al 200 %, sin desplazamiento horizontal. Se guardan capturas de pantalla en tamaño de computadora y de teléfono para que las revisen personas.
a11y-testing-limits = Las herramientas automáticas solo encuentran algunas barreras, y estas comprobaciones no sustituyen una auditoría hecha por personas con discapacidad. Por eso cada aviso que usted nos envíe es importante.

a11y-limits-title = Limitaciones conocidas
a11y-limits-intro = Conocemos estas limitaciones:
a11y-limit-translation = Cuando un evento, una sección o un boletín todavía no tiene texto en español o en portugués, la página o el correo muestra su texto en inglés. En las páginas, ese texto está marcado como inglés, para que un lector de pantalla lo lea con pronunciación inglesa; el nombre de una sección dentro de una frase, el título de la pestaña del navegador y el texto de los correos todavía no están marcados.
a11y-limit-content = Las descripciones de los eventos las redactan las personas organizadoras. Pueden usar títulos, listas y enlaces, pero no podemos comprobar que cada descripción sea clara y esté bien estructurada.
a11y-limit-tables = En el panel de gestión, las tablas anchas se desplazan horizontalmente dentro de su propio marco en pantallas pequeñas; a cada una se puede llegar y desplazarla con el teclado.
a11y-limit-email = Los correos electrónicos se envían en texto sin formato y en HTML sencillo; las comprobaciones en el navegador todavía no los cubren.
a11y-limit-files = Los archivos de calendario (.ics) y las listas exportadas (CSV) son tan accesibles como la aplicación que los abre.

a11y-report-title = Informar de una barrera
a11y-report-text = Si algo en Réseau le impide avanzar, o si usted necesita la información en otro formato, escríbanos a
a11y-report-details = Indíquenos la dirección de la página, lo que intentaba hacer y, si lo desea, el navegador y la tecnología de apoyo que utiliza. Puede escribirnos en español, inglés o francés.
a11y-report-reply = Le responderemos y, mientras eliminamos la barrera, le daremos la información o el servicio de otra manera.

a11y-date-label = Fecha de esta declaración:
a11y-date = 28 de noviembre de 2026
