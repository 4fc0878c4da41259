# ops strings (en)
error-message-too-long = The subject must be 200 characters or fewer, and the message 10,000.
