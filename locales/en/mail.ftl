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
