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
