# Content written in each language (events, chapters, newsletters) (en)
field-title = Title
field-description = Description
field-event-description = Description (Markdown)
content-needed-to-publish = Needed to publish.
content-optional-page = Optional: without it, pages in { $language } show the English text.
content-optional-newsletter = Optional: give both the subject and the text, or neither. Without them, members who get their emails in { $language } receive the English version.
admin-event-texts = Texts by language
content-shows-english = No text in { $language }: these readers see the English text.
newsletter-falls-back = No version in { $languages }: these members receive the English version.
