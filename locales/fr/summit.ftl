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
