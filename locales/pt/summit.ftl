## A Cúpula Digital: e-mails das sessões

mail-summit-agenda-subject = Sua agenda: { $event }
mail-summit-chosen = Você tem um lugar em “{ $session }”, { $date }.
mail-summit-waitlisted = “{ $session }” está lotada: você é o número { $position } na lista de espera. Escreveremos assim que um lugar for seu.
mail-summit-promoted = Um lugar foi liberado: agora você tem um lugar em “{ $session }”, { $date }.
mail-summit-unchosen = Você desistiu de “{ $session }”; seu lugar foi para a próxima pessoa.
mail-summit-agenda-attached = Sua agenda vai anexa: adicione-a ao seu calendário, e a próxima a atualizará.
mail-summit-manage = Suas sessões e sua agenda: { $url }
mail-summit-moved-subject = Mudança de horário: { $session }
mail-summit-moved-intro = “{ $session }” ({ $event }) mudou de horário: agora é { $date }.
mail-summit-cancelled-subject = Cancelada: { $session }
mail-summit-cancelled-intro = “{ $session }” ({ $event }), { $date }, foi cancelada. Lamentamos.
mail-summit-reminder-subject = Em uma hora: { $session }
mail-summit-reminder-intro = “{ $session }” começa em breve: { $date }.
mail-summit-livestream = Entre na transmissão ao vivo: { $url }

## O programa e a escolha das sessões

summit-programme = Programa
summit-programme-title = Programa: { $event }
summit-programme-link = Ver o programa
summit-back-to-event = Voltar ao evento
summit-back-to-programme = Voltar ao programa
summit-choose-hint = Já se inscreveu? Escolha suas sessões na página da sua inscrição (o link do seu e-mail de confirmação).
summit-whole-programme = Todo o programa
summit-filter-track = Trilha
summit-filter-language = Idioma falado
summit-filter-any = Todos
summit-filter-apply = Mostrar
summit-none = Nenhuma sessão corresponde.
summit-main-track = Trilha principal
summit-format = Formato
summit-room = Sala
summit-languages = Idiomas
summit-interpretation = com interpretação
summit-speakers = Palestrantes
summit-seats = Lugares
summit-seats-left = { $count ->
    [one] Resta { $count } lugar
   *[other] Restam { $count } lugares
}
summit-full = Lotada: a lista de espera está aberta
summit-cancelled = Cancelada
summit-your-sessions = Suas sessões
summit-agenda = Baixar sua agenda (arquivo de calendário)
summit-choose = Escolher esta sessão
summit-unchoose = Desistir desta sessão
summit-status-chosen = Você tem um lugar.
summit-status-waitlisted = Na lista de espera: número { $position }.
summit-livestream = Entrar na transmissão ao vivo
summit-refused-title = Esta sessão não foi adicionada
summit-error-not-confirmed = Somente uma inscrição confirmada pode escolher sessões.
summit-error-cancelled = Esta sessão foi cancelada.
summit-error-over = Esta sessão já terminou.
summit-error-unknown = Este evento não tem essa sessão.
summit-error-overlap = Esta sessão é no mesmo horário que “{ $session }”, que você já escolheu. Desista dessa primeiro.
