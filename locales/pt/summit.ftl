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
