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
summit-status-session-cancelled = The organizers cancelled this session.
summit-status-waitlisted = On the waitlist: number { $position }.
summit-livestream = Join the livestream
summit-refused-title = This session was not added
summit-error-not-confirmed = Only a confirmed registration can choose sessions.
summit-error-cancelled = This session is cancelled.
summit-error-over = This session is over.
summit-error-unknown = There is no such session in this event.
summit-error-overlap = This session is at the same time as “{ $session }”, which you already chose. Give that one up first.

## The programme editor (back office)

admin-summit-programme = Programme
admin-summit-back-to-event = Back to the event
admin-summit-back = Back to the programme
admin-summit-new = Add a session
admin-summit-edit = Edit the session
admin-summit-empty = No session yet.
admin-summit-seats-of = { $taken } of { $capacity } seats taken
admin-summit-seats-taken = { $taken } seats taken
admin-summit-description = Description
admin-summit-zone-hint = In the event’s time zone.
admin-summit-track-hint = Sessions with the same track are listed together; leave empty for the main track.
admin-summit-livestream = Livestream link
admin-summit-livestream-hint = Shown only to people who have a seat in the session, and sent to them an hour before.
admin-summit-interpretation = Interpretation offered
admin-summit-speakers-hint = One speaker per line. To link an Expert Network profile, add a vertical bar and the profile’s address name: Ana Ruiz | 3fk29x
admin-summit-capacity-hint = Leave empty for no limit of its own.
admin-summit-save = Save the session
admin-summit-saved = Session saved.
admin-summit-moved = Session moved; everyone who chose it was told.
admin-summit-export = Download the attendance (CSV)
admin-summit-move = Move the session
admin-summit-move-button = Move and tell everyone who chose it
admin-summit-cancel = Cancel the session
admin-summit-cancel-text = Everyone who chose it is told, in their language, and its entry is cancelled in their calendar.
admin-summit-attendance = Attendance
admin-summit-attendance-counts = { $seats } with a seat, { $waiting } on the waitlist
admin-summit-error-expert = A linked profile is not listed in the Expert Network.
admin-summit-error-title = A title in English and in French is required.
admin-summit-error-outside = The session must take place within the event’s dates.
admin-summit-error-livestream = An online or hybrid session needs its livestream link.
admin-summit-error-speaker = A speaker’s name is empty or longer than 100 characters, or there are more than 20.
summit-choose-sessions = Choose your sessions
