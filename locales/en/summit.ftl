## The Digital Summit: emails about sessions

mail-summit-agenda-subject = Your agenda: { $event }
mail-summit-chosen = You have a seat at “{ $session }”, { $date }.
mail-summit-waitlisted = “{ $session }” is full: you are number { $position } in line. We will write as soon as a seat is yours.
mail-summit-promoted = A seat freed up: you now have a seat at “{ $session }”, { $date }.
mail-summit-unchosen = You gave up “{ $session }”; your seat went to the next person.
mail-summit-agenda-attached = Your agenda is attached: add it to your calendar, and the next one will update it.
mail-summit-manage = Your sessions and your agenda: { $url }
mail-summit-moved-subject = Moved: { $session }
mail-summit-moved-intro = “{ $session }” ({ $event }) has moved: it is now { $date }.
mail-summit-cancelled-subject = Cancelled: { $session }
mail-summit-cancelled-intro = “{ $session }” ({ $event }), { $date }, is cancelled. We are sorry.
mail-summit-reminder-subject = In an hour: { $session }
mail-summit-reminder-intro = “{ $session }” starts soon: { $date }.
mail-summit-livestream = Join the livestream: { $url }
