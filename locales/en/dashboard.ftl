# The dashboard's charts and their tables (en)
dashboard-table = Figures as a table
dashboard-week-of = Week of { $date }
dashboard-axis-week = Week starting
dashboard-axis-signups = Sign-ups
dashboard-axis-members = Members
dashboard-signups-title = Sign-ups per week, by chapter
dashboard-signups-desc = { $count ->
    [one] One sign-up
   *[other] { $total } sign-ups
} in the last { $weeks } weeks; the busiest week began { $busiest }, with { $most }. The figures are in the table below.
dashboard-signups-none = No sign-up in the last { $weeks } weeks.
dashboard-members-title = Members over time
dashboard-members-desc = Members at the end of each week: { $now } now, { $then } { $weeks } weeks ago. Today’s active members are counted from the week they confirmed. The figures are in the table below.
dashboard-members-at-end = Members at the end of the week
dashboard-events-title = Upcoming events: seats taken
dashboard-events-desc = { $count ->
    [one] The next event: confirmed seats, the capacity (the dark line) and the waitlist beyond it.
   *[other] The next { $count } events: confirmed seats, the capacity (the dark line) and the waitlist beyond it.
} The figures are in the table below.
dashboard-events-none = No upcoming event.
dashboard-event = Event
dashboard-date = Date
dashboard-confirmed = Confirmed
dashboard-waitlisted = Waitlisted
dashboard-capacity = Capacity
dashboard-unlimited = Unlimited
dashboard-event-seats = Confirmed: { $confirmed } of { $capacity }
dashboard-event-unlimited = Confirmed: { $confirmed }, no limit
dashboard-event-waiting = Waitlisted: { $waitlisted }
dashboard-newsletters-title = Newsletter sends
dashboard-newsletters-desc = { $count ->
    [one] The latest newsletter: copies sent and failed, and the unsubscribes until the next one.
   *[other] The latest { $count } newsletters: copies sent and failed, and the unsubscribes until the next one.
} The figures are in the table below.
dashboard-newsletters-none = No newsletter sent yet.
dashboard-newsletter = Newsletter
dashboard-sent = Sent
dashboard-failed = Failed
dashboard-unsubscribes = Unsubscribes after
dashboard-newsletter-note = Sent: { $sent } · Failed: { $failed } · Unsubscribes: { $unsubscribes }
