## Every email

mail-greeting = Hello { $name },
mail-signature = The North American Network for Equity and Racial Justice
mail-footer-sender = Sent by { $sender }.
mail-footer-postal = { $address }
mail-footer-contact = Questions? Write to { $email }.
mail-footer-why = You received this email because this address was entered on our website.

## Confirmation

mail-confirm-subject = Confirm your membership of the network
mail-confirm-intro = Thank you for joining the { $chapter } chapter of the North American Network for Equity and Racial Justice.
mail-confirm-action = To confirm your address and start your membership, open this link and press the button:
mail-confirm-expiry = The link works for 7 days.
mail-confirm-ignore = If you did not ask to join, ignore this email: nothing happens unless the link is used.

## Already a member

mail-already-subject = You are already a member of the network
mail-already-intro = Someone, probably you, asked to join the network with this address. You are already a member, so there is nothing to do.
mail-already-ignore = If it was not you, you can ignore this email.

## Welcome

mail-welcome-subject = Welcome to the North American Network for Equity and Racial Justice
mail-welcome-intro = Your membership of the { $chapter } chapter is confirmed. Welcome!
mail-welcome-newsletter = You will receive our newsletter. Every issue has a link to unsubscribe at once.
mail-welcome-no-newsletter = You did not ask for our newsletter, so we will write only about your membership and the events you register for.
mail-welcome-visit = Find summits and cultural events on our website: { $url }
mail-footer-unsubscribe = Unsubscribe from the newsletter at once: { $url }

## Sign-in link

mail-sign-in-subject = Your sign-in link for Réseau
mail-sign-in-intro = Someone, probably you, asked to sign in to Réseau with this address.
mail-sign-in-action = Open this link and press the button to sign in. It works once, for 30 minutes:
mail-sign-in-ignore = If you did not ask, ignore this email: nobody can sign in without the link.

## Changing the address

mail-email-change-subject = Confirm your new email address
mail-email-change-intro = You asked to use this address for your membership of the network.
mail-email-change-action = Open this link and press the button to confirm it. It works for 24 hours:
mail-email-change-ignore = If you did not ask, ignore this email: nothing changes without the link.
mail-email-changed-subject = Your email address was changed
mail-email-changed-intro = The address of your membership was changed to { $email }. We will no longer write to this one.
mail-email-changed-help = If you did not make this change, write to us at once at { $contact }.

## Goodbye

mail-goodbye-subject = Your account is deleted
mail-goodbye-intro = As you asked, we have erased your account and your details. This is the last email we send to this address.
mail-goodbye-rejoin = You are welcome back at any time: { $url }

## Organizer invitation

mail-invite-subject = You are invited to run chapters of the network
mail-invite-intro = { $inviter } invited you to the back office of the North American Network for Equity and Racial Justice.
mail-invite-action = Open this link to choose your password. It works once, for 7 days:

## Events

mail-event-request-subject = Confirm your registration: { $event }
mail-event-request-intro = You asked to register for { $event } on { $date }.
mail-event-request-action = Open this link and press the button to confirm. Your seat is reserved only then:
mail-event-confirmed-subject = Registration confirmed: { $event }
mail-event-confirmed-intro = Your seat at { $event } on { $date } is reserved. The calendar file is attached.
mail-event-manage = Your registration, the calendar file and a way to cancel: { $url }
mail-event-online = Join online: { $url }
mail-event-waitlisted-subject = On the waitlist: { $event }
mail-event-waitlisted-intro = { $event } is full. You are number { $position } on the waitlist; we will email you at once if a seat frees up.
mail-event-promoted-subject = A seat is yours: { $event }
mail-event-promoted-intro = A seat freed up at { $event } on { $date }, and it is yours. The calendar file is attached.
mail-event-cancelled-subject = Registration cancelled: { $event }
mail-event-cancelled-intro = Your registration for { $event } is cancelled. You can register again while registration is open.
mail-event-called-off-subject = Event cancelled: { $event }
mail-event-called-off-intro = We are sorry: { $event }, planned for { $date }, is cancelled. Your registration is cancelled with it.
mail-event-reminder-subject = Tomorrow: { $event }
mail-event-reminder-intro = A reminder: { $event } starts { $date }. We look forward to seeing you.
mail-event-reminder-page = The event page: { $url }
mail-event-changed-subject = Changed: { $event }
mail-event-changed-intro = The time or place of { $event } has changed. It is now: { $date }.
mail-event-changed-where = Where: { $place }
