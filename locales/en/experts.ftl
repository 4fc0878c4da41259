# The Trilateral Expert Network: the directory, profiles, the contact relay, a member's
# listing, its emails and the back office's pages.

nav-experts = Experts
admin-nav-experts = Experts

## The directory

experts-title = Trilateral Expert Network
experts-intro = Members of the network who chose to be listed share their expertise in health equity, economic inclusion, education, voting rights, justice reform, and arts and culture, and the lived experience they speak from.
experts-relay = Write to an expert through this site: your message reaches them without their address ever being shown to you, and they see yours only if you allow it.
experts-search-label = Find an expert
experts-search = Words to look for
experts-search-submit = Search
experts-count = { $count ->
    [one] { $count } expert
   *[other] { $count } experts
}
experts-none = No expert matches this search.
experts-members-see-more = Experts may show some parts of their profile to signed-in members only.
experts-capped = { $count ->
    [one] Only the first page of results can be shown. Narrow your search to find others.
   *[other] Only the first { $count } pages of results can be shown. Narrow your search to find others.
}
experts-back = Back to the directory
expert-speaks = Speaks:
expert-name-hidden = A member of the network
expert-members-only-parts = Some parts of this profile are shown to signed-in members only.
expert-bio-other-languages = This expert has not written about themself in this language yet. Here is what they wrote in others.

## Parts of a profile

expert-field-name = Name shown
expert-field-name-hint = It can differ from the name on your membership.
expert-field-areas = Areas of expertise
expert-field-areas-hint = Tick at least one.
expert-field-languages = Languages spoken
expert-field-country = Country
expert-field-place = Country and chapter
expert-field-chapter = Your chapter: { $chapter }.
expert-field-chapter-change = Change it in your account details.
expert-field-organisation = Organisation and role
expert-field-organisation-name = Organisation
expert-field-role = Role
expert-field-bio = About
expert-field-bio-hint = A few lines, in one or more languages: readers see the one of their page when there is one, and the others otherwise.
expert-field-bio-in = In { $language }
expert-field-lived = Lived experience
expert-field-lived-hint = Only if you wish to say so: the communities of lived experience you speak from, in your own words. It is never required, and no one fills it in for you. No one can search the directory by it.
expert-field-lived-words = In your own words
expert-field-lived-language = Language you wrote it in
expert-audience-public = Everyone
expert-audience-members = Signed-in members only
expert-visibility-title = Who sees what
expert-visibility-hint = Choose, for each part of your profile, whether everyone may see it or only members of the network who are signed in. This takes effect as soon as you save.

## Writing to an expert

expert-contact-title = Write to { $name }
expert-contact-intro = Your message goes to this expert by email from this site. Their address is never shown to you. The first time, we send you a link to confirm that your address is yours.
expert-contact-email-hint = We use it only to confirm that you wrote this message, and give it to the expert only if you tick the box below.
expert-contact-subject = Subject
expert-contact-message = Your message
expert-contact-message-hint = Plain text, up to 5,000 characters.
expert-contact-allow-reply = The expert may reply to me
expert-contact-allow-reply-hint = Your address is then given to the expert with your message, so their reply comes straight to you. Without it, they cannot answer.
expert-contact-submit = Send the message
expert-contact-paused = This expert is not taking messages at the moment. Please come back later.
expert-error-subject-empty = Enter a subject.
expert-error-subject-too-long = The subject can be up to 150 characters long.
expert-error-message-empty = Write your message.
expert-error-message-too-long = The message can be up to 5,000 characters long.
expert-error-text-hidden = Remove the invisible or direction-changing characters from this text.
expert-error-sender-limit = This address has sent as many messages as it may today. Please try again tomorrow.
expert-error-ip-limit = As many messages as allowed today were sent from your connection. Please try again tomorrow.
expert-error-expert-limit = This expert has received as many messages as they can take today. Please try again tomorrow.
expert-error-unavailable = This expert is not taking messages at the moment.
expert-back-to = Back to { $name }
expert-check-email-title = Check your email
expert-check-email-text = We sent a link to the address you gave. Your message goes to the expert once you press the button on the page it opens.
expert-check-email-expiry = The link works for 48 hours. If nothing arrives, check your spam folder.
expert-sent-title = Your message is on its way
expert-sent-text = The expert receives it by email. If you allowed it, their reply comes straight to your address.
expert-not-sent-title = Your message was not sent
expert-confirm-title = Send your message
expert-confirm-text = Press the button to confirm your address and send your message to { $name }.
expert-confirm-button = Send my message
expert-link-expired-title = This link has expired
expert-link-used-title = This link was already used
expert-link-unknown-title = This link does not work
expert-link-dead-text = Links in our emails work once, for a limited time. You can write again from the expert’s profile.

## Reporting a message

expert-report-title = Report this message as abuse
expert-report-text = Its sender will no longer be able to write to any expert through this site, and the organizers of your chapter will be told that you reported a message.
expert-report-private = The organizers do not see your message or who sent it.
expert-report-button = Report the message
expert-reported-title = Thank you: the message is reported
expert-reported-text = Its sender can no longer write to any expert through this site, and the organizers have been told.
expert-reported-pause = To take no messages for a while, pause contact requests from your listing.

## A member's listing

expert-join-title = List yourself in the Trilateral Expert Network
expert-join-intro = The directory lets people working on equity and racial justice across Canada, the United States, Mexico and Brazil find you by your expertise and write to you through this site, without your address ever being shown. You choose what each part of your profile shows, and to whom.
expert-join-review = An organizer of your chapter reviews your profile before it is listed. You can change it, pause messages or withdraw at any time.
expert-join-submit = Ask to be listed
expert-consent-label = I agree to be listed in the Trilateral Expert Network directory with the profile above, and to receive the messages people send me through it.
expert-consent-withdraw = You can withdraw at any time from this page: your listing disappears at once.
expert-error-consent = Tick the box to agree to be listed.
expert-error-areas-empty = Choose at least one area of expertise.
expert-error-area-unknown = Choose the areas from the list.
expert-error-languages-empty = Choose at least one language you speak.
expert-error-language-unknown = Choose the languages from the list.
expert-error-country = Choose a country from the list.
expert-error-line-too-long = This can be up to 150 characters long.
expert-error-bio-empty = Write a few lines about yourself in at least one language.
expert-error-bio-too-long = This text can be up to 1,200 characters long.
expert-error-lived-too-long = This text can be up to 600 characters long.
expert-error-lived-language = Choose the language you wrote it in.
expert-listing-title = Your listing in the Expert Network
expert-listing-profile = Your profile
expert-listing-edit = Change your profile
expert-listing-save = Save
expert-back-to-account = Back to your account
expert-standing-title = Where your listing stands
expert-standing-pending = Your profile waits for an organizer of your chapter. It is not listed yet.
expert-standing-changes-pending = Your changes wait for an organizer of your chapter. Meanwhile, the version approved before stays listed.
expert-standing-listed = Your profile is listed in the directory.
expert-standing-returned = An organizer sent your profile back. Change it and save to submit it again.
expert-standing-returned-listed = An organizer sent your changes back; the version approved before stays listed. Change them and save to submit them again.
expert-standing-hidden = An organizer took your profile out of the directory. Change it and save to submit it again.
expert-standing-note = Their note:
expert-standing-see = See your profile as readers see it
expert-pause-title = Messages
expert-pause-off = People can write to you through your profile.
expert-pause-on = Messages are paused: your profile says you are not taking any at the moment.
expert-pause-button = Pause messages
expert-pause-resume = Take messages again
expert-withdraw-title = Withdraw your listing
expert-withdraw-text = Your profile leaves the directory at once and is deleted. Your membership stays as it is.
expert-withdraw-link = Withdraw my listing
expert-withdraw-confirm-text = Your profile will leave the directory at once and be deleted, with the record of the messages you received. You can ask to be listed again later.
expert-withdraw-button = Withdraw my listing
expert-withdraw-cancel = Keep my listing
expert-notice-listed = Thank you. An organizer of your chapter will review your profile; we will tell you by email.
expert-notice-review = Saved. Your changes wait for an organizer of your chapter.
expert-notice-saved = Saved.
expert-notice-paused = Messages are paused.
expert-notice-resumed = People can write to you again.
expert-notice-withdrawn = Your listing is withdrawn and deleted.
expert-account-title = Trilateral Expert Network
expert-account-none = You are not listed in the directory of experts.
expert-account-join = List yourself
expert-account-listed = You are listed in the directory of experts.
expert-account-waiting = Your listing waits for an organizer’s review.
expert-account-manage = Manage your listing

## The consent ledger and the outbox

consent-directory-granted = you asked to be listed in the Expert Network
consent-directory-withdrawn = you withdrew your listing in the Expert Network
consent-source-expert-profile = on your listing’s page
outbox-kind-expert-message = Message through the Expert Network
outbox-kind-expert-message-confirm = Expert Network: sender’s confirmation
outbox-kind-expert-review = Expert Network: organizer’s decision
outbox-kind-expert-abuse-report = Expert Network: abuse report

## Emails

mail-expert-confirm-subject = Confirm your message to an expert
mail-expert-confirm-intro = You wrote to { $expert } through the Trilateral Expert Network.
mail-expert-confirm-action = To send your message, open this link and press its button. This confirms that this address is yours.
mail-expert-confirm-expiry = The link works for 48 hours.
mail-expert-confirm-ignore = If you did not write this message, ignore this email: nothing will be sent.
mail-expert-message-subject = A message for you through the Trilateral Expert Network
mail-expert-message-intro = { $sender } wrote to you through your listing in the directory:
mail-expert-message-their-subject = Subject: { $subject }
mail-expert-message-reply = { $sender } agreed that you may reply: your email program’s Reply button writes to them. Your address is revealed to them only if you reply.
mail-expert-message-no-reply = { $sender } did not share their address, so this message cannot be answered.
mail-expert-message-private = Réseau never showed your address to the sender.
mail-expert-message-report = If this message is abuse, report it: its sender will no longer be able to write to any expert, and your chapter’s organizers will be told (they will not see the message): { $url }
mail-expert-message-pause = To take no messages for a while, pause them from your listing: { $url }
mail-expert-footer-why = You received this email because you are listed in the Trilateral Expert Network.
mail-expert-approved-subject = Your profile is listed in the Expert Network
mail-expert-approved-intro = An organizer of your chapter approved your profile: it is now in the directory.
mail-expert-approved-profile = See it as readers do: { $url }
mail-expert-returned-subject = Your Expert Network profile needs changes
mail-expert-returned-intro = An organizer of your chapter sent your profile back to you.
mail-expert-hidden-subject = Your Expert Network profile is no longer listed
mail-expert-hidden-intro = An organizer of your chapter took your profile out of the directory.
mail-expert-note = Their note: { $note }
mail-expert-listing-link = Your listing: { $url }
mail-expert-abuse-subject = An expert reported a message as abuse
mail-expert-abuse-intro = An expert of the { $chapter } chapter reported a message they received through the directory as abuse.
mail-expert-abuse-blocked = Its sender can no longer write to any expert through the site.
mail-expert-abuse-private = Neither the message nor its sender is shown to organizers.
mail-expert-abuse-action = See the reports

## The back office

admin-experts-title = Expert Network
admin-experts-intro = Profiles of members of your chapters who asked to be listed. You see how many messages reach each expert, never what they say or who sent them.
admin-experts-queue = Waiting for review ({ $count })
admin-experts-queue-empty = Nothing waits for review.
admin-experts-waiting = { $count ->
    [0] No profile waits for review.
    [one] { $count } profile waits for review.
   *[other] { $count } profiles wait for review.
}
admin-experts-open = Open the review queue
admin-experts-submitted = Submitted
admin-experts-kind = Kind
admin-experts-kind-new = New profile
admin-experts-kind-change = Changes to a listed profile
admin-experts-profiles = Profiles
admin-experts-profiles-empty = No member of your chapters has asked to be listed.
admin-experts-listed = listed
admin-experts-paused = messages paused
admin-experts-recent = Messages, last 30 days
admin-experts-total = Messages in all
admin-experts-reported = Reported as abuse
admin-experts-reports = Abuse reports
admin-experts-reports-intro = Messages experts reported. Their senders can no longer write to any expert.
admin-experts-reports-empty = No message has been reported.
admin-experts-reported-at = Reported
admin-experts-expert = Expert
admin-experts-sender = Sender
admin-experts-sender-blocked = Sender no. { $id }, blocked
admin-experts-sender-unblocked = Sender no. { $id }, block lifted
admin-experts-unblock = Lift the block
admin-experts-unblocked = The block is lifted: this sender may write to experts again.
admin-experts-back = Back to the Expert Network
admin-experts-last-note = The last note sent to the member:
admin-experts-submitted-version = What the member submitted
admin-experts-listed-version = The listed version
admin-experts-decide = Decision
admin-experts-decision = Your decision
admin-experts-decision-approve = Approve: list this version
admin-experts-decision-return = Send back to the member with a note
admin-experts-decision-hide = Hide: take the profile out of the directory
admin-experts-note = Note to the member
admin-experts-note-hint = Required to send a profile back. The member receives it by email.
admin-experts-decide-submit = Record the decision
admin-experts-decided = The decision is recorded and the member told by email.
admin-experts-stale = The member changed their profile after you opened it. Here is what they submitted since: decide again.
admin-experts-error-note-required = Write a note saying what to change.
admin-experts-error-note-too-long = The note can be up to 1,000 characters long.
admin-experts-error-decision = Choose a decision.
expert-status-pending = Waiting for review
expert-status-approved = Approved
expert-status-returned = Sent back
expert-status-hidden = Hidden

## Names: languages spoken, countries

expert-spoken-en = English
expert-spoken-fr = French
expert-spoken-es = Spanish
expert-spoken-pt = Portuguese
expert-spoken-ht = Haitian Creole
expert-spoken-ar = Arabic
expert-spoken-zh = Chinese
expert-spoken-ase = American Sign Language (ASL)
expert-spoken-fcs = Quebec Sign Language (LSQ)
expert-spoken-mfs = Mexican Sign Language (LSM)
expert-spoken-bzs = Brazilian Sign Language (Libras)
expert-spoken-cr = Cree
expert-spoken-iu = Inuktitut
expert-spoken-nah = Nahuatl
expert-spoken-yua = Yucatec Maya
expert-country-ca = Canada
expert-country-us = United States
expert-country-mx = Mexico
expert-country-br = Brazil
