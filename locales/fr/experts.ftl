# Le Réseau trilatéral d’experts : l’annuaire, les profils, le relais de contact, l’inscription
# d’un membre, ses courriels et les pages de l’administration.

nav-experts = Experts
admin-nav-experts = Experts

## L’annuaire

experts-title = Réseau trilatéral d’experts
experts-intro = Des membres du réseau qui ont choisi d’y figurer partagent leur expertise en équité en santé, inclusion économique, éducation, droit de vote, réforme de la justice, arts et culture, ainsi que l’expérience vécue à partir de laquelle ils s’expriment.
experts-relay = Écrivez à un expert au moyen de ce site : votre message lui parvient sans que son adresse vous soit jamais montrée, et il ne voit la vôtre que si vous le permettez.
experts-search-label = Trouver un expert
experts-search = Mots à chercher
experts-search-submit = Chercher
experts-count = { $count ->
    [one] { $count } expert
   *[other] { $count } experts
}
experts-none = Aucun expert ne correspond à cette recherche.
experts-members-see-more = Les experts peuvent réserver certaines parties de leur profil aux membres connectés.
experts-capped = { $count ->
    [one] Seule la première page de résultats peut être affichée. Précisez votre recherche pour en trouver d’autres.
   *[other] Seules les { $count } premières pages de résultats peuvent être affichées. Précisez votre recherche pour en trouver d’autres.
}
experts-back = Retour à l’annuaire
expert-speaks = Langues :
expert-name-hidden = Un membre du réseau
expert-members-only-parts = Certaines parties de ce profil sont réservées aux membres connectés.
expert-bio-other-languages = Cette personne n’a pas encore écrit de présentation dans cette langue. Voici ce qu’elle a écrit dans d’autres.

## Les parties d’un profil

expert-field-name = Nom affiché
expert-field-name-hint = Il peut différer du nom de votre adhésion.
expert-field-areas = Domaines d’expertise
expert-field-areas-hint = Cochez-en au moins un.
expert-field-languages = Langues parlées
expert-field-country = Pays
expert-field-place = Pays et section
expert-field-chapter = Votre section : { $chapter }.
expert-field-chapter-change = Vous pouvez la changer dans les renseignements de votre compte.
expert-field-organisation = Organisation et fonction
expert-field-organisation-name = Organisation
expert-field-role = Fonction
expert-field-bio = Présentation
expert-field-bio-hint = Quelques lignes, dans une ou plusieurs langues : chaque lecteur voit celle de sa page quand elle existe, et les autres sinon.
expert-field-bio-in = En { $language }
expert-field-lived = Expérience vécue
expert-field-lived-hint = Seulement si vous souhaitez le dire : les communautés d’expérience vécue à partir desquelles vous vous exprimez, dans vos propres mots. Ce n’est jamais obligatoire, et personne ne le remplit à votre place. Personne ne peut chercher dans l’annuaire à partir de ce texte.
expert-field-lived-words = Dans vos propres mots
expert-field-lived-language = Langue dans laquelle vous l’avez écrit
expert-audience-public = Tout le monde
expert-audience-members = Membres connectés seulement
expert-visibility-title = Qui voit quoi
expert-visibility-hint = Choisissez, pour chaque partie de votre profil, si tout le monde peut la voir ou seulement les membres du réseau qui sont connectés. Votre choix s’applique dès que vous enregistrez.

## Écrire à un expert

expert-contact-title = Écrire à { $name }
expert-contact-intro = Votre message est transmis à cette personne par courriel depuis ce site. Son adresse ne vous est jamais montrée. La première fois, nous vous envoyons un lien pour confirmer que votre adresse est bien la vôtre.
expert-contact-email-hint = Nous l’utilisons seulement pour confirmer que vous avez écrit ce message, et ne la transmettons à l’expert que si vous cochez la case ci-dessous.
expert-contact-subject = Objet
expert-contact-message = Votre message
expert-contact-message-hint = Texte simple, jusqu’à 5 000 caractères.
expert-contact-allow-reply = L’expert peut me répondre
expert-contact-allow-reply-hint = Votre adresse est alors transmise à l’expert avec votre message, et sa réponse vous parvient directement. Sans cela, il ne peut pas vous répondre.
expert-contact-submit = Envoyer le message
expert-contact-paused = Cette personne ne reçoit pas de messages pour le moment. Revenez plus tard.
expert-error-subject-empty = Indiquez un objet.
expert-error-subject-too-long = L’objet peut compter jusqu’à 150 caractères.
expert-error-message-empty = Écrivez votre message.
expert-error-message-too-long = Le message peut compter jusqu’à 5 000 caractères.
expert-error-text-hidden = Retirez de ce texte les caractères invisibles ou qui changent le sens de lecture.
expert-error-sender-limit = Cette adresse a envoyé autant de messages qu’elle le peut aujourd’hui. Réessayez demain.
expert-error-ip-limit = Autant de messages que permis ont été envoyés aujourd’hui depuis votre connexion. Réessayez demain.
expert-error-expert-limit = Cette personne a reçu aujourd’hui autant de messages qu’elle peut en recevoir. Réessayez demain.
expert-error-unavailable = Cette personne ne reçoit pas de messages pour le moment.
expert-back-to = Retour au profil de { $name }
expert-check-email-title = Consultez vos courriels
expert-check-email-text = Nous avons envoyé un lien à l’adresse indiquée. Votre message part vers l’expert dès que vous appuyez sur le bouton de la page qu’il ouvre.
expert-check-email-expiry = Le lien est valide pendant 48 heures. Si rien n’arrive, vérifiez votre dossier de courrier indésirable.
expert-sent-title = Votre message est en route
expert-sent-text = L’expert le reçoit par courriel. Si vous l’avez permis, sa réponse vous parvient directement.
expert-not-sent-title = Votre message n’a pas été envoyé
expert-confirm-title = Envoyer votre message
expert-confirm-text = Appuyez sur le bouton pour confirmer votre adresse et envoyer votre message à { $name }.
expert-confirm-button = Envoyer mon message
expert-link-expired-title = Ce lien a expiré
expert-link-used-title = Ce lien a déjà été utilisé
expert-link-unknown-title = Ce lien ne fonctionne pas
expert-link-dead-text = Les liens de nos courriels ne servent qu’une fois, pendant un temps limité. Vous pouvez écrire de nouveau à partir du profil de l’expert.

## Signaler un message

expert-report-title = Signaler ce message comme abusif
expert-report-text = Son expéditeur ne pourra plus écrire à aucun expert au moyen de ce site, et les organisateurs de votre section seront avisés que vous avez signalé un message.
expert-report-private = Les organisateurs ne voient ni votre message ni son expéditeur.
expert-report-button = Signaler le message
expert-reported-title = Merci : le message est signalé
expert-reported-text = Son expéditeur ne peut plus écrire à aucun expert au moyen de ce site, et les organisateurs ont été avisés.
expert-reported-pause = Pour ne plus recevoir de messages pendant un temps, suspendez-les depuis votre inscription.

## L’inscription d’un membre

expert-join-title = Figurer dans le Réseau trilatéral d’experts
expert-join-intro = L’annuaire permet aux personnes qui œuvrent pour l’équité et la justice raciale au Canada, aux États-Unis, au Mexique et au Brésil de vous trouver selon votre expertise et de vous écrire au moyen de ce site, sans que votre adresse soit jamais montrée. Vous choisissez ce que montre chaque partie de votre profil, et à qui.
expert-join-review = Un organisateur de votre section examine votre profil avant qu’il figure dans l’annuaire. Vous pouvez le modifier, suspendre les messages ou vous retirer en tout temps.
expert-join-submit = Demander à figurer dans l’annuaire
expert-consent-label = J’accepte de figurer dans l’annuaire du Réseau trilatéral d’experts avec le profil ci-dessus, et de recevoir les messages qu’on m’envoie par son intermédiaire.
expert-consent-withdraw = Vous pouvez vous retirer en tout temps depuis cette page : votre inscription disparaît aussitôt.
expert-error-consent = Cochez la case pour accepter de figurer dans l’annuaire.
expert-error-areas-empty = Choisissez au moins un domaine d’expertise.
expert-error-area-unknown = Choisissez les domaines dans la liste.
expert-error-languages-empty = Choisissez au moins une langue que vous parlez.
expert-error-language-unknown = Choisissez les langues dans la liste.
expert-error-country = Choisissez un pays dans la liste.
expert-error-line-too-long = Ce champ peut compter jusqu’à 150 caractères.
expert-error-bio-empty = Écrivez quelques lignes sur vous dans au moins une langue.
expert-error-bio-too-long = Ce texte peut compter jusqu’à 1 200 caractères.
expert-error-lived-too-long = Ce texte peut compter jusqu’à 600 caractères.
expert-error-lived-language = Choisissez la langue dans laquelle vous l’avez écrit.
expert-listing-title = Votre inscription au Réseau d’experts
expert-listing-profile = Votre profil
expert-listing-edit = Modifier votre profil
expert-listing-save = Enregistrer
expert-back-to-account = Retour à votre compte
expert-standing-title = Où en est votre inscription
expert-standing-pending = Votre profil attend l’examen d’un organisateur de votre section. Il ne figure pas encore dans l’annuaire.
expert-standing-changes-pending = Vos modifications attendent l’examen d’un organisateur de votre section. D’ici là, la version approuvée auparavant reste dans l’annuaire.
expert-standing-listed = Votre profil figure dans l’annuaire.
expert-standing-returned = Un organisateur vous a renvoyé votre profil. Modifiez-le et enregistrez pour le soumettre de nouveau.
expert-standing-returned-listed = Un organisateur vous a renvoyé vos modifications; la version approuvée auparavant reste dans l’annuaire. Modifiez-les et enregistrez pour les soumettre de nouveau.
expert-standing-hidden = Un organisateur a retiré votre profil de l’annuaire. Modifiez-le et enregistrez pour le soumettre de nouveau.
expert-standing-note = Sa note :
expert-standing-see = Voir votre profil tel que les lecteurs le voient
expert-pause-title = Messages
expert-pause-off = On peut vous écrire au moyen de votre profil.
expert-pause-on = Les messages sont suspendus : votre profil indique que vous n’en recevez pas pour le moment.
expert-pause-button = Suspendre les messages
expert-pause-resume = Recevoir de nouveau des messages
expert-withdraw-title = Retirer votre inscription
expert-withdraw-text = Votre profil quitte aussitôt l’annuaire et est supprimé. Votre adhésion reste inchangée.
expert-withdraw-link = Retirer mon inscription
expert-withdraw-confirm-text = Votre profil quittera aussitôt l’annuaire et sera supprimé, avec la trace des messages reçus. Vous pourrez demander à y figurer de nouveau plus tard.
expert-withdraw-button = Retirer mon inscription
expert-withdraw-cancel = Garder mon inscription
expert-notice-listed = Merci. Un organisateur de votre section examinera votre profil; nous vous aviserons par courriel.
expert-notice-review = Enregistré. Vos modifications attendent l’examen d’un organisateur de votre section.
expert-notice-saved = Enregistré.
expert-notice-paused = Les messages sont suspendus.
expert-notice-resumed = On peut de nouveau vous écrire.
expert-notice-withdrawn = Votre inscription est retirée et supprimée.
expert-account-title = Réseau trilatéral d’experts
expert-account-none = Vous ne figurez pas dans l’annuaire des experts.
expert-account-join = Demander à y figurer
expert-account-listed = Vous figurez dans l’annuaire des experts.
expert-account-waiting = Votre inscription attend l’examen d’un organisateur.
expert-account-manage = Gérer votre inscription

## Le registre des consentements et la file d’envoi

consent-directory-granted = vous avez demandé à figurer dans le Réseau d’experts
consent-directory-withdrawn = vous avez retiré votre inscription au Réseau d’experts
consent-source-expert-profile = sur la page de votre inscription
outbox-kind-expert-message = Message par le Réseau d’experts
outbox-kind-expert-message-confirm = Réseau d’experts : confirmation de l’expéditeur
outbox-kind-expert-review = Réseau d’experts : décision d’un organisateur
outbox-kind-expert-abuse-report = Réseau d’experts : signalement d’abus

## Courriels

mail-expert-confirm-subject = Confirmez votre message à un expert
mail-expert-confirm-intro = Vous avez écrit à { $expert } au moyen du Réseau trilatéral d’experts.
mail-expert-confirm-action = Pour envoyer votre message, ouvrez ce lien et appuyez sur son bouton. Vous confirmez ainsi que cette adresse est la vôtre.
mail-expert-confirm-expiry = Le lien est valide pendant 48 heures.
mail-expert-confirm-ignore = Si vous n’avez pas écrit ce message, ne tenez pas compte de ce courriel : rien ne sera envoyé.
mail-expert-message-subject = Un message pour vous par le Réseau trilatéral d’experts
mail-expert-message-intro = { $sender } vous a écrit au moyen de votre inscription dans l’annuaire :
mail-expert-message-their-subject = Objet : { $subject }
mail-expert-message-reply = { $sender } accepte que vous lui répondiez : le bouton Répondre de votre logiciel de courriel lui écrit. Votre adresse ne lui est révélée que si vous répondez.
mail-expert-message-no-reply = { $sender } n’a pas communiqué son adresse : on ne peut pas répondre à ce message.
mail-expert-message-private = Réseau n’a jamais montré votre adresse à l’expéditeur.
mail-expert-message-report = Si ce message est abusif, signalez-le : son expéditeur ne pourra plus écrire à aucun expert, et les organisateurs de votre section seront avisés (ils ne verront pas le message) : { $url }
mail-expert-message-pause = Pour ne plus recevoir de messages pendant un temps, suspendez-les depuis votre inscription : { $url }
mail-expert-footer-why = Vous recevez ce courriel parce que vous figurez dans le Réseau trilatéral d’experts.
mail-expert-approved-subject = Votre profil figure dans le Réseau d’experts
mail-expert-approved-intro = Un organisateur de votre section a approuvé votre profil : il figure maintenant dans l’annuaire.
mail-expert-approved-profile = Voyez-le comme les lecteurs : { $url }
mail-expert-returned-subject = Votre profil du Réseau d’experts doit être modifié
mail-expert-returned-intro = Un organisateur de votre section vous a renvoyé votre profil.
mail-expert-hidden-subject = Votre profil du Réseau d’experts ne figure plus dans l’annuaire
mail-expert-hidden-intro = Un organisateur de votre section a retiré votre profil de l’annuaire.
mail-expert-note = Sa note : { $note }
mail-expert-listing-link = Votre inscription : { $url }
mail-expert-abuse-subject = Un expert a signalé un message abusif
mail-expert-abuse-intro = Un expert de la section { $chapter } a signalé comme abusif un message reçu au moyen de l’annuaire.
mail-expert-abuse-blocked = Son expéditeur ne peut plus écrire à aucun expert au moyen du site.
mail-expert-abuse-private = Ni le message ni son expéditeur ne sont montrés aux organisateurs.
mail-expert-abuse-action = Voir les signalements

## L’administration

admin-experts-title = Réseau d’experts
admin-experts-intro = Les profils des membres de vos sections qui ont demandé à figurer dans l’annuaire. Vous voyez combien de messages parviennent à chaque expert, jamais ce qu’ils disent ni qui les a envoyés.
admin-experts-queue = En attente d’examen ({ $count })
admin-experts-queue-empty = Rien n’attend d’examen.
admin-experts-waiting = { $count ->
    [0] Aucun profil n’attend d’examen.
    [one] { $count } profil attend un examen.
   *[other] { $count } profils attendent un examen.
}
admin-experts-open = Ouvrir la file d’examen
admin-experts-submitted = Soumis
admin-experts-kind = Nature
admin-experts-kind-new = Nouveau profil
admin-experts-kind-change = Modifications d’un profil déjà dans l’annuaire
admin-experts-profiles = Profils
admin-experts-profiles-empty = Aucun membre de vos sections n’a demandé à figurer dans l’annuaire.
admin-experts-listed = dans l’annuaire
admin-experts-paused = messages suspendus
admin-experts-recent = Messages des 30 derniers jours
admin-experts-total = Messages au total
admin-experts-reported = Signalés comme abusifs
admin-experts-reports = Signalements d’abus
admin-experts-reports-intro = Les messages que des experts ont signalés. Leurs expéditeurs ne peuvent plus écrire à aucun expert.
admin-experts-reports-empty = Aucun message n’a été signalé.
admin-experts-reported-at = Signalé le
admin-experts-expert = Expert
admin-experts-sender = Expéditeur
admin-experts-sender-blocked = Expéditeur no { $id }, bloqué
admin-experts-sender-unblocked = Expéditeur no { $id }, blocage levé
admin-experts-unblock = Lever le blocage
admin-experts-unblocked = Le blocage est levé : cet expéditeur peut de nouveau écrire aux experts.
admin-experts-back = Retour au Réseau d’experts
admin-experts-last-note = La dernière note envoyée au membre :
admin-experts-submitted-version = Ce que le membre a soumis
admin-experts-listed-version = La version dans l’annuaire
admin-experts-decide = Décision
admin-experts-decision = Votre décision
admin-experts-decision-approve = Approuver : publier cette version dans l’annuaire
admin-experts-decision-return = Renvoyer au membre avec une note
admin-experts-decision-hide = Masquer : retirer le profil de l’annuaire
admin-experts-note = Note au membre
admin-experts-note-hint = Obligatoire pour renvoyer un profil. Le membre la reçoit par courriel.
admin-experts-decide-submit = Enregistrer la décision
admin-experts-decided = La décision est enregistrée et le membre a été avisé par courriel.
admin-experts-stale = Le membre a modifié son profil après que vous l’avez ouvert. Voici ce qu’il a soumis depuis : décidez de nouveau.
admin-experts-error-note-required = Écrivez une note qui dit quoi modifier.
admin-experts-error-note-too-long = La note peut compter jusqu’à 1 000 caractères.
admin-experts-error-decision = Choisissez une décision.
expert-status-pending = En attente d’examen
expert-status-approved = Approuvé
expert-status-returned = Renvoyé
expert-status-hidden = Masqué

## Noms : langues parlées, pays

expert-spoken-en = Anglais
expert-spoken-fr = Français
expert-spoken-es = Espagnol
expert-spoken-pt = Portugais
expert-spoken-ht = Créole haïtien
expert-spoken-ar = Arabe
expert-spoken-zh = Chinois
expert-spoken-ase = Langue des signes américaine (ASL)
expert-spoken-fcs = Langue des signes québécoise (LSQ)
expert-spoken-mfs = Langue des signes mexicaine (LSM)
expert-spoken-bzs = Langue des signes brésilienne (Libras)
expert-spoken-cr = Cri
expert-spoken-iu = Inuktitut
expert-spoken-nah = Nahuatl
expert-spoken-yua = Maya yucatèque
expert-country-ca = Canada
expert-country-us = États-Unis
expert-country-mx = Mexique
expert-country-br = Brésil
