## Shared by every page

site-name = Réseau
network-name = North American Network for Equity and Racial Justice
skip-to-content = Skip to main content
nav-label = Main
nav-home = Home
nav-join = Join
languages-label = Read this page in
footer-about = Réseau is the membership and events platform of the North American Network for Equity and Racial Justice.
footer-contact = Contact: { $email }
footer-postal = Postal address: { $address }
required = required
optional = optional

## Home

home-title = Equity and racial justice, across North America
home-lede = The network brings together people in Canada, the United States and Mexico who work for health equity, economic inclusion, education, voting rights and justice reform, with communities that have lived experience of racism.
home-origin = It grew out of the North American Partnership on Equity and Racial Justice, the anti-racism work of the Canada–Mexico Action Plan and the Canada–Brazil Partnership on Racial Equity and Inclusion.
home-chapters = Our chapters
home-join-chapter = Join the { $chapter } chapter
home-cta-title = Become a member
home-cta-text = Membership is free. Join a chapter to hear about summits, cultural events and the network’s work, in English, French or Spanish.
home-cta-button = Join the network

## Join form

join-title = Join the network
join-purpose = Join a chapter of the North American Network for Equity and Racial Justice. We use your details to manage your membership and, only if you tick the box below, to send you our newsletter.
join-who = This form is run by the North American Network for Equity and Racial Justice. Questions: { $email }.
join-withdraw = You can withdraw your consent at any time, with the unsubscribe link in every message or by writing to us.
join-confirm-note = We will email you a link to confirm your address. Your membership starts when you confirm.
field-full-name = Full name
field-full-name-hint = As you would like us to address you.
field-email = Email address
field-email-hint = We send the confirmation link here.
field-chapter = Chapter
field-region = Province, territory or state
field-region-none = Prefer not to say
field-interests = Interests
field-interests-hint = Choose any that matter to you.
field-language = Language of our emails
field-newsletter = Yes, send me the network’s newsletter (about once a month). I can unsubscribe at any time.
join-submit = Join
honeypot-label = Leave this field empty

interest-health-equity = Health equity
interest-economic-inclusion = Economic inclusion
interest-education = Education
interest-voting-rights = Voting rights
interest-justice-reform = Justice reform
interest-arts-culture = Arts and culture

language-name-en = English
language-name-fr = French
language-name-es = Spanish

## Form errors

error-summary-title = There is a problem
error-email-empty = Enter your email address.
error-email-invalid = Enter an email address in the form name@example.org.
error-email-too-long = The email address must be 254 characters or fewer.
error-name-empty = Enter your name.
error-name-too-long = The name must be 100 characters or fewer.
error-name-invalid = The name can contain letters, spaces, hyphens, apostrophes and periods only.
error-chapter-invalid = Choose one of the chapters.
error-region-invalid = Choose a region of the chapter’s country, or “Prefer not to say”.
error-interests-invalid = Choose interests from the list.
error-language-invalid = Choose English, French or Spanish.
error-form-expired = This form was open for too long. Check your answers and send it again.

## After joining

check-email-title = Check your email
check-email-text = If the address you gave can join, a message is on its way to it with a link to confirm. The link works for 7 days.
check-email-spam = Nothing after a few minutes? Look in your spam folder, or fill in the form again.

confirm-title = Confirm your membership
confirm-text = Press the button to confirm your address and join the { $chapter } chapter as { $name }.
confirm-button = Confirm my membership
confirmed-title = Welcome to the network
confirmed-text = Your membership is confirmed. A welcome email is on its way.
already-active-title = You are already a member
already-active-text = This address is already confirmed. There is nothing more to do.
link-expired-title = This link has expired
link-expired-text = Confirmation links work for 7 days. Ask for a new one and we will email it to you.
link-expired-button = Send me a new link
link-used-title = This link has already been used
link-used-text = Each link works once. If you have confirmed, you are a member; otherwise, fill in the join form again.
link-unknown-title = This link does not work
link-unknown-text = Check that you copied the whole link from the email, or fill in the join form again.
link-join-again = Go to the join form

## Errors

error-page-title = Something went wrong
error-bad-request = The request could not be understood. Go back and try again.
error-forbidden = The form could not be accepted because it did not come from this site or has expired. Go back, reload the page and try again.
error-not-found = This page does not exist.
error-method = This page cannot be used that way.
error-too-large = What you sent is too large.
error-too-many = Too many requests. Wait a minute and try again.
error-internal = Something went wrong on our side. Your request was not saved; try again in a moment.
error-unavailable = The service is briefly unavailable. Try again in a moment.
error-home-link = Go to the home page

## Names of the languages in themselves, for the language switcher

autonym-en = English
autonym-fr = Français
autonym-es = Español
