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
summit-status-session-cancelled = Les organisateurs ont annulé cette séance.
summit-status-waitlisted = Sur la liste d’attente : position { $position }.
summit-livestream = Rejoindre la diffusion en direct
summit-refused-title = Cette séance n’a pas été ajoutée
summit-error-not-confirmed = Seule une inscription confirmée permet de choisir des séances.
summit-error-cancelled = Cette séance est annulée.
summit-error-over = Cette séance est terminée.
summit-error-unknown = Cet événement n’a pas de telle séance.
summit-error-overlap = Cette séance a lieu en même temps que « { $session } », que vous avez déjà choisie. Renoncez d’abord à celle-ci.

## L’éditeur de programme (administration)

admin-summit-programme = Programme
admin-summit-back-to-event = Retour à l’événement
admin-summit-back = Retour au programme
admin-summit-new = Ajouter une séance
admin-summit-edit = Modifier la séance
admin-summit-empty = Aucune séance pour l’instant.
admin-summit-seats-of = { $taken } places prises sur { $capacity }
admin-summit-seats-taken = { $taken } places prises
admin-summit-description = Description
admin-summit-zone-hint = Dans le fuseau horaire de l’événement.
admin-summit-track-hint = Les séances d’un même volet sont regroupées ; laissez vide pour le volet principal.
admin-summit-livestream = Lien de la diffusion en direct
admin-summit-livestream-hint = Montré seulement aux personnes qui ont une place à la séance, et envoyé une heure avant.
admin-summit-interpretation = Interprétation offerte
admin-summit-speakers-hint = Un intervenant par ligne. Pour lier un profil du Réseau d’experts, ajoutez une barre verticale et le nom d’adresse du profil : Ana Ruiz | 3fk29x
admin-summit-capacity-hint = Laissez vide pour aucune limite propre.
admin-summit-save = Enregistrer la séance
admin-summit-saved = Séance enregistrée.
admin-summit-moved = Séance déplacée ; toutes les personnes qui l’avaient choisie ont été prévenues.
admin-summit-export = Télécharger les présences (CSV)
admin-summit-move = Déplacer la séance
admin-summit-move-button = Déplacer et prévenir les personnes qui l’ont choisie
admin-summit-cancel = Annuler la séance
admin-summit-cancel-text = Toutes les personnes qui l’ont choisie sont prévenues dans leur langue, et la séance est annulée dans leur calendrier.
admin-summit-attendance = Présences
admin-summit-attendance-counts = { $seats } avec une place, { $waiting } en liste d’attente
admin-summit-error-expert = Un profil lié ne figure pas au Réseau d’experts.
admin-summit-error-title = Un titre en anglais et en français est requis.
admin-summit-error-outside = La séance doit avoir lieu pendant les dates de l’événement.
admin-summit-error-livestream = Une séance en ligne ou hybride a besoin de son lien de diffusion.
admin-summit-error-speaker = Le nom d’un intervenant est vide ou dépasse 100 caractères, ou il y en a plus de 20.
summit-choose-sessions = Choisir vos séances
