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
summit-status-session-cancelled = Os organizadores cancelaram esta sessão.
summit-status-waitlisted = Na lista de espera: número { $position }.
summit-livestream = Entrar na transmissão ao vivo
summit-refused-title = Esta sessão não foi adicionada
summit-error-not-confirmed = Somente uma inscrição confirmada pode escolher sessões.
summit-error-cancelled = Esta sessão foi cancelada.
summit-error-over = Esta sessão já terminou.
summit-error-unknown = Este evento não tem essa sessão.
summit-error-overlap = Esta sessão é no mesmo horário que “{ $session }”, que você já escolheu. Desista dessa primeiro.

## O editor do programa (administração)

admin-summit-programme = Programa
admin-summit-back-to-event = Voltar ao evento
admin-summit-back = Voltar ao programa
admin-summit-new = Adicionar uma sessão
admin-summit-edit = Editar a sessão
admin-summit-empty = Ainda não há sessões.
admin-summit-seats-of = { $taken } de { $capacity } lugares ocupados
admin-summit-seats-taken = { $taken } lugares ocupados
admin-summit-description = Descrição
admin-summit-zone-hint = No fuso horário do evento.
admin-summit-track-hint = Sessões da mesma trilha aparecem juntas; deixe vazio para a trilha principal.
admin-summit-livestream = Link da transmissão ao vivo
admin-summit-livestream-hint = Mostrado só a quem tem lugar na sessão, e enviado a essas pessoas uma hora antes.
admin-summit-interpretation = Com interpretação
admin-summit-speakers-hint = Um palestrante por linha. Para vincular um perfil da Rede de Especialistas, acrescente uma barra vertical e o nome de endereço do perfil: Ana Ruiz | 3fk29x
admin-summit-capacity-hint = Deixe vazio para não ter limite próprio.
admin-summit-save = Salvar a sessão
admin-summit-saved = Sessão salva.
admin-summit-moved = Sessão com novo horário; todos que a escolheram foram avisados.
admin-summit-export = Baixar a presença (CSV)
admin-summit-move = Mudar o horário da sessão
admin-summit-move-button = Mudar e avisar quem a escolheu
admin-summit-cancel = Cancelar a sessão
admin-summit-cancel-text = Todos que a escolheram são avisados, no seu idioma, e a sessão é cancelada no calendário deles.
admin-summit-attendance = Presença
admin-summit-attendance-counts = { $seats } com lugar, { $waiting } na lista de espera
admin-summit-error-expert = Um perfil vinculado não está na Rede de Especialistas.
admin-summit-error-title = É preciso um título em inglês e em francês.
admin-summit-error-outside = A sessão deve ocorrer dentro das datas do evento.
admin-summit-error-livestream = Uma sessão on-line ou híbrida precisa do seu link de transmissão.
admin-summit-error-speaker = O nome de um palestrante está vazio ou passa de 100 caracteres, ou há mais de 20.
summit-choose-sessions = Escolher suas sessões
