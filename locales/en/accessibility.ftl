# accessibility strings (en)

# The link to the statement, in the footer of every page (public site and back office).
a11y-footer-link = Accessibility

# /{lang}/accessibility
a11y-title = Accessibility statement
a11y-lede = Réseau should work for everyone who wants to join the network, register for an event or look after their membership, whatever their abilities and however they use the web: with a keyboard, a screen reader, magnification or a small screen.

a11y-standard-title = The standard we aim to meet
a11y-standard-text = Réseau aims to conform to the Web Content Accessibility Guidelines (WCAG) 2.1 at level AA, in English, French, Spanish and Brazilian Portuguese.
a11y-standard-canada = This is the level of the Government of Canada’s accessibility requirements, which point to the standard EN 301 549 (adopted in Canada as CAN/ASC-EN 301 549:2024); for web pages, EN 301 549 requires WCAG 2.1 at level AA.
a11y-standard-no-script = No page needs JavaScript: the site sends none.

a11y-testing-title = How we test
a11y-testing-intro = Every change to Réseau is checked in a real browser (Chromium, running without a screen) by its automated tests:
a11y-testing-axe = axe-core, an accessibility testing engine, checks the pages of the public site and the main pages of the back office against the rules of WCAG 2.1 levels A and AA, in English, French, Spanish and Brazilian Portuguese, including forms sent back with errors.
a11y-testing-keyboard = Journeys are made with the keyboard alone (Tab, Shift+Tab, Space and Enter): joining the network, registering for an event and confirming the registration from the email, and unsubscribing from the newsletter. At every step the focus must be visible, and a form sent back with errors must move the focus to the list of errors.
a11y-testing-reflow = Every page checked must fit a screen 320 pixels wide, and a window zoomed to 200%, without scrolling sideways. Screenshots at desktop and phone sizes are kept for people to review.
a11y-testing-limits = Automated tools find only some barriers, and these checks are not an audit by people with disabilities. That is why every report matters to us.

a11y-limits-title = Known limitations
a11y-limits-intro = We know of these limitations:
a11y-limit-translation = When an event, a chapter or a newsletter has no text in Spanish or Portuguese yet, the page or email shows its English text. On the pages that text is marked as English, so that a screen reader reads it with English pronunciation; a chapter’s name within a sentence, the title in the browser tab and the text of emails are not marked yet.
a11y-limit-content = Event descriptions are written by organizers. They can use headings, lists and links, but we cannot check that every description is clear and well structured.
a11y-limit-tables = In the back office, wide tables scroll sideways inside their own frame on small screens; each one can be reached and scrolled with the keyboard.
a11y-limit-email = Emails are sent as plain text and as simple HTML; the browser checks do not cover them yet.
a11y-limit-files = Calendar files (.ics) and exported lists (CSV) are only as accessible as the application that opens them.

a11y-report-title = Report a barrier
a11y-report-text = If something on Réseau stops you, or if you need information in another format, write to us at
a11y-report-details = Please tell us the address of the page, what you were trying to do and, if you wish, which browser and assistive technology you use. You may write in English, French or Spanish.
a11y-report-reply = We will reply, and while we remove the barrier we will give you the information or the service another way.

a11y-date-label = Date of this statement:
a11y-date = November 28, 2026
