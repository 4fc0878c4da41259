# ops strings (es)
error-message-too-long = El asunto debe tener 200 caracteres como máximo, y el mensaje 10 000.
