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

## The programme and choosing sessions

summit-programme = Programme
summit-programme-title = Programme: { $event }
summit-programme-link = See the programme
summit-back-to-event = Back to the event
summit-back-to-programme = Back to the programme
summit-choose-hint = Registered? Choose your sessions from your registration page (the link in your confirmation email).
summit-whole-programme = The whole programme
summit-filter-track = Track
summit-filter-language = Language spoken
summit-filter-any = All
summit-filter-apply = Show
summit-none = No session matches.
summit-main-track = Main track
summit-format = Format
summit-room = Room
summit-languages = Languages
summit-interpretation = interpretation offered
summit-speakers = Speakers
summit-seats = Seats
summit-seats-left = { $count ->
    [one] { $count } seat left
   *[other] { $count } seats left
}
summit-full = Full: the waitlist is open
summit-cancelled = Cancelled
summit-your-sessions = Your sessions
summit-agenda = Download your agenda (calendar file)
summit-choose = Choose this session
summit-unchoose = Give up this session
summit-status-chosen = You have a seat.
summit-status-waitlisted = On the waitlist: number { $position }.
summit-livestream = Join the livestream
summit-refused-title = This session was not added
summit-error-not-confirmed = Only a confirmed registration can choose sessions.
summit-error-cancelled = This session is cancelled.
summit-error-over = This session is over.
summit-error-unknown = There is no such session in this event.
summit-error-overlap = This session is at the same time as “{ $session }”, which you already chose. Give that one up first.
