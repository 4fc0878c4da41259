## Commun à toutes les pages

site-name = Réseau
network-name = Réseau nord-américain pour l’équité et la justice raciale
skip-to-content = Passer au contenu principal
nav-label = Principale
nav-home = Accueil
nav-join = Adhérer
languages-label = Lire cette page en
footer-about = Réseau est la plateforme d’adhésion et d’événements du Réseau nord-américain pour l’équité et la justice raciale.
footer-contact = Contact : { $email }
footer-postal = Adresse postale : { $address }
required = obligatoire
optional = facultatif

## Accueil

home-title = L’équité et la justice raciale, partout en Amérique du Nord
home-lede = Le réseau rassemble des personnes du Canada, des États-Unis et du Mexique qui œuvrent pour l’équité en santé, l’inclusion économique, l’éducation, le droit de vote et la réforme de la justice, avec les communautés qui ont une expérience vécue du racisme.
home-origin = Il est issu du Partenariat nord-américain pour l’équité et la justice raciale, des travaux de lutte contre le racisme du Plan d’action Canada-Mexique et du Partenariat Canada-Brésil pour l’équité raciale et l’inclusion.
home-chapters = Nos sections
home-join-chapter = Rejoindre la section { $chapter }
home-cta-title = Devenir membre
home-cta-text = L’adhésion est gratuite. Rejoignez une section pour recevoir des nouvelles des sommets, des événements culturels et des travaux du réseau, en anglais, en français ou en espagnol.
home-cta-button = Rejoindre le réseau

## Formulaire d’adhésion

join-title = Rejoindre le réseau
join-purpose = Rejoignez une section du Réseau nord-américain pour l’équité et la justice raciale. Nous utilisons vos renseignements pour gérer votre adhésion et, seulement si vous cochez la case ci-dessous, pour vous envoyer notre infolettre.
join-who = Ce formulaire est géré par le Réseau nord-américain pour l’équité et la justice raciale. Questions : { $email }.
join-withdraw = Vous pouvez retirer votre consentement en tout temps, au moyen du lien de désabonnement inclus dans chaque message ou en nous écrivant.
join-confirm-note = Nous vous enverrons par courriel un lien pour confirmer votre adresse. Votre adhésion commence dès que vous la confirmez.
field-full-name = Nom complet
field-full-name-hint = Le nom que nous utiliserons pour nous adresser à vous.
field-email = Adresse courriel
field-email-hint = Nous y enverrons le lien de confirmation.
field-chapter = Section
field-region = Province, territoire ou État
field-region-none = Je préfère ne pas répondre
field-interests = Centres d’intérêt
field-interests-hint = Choisissez tous ceux qui vous tiennent à cœur.
field-language = Langue de nos courriels
field-newsletter = Oui, envoyez-moi l’infolettre du réseau (environ une fois par mois). Je peux me désabonner en tout temps.
join-submit = Adhérer
honeypot-label = Laissez ce champ vide

interest-health-equity = Équité en santé
interest-economic-inclusion = Inclusion économique
interest-education = Éducation
interest-voting-rights = Droit de vote
interest-justice-reform = Réforme de la justice
interest-arts-culture = Arts et culture

language-name-en = Anglais
language-name-fr = Français
language-name-es = Espagnol

## Erreurs dans le formulaire

error-summary-title = Il y a un problème
error-email-empty = Entrez votre adresse courriel.
error-email-invalid = Entrez une adresse courriel au format nom@example.org.
error-email-too-long = L’adresse courriel doit compter au plus 254 caractères.
error-name-empty = Entrez votre nom.
error-name-too-long = Le nom doit compter au plus 100 caractères.
error-name-invalid = Le nom ne peut contenir que des lettres, des espaces, des traits d’union, des apostrophes et des points.
error-chapter-invalid = Choisissez l’une des sections.
error-region-invalid = Choisissez une région du pays de la section, ou « Je préfère ne pas répondre ».
error-interests-invalid = Choisissez des centres d’intérêt dans la liste.
error-language-invalid = Choisissez l’anglais, le français ou l’espagnol.
error-form-expired = Ce formulaire est resté ouvert trop longtemps. Vérifiez vos réponses et envoyez-le de nouveau.

## Après l’adhésion

check-email-title = Consultez vos courriels
check-email-text = Si l’adresse que vous avez fournie peut adhérer, un message contenant un lien de confirmation est en route vers celle-ci. Le lien est valide pendant 7 jours.
check-email-spam = Rien reçu après quelques minutes? Vérifiez votre dossier de courrier indésirable ou remplissez de nouveau le formulaire.

confirm-title = Confirmez votre adhésion
confirm-text = Appuyez sur le bouton pour confirmer votre adresse et rejoindre la section { $chapter } sous le nom de { $name }.
confirm-button = Confirmer mon adhésion
confirmed-title = Bienvenue au sein du réseau
confirmed-text = Votre adhésion est confirmée. Un courriel de bienvenue est en route.
already-active-title = Vous êtes déjà membre
already-active-text = Cette adresse est déjà confirmée. Vous n’avez rien d’autre à faire.
link-expired-title = Ce lien a expiré
link-expired-text = Les liens de confirmation sont valides pendant 7 jours. Demandez-en un nouveau et nous vous l’enverrons par courriel.
link-expired-button = Envoyez-moi un nouveau lien
link-used-title = Ce lien a déjà été utilisé
link-used-text = Chaque lien ne fonctionne qu’une seule fois. Si vous avez confirmé votre adhésion, vous êtes membre; sinon, remplissez de nouveau le formulaire d’adhésion.
link-unknown-title = Ce lien ne fonctionne pas
link-unknown-text = Vérifiez que vous avez copié le lien complet à partir du courriel, ou remplissez de nouveau le formulaire d’adhésion.
link-join-again = Aller au formulaire d’adhésion

## Erreurs

error-page-title = Une erreur s’est produite
error-bad-request = La demande n’a pas pu être comprise. Revenez en arrière et réessayez.
error-forbidden = Le formulaire n’a pas pu être accepté, car il ne provient pas de ce site ou il a expiré. Revenez en arrière, rechargez la page et réessayez.
error-not-found = Cette page n’existe pas.
error-method = Cette page ne peut pas être utilisée de cette façon.
error-too-large = Ce que vous avez envoyé est trop volumineux.
error-too-many = Trop de demandes. Attendez une minute et réessayez.
error-internal = Une erreur s’est produite de notre côté. Votre demande n’a pas été enregistrée; réessayez dans un instant.
error-unavailable = Le service est momentanément indisponible. Réessayez dans un instant.
error-home-link = Aller à la page d’accueil

## Names of the languages in themselves, for the language switcher

autonym-en = English
autonym-fr = Français
autonym-es = Español
