## Le Sommet numérique : courriels des séances

mail-summit-agenda-subject = Votre programme : { $event }
mail-summit-chosen = Vous avez une place à « { $session } », { $date }.
mail-summit-waitlisted = « { $session } » est complète : vous êtes en position { $position } sur la liste d’attente. Nous vous écrirons dès qu’une place sera à vous.
mail-summit-promoted = Une place s’est libérée : vous avez maintenant une place à « { $session } », { $date }.
mail-summit-unchosen = Vous avez renoncé à « { $session } » ; votre place est allée à la personne suivante.
mail-summit-agenda-attached = Votre programme est joint : ajoutez-le à votre calendrier, le prochain le mettra à jour.
mail-summit-manage = Vos séances et votre programme : { $url }
mail-summit-moved-subject = Déplacée : { $session }
mail-summit-moved-intro = « { $session } » ({ $event }) a été déplacée : elle a lieu maintenant { $date }.
mail-summit-cancelled-subject = Annulée : { $session }
mail-summit-cancelled-intro = « { $session } » ({ $event }), { $date }, est annulée. Nous en sommes désolés.
mail-summit-reminder-subject = Dans une heure : { $session }
mail-summit-reminder-intro = « { $session } » commence bientôt : { $date }.
mail-summit-livestream = Rejoindre la diffusion en direct : { $url }

## Le programme et le choix des séances

summit-programme = Programme
summit-programme-title = Programme : { $event }
summit-programme-link = Voir le programme
summit-back-to-event = Retour à l’événement
summit-back-to-programme = Retour au programme
summit-choose-hint = Inscrit ? Choisissez vos séances sur la page de votre inscription (le lien de votre courriel de confirmation).
summit-whole-programme = Tout le programme
summit-filter-track = Volet
summit-filter-language = Langue parlée
summit-filter-any = Tous
summit-filter-apply = Afficher
summit-none = Aucune séance ne correspond.
summit-main-track = Volet principal
summit-format = Formule
summit-room = Salle
summit-languages = Langues
summit-interpretation = interprétation offerte
summit-speakers = Intervenants
summit-seats = Places
summit-seats-left = { $count ->
    [one] { $count } place restante
   *[other] { $count } places restantes
}
summit-full = Complet : la liste d’attente est ouverte
summit-cancelled = Annulée
summit-your-sessions = Vos séances
summit-agenda = Télécharger votre programme (fichier de calendrier)
summit-choose = Choisir cette séance
summit-unchoose = Renoncer à cette séance
summit-status-chosen = Vous avez une place.
summit-status-waitlisted = Sur la liste d’attente : position { $position }.
summit-livestream = Rejoindre la diffusion en direct
summit-refused-title = Cette séance n’a pas été ajoutée
summit-error-not-confirmed = Seule une inscription confirmée permet de choisir des séances.
summit-error-cancelled = Cette séance est annulée.
summit-error-over = Cette séance est terminée.
summit-error-unknown = Cet événement n’a pas de telle séance.
summit-error-overlap = Cette séance a lieu en même temps que « { $session } », que vous avez déjà choisie. Renoncez d’abord à celle-ci.
