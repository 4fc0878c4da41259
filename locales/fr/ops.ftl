# ops strings (fr)
error-message-too-long = L’objet doit compter au plus 200 caractères, et le message 10 000.
