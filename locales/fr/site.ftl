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

## Connexion (les membres n’ont jamais de mot de passe)

nav-sign-in = Se connecter
nav-account = Mon compte
sign-in-title = Se connecter
sign-in-intro = Les membres se connectent au moyen d’un lien envoyé par courriel : il n’y a aucun mot de passe à retenir.
sign-in-submit = Envoyez-moi un lien de connexion par courriel
sign-in-sent-title = Consultez vos courriels
sign-in-sent-text = Si cette adresse appartient à un membre, un lien de connexion est en route vers celle-ci. Il ne fonctionne qu’une seule fois, pendant 30 minutes.
sign-in-confirm-title = Se connecter à Réseau
sign-in-confirm-text = Appuyez sur le bouton pour vous connecter en tant que { $name }.
sign-in-confirm-button = Se connecter
sign-in-expired-text = Les liens de connexion sont valides pendant 30 minutes et ne fonctionnent qu’une seule fois. Demandez-en un nouveau.
sign-in-again = Demander un nouveau lien de connexion
sign-out = Se déconnecter
signed-out-title = Déconnexion effectuée
signed-out-text = Votre session a pris fin sur cet appareil.

## La page du compte

account-title = Mon compte
account-signed-in-as = Session ouverte avec l’adresse { $email }.
account-profile = Mes renseignements
account-save = Enregistrer mes renseignements
account-saved = Vos renseignements ont été enregistrés.
account-newsletter-title = Infolettre
account-newsletter-on = Vous recevez l’infolettre.
account-newsletter-off = Vous ne recevez pas l’infolettre.
account-subscribe = S’abonner à l’infolettre
account-unsubscribe = Se désabonner de l’infolettre
account-newsletter-saved = Votre choix concernant l’infolettre a été enregistré.
account-email-title = Adresse courriel
account-email-intro = Pour la modifier, entrez la nouvelle adresse. Nous y enverrons un lien et ne changerons rien tant que ce lien n’aura pas été utilisé.
account-email-new = Nouvelle adresse courriel
account-email-submit = Modifier mon adresse
account-email-sent = Si la nouvelle adresse peut être utilisée, un lien de confirmation est en route vers celle-ci. Rien ne changera tant qu’il n’aura pas été utilisé.
account-consents-title = Historique de mes consentements
consent-line = { $date } : { $what }, { $how } (libellé { $version }).
consent-membership-granted = vous avez adhéré au réseau
consent-membership-withdrawn = vous avez quitté le réseau
consent-newsletter-granted = vous avez accepté de recevoir l’infolettre
consent-newsletter-withdrawn = vous avez annulé votre abonnement à l’infolettre
consent-source-join = au moyen du formulaire d’adhésion
consent-source-account = sur la page de votre compte
consent-source-unsubscribe-link = au moyen du lien de désabonnement d’un courriel
consent-source-one-click = au moyen du bouton de désabonnement de votre logiciel de courriel
consent-source-erasure = lors de la suppression de votre compte
consent-source-other = par un autre moyen
account-registrations-title = Mes inscriptions aux événements
account-registrations-none = Vous n’avez aucune inscription à un événement.
account-data-title = Mes données
account-data-text = Téléchargez toutes les données que nous détenons à votre sujet, dans un fichier que vous pouvez ouvrir (JSON).
account-data-button = Télécharger mes données
account-delete-title = Supprimer mon compte
account-delete-text = La suppression de votre compte efface votre nom et votre adresse. Nous conservons uniquement ce qu’exige la Loi canadienne anti-pourriel, sans votre adresse.
account-delete-link = Supprimer mon compte

## Changement d’adresse

email-change-confirm-title = Confirmez votre nouvelle adresse
email-change-confirm-text = Appuyez sur le bouton pour faire de { $email } l’adresse de votre adhésion.
email-change-confirm-button = Confirmer ma nouvelle adresse
email-changed-title = Votre adresse a été modifiée
email-changed-text = Dorénavant, nous vous écrirons à votre nouvelle adresse.

## Départ

delete-title = Supprimer mon compte
delete-warning = Cette action est irréversible. Votre nom, votre adresse et vos préférences seront effacés, vos sessions seront fermées et les courriels qui vous attendaient seront annulés. Un dernier courriel vous le confirmera.
delete-confirm-label = Oui, supprimer mon compte et tout ce qui me concerne
delete-button = Supprimer définitivement mon compte
error-delete-confirm = Cochez la case pour confirmer que vous voulez supprimer votre compte.
deleted-title = Votre compte est supprimé
deleted-text = Nous avons effacé vos renseignements. Vous pouvez adhérer de nouveau en tout temps.

## Désabonnement

unsubscribe-title = Se désabonner de l’infolettre
unsubscribe-text = Appuyez sur le bouton pour ne plus recevoir l’infolettre du réseau. Le changement prend effet immédiatement.
unsubscribe-button = Se désabonner
unsubscribed-title = Votre désabonnement est confirmé
unsubscribed-text = Vous ne recevrez plus d’infolettre. Les courriels que vous demandez, comme les liens de connexion et les inscriptions aux événements, continueront de vous parvenir.
unsubscribed-already-text = Vous ne receviez déjà plus l’infolettre : vous n’avez rien d’autre à faire.
unsubscribe-expired-text = Ce lien de désabonnement est trop ancien. Connectez-vous pour modifier votre choix, ou écrivez-nous.
