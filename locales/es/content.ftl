# Contenido escrito en cada idioma (eventos, secciones, boletines) (es)
field-title = Título
field-description = Descripción
field-event-description = Descripción (Markdown)
content-needed-to-publish = Necesario para publicar.
content-optional-page = Opcional: sin este texto, las páginas en { $language } muestran el texto en inglés.
content-optional-newsletter = Opcional: indique el asunto y el texto, o ninguno de los dos. Sin ellos, los miembros que reciben sus correos en { $language } reciben la versión en inglés.
admin-event-texts = Textos por idioma
content-shows-english = No hay texto en { $language }: estos lectores ven el texto en inglés.
newsletter-falls-back = No hay versión en { $languages }: estos miembros reciben la versión en inglés.
