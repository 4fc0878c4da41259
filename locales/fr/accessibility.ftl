# accessibility strings (fr)

# Le lien vers l’énoncé, au pied de chaque page (site public et espace de gestion).
a11y-footer-link = Accessibilité

# /{lang}/accessibility
a11y-title = Énoncé d’accessibilité
a11y-lede = Réseau doit pouvoir servir à toute personne qui veut adhérer au réseau, s’inscrire à un événement ou gérer son adhésion, quelles que soient ses capacités et sa façon d’utiliser le Web : au clavier, avec un lecteur d’écran, un logiciel d’agrandissement ou sur un petit écran.

a11y-standard-title = La norme visée
a11y-standard-text = Réseau vise la conformité aux Règles pour l’accessibilité des contenus Web (WCAG) 2.1, niveau AA, en français, en anglais, en espagnol et en portugais du Brésil.
a11y-standard-canada = C’est le niveau exigé par les règles d’accessibilité du gouvernement du Canada, qui renvoient à la norme EN 301 549 (adoptée au Canada sous le nom CAN/ASC-EN 301 549:2024) ; pour les pages Web, la norme EN 301 549 exige les WCAG 2.1 au niveau AA.
a11y-standard-no-script = Aucune page n’a besoin de JavaScript : le site n’en envoie pas.

a11y-testing-title = Nos vérifications
a11y-testing-intro = Chaque modification de Réseau est vérifiée dans un vrai navigateur (Chromium, sans écran) par ses tests automatisés :
a11y-testing-axe = axe-core, un moteur de test d’accessibilité, vérifie les pages du site public et les principales pages de l’espace de gestion selon les règles des WCAG 2.1 aux niveaux A et AA, en français, en anglais, en espagnol et en portugais du Brésil, y compris les formulaires renvoyés avec des erreurs.
a11y-testing-keyboard = Des parcours complets se font au clavier seulement (Tab, Maj+Tab, Espace et Entrée) : adhérer au réseau, s’inscrire à un événement et confirmer l’inscription depuis le courriel, puis se désabonner de l’infolettre. À chaque étape, le focus doit être visible, et un formulaire renvoyé avec des erreurs doit placer le focus sur la liste des erreurs.
a11y-testing-reflow = Chaque page vérifiée doit tenir dans un écran de 320 pixels de large, et dans une fenêtre agrandie à 200 %, sans défilement horizontal. Des captures d’écran en format ordinateur et téléphone sont conservées pour un examen par des personnes.
a11y-testing-limits = Les outils automatisés ne trouvent qu’une partie des obstacles, et ces vérifications ne remplacent pas un audit mené par des personnes en situation de handicap. C’est pourquoi chaque signalement compte pour nous.

a11y-limits-title = Limites connues
a11y-limits-intro = Nous connaissons les limites suivantes :
a11y-limit-translation = Quand un événement, une section ou une infolettre n’a pas encore de texte en espagnol ou en portugais, la page ou le courriel affiche son texte anglais. Dans les pages, ce texte est indiqué comme anglais, pour qu’un lecteur d’écran le lise avec la prononciation anglaise ; le nom d’une section au milieu d’une phrase, le titre de l’onglet du navigateur et le texte des courriels ne sont pas encore indiqués.
a11y-limit-content = Les descriptions d’événements sont rédigées par l’équipe d’organisation. Elle peut y mettre des titres, des listes et des liens, mais nous ne pouvons pas vérifier que chaque description est claire et bien structurée.
a11y-limit-tables = Dans l’espace de gestion, les tableaux larges défilent horizontalement dans leur propre cadre sur les petits écrans ; chacun peut être atteint et parcouru au clavier.
a11y-limit-email = Les courriels sont envoyés en texte brut et en HTML simple ; les vérifications dans le navigateur ne les couvrent pas encore.
a11y-limit-files = Les fichiers de calendrier (.ics) et les listes exportées (CSV) ne sont accessibles que dans la mesure où l’application qui les ouvre l’est.

a11y-report-title = Signaler un obstacle
a11y-report-text = Si quelque chose sur Réseau vous bloque, ou si vous avez besoin de l’information dans un autre format, écrivez-nous par courriel à
a11y-report-details = Indiquez-nous l’adresse de la page, ce que vous tentiez de faire et, si vous le souhaitez, le navigateur et la technologie d’assistance que vous utilisez. Vous pouvez écrire en français, en anglais ou en espagnol.
a11y-report-reply = Nous vous répondrons et, le temps de lever l’obstacle, nous vous fournirons l’information ou le service d’une autre façon.

a11y-date-label = Date de cet énoncé :
a11y-date = 28 novembre 2026
