## Tous les courriels

mail-greeting = Bonjour { $name },
mail-signature = Le Réseau nord-américain pour l’équité et la justice raciale
mail-footer-sender = Envoyé par { $sender }.
mail-footer-postal = { $address }
mail-footer-contact = Des questions? Écrivez à { $email }.
mail-footer-why = Vous avez reçu ce courriel parce que cette adresse a été saisie sur notre site Web.

## Confirmation

mail-confirm-subject = Confirmez votre adhésion au réseau
mail-confirm-intro = Merci de vous joindre à la section { $chapter } du Réseau nord-américain pour l’équité et la justice raciale.
mail-confirm-action = Pour confirmer votre adresse et commencer votre adhésion, ouvrez ce lien et appuyez sur le bouton :
mail-confirm-expiry = Le lien est valide pendant 7 jours.
mail-confirm-ignore = Si vous n’avez pas demandé à adhérer, ne tenez pas compte de ce courriel : rien ne se passera si le lien n’est pas utilisé.

## Déjà membre

mail-already-subject = Vous êtes déjà membre du réseau
mail-already-intro = Quelqu’un, probablement vous, a demandé à rejoindre le réseau avec cette adresse. Vous êtes déjà membre; vous n’avez donc rien à faire.
mail-already-ignore = Si ce n’était pas vous, vous pouvez ne pas tenir compte de ce courriel.

## Bienvenue

mail-welcome-subject = Bienvenue au Réseau nord-américain pour l’équité et la justice raciale
mail-welcome-intro = Votre adhésion à la section { $chapter } est confirmée. Bienvenue!
mail-welcome-newsletter = Vous recevrez notre infolettre. Chaque numéro contient un lien pour vous désabonner immédiatement.
mail-welcome-no-newsletter = Vous n’avez pas demandé à recevoir notre infolettre; nous vous écrirons donc uniquement au sujet de votre adhésion et des événements auxquels vous vous inscrivez.
mail-welcome-visit = Découvrez les sommets et les événements culturels sur notre site Web : { $url }
mail-footer-unsubscribe = Pour vous désabonner immédiatement de l’infolettre : { $url }

## Lien de connexion

mail-sign-in-subject = Votre lien de connexion à Réseau
mail-sign-in-intro = Quelqu’un, probablement vous, a demandé à se connecter à Réseau avec cette adresse.
mail-sign-in-action = Ouvrez ce lien et appuyez sur le bouton pour vous connecter. Il ne fonctionne qu’une seule fois, pendant 30 minutes :
mail-sign-in-ignore = Si vous n’avez rien demandé, ne tenez pas compte de ce courriel : personne ne peut se connecter sans le lien.

## Changement d’adresse

mail-email-change-subject = Confirmez votre nouvelle adresse courriel
mail-email-change-intro = Vous avez demandé à utiliser cette adresse pour votre adhésion au réseau.
mail-email-change-action = Ouvrez ce lien et appuyez sur le bouton pour la confirmer. Il est valide pendant 24 heures :
mail-email-change-ignore = Si vous n’avez rien demandé, ne tenez pas compte de ce courriel : rien ne changera sans le lien.
mail-email-changed-subject = Votre adresse courriel a été modifiée
mail-email-changed-intro = L’adresse associée à votre adhésion a été remplacée par { $email }. Nous n’écrirons plus à celle-ci.
mail-email-changed-help = Si vous n’êtes pas à l’origine de ce changement, écrivez-nous immédiatement à { $contact }.

## Au revoir

mail-goodbye-subject = Votre compte est supprimé
mail-goodbye-intro = Comme vous l’avez demandé, nous avons effacé votre compte et vos renseignements. Ceci est le dernier courriel que nous envoyons à cette adresse.
mail-goodbye-rejoin = Vous pouvez revenir parmi nous en tout temps : { $url }

## Invitation à l’équipe

mail-invite-subject = Invitation à gérer des sections du réseau
mail-invite-intro = { $inviter } vous invite à rejoindre l’espace de gestion du Réseau nord-américain pour l’équité et la justice raciale.
mail-invite-action = Ouvrez ce lien pour choisir votre mot de passe. Il ne fonctionne qu’une seule fois, pendant 7 jours :

## Événements

mail-event-request-subject = Confirmez votre inscription : { $event }
mail-event-request-intro = Vous avez demandé à vous inscrire à l’événement { $event } du { $date }.
mail-event-request-action = Ouvrez ce lien et appuyez sur le bouton pour confirmer. Votre place ne sera réservée qu’à ce moment :
mail-event-confirmed-subject = Inscription confirmée : { $event }
mail-event-confirmed-intro = Votre place à l’événement { $event } du { $date } est réservée. Le fichier de calendrier est joint.
mail-event-manage = Votre inscription, le fichier de calendrier et un moyen d’annuler : { $url }
mail-event-online = Participer en ligne : { $url }
mail-event-waitlisted-subject = Sur la liste d’attente : { $event }
mail-event-waitlisted-intro = L’événement { $event } est complet. Vous êtes au rang { $position } sur la liste d’attente; nous vous écrirons immédiatement si une place se libère.
mail-event-promoted-subject = Une place est à vous : { $event }
mail-event-promoted-intro = Une place s’est libérée à l’événement { $event } du { $date }, et elle est à vous. Le fichier de calendrier est joint.
mail-event-cancelled-subject = Inscription annulée : { $event }
mail-event-cancelled-intro = Votre inscription à l’événement { $event } est annulée. Vous pouvez vous inscrire de nouveau tant que les inscriptions sont ouvertes.
mail-event-called-off-subject = Événement annulé : { $event }
mail-event-called-off-intro = Nous sommes désolés : { $event }, prévu le { $date }, est annulé. Votre inscription est annulée avec lui.
mail-event-reminder-subject = Demain : { $event }
mail-event-reminder-intro = Un rappel : { $event } commence le { $date }. Au plaisir de vous y voir.
mail-event-reminder-page = La page de l’événement : { $url }
mail-event-changed-subject = Changement : { $event }
mail-event-changed-intro = L’heure ou le lieu de { $event } a changé. L’événement a maintenant lieu : { $date }.
mail-event-changed-where = Lieu : { $place }
