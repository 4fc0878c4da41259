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
home-upcoming = Upcoming events
home-all-events = See all events
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
language-name-pt = Portuguese
# A language's name within a sentence (lower case where the language writes it so).
in-language-en = English
in-language-fr = French
in-language-es = Spanish
in-language-pt = Portuguese

## Form errors

error-summary-title = There is a problem
error-email-empty = Enter your email address.
error-email-invalid = Enter an email address in the form name@example.org.
error-email-too-long = The email address must be 254 characters or fewer.
error-email-unreachable = This address cannot receive mail: its domain is reserved for examples and tests. Enter the address where you read your mail.
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
confirm-agrees-newsletter = Confirming makes you a member of the { $chapter } chapter, with emails in { $language }, and subscribes you to the newsletter, as the form asked. You can unsubscribe at any time.
confirm-agrees-no-newsletter = Confirming makes you a member of the { $chapter } chapter, with emails in { $language }. It does not subscribe you to the newsletter.
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
autonym-pt = Português

## Signing in (members never have a password)

nav-sign-in = Sign in
nav-account = My account
sign-in-title = Sign in
sign-in-intro = Members sign in with a link sent by email: there is no password to remember.
sign-in-submit = Email me a sign-in link
sign-in-sent-title = Check your email
sign-in-sent-text = If this address belongs to a member, a sign-in link is on its way. It works once, for 30 minutes.
sign-in-confirm-title = Sign in to Réseau
sign-in-confirm-text = Press the button to sign in as { $name }.
sign-in-confirm-button = Sign in
sign-in-expired-text = Sign-in links work for 30 minutes and only once. Ask for a new one.
sign-in-again = Ask for a new sign-in link
sign-out = Sign out
signed-out-title = You are signed out
signed-out-text = Your session has ended on this device.

## The account page

account-title = My account
account-signed-in-as = Signed in as { $email }.
account-profile = My details
account-save = Save my details
account-saved = Your details are saved.
account-newsletter-title = Newsletter
account-newsletter-on = You receive the newsletter.
account-newsletter-off = You do not receive the newsletter.
account-subscribe = Subscribe to the newsletter
account-unsubscribe = Unsubscribe from the newsletter
account-newsletter-saved = Your newsletter choice is saved.
account-email-title = Email address
account-email-intro = To change it, enter the new address. We send a link to it and change nothing until the link is used.
account-email-new = New email address
account-email-submit = Change my address
account-email-sent = If the new address can be used, a confirmation link is on its way to it. Nothing changes until it is used.
account-consents-title = My consent history
consent-line = { $date }: { $what }, { $how } (wording { $version }).
consent-membership-granted = you became a member
consent-membership-withdrawn = you left the network
consent-newsletter-granted = you subscribed to the newsletter
consent-newsletter-withdrawn = you unsubscribed from the newsletter
consent-source-join = on the join form
consent-source-account = on your account page
consent-source-unsubscribe-link = with the unsubscribe link in an email
consent-source-one-click = with your email program’s unsubscribe button
consent-source-erasure = when your account was deleted
consent-source-other = by another means
account-registrations-title = My event registrations
account-registrations-none = You have no event registrations.
account-data-title = My data
account-data-text = Download everything we hold about you, in a file you can open (JSON).
account-data-button = Download my data
account-sessions-title = Where you are signed in
account-sessions-text = If you signed in on a computer that is not yours, or think someone else can open your account, sign out everywhere: every browser, this one too, will have to sign in again.
account-sign-out-everywhere = Sign out everywhere
account-delete-title = Delete my account
account-delete-text = Deleting your account erases your name and address. We keep only what Canada’s anti-spam law requires, without your address.
account-delete-link = Delete my account

## Changing the address

email-change-confirm-title = Confirm your new address
email-change-confirm-text = Press the button to make { $email } the address of your membership.
email-change-confirm-button = Confirm my new address
email-changed-title = Your address has changed
email-changed-text = From now on we write to your new address.

## Leaving

delete-title = Delete my account
delete-warning = This cannot be undone. Your name, your address and your preferences will be erased, your sessions ended and mail waiting for you cancelled. A last email will confirm it.
delete-confirm-label = Yes, delete my account and everything about me
delete-button = Delete my account for good
error-delete-confirm = Tick the box to confirm that you want to delete your account.
deleted-title = Your account is deleted
deleted-text = We have erased your details. You can join again at any time.

## Unsubscribing

unsubscribe-title = Unsubscribe from the newsletter
unsubscribe-text = Press the button to stop receiving the network’s newsletter. It takes effect at once.
unsubscribe-button = Unsubscribe
unsubscribed-title = You are unsubscribed
unsubscribed-text = You will receive no more newsletters. Emails you ask for, such as sign-in links and event registrations, still reach you.
unsubscribed-already-text = You were already unsubscribed: nothing more to do.
unsubscribe-expired-text = This unsubscribe link is too old. Sign in to change your choice, or write to us.

## Back office

admin-title = Back office
admin-nav-dashboard = Dashboard
admin-nav-members = Members
admin-nav-audit = Audit log
admin-nav-organizers = Organizers
admin-nav-password = My password
admin-sign-out = Sign out
admin-signed-in-as = Signed in as { $name } ({ $role })
role-admin = administrator
role-organizer = organizer
admin-sign-in-title = Organizer sign-in
admin-sign-in-submit = Sign in
field-password = Password
field-password-hint = At least 12 characters. Avoid a password you use elsewhere.
field-name = Name
field-role = Role
field-chapters = Chapters
error-sign-in-failed = The email address or the password is wrong.
error-sign-in-locked = Too many failed attempts with this address: signing in is locked for a few minutes. Try again later.
error-sign-in-busy = Too many sign-ins at once. Wait a moment and try again.
error-password-too-short = The password must be at least 12 characters.
error-password-too-long = The password must be 200 characters or fewer.
error-password-too-common = This password is one of the most common ones. Choose another.
error-password-wrong = The current password is wrong.
error-organizer-exists = This address already has an organizer account.
error-role-invalid = Choose a role.
setup-title = Create the first administrator
setup-intro = Réseau has no organizer yet. This one-time link creates the first administrator account.
setup-submit = Create the administrator
invite-title = Set your password
invite-intro = You have been invited to run chapters of the network. Choose a password to start.
invite-submit = Set my password
password-title = Change my password
field-current-password = Current password
field-new-password = New password
password-submit = Change my password
password-changed = Your password is changed. Your other sessions have ended.
dashboard-title = Dashboard
dashboard-members = Members by chapter and status
dashboard-chapter = Chapter
dashboard-total = Total
dashboard-pending = Pending confirmations
dashboard-mail = Emails
dashboard-mail-sent = Sent
dashboard-mail-failed = Failed
dashboard-mail-queued = Waiting
status-pending = Pending
status-active = Active
status-unsubscribed = Unsubscribed from newsletters
status-erased = Erased
members-title = Members
members-search = Name or email
members-filter = Filter
members-any = Any
members-newsletter = Newsletter
members-newsletter-yes = Subscribed
members-newsletter-no = Not subscribed
members-export = Export these members (CSV)
members-count = { $count ->
    [one] { $count } member
   *[other] { $count } members
}
members-count-more = More than { $count } members match: narrow the search, or export them all.
members-none = No member matches.
members-previous = Previous page
members-next = Next page
members-page = Page { $page } of { $pages }
members-pages = Pages
members-first = Newest members
members-last = Oldest members
member-title = Member
member-profile = Profile
member-consents = Consent history
member-emails = Emails sent
member-correct = Correct the name or chapter
member-correct-submit = Save the correction
member-corrected = The correction is saved and recorded in the audit log.
email-kind = Kind
email-subject = Subject
email-status = Status
email-time = Time
field-status = Status
field-joined = Joined
audit-title = Audit log
audit-when = When
audit-who = Who
audit-action = Action
audit-target = Record
audit-details = Details
organizers-title = Organizers
organizers-invite = Invite an organizer
organizers-invite-submit = Send the invitation
organizers-invited = The invitation is on its way.
organizers-active = Active
organizers-deactivate = Deactivate
organizers-activate = Reactivate
yes = Yes
no = No

## Importing members

members-import-link = Import members from a CSV file
import-title = Import members
import-intro = A CSV file with a header row: email (required), full_name, region (such as CA-QC), interests (slugs separated by ;) and language (en, fr or es). New people receive an email asking them to confirm: nobody becomes a member without it.
field-import-file = CSV file
field-consent-source = Where their consent comes from
field-consent-source-hint = For example: sign-up sheet, Montréal forum, 2026-10-12.
import-submit = Import
import-report-title = Import report
import-invited = { $count ->
    [one] { $count } person invited to confirm
   *[other] { $count } people invited to confirm
}
import-existing = { $count ->
    [one] { $count } already a member of this chapter (what they chose is kept; only empty details filled)
   *[other] { $count } already members of this chapter (what they chose is kept; only empty details filled)
}
import-other-chapter = { $count ->
    [one] { $count } member of another of your chapters (left as they are)
   *[other] { $count } members of another of your chapters (left as they are)
}
import-throttled = { $count ->
    [one] { $count } pending person invited lately, not mailed again
   *[other] { $count } pending people invited lately, not mailed again
}
import-rejected = { $count ->
    [one] { $count } row refused
   *[other] { $count } rows refused
}
import-line = Line { $line }: { $reasons }
import-reason-email = the email address is not valid
import-reason-name = the name is missing or not valid
import-reason-region = the region is not one of the chapter’s country
import-reason-interests = an interest is unknown
import-reason-language = the language is not en, fr or es
error-import-file = Choose a CSV file with an email column.
error-consent-source = Say where the consent of these people comes from.

## Two-step sign-in for organizers

two-factor-title = Two-step sign-in
two-factor-intro = Administrators, and every organizer when an administrator asks for it, confirm each sign-in with a code from an authenticator app.
two-factor-step = Add this account to your authenticator app with the link below, or type the key by hand, then enter the code the app shows.
two-factor-key = Key
two-factor-link = Open in an authenticator app
field-code = Code
field-code-hint = The six digits your app shows. A recovery code also works here.
two-factor-submit = Turn on two-step sign-in
two-factor-codes-title = Your recovery codes
two-factor-codes-text = Keep these codes somewhere safe. Each one works once, in place of a code from the app, if you lose your phone. They are shown only now.
two-factor-continue = Continue to the dashboard
sign-in-code-title = Enter your code
sign-in-code-submit = Sign in
error-code-wrong = The code is wrong or has already been used.
two-factor-all-on = Every organizer must use two-step sign-in.
two-factor-all-off = Only administrators must use two-step sign-in.
two-factor-require-all = Require it for every organizer
two-factor-require-admins = Require it for administrators only

## Chapters in the back office

admin-nav-chapters = Chapters
chapters-title = Chapters
chapters-new = New chapter
chapters-edit = Edit the chapter { $chapter }
chapters-save = Save the chapter
chapters-saved = The chapter is saved.
field-slug = Short name in addresses
field-slug-hint = Lower-case letters, digits and hyphens, such as united-states.
field-country = Country code
field-country-hint = Two capital letters (ISO 3166-1), such as CA.
error-slug-invalid = Use 2 to 64 lower-case letters, digits and hyphens.
error-slug-taken = Another chapter already uses this short name.
error-country-invalid = Enter two capital letters, such as CA.
error-text-required = Enter this text: English and French are required.
error-text-too-long = A name is at most 200 characters and a description at most 5,000.

## Events

nav-events = Events
events-title = Upcoming events
events-none = No upcoming event matches.
events-filter-chapter = Chapter
events-filter-format = Format
events-filter-any = Any
events-filter-submit = Show events
format-in-person = In person
format-online = Online
format-hybrid = Hybrid
event-when = When
event-where = Where
event-format = Format
event-time-zone = Times are in the { $zone } time zone.
event-seats-left = { $count ->
    [one] { $count } seat left
   *[other] { $count } seats left
}
event-unlimited = Open to all
event-waitlist-open = Full: the waitlist is open
event-full = Full
event-register-title = Register
event-register-intro = Registering does not make you a member or subscribe you to anything. We email you a link to confirm; your seat is taken when you confirm.
event-register-submit = Register
event-closed = Registration is closed.
event-not-open = Registration opens on { $date }.
event-cancelled = This event is cancelled.
accommodations-title = Accessibility and accommodations
accommodations-intro = Tell us what you need to take part; only the organizers of this event see it.
field-sign-language = Sign-language interpretation
sign-language-none = None
sign-language-asl = American Sign Language (ASL)
sign-language-lsq = Quebec Sign Language (LSQ)
field-captions = Captions
field-interpretation = Interpretation into
field-mobility = Step-free access
field-dietary = Dietary needs
field-other-needs = Anything else
error-accommodations-too-long = This text is too long.
registration-title = Your registration
registration-event = Event
registration-status = Status
registration-status-pending = Waiting for your confirmation
registration-status-confirmed = Confirmed: your seat is reserved
registration-status-waitlisted = On the waitlist, position { $position }
registration-status-cancelled = Cancelled
registration-confirm-text = Press the button to confirm your registration.
registration-confirm-button = Confirm my registration
registration-online-link = Join online
registration-calendar = Add to my calendar (.ics)
registration-cancel-title = Cannot come?
registration-cancel-text = Cancel your registration so that someone on the waitlist gets your seat.
registration-cancel-button = Cancel my registration
registration-full = The event is full and has no waitlist: no seat could be reserved.
registration-sent-title = Check your email
registration-sent-text = If the address can register, a message is on its way with a link to confirm. Your seat is reserved only when you confirm.

## Events in the back office

admin-nav-events = Events
admin-events-title = Events
admin-events-new = New event
admin-event-edit = Edit the event
field-format = Format
field-venue = Venue
field-address = Address
field-online-link = Online link (given only to confirmed registrants)
field-starts = Starts
field-ends = Ends
field-time-zone = Time zone
field-time-zone-hint = An IANA name such as America/Toronto, America/Mexico_City or America/New_York. Start and end are in this zone.
field-capacity = Seats
field-capacity-hint = Leave empty for no limit.
field-waitlist = Keep a waitlist when the seats are taken
field-opens = Registration opens (optional)
field-closes = Registration closes (optional)
admin-event-save = Save the event
admin-event-saved = The event is saved.
admin-event-publish = Publish
admin-event-published = The event is published.
admin-event-cancel = Cancel the event and tell every registrant
event-status-draft = Draft
event-status-published = Published
event-status-cancelled = Cancelled
admin-registrations = Registrations
admin-registrations-counts = { $confirmed } confirmed, { $waitlisted } on the waitlist, { $pending } awaiting confirmation, { $checked ->
    [one] { $checked } person checked in
   *[other] { $checked } people checked in
}.
admin-registrations-export = Export the registrations (CSV)
admin-check-in = Check in
admin-undo-check-in = Undo check-in
admin-checked-in = Checked in at { $time }
admin-accommodations = Accommodations
error-event-slug = Use lower-case letters, digits and hyphens (at most 80).
error-event-slug-taken = Another event already uses this short name.
error-event-time = Enter a date and time.
error-date-range = Enter a date between the years 2000 and 2100.
error-text-hidden = Remove the invisible or direction-changing characters (such as U+202E): they can make the text read as something else.
error-event-ends-before = The event must end after it starts.
error-event-window = Registration must open before it closes, and before the event ends.
error-event-link = Enter an address that starts with https://.
error-event-zone = Enter a time zone name such as America/Toronto.
error-event-capacity = Enter a number of seats from 1 to 1,000,000, and no fewer than are taken.
error-event-too-long = A title, venue or description is too long.
error-event-incomplete = Publishing needs the English and French title and description.
event-register-as = Register as { $name } ({ $email }): one click, no email to confirm.
admin-message-title = Write to registrants
admin-message-audience = Who
admin-message-confirmed = Everyone with a seat
admin-message-waitlisted = Everyone on the waitlist
admin-message-subject = Subject
admin-message-body = Message
admin-message-send = Send the message
admin-message-sent = { $count ->
    [one] The message is on its way to { $count } person.
   *[other] The message is on its way to { $count } people.
}
error-message-empty = Write a subject and a message.
admin-registrations-search = Search by name or email
organizers-chapters-save = Save the chapters

# Step up: the password again before a sensitive back-office action.
step-up-title = Confirm it is you
step-up-intro = { $count ->
    [one] This action needs your password again. You will not be asked again for { $count } minute.
   *[other] This action needs your password again. You will not be asked again for { $count } minutes.
}
step-up-intro-code = { $count ->
    [one] This action needs your password and a code from your app again. You will not be asked again for { $count } minute.
   *[other] This action needs your password and a code from your app again. You will not be asked again for { $count } minutes.
}
step-up-submit = Confirm and continue
field-step-up-password = Your password
error-step-up-password = The password is wrong.

## Dates and times: how a day, a time and a zone join (the words come from CLDR)

when-moment = { $day }, { $time } ({ $zone })
when-same-day = { $day }, { $start } to { $end } ({ $zone })
when-several-days = { $start_day }, { $start }, to { $end_day }, { $end } ({ $zone })
need-yes = Yes
admin-registration-pending = Pending
admin-registration-confirmed = Confirmed
admin-registration-waitlisted = Waitlisted, position { $position }
admin-registration-cancelled = Cancelled
outbox-kind-confirm = Confirm membership
outbox-kind-already-member = Already a member
outbox-kind-welcome = Welcome
outbox-kind-sign-in = Sign-in link
outbox-kind-email-change = Address change
outbox-kind-email-changed = Address changed
outbox-kind-goodbye = Account deleted
outbox-kind-unsubscribed = Unsubscribed
outbox-kind-newsletter = Newsletter
outbox-kind-organizer-invite = Organizer invitation
outbox-kind-event-request = Event: confirm registration
outbox-kind-event-reminder-of-registration = Event: registration reminder
outbox-kind-event-confirmed = Event: seat confirmed
outbox-kind-event-waitlisted = Event: on the waitlist
outbox-kind-event-promoted = Event: seat from the waitlist
outbox-kind-event-cancelled = Event: registration cancelled
outbox-kind-event-cancelled-by-organizers = Event cancelled
outbox-kind-event-changed = Event changed
outbox-kind-event-reminder = Event reminder
outbox-kind-event-message = Message about an event
outbox-status-queued = Queued
outbox-status-sending = Sending
outbox-status-sent = Sent
outbox-status-failed = Failed
outbox-status-cancelled = Cancelled
