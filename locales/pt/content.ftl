# Conteúdo escrito em cada idioma (eventos, núcleos, boletins) (pt)
field-title = Título
field-description = Descrição
field-event-description = Descrição (Markdown)
content-needed-to-publish = Necessário para publicar.
content-optional-page = Opcional: sem este texto, as páginas em { $language } mostram o texto em inglês.
content-optional-newsletter = Opcional: informe o assunto e o texto, ou nenhum dos dois. Sem eles, os membros que recebem seus e-mails em { $language } recebem a versão em inglês.
admin-event-texts = Textos por idioma
content-shows-english = Sem texto em { $language }: esses leitores veem o texto em inglês.
newsletter-falls-back = Sem versão em { $languages }: esses membros recebem a versão em inglês.
