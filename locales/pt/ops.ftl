# textos de operação (pt)
error-message-too-long = O assunto deve ter no máximo 200 caracteres, e a mensagem, no máximo 10.000.
