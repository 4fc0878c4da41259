# Contenu écrit dans chaque langue (événements, sections, infolettres) (fr)
field-title = Titre
field-description = Description
field-event-description = Description (Markdown)
content-needed-to-publish = Nécessaire pour publier.
content-optional-page = Facultatif : sans ce texte, les pages en { $language } affichent le texte anglais.
content-optional-newsletter = Facultatif : donnez l’objet et le texte, ou ni l’un ni l’autre. Sans eux, les membres qui reçoivent leurs courriels en { $language } reçoivent la version anglaise.
admin-event-texts = Textes par langue
content-shows-english = Aucun texte en { $language } : ces lecteurs voient le texte anglais.
newsletter-falls-back = Aucune version en { $languages } : ces membres reçoivent la version anglaise.
