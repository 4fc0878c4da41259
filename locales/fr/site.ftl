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
home-upcoming = Événements à venir
home-all-events = Voir tous les événements
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
language-name-pt = Portugais
# A language's name within a sentence (lower case where the language writes it so).
in-language-en = anglais
in-language-fr = français
in-language-es = espagnol
in-language-pt = portugais

## Erreurs dans le formulaire

error-summary-title = Il y a un problème
error-email-empty = Entrez votre adresse courriel.
error-email-invalid = Entrez une adresse courriel au format nom@example.org.
error-email-too-long = L’adresse courriel doit compter au plus 254 caractères.
error-email-unreachable = Cette adresse ne peut pas recevoir de courriel : son domaine est réservé aux exemples et aux essais. Entrez l’adresse où vous lisez vos courriels.
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
confirm-agrees-newsletter = En confirmant, vous devenez membre de la section { $chapter }, avec des courriels en { $language }, et vous vous abonnez à l’infolettre, comme le formulaire le demandait. Vous pourrez vous désabonner en tout temps.
confirm-agrees-no-newsletter = En confirmant, vous devenez membre de la section { $chapter }, avec des courriels en { $language }. Vous ne vous abonnez pas à l’infolettre.
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
autonym-pt = Português

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
account-sessions-title = Où vous êtes connecté
account-sessions-text = Si vous vous êtes connecté sur un ordinateur qui n’est pas le vôtre, ou si vous pensez que quelqu’un d’autre peut ouvrir votre compte, déconnectez-vous partout : chaque navigateur, celui-ci compris, devra se reconnecter.
account-sign-out-everywhere = Me déconnecter partout
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

## Espace de gestion

admin-title = Espace de gestion
admin-nav-dashboard = Tableau de bord
admin-nav-members = Membres
admin-nav-audit = Journal de vérification
admin-nav-organizers = Équipe
admin-nav-password = Mon mot de passe
admin-sign-out = Se déconnecter
admin-signed-in-as = Session ouverte : { $name } ({ $role })
role-admin = administration
role-organizer = responsable de section
admin-sign-in-title = Connexion de l’équipe
admin-sign-in-submit = Se connecter
field-password = Mot de passe
field-password-hint = Au moins 12 caractères. Évitez un mot de passe que vous utilisez ailleurs.
field-name = Nom
field-role = Rôle
field-chapters = Sections
error-sign-in-failed = L’adresse courriel ou le mot de passe est incorrect.
error-sign-in-locked = Trop de tentatives échouées avec cette adresse : la connexion est verrouillée pendant quelques minutes. Réessayez plus tard.
error-sign-in-busy = Trop de connexions en même temps. Attendez un instant et réessayez.
error-password-too-short = Le mot de passe doit compter au moins 12 caractères.
error-password-too-long = Le mot de passe doit compter au plus 200 caractères.
error-password-too-common = Ce mot de passe fait partie des plus courants. Choisissez-en un autre.
error-password-wrong = Le mot de passe actuel est incorrect.
error-organizer-exists = Cette adresse est déjà associée à un compte de l’équipe.
error-role-invalid = Choisissez un rôle.
setup-title = Créer le premier compte d’administration
setup-intro = Réseau n’a encore aucun compte d’équipe. Ce lien à usage unique crée le premier compte d’administration.
setup-submit = Créer le compte d’administration
invite-title = Choisissez votre mot de passe
invite-intro = Une invitation vous a été envoyée pour gérer des sections du réseau. Choisissez un mot de passe pour commencer.
invite-submit = Enregistrer mon mot de passe
password-title = Modifier mon mot de passe
field-current-password = Mot de passe actuel
field-new-password = Nouveau mot de passe
password-submit = Modifier mon mot de passe
password-changed = Votre mot de passe a été modifié. Vos autres sessions ont été fermées.
dashboard-title = Tableau de bord
dashboard-members = Membres par section et par statut
dashboard-chapter = Section
dashboard-total = Total
dashboard-pending = Confirmations en attente
dashboard-mail = Courriels
dashboard-mail-sent = Envoyés
dashboard-mail-failed = Échecs
dashboard-mail-queued = En attente
status-pending = En attente
status-active = Adhésion active
status-unsubscribed = Désabonnement de l’infolettre
status-erased = Données effacées
members-title = Membres
members-search = Nom ou adresse courriel
members-filter = Filtrer
members-any = Peu importe
members-newsletter = Infolettre
members-newsletter-yes = Reçoit l’infolettre
members-newsletter-no = Ne reçoit pas l’infolettre
members-export = Exporter ces membres (CSV)
members-count = { $count ->
    [one] { $count } membre
   *[other] { $count } membres
}
members-count-more = Plus de { $count } membres correspondent : affinez la recherche, ou exportez-les tous.
members-none = Aucun résultat ne correspond à votre recherche.
members-previous = Page précédente
members-next = Page suivante
members-page = Page { $page } sur { $pages }
members-pages = Pages
members-first = Membres les plus récents
members-last = Membres les plus anciens
member-title = Membre
member-profile = Profil
member-consents = Historique des consentements
member-emails = Courriels envoyés
member-correct = Corriger le nom ou la section
member-correct-submit = Enregistrer la correction
member-corrected = La correction a été enregistrée et consignée dans le journal de vérification.
email-kind = Type
email-subject = Objet
email-status = Statut
email-time = Date et heure
field-status = Statut
field-joined = Date d’adhésion
audit-title = Journal de vérification
audit-when = Date
audit-who = Personne
audit-action = Action
audit-target = Élément
audit-details = Détails
organizers-title = Équipe
organizers-invite = Inviter une personne dans l’équipe
organizers-invite-submit = Envoyer l’invitation
organizers-invited = L’invitation est en route.
organizers-active = Compte actif
organizers-deactivate = Désactiver
organizers-activate = Réactiver
yes = Oui
no = Non

## Importation de membres

members-import-link = Importer des membres à partir d’un fichier CSV
import-title = Importer des membres
import-intro = Un fichier CSV avec une ligne d’en-tête : email (obligatoire), full_name, region (par exemple CA-QC), interests (identifiants séparés par ;) et language (en, fr ou es). Les personnes qui ne sont pas encore inscrites reçoivent un courriel leur demandant de confirmer : personne ne devient membre sans cette confirmation.
field-import-file = Fichier CSV
field-consent-source = Provenance de leur consentement
field-consent-source-hint = Par exemple : feuille d’inscription, forum de Montréal, 2026-10-12.
import-submit = Importer
import-report-title = Rapport d’importation
import-invited = { $count ->
    [one] { $count } personne invitée à confirmer
   *[other] { $count } personnes invitées à confirmer
}
import-existing = { $count ->
    [one] { $count } déjà membre de cette section (ses choix sont gardés ; seuls les renseignements vides sont remplis)
   *[other] { $count } déjà membres de cette section (leurs choix sont gardés ; seuls les renseignements vides sont remplis)
}
import-other-chapter = { $count ->
    [one] { $count } membre d’une autre de vos sections (laissé tel quel)
   *[other] { $count } membres d’une autre de vos sections (laissés tels quels)
}
import-throttled = { $count ->
    [one] { $count } personne en attente invitée récemment, sans nouveau courriel
   *[other] { $count } personnes en attente invitées récemment, sans nouveau courriel
}
import-rejected = { $count ->
    [one] { $count } ligne refusée
   *[other] { $count } lignes refusées
}
import-line = Ligne { $line } : { $reasons }
import-reason-email = l’adresse courriel n’est pas valide
import-reason-name = le nom est manquant ou n’est pas valide
import-reason-region = la région ne fait pas partie du pays de la section
import-reason-interests = un centre d’intérêt est inconnu
import-reason-language = la langue n’est pas en, fr ou es
error-import-file = Choisissez un fichier CSV qui contient une colonne email.
error-consent-source = Indiquez la provenance du consentement de ces personnes.

## Connexion en deux étapes pour l’équipe

two-factor-title = Connexion en deux étapes
two-factor-intro = Les comptes d’administration, et toute l’équipe lorsque l’administration le demande, confirment chaque connexion avec un code d’une application d’authentification.
two-factor-step = Ajoutez ce compte à votre application d’authentification avec le lien ci-dessous, ou saisissez la clé à la main, puis entrez le code affiché par l’application.
two-factor-key = Clé
two-factor-link = Ouvrir dans une application d’authentification
field-code = Code
field-code-hint = Les six chiffres affichés par votre application. Un code de récupération fonctionne aussi ici.
two-factor-submit = Activer la connexion en deux étapes
two-factor-codes-title = Vos codes de récupération
two-factor-codes-text = Conservez ces codes en lieu sûr. Chacun fonctionne une seule fois, à la place d’un code de l’application, si vous perdez votre téléphone. Ils ne sont affichés que maintenant.
two-factor-continue = Continuer vers le tableau de bord
sign-in-code-title = Entrez votre code
sign-in-code-submit = Se connecter
error-code-wrong = Le code est erroné ou a déjà été utilisé.
two-factor-all-on = Toute l’équipe doit utiliser la connexion en deux étapes.
two-factor-all-off = Seuls les comptes d’administration doivent utiliser la connexion en deux étapes.
two-factor-require-all = L’exiger de toute l’équipe
two-factor-require-admins = L’exiger des comptes d’administration seulement

## Sections dans l’espace de gestion

admin-nav-chapters = Sections
chapters-title = Sections
chapters-new = Nouvelle section
chapters-edit = Modifier la section { $chapter }
chapters-save = Enregistrer la section
chapters-saved = La section est enregistrée.
field-slug = Nom court dans les adresses
field-slug-hint = Lettres minuscules, chiffres et traits d’union, comme etats-unis.
field-country = Code du pays
field-country-hint = Deux lettres majuscules (ISO 3166-1), comme CA.
error-slug-invalid = Utilisez de 2 à 64 lettres minuscules, chiffres et traits d’union.
error-slug-taken = Une autre section utilise déjà ce nom court.
error-country-invalid = Entrez deux lettres majuscules, comme CA.
error-text-required = Entrez ce texte : l’anglais et le français sont obligatoires.
error-text-too-long = Un nom compte au plus 200 caractères et une description au plus 5 000.

## Événements

nav-events = Événements
events-title = Événements à venir
events-none = Aucun événement à venir ne correspond à votre recherche.
events-filter-chapter = Section
events-filter-format = Format
events-filter-any = Peu importe
events-filter-submit = Afficher les événements
format-in-person = En personne
format-online = En ligne
format-hybrid = Hybride
event-when = Quand
event-where = Où
event-format = Format
event-time-zone = Les heures sont indiquées dans le fuseau horaire { $zone }.
event-seats-left = { $count ->
    [one] { $count } place restante
   *[other] { $count } places restantes
}
event-unlimited = Ouvert à tout le monde
event-waitlist-open = Complet : la liste d’attente est ouverte
event-full = Complet
event-register-title = S’inscrire
event-register-intro = L’inscription ne fait pas de vous un membre et ne vous abonne à rien. Nous vous enverrons par courriel un lien pour la confirmer; votre place est réservée dès que vous la confirmez.
event-register-submit = M’inscrire
event-closed = Les inscriptions sont fermées.
event-not-open = Les inscriptions ouvrent le { $date }.
event-cancelled = Cet événement est annulé.
accommodations-title = Accessibilité et mesures d’adaptation
accommodations-intro = Dites-nous ce dont vous avez besoin pour participer; seules les personnes qui organisent cet événement le verront.
field-sign-language = Interprétation en langue des signes
sign-language-none = Aucune
sign-language-asl = Langue des signes américaine (ASL)
sign-language-lsq = Langue des signes québécoise (LSQ)
field-captions = Sous-titrage
field-interpretation = Interprétation vers la langue
field-mobility = Accès de plain-pied
field-dietary = Besoins alimentaires
field-other-needs = Autres besoins
error-accommodations-too-long = Ce texte est trop long.
registration-title = Votre inscription
registration-event = Événement
registration-status = Statut
registration-status-pending = En attente de votre confirmation
registration-status-confirmed = Confirmée : votre place est réservée
registration-status-waitlisted = Sur la liste d’attente, au rang { $position }
registration-status-cancelled = Annulée
registration-confirm-text = Appuyez sur le bouton pour confirmer votre inscription.
registration-confirm-button = Confirmer mon inscription
registration-online-link = Participer en ligne
registration-calendar = Ajouter à mon calendrier (.ics)
registration-cancel-title = Vous ne pouvez pas venir?
registration-cancel-text = Annulez votre inscription pour que votre place revienne à une personne inscrite sur la liste d’attente.
registration-cancel-button = Annuler mon inscription
registration-full = L’événement est complet et n’a pas de liste d’attente : aucune place n’a pu être réservée.
registration-sent-title = Consultez vos courriels
registration-sent-text = Si cette adresse peut s’inscrire, un message contenant un lien de confirmation est en route vers celle-ci. Votre place n’est réservée qu’une fois votre inscription confirmée.

## Événements dans l’espace de gestion

admin-nav-events = Événements
admin-events-title = Événements
admin-events-new = Nouvel événement
admin-event-edit = Modifier l’événement
field-format = Format
field-venue = Lieu
field-address = Adresse
field-online-link = Lien en ligne (remis seulement aux inscriptions confirmées)
field-starts = Début
field-ends = Fin
field-time-zone = Fuseau horaire
field-time-zone-hint = Un nom IANA comme America/Toronto, America/Mexico_City ou America/New_York. Le début et la fin sont dans ce fuseau.
field-capacity = Places
field-capacity-hint = Laissez vide pour ne pas limiter.
field-waitlist = Tenir une liste d’attente quand les places sont prises
field-opens = Ouverture des inscriptions (facultatif)
field-closes = Fermeture des inscriptions (facultatif)
admin-event-save = Enregistrer l’événement
admin-event-saved = L’événement est enregistré.
admin-event-publish = Publier
admin-event-published = L’événement est publié.
admin-event-cancel = Annuler l’événement et prévenir chaque personne inscrite
event-status-draft = Brouillon
event-status-published = Publié
event-status-cancelled = Annulé
admin-registrations = Inscriptions
admin-registrations-counts = { $confirmed ->
    [one] { $confirmed } confirmée
   *[other] { $confirmed } confirmées
}, { $waitlisted } sur la liste d’attente, { $pending } en attente de confirmation, { $checked ->
    [one] { $checked } personne présente
   *[other] { $checked } personnes présentes
}.
admin-registrations-export = Exporter les inscriptions (CSV)
admin-check-in = Noter la présence
admin-undo-check-in = Annuler la présence
admin-checked-in = Présence notée à { $time }
admin-accommodations = Mesures d’adaptation
error-event-slug = Utilisez des lettres minuscules, des chiffres et des traits d’union (80 au plus).
error-event-slug-taken = Un autre événement utilise déjà ce nom court.
error-event-time = Entrez une date et une heure.
error-date-range = Entrez une date entre les années 2000 et 2100.
error-text-hidden = Retirez les caractères invisibles ou qui changent le sens de lecture (comme U+202E) : ils peuvent faire lire le texte autrement.
error-event-ends-before = L’événement doit finir après son début.
error-event-window = Les inscriptions doivent ouvrir avant de fermer, et avant la fin de l’événement.
error-event-link = Entrez une adresse qui commence par https://.
error-event-zone = Entrez un nom de fuseau horaire comme America/Toronto.
error-event-capacity = Entrez un nombre de places de 1 à 1 000 000, et pas moins que les places prises.
error-event-too-long = Un titre, un lieu ou une description est trop long.
error-event-incomplete = Pour publier, il faut le titre et la description en anglais et en français.
event-register-as = Vous inscrire en tant que { $name } ({ $email }) : un clic, sans courriel à confirmer.
admin-message-title = Écrire aux personnes inscrites
admin-message-audience = À qui
admin-message-confirmed = Toutes les personnes qui ont une place
admin-message-waitlisted = Toutes les personnes en liste d’attente
admin-message-subject = Objet
admin-message-body = Message
admin-message-send = Envoyer le message
admin-message-sent = { $count ->
    [one] Le message part vers { $count } personne.
   *[other] Le message part vers { $count } personnes.
}
error-message-empty = Écrivez un objet et un message.
admin-registrations-search = Chercher par nom ou courriel
organizers-chapters-save = Enregistrer les sections

# Step up: the password again before a sensitive back-office action.
step-up-title = Confirmez votre identité
step-up-intro = { $count ->
    [one] Cette action demande de saisir à nouveau votre mot de passe. Il ne vous sera plus demandé pendant { $count } minute.
   *[other] Cette action demande de saisir à nouveau votre mot de passe. Il ne vous sera plus demandé pendant { $count } minutes.
}
step-up-intro-code = { $count ->
    [one] Cette action demande de saisir à nouveau votre mot de passe et un code de votre application. Ils ne vous seront plus demandés pendant { $count } minute.
   *[other] Cette action demande de saisir à nouveau votre mot de passe et un code de votre application. Ils ne vous seront plus demandés pendant { $count } minutes.
}
step-up-submit = Confirmer et continuer
field-step-up-password = Votre mot de passe
error-step-up-password = Le mot de passe est incorrect.

## Dates et heures : comment se joignent le jour, l’heure et le fuseau (les mots viennent du CLDR)

when-moment = { $day } à { $time } ({ $zone })
when-same-day = { $day }, { $start } à { $end } ({ $zone })
when-several-days = du { $start_day }, { $start }, au { $end_day }, { $end } ({ $zone })
need-yes = Oui
admin-registration-pending = En attente
admin-registration-confirmed = Confirmée
admin-registration-waitlisted = En liste d’attente, position { $position }
admin-registration-cancelled = Annulée
outbox-kind-confirm = Confirmation d’adhésion
outbox-kind-already-member = Déjà membre
outbox-kind-welcome = Bienvenue
outbox-kind-sign-in = Lien de connexion
outbox-kind-email-change = Changement d’adresse
outbox-kind-email-changed = Adresse changée
outbox-kind-goodbye = Compte supprimé
outbox-kind-unsubscribed = Désabonnement
outbox-kind-newsletter = Infolettre
outbox-kind-organizer-invite = Invitation d’organisateur
outbox-kind-event-request = Événement : confirmer l’inscription
outbox-kind-event-reminder-of-registration = Événement : rappel d’inscription
outbox-kind-event-confirmed = Événement : place confirmée
outbox-kind-event-waitlisted = Événement : liste d’attente
outbox-kind-event-promoted = Événement : place libérée
outbox-kind-event-cancelled = Événement : inscription annulée
outbox-kind-event-cancelled-by-organizers = Événement annulé
outbox-kind-event-changed = Événement modifié
outbox-kind-event-reminder = Rappel d’événement
outbox-kind-event-message = Message sur un événement
outbox-status-queued = En file
outbox-status-sending = En cours d’envoi
outbox-status-sent = Envoyé
outbox-status-failed = Échec
outbox-status-cancelled = Annulé
