# A Rede Trilateral de Especialistas: o diretório, os perfis, o revezamento de contato, a
# inscrição de um membro, seus e-mails e as páginas da administração.

nav-experts = Especialistas
admin-nav-experts = Especialistas

## O diretório

experts-title = Rede Trilateral de Especialistas
experts-intro = Membros da rede que escolheram aparecer aqui compartilham sua experiência em equidade em saúde, inclusão econômica, educação, direito ao voto, reforma da justiça, e arte e cultura, além da experiência vivida a partir da qual falam.
experts-relay = Escreva a um especialista por meio deste site: sua mensagem chega sem que o endereço dele jamais seja mostrado a você, e ele só vê o seu se você permitir.
experts-search-label = Encontrar um especialista
experts-search = Palavras a procurar
experts-search-submit = Buscar
experts-count = { $count ->
    [one] { $count } especialista
   *[other] { $count } especialistas
}
experts-none = Nenhum especialista corresponde a esta busca.
experts-members-see-more = Os especialistas podem mostrar algumas partes do perfil apenas a membros conectados.
experts-capped = { $count ->
    [one] Só é possível mostrar a primeira página de resultados. Refine sua busca para encontrar outras pessoas.
   *[other] Só é possível mostrar as primeiras { $count } páginas de resultados. Refine sua busca para encontrar outras pessoas.
}
experts-back = Voltar ao diretório
expert-speaks = Idiomas:
expert-name-hidden = Um membro da rede
expert-members-only-parts = Algumas partes deste perfil são mostradas apenas a membros conectados.
expert-bio-other-languages = Esta pessoa ainda não escreveu sua apresentação neste idioma. Veja o que ela escreveu em outros.

## As partes de um perfil

expert-field-name = Nome exibido
expert-field-name-hint = Pode ser diferente do nome da sua filiação.
expert-field-areas = Áreas de especialidade
expert-field-areas-hint = Marque pelo menos uma.
expert-field-languages = Idiomas que fala
expert-field-country = País
expert-field-place = País e seção
expert-field-chapter = Sua seção: { $chapter }.
expert-field-chapter-change = Você pode mudá-la nos dados da sua conta.
expert-field-organisation = Organização e cargo
expert-field-organisation-name = Organização
expert-field-role = Cargo
expert-field-bio = Apresentação
expert-field-bio-hint = Algumas linhas, em um ou mais idiomas: cada leitor vê a do idioma da página quando existe, e as outras caso contrário.
expert-field-bio-in = Em { $language }
expert-field-lived = Experiência vivida
expert-field-lived-hint = Só se você quiser dizer: as comunidades de experiência vivida a partir das quais você fala, com suas próprias palavras. Nunca é obrigatório, e ninguém preenche por você. Ninguém pode buscar no diretório a partir deste texto.
expert-field-lived-words = Com suas próprias palavras
expert-field-lived-language = Idioma em que você escreveu
expert-audience-public = Todo mundo
expert-audience-members = Só membros conectados
expert-visibility-title = Quem vê o quê
expert-visibility-hint = Escolha, para cada parte do seu perfil, se todo mundo pode vê-la ou só os membros da rede que estão conectados. Vale assim que você salvar.

## Escrever a um especialista

expert-contact-title = Escrever a { $name }
expert-contact-intro = Sua mensagem chega a esta pessoa por e-mail a partir deste site. O endereço dela nunca é mostrado a você. Na primeira vez, enviamos um link para confirmar que o seu endereço é seu.
expert-contact-email-hint = Só o usamos para confirmar que você escreveu esta mensagem, e só o passamos ao especialista se você marcar a caixa abaixo.
expert-contact-subject = Assunto
expert-contact-message = Sua mensagem
expert-contact-message-hint = Texto simples, até 5.000 caracteres.
expert-contact-allow-reply = O especialista pode me responder
expert-contact-allow-reply-hint = Seu endereço é então passado ao especialista com a sua mensagem, e a resposta chega diretamente a você. Sem isso, ele não pode responder.
expert-contact-submit = Enviar a mensagem
expert-contact-paused = Esta pessoa não está recebendo mensagens no momento. Volte mais tarde.
expert-error-subject-empty = Informe um assunto.
expert-error-subject-too-long = O assunto pode ter até 150 caracteres.
expert-error-message-empty = Escreva sua mensagem.
expert-error-message-too-long = A mensagem pode ter até 5.000 caracteres.
expert-error-text-hidden = Retire deste texto os caracteres invisíveis ou que mudam o sentido da leitura.
expert-error-sender-limit = Este endereço já enviou hoje todas as mensagens permitidas. Tente de novo amanhã.
expert-error-ip-limit = Hoje já foram enviadas da sua conexão todas as mensagens permitidas. Tente de novo amanhã.
expert-error-expert-limit = Esta pessoa já recebeu hoje todas as mensagens que pode receber. Tente de novo amanhã.
expert-error-unavailable = Esta pessoa não está recebendo mensagens no momento.
expert-back-to = Voltar ao perfil de { $name }
expert-check-email-title = Confira seu e-mail
expert-check-email-text = Enviamos um link ao endereço informado. Sua mensagem segue para o especialista assim que você apertar o botão da página que ele abre.
expert-check-email-expiry = O link funciona por 48 horas. Se nada chegar, confira sua pasta de spam.
expert-sent-title = Sua mensagem está a caminho
expert-sent-text = O especialista a recebe por e-mail. Se você permitiu, a resposta chega diretamente a você.
expert-not-sent-title = Sua mensagem não foi enviada
expert-confirm-title = Enviar sua mensagem
expert-confirm-text = Aperte o botão para confirmar seu endereço e enviar sua mensagem a { $name }.
expert-confirm-button = Enviar minha mensagem
expert-link-expired-title = Este link expirou
expert-link-used-title = Este link já foi usado
expert-link-unknown-title = Este link não funciona
expert-link-dead-text = Os links dos nossos e-mails servem uma só vez, por tempo limitado. Você pode escrever de novo a partir do perfil do especialista.

## Denunciar uma mensagem

expert-report-title = Denunciar esta mensagem como abusiva
expert-report-text = Quem a enviou não poderá mais escrever a nenhum especialista por meio deste site, e os organizadores da sua seção serão avisados de que você denunciou uma mensagem.
expert-report-private = Os organizadores não veem a sua mensagem nem quem a enviou.
expert-report-button = Denunciar a mensagem
expert-reported-title = Obrigado: a mensagem foi denunciada
expert-reported-text = Quem a enviou não pode mais escrever a nenhum especialista por meio deste site, e os organizadores foram avisados.
expert-reported-pause = Para não receber mensagens por um tempo, pause-as na sua inscrição.

## A inscrição de um membro

expert-join-title = Inscrever-se na Rede Trilateral de Especialistas
expert-join-intro = O diretório permite que quem trabalha pela equidade e pela justiça racial no Canadá, nos Estados Unidos, no México e no Brasil encontre você pela sua especialidade e lhe escreva por meio deste site, sem que o seu endereço jamais seja mostrado. Você escolhe o que cada parte do seu perfil mostra, e para quem.
expert-join-review = Um organizador da sua seção revisa o seu perfil antes de publicá-lo no diretório. Você pode alterá-lo, pausar as mensagens ou sair a qualquer momento.
expert-join-submit = Pedir para aparecer no diretório
expert-consent-label = Aceito aparecer no diretório da Rede Trilateral de Especialistas com o perfil acima, e receber as mensagens que me enviarem por meio dele.
expert-consent-withdraw = Você pode sair a qualquer momento por esta página: sua inscrição desaparece na hora.
expert-error-consent = Marque a caixa para aceitar aparecer no diretório.
expert-error-areas-empty = Escolha pelo menos uma área de especialidade.
expert-error-area-unknown = Escolha as áreas da lista.
expert-error-languages-empty = Escolha pelo menos um idioma que você fala.
expert-error-language-unknown = Escolha os idiomas da lista.
expert-error-country = Escolha um país da lista.
expert-error-line-too-long = Este campo pode ter até 150 caracteres.
expert-error-bio-empty = Escreva algumas linhas sobre você em pelo menos um idioma.
expert-error-bio-too-long = Este texto pode ter até 1.200 caracteres.
expert-error-lived-too-long = Este texto pode ter até 600 caracteres.
expert-error-lived-language = Escolha o idioma em que você escreveu.
expert-listing-title = Sua inscrição na Rede de Especialistas
expert-listing-profile = Seu perfil
expert-listing-edit = Alterar seu perfil
expert-listing-save = Salvar
expert-back-to-account = Voltar à sua conta
expert-standing-title = Em que pé está a sua inscrição
expert-standing-pending = Seu perfil aguarda a revisão de um organizador da sua seção. Ainda não aparece no diretório.
expert-standing-changes-pending = Suas alterações aguardam a revisão de um organizador da sua seção. Enquanto isso, a versão aprovada antes continua no diretório.
expert-standing-listed = Seu perfil aparece no diretório.
expert-standing-returned = Um organizador devolveu o seu perfil. Altere-o e salve para enviá-lo de novo.
expert-standing-returned-listed = Um organizador devolveu as suas alterações; a versão aprovada antes continua no diretório. Altere-as e salve para enviá-las de novo.
expert-standing-hidden = Um organizador tirou o seu perfil do diretório. Altere-o e salve para enviá-lo de novo.
expert-standing-note = A nota dele:
expert-standing-see = Ver o seu perfil como os leitores o veem
expert-pause-title = Mensagens
expert-pause-off = As pessoas podem lhe escrever pelo seu perfil.
expert-pause-on = As mensagens estão pausadas: seu perfil informa que você não está recebendo nenhuma no momento.
expert-pause-button = Pausar as mensagens
expert-pause-resume = Voltar a receber mensagens
expert-withdraw-title = Retirar sua inscrição
expert-withdraw-text = Seu perfil sai do diretório na hora e é apagado. Sua filiação continua como está.
expert-withdraw-link = Retirar minha inscrição
expert-withdraw-confirm-text = Seu perfil sairá do diretório na hora e será apagado, com o registro das mensagens recebidas. Você poderá pedir para aparecer de novo mais tarde.
expert-withdraw-button = Retirar minha inscrição
expert-withdraw-cancel = Manter minha inscrição
expert-notice-listed = Obrigado. Um organizador da sua seção vai revisar o seu perfil; avisaremos você por e-mail.
expert-notice-review = Salvo. Suas alterações aguardam a revisão de um organizador da sua seção.
expert-notice-saved = Salvo.
expert-notice-paused = As mensagens estão pausadas.
expert-notice-resumed = As pessoas podem voltar a lhe escrever.
expert-notice-withdrawn = Sua inscrição foi retirada e apagada.
expert-account-title = Rede Trilateral de Especialistas
expert-account-none = Você não aparece no diretório de especialistas.
expert-account-join = Inscrever-se
expert-account-listed = Você aparece no diretório de especialistas.
expert-account-waiting = Sua inscrição aguarda a revisão de um organizador.
expert-account-manage = Gerenciar sua inscrição

## O registro de consentimentos e a fila de envio

consent-directory-granted = você pediu para aparecer na Rede de Especialistas
consent-directory-withdrawn = você retirou sua inscrição na Rede de Especialistas
consent-source-expert-profile = na página da sua inscrição
outbox-kind-expert-message = Mensagem pela Rede de Especialistas
outbox-kind-expert-message-confirm = Rede de Especialistas: confirmação de quem escreve
outbox-kind-expert-review = Rede de Especialistas: decisão de um organizador
outbox-kind-expert-abuse-report = Rede de Especialistas: denúncia de abuso

## E-mails

mail-expert-confirm-subject = Confirme sua mensagem a um especialista
mail-expert-confirm-intro = Você escreveu a { $expert } por meio da Rede Trilateral de Especialistas.
mail-expert-confirm-action = Para enviar sua mensagem, abra este link e aperte o botão. Assim você confirma que este endereço é seu.
mail-expert-confirm-expiry = O link funciona por 48 horas.
mail-expert-confirm-ignore = Se você não escreveu esta mensagem, ignore este e-mail: nada será enviado.
mail-expert-message-subject = Uma mensagem para você pela Rede Trilateral de Especialistas
mail-expert-message-intro = { $sender } escreveu a você por meio da sua inscrição no diretório:
mail-expert-message-their-subject = Assunto: { $subject }
mail-expert-message-reply = { $sender } aceitou que você responda: o botão Responder do seu programa de e-mail escreve para essa pessoa. Seu endereço só é revelado a ela se você responder.
mail-expert-message-no-reply = { $sender } não compartilhou o endereço, então não é possível responder a esta mensagem.
mail-expert-message-private = O Réseau nunca mostrou o seu endereço a quem escreveu.
mail-expert-message-report = Se esta mensagem for abusiva, denuncie: quem a enviou não poderá mais escrever a nenhum especialista, e os organizadores da sua seção serão avisados (eles não verão a mensagem): { $url }
mail-expert-message-pause = Para não receber mensagens por um tempo, pause-as na sua inscrição: { $url }
mail-expert-footer-why = Você recebeu este e-mail porque aparece na Rede Trilateral de Especialistas.
mail-expert-approved-subject = Seu perfil aparece na Rede de Especialistas
mail-expert-approved-intro = Um organizador da sua seção aprovou o seu perfil: ele já aparece no diretório.
mail-expert-approved-profile = Veja-o como os leitores: { $url }
mail-expert-returned-subject = Seu perfil da Rede de Especialistas precisa de alterações
mail-expert-returned-intro = Um organizador da sua seção devolveu o seu perfil.
mail-expert-hidden-subject = Seu perfil da Rede de Especialistas não aparece mais no diretório
mail-expert-hidden-intro = Um organizador da sua seção tirou o seu perfil do diretório.
mail-expert-note = A nota dele: { $note }
mail-expert-listing-link = Sua inscrição: { $url }
mail-expert-abuse-subject = Um especialista denunciou uma mensagem abusiva
mail-expert-abuse-intro = Um especialista da seção { $chapter } denunciou como abusiva uma mensagem recebida por meio do diretório.
mail-expert-abuse-blocked = Quem a enviou não pode mais escrever a nenhum especialista pelo site.
mail-expert-abuse-private = Nem a mensagem nem quem a enviou são mostrados aos organizadores.
mail-expert-abuse-action = Ver as denúncias

## A administração

admin-experts-title = Rede de Especialistas
admin-experts-intro = Os perfis dos membros das suas seções que pediram para aparecer no diretório. Você vê quantas mensagens chegam a cada especialista, nunca o que dizem nem quem as enviou.
admin-experts-queue = Aguardando revisão ({ $count })
admin-experts-queue-empty = Nada aguarda revisão.
admin-experts-waiting = { $count ->
    [0] Nenhum perfil aguarda revisão.
    [one] { $count } perfil aguarda revisão.
   *[other] { $count } perfis aguardam revisão.
}
admin-experts-open = Abrir a fila de revisão
admin-experts-submitted = Enviado
admin-experts-kind = Tipo
admin-experts-kind-new = Perfil novo
admin-experts-kind-change = Alterações de um perfil já publicado
admin-experts-profiles = Perfis
admin-experts-profiles-empty = Nenhum membro das suas seções pediu para aparecer no diretório.
admin-experts-listed = no diretório
admin-experts-paused = mensagens pausadas
admin-experts-recent = Mensagens dos últimos 30 dias
admin-experts-total = Mensagens no total
admin-experts-reported = Denunciadas como abusivas
admin-experts-reports = Denúncias de abuso
admin-experts-reports-intro = As mensagens que os especialistas denunciaram. Quem as enviou não pode mais escrever a nenhum especialista.
admin-experts-reports-empty = Nenhuma mensagem foi denunciada.
admin-experts-reported-at = Denunciada em
admin-experts-expert = Especialista
admin-experts-sender = Remetente
admin-experts-sender-blocked = Remetente nº { $id }, bloqueado
admin-experts-sender-unblocked = Remetente nº { $id }, bloqueio suspenso
admin-experts-unblock = Suspender o bloqueio
admin-experts-unblocked = O bloqueio foi suspenso: este remetente pode voltar a escrever aos especialistas.
admin-experts-back = Voltar à Rede de Especialistas
admin-experts-last-note = A última nota enviada ao membro:
admin-experts-submitted-version = O que o membro enviou
admin-experts-listed-version = A versão publicada
admin-experts-decide = Decisão
admin-experts-decision = Sua decisão
admin-experts-decision-approve = Aprovar: publicar esta versão no diretório
admin-experts-decision-return = Devolver ao membro com uma nota
admin-experts-decision-hide = Ocultar: tirar o perfil do diretório
admin-experts-note = Nota ao membro
admin-experts-note-hint = Obrigatória para devolver um perfil. O membro a recebe por e-mail.
admin-experts-decide-submit = Registrar a decisão
admin-experts-decided = A decisão foi registrada e o membro foi avisado por e-mail.
admin-experts-stale = O membro alterou o perfil depois que você o abriu. Veja o que ele enviou desde então: decida de novo.
admin-experts-error-note-required = Escreva uma nota dizendo o que alterar.
admin-experts-error-note-too-long = A nota pode ter até 1.000 caracteres.
admin-experts-error-decision = Escolha uma decisão.
expert-status-pending = Aguardando revisão
expert-status-approved = Aprovado
expert-status-returned = Devolvido
expert-status-hidden = Oculto

## Nomes: idiomas, países

expert-spoken-en = Inglês
expert-spoken-fr = Francês
expert-spoken-es = Espanhol
expert-spoken-pt = Português
expert-spoken-ht = Crioulo haitiano
expert-spoken-ar = Árabe
expert-spoken-zh = Chinês
expert-spoken-ase = Língua de sinais americana (ASL)
expert-spoken-fcs = Língua de sinais do Quebec (LSQ)
expert-spoken-mfs = Língua de sinais mexicana (LSM)
expert-spoken-bzs = Língua Brasileira de Sinais (Libras)
expert-spoken-cr = Cree
expert-spoken-iu = Inuktitut
expert-spoken-nah = Náuatle
expert-spoken-yua = Maia iucateque
expert-country-ca = Canadá
expert-country-us = Estados Unidos
expert-country-mx = México
expert-country-br = Brasil
