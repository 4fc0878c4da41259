## Todos os e-mails

mail-greeting = Olá, { $name },
mail-signature = Rede Norte-Americana pela Equidade e Justiça Racial
mail-footer-sender = Enviado por { $sender }.
mail-footer-postal = { $address }
mail-footer-contact = Dúvidas? Escreva para { $email }.
mail-footer-why = Você recebeu este e-mail porque este endereço foi informado em nosso site.

## Confirmação

mail-confirm-subject = Confirme sua adesão à rede
mail-confirm-intro = Agradecemos por você se juntar ao núcleo { $chapter } da Rede Norte-Americana pela Equidade e Justiça Racial.
mail-confirm-action = Para confirmar seu endereço e começar sua adesão, abra este link e pressione o botão:
mail-confirm-expiry = O link funciona por 7 dias.
mail-confirm-ignore = Se você não pediu para participar, ignore este e-mail: nada acontece se o link não for usado.

## Já é membro

mail-already-subject = Você já é membro da rede
mail-already-intro = Alguém, provavelmente você, pediu para entrar na rede com este endereço. Você já é membro, então não há nada a fazer.
mail-already-ignore = Se não foi você, pode ignorar este e-mail.

## Boas-vindas

mail-welcome-subject = Boas-vindas à Rede Norte-Americana pela Equidade e Justiça Racial
mail-welcome-intro = Sua adesão ao núcleo { $chapter } está confirmada. Boas-vindas!
mail-welcome-newsletter = Você vai receber nosso boletim. Cada edição traz um link para cancelar a assinatura na hora.
mail-welcome-no-newsletter = Você não pediu nosso boletim, então vamos escrever apenas sobre sua adesão e sobre os eventos em que você se inscrever.
mail-welcome-visit = Encontre cúpulas e eventos culturais em nosso site: { $url }
mail-footer-unsubscribe = Cancele a assinatura do boletim na hora: { $url }

## Link de acesso

mail-sign-in-subject = Seu link de acesso ao Réseau
mail-sign-in-intro = Alguém, provavelmente você, pediu para entrar no Réseau com este endereço.
mail-sign-in-action = Abra este link e pressione o botão para entrar. Ele funciona uma única vez, por 30 minutos:
mail-sign-in-ignore = Se você não pediu, ignore este e-mail: ninguém consegue entrar sem o link.

## Mudança de endereço

mail-email-change-subject = Confirme seu novo endereço de e-mail
mail-email-change-intro = Você pediu para usar este endereço na sua adesão à rede.
mail-email-change-action = Abra este link e pressione o botão para confirmá-lo. Ele funciona por 24 horas:
mail-email-change-ignore = Se você não pediu, ignore este e-mail: nada muda sem o link.
mail-email-changed-subject = Seu endereço de e-mail foi alterado
mail-email-changed-intro = O endereço da sua adesão foi alterado para { $email }. Não vamos mais escrever para este.
mail-email-changed-help = Se você não fez essa alteração, escreva para nós imediatamente em { $contact }.

## Despedida

mail-goodbye-subject = Sua conta foi excluída
mail-goodbye-intro = Como você pediu, apagamos sua conta e seus dados. Este é o último e-mail que enviamos para este endereço.
mail-goodbye-rejoin = Você pode voltar quando quiser, será um prazer: { $url }

## Convite para organizar

mail-invite-subject = Um convite para você coordenar núcleos da rede
mail-invite-intro = { $inviter } convidou você para a área administrativa da Rede Norte-Americana pela Equidade e Justiça Racial.
mail-invite-action = Abra este link para escolher sua senha. Ele funciona uma única vez, por 7 dias:

## Eventos

mail-event-request-subject = Confirme sua inscrição: { $event }
mail-event-request-intro = Você pediu para se inscrever no evento { $event }, marcado para { $date }.
mail-event-request-action = Abra este link e pressione o botão para confirmar. Sua vaga só fica reservada depois disso:
mail-event-confirmed-subject = Inscrição confirmada: { $event }
mail-event-confirmed-intro = Sua vaga no evento { $event }, marcado para { $date }, está reservada. O arquivo de calendário está anexado.
mail-event-manage = Sua inscrição, o arquivo de calendário e uma forma de cancelar: { $url }
mail-event-online = Participe on-line: { $url }
mail-event-waitlisted-subject = Na lista de espera: { $event }
mail-event-waitlisted-intro = O evento { $event } está lotado. Você está na posição { $position } da lista de espera; vamos mandar um e-mail na hora se uma vaga for liberada.
mail-event-promoted-subject = Uma vaga é sua: { $event }
mail-event-promoted-intro = Uma vaga foi liberada no evento { $event }, marcado para { $date }, e ela é sua. O arquivo de calendário está anexado.
mail-event-cancelled-subject = Inscrição cancelada: { $event }
mail-event-cancelled-intro = Sua inscrição no evento { $event } foi cancelada. Você pode se inscrever de novo enquanto as inscrições estiverem abertas.
mail-event-called-off-subject = Evento cancelado: { $event }
mail-event-called-off-intro = Sentimos muito: o evento { $event }, previsto para { $date }, foi cancelado. Sua inscrição foi cancelada junto com ele.
mail-event-reminder-subject = Amanhã: { $event }
mail-event-reminder-intro = Um lembrete: o evento { $event } está marcado para { $date }. Esperamos ver você lá.
mail-event-reminder-page = A página do evento: { $url }
mail-event-changed-subject = Alteração: { $event }
mail-event-changed-intro = O horário ou o local do evento { $event } mudou. Agora, o evento será: { $date }.
mail-event-changed-where = Local: { $place }
