## Comum a todas as páginas

site-name = Réseau
network-name = Rede Norte-Americana pela Equidade e Justiça Racial
skip-to-content = Ir para o conteúdo principal
nav-label = Principal
nav-home = Início
nav-join = Participe
languages-label = Ler esta página em
footer-about = O Réseau é a plataforma de adesão e eventos da Rede Norte-Americana pela Equidade e Justiça Racial.
footer-contact = Contato: { $email }
footer-postal = Endereço postal: { $address }
required = obrigatório
optional = opcional

## Início

home-title = Equidade e justiça racial em toda a América do Norte
home-lede = A rede reúne pessoas do Canadá, dos Estados Unidos e do México que trabalham pela equidade em saúde, pela inclusão econômica, pela educação, pelo direito ao voto e pela reforma da justiça, junto com comunidades que têm experiência vivida com o racismo.
home-origin = Ela nasceu da Parceria Norte-Americana pela Equidade e Justiça Racial, do trabalho antirracista do Plano de Ação Canadá–México e da Parceria Canadá–Brasil pela Igualdade Racial e Inclusão.
home-upcoming = Próximos eventos
home-all-events = Ver todos os eventos
home-chapters = Nossos núcleos
home-join-chapter = Participe do núcleo { $chapter }
home-cta-title = Torne-se membro
home-cta-text = A adesão é gratuita. Participe de um núcleo para saber das cúpulas, dos eventos culturais e do trabalho da rede, em inglês, francês, espanhol ou português.
home-cta-button = Faça parte da rede

## Formulário de adesão

join-title = Faça parte da rede
join-purpose = Faça parte de um núcleo da Rede Norte-Americana pela Equidade e Justiça Racial. Usamos seus dados para gerenciar sua adesão e, somente se você marcar a caixa abaixo, para enviar nosso boletim a você.
join-who = Este formulário é administrado pela Rede Norte-Americana pela Equidade e Justiça Racial. Dúvidas: { $email }.
join-withdraw = Você pode retirar seu consentimento a qualquer momento, pelo link de cancelamento de assinatura que vem em cada mensagem ou escrevendo para nós.
join-confirm-note = Vamos enviar a você um e-mail com um link para confirmar seu endereço. Sua adesão começa quando você confirmar.
field-full-name = Nome completo
field-full-name-hint = Como você prefere que nos dirijamos a você.
field-email = Endereço de e-mail
field-email-hint = Enviamos o link de confirmação para este endereço.
field-chapter = Núcleo
field-region = Província, território ou estado
field-region-none = Prefiro não informar
field-interests = Interesses
field-interests-hint = Escolha os que forem importantes para você.
field-language = Idioma dos nossos e-mails
field-newsletter = Sim, quero receber o boletim da rede (cerca de uma vez por mês). Posso cancelar a assinatura a qualquer momento.
join-submit = Participar
honeypot-label = Deixe este campo em branco

interest-health-equity = Equidade em saúde
interest-economic-inclusion = Inclusão econômica
interest-education = Educação
interest-voting-rights = Direito ao voto
interest-justice-reform = Reforma da justiça
interest-arts-culture = Artes e cultura

language-name-en = Inglês
language-name-fr = Francês
language-name-es = Espanhol
language-name-pt = Português
# O nome de um idioma dentro de uma frase (em minúsculas quando o idioma o escreve assim).
in-language-en = inglês
in-language-fr = francês
in-language-es = espanhol
in-language-pt = português

## Erros no formulário

error-summary-title = Há um problema
error-email-empty = Informe seu endereço de e-mail.
error-email-invalid = Informe um endereço de e-mail no formato nome@example.org.
error-email-too-long = O endereço de e-mail deve ter no máximo 254 caracteres.
error-email-unreachable = Este endereço não pode receber e-mails: o domínio dele é reservado para exemplos e testes. Informe o endereço em que você lê seus e-mails.
error-name-empty = Informe seu nome.
error-name-too-long = O nome deve ter no máximo 100 caracteres.
error-name-invalid = O nome só pode conter letras, espaços, hifens, apóstrofos e pontos.
error-chapter-invalid = Escolha um dos núcleos.
error-region-invalid = Escolha uma região do país do núcleo, ou “Prefiro não informar”.
error-interests-invalid = Escolha interesses da lista.
error-language-invalid = Escolha inglês, francês, espanhol ou português.
error-form-expired = Este formulário ficou aberto por tempo demais. Confira suas respostas e envie de novo.

## Depois da adesão

check-email-title = Confira seu e-mail
check-email-text = Se o endereço que você informou puder fazer a adesão, uma mensagem com um link de confirmação está a caminho dele. O link funciona por 7 dias.
check-email-spam = Nada chegou depois de alguns minutos? Veja na sua pasta de spam ou preencha o formulário de novo.

confirm-title = Confirme sua adesão
confirm-text = Pressione o botão para confirmar seu endereço e entrar no núcleo { $chapter } como { $name }.
confirm-button = Confirmar minha adesão
confirm-agrees-newsletter = Ao confirmar, você passa a ser membro do núcleo { $chapter }, com e-mails em { $language }, e faz a assinatura do boletim, como pedido no formulário. Você pode cancelar a assinatura a qualquer momento.
confirm-agrees-no-newsletter = Ao confirmar, você passa a ser membro do núcleo { $chapter }, com e-mails em { $language }. A confirmação não faz a assinatura do boletim.
confirmed-title = Boas-vindas à rede
confirmed-text = Sua adesão está confirmada. Um e-mail de boas-vindas está a caminho.
already-active-title = Você já é membro
already-active-text = Este endereço já está confirmado. Não há mais nada a fazer.
link-expired-title = Este link expirou
link-expired-text = Os links de confirmação funcionam por 7 dias. Peça um novo, e vamos enviá-lo a você por e-mail.
link-expired-button = Enviar um novo link para mim
link-used-title = Este link já foi usado
link-used-text = Cada link funciona uma única vez. Se você já confirmou, é membro; caso contrário, preencha de novo o formulário de adesão.
link-unknown-title = Este link não funciona
link-unknown-text = Verifique se você copiou o link completo do e-mail, ou preencha de novo o formulário de adesão.
link-join-again = Ir para o formulário de adesão

## Erros

error-page-title = Algo deu errado
error-bad-request = Não foi possível entender a solicitação. Volte e tente novamente.
error-forbidden = Não foi possível aceitar o formulário porque ele não veio deste site ou expirou. Volte, recarregue a página e tente novamente.
error-not-found = Esta página não existe.
error-method = Esta página não pode ser usada dessa forma.
error-too-large = O que você enviou é grande demais.
error-too-many = Solicitações demais. Aguarde um minuto e tente novamente.
error-internal = Algo deu errado do nosso lado. Sua solicitação não foi salva; tente novamente daqui a pouco.
error-unavailable = O serviço está indisponível por um momento. Tente novamente daqui a pouco.
error-home-link = Ir para a página inicial

## Nome de cada idioma no próprio idioma, para o seletor de idiomas

autonym-en = English
autonym-fr = Français
autonym-es = Español
autonym-pt = Português

## Acesso (os membros nunca têm senha)

nav-sign-in = Entrar
nav-account = Minha conta
sign-in-title = Entrar
sign-in-intro = Os membros entram com um link enviado por e-mail: não há senha para lembrar.
sign-in-submit = Enviar um link de acesso para o meu e-mail
sign-in-sent-title = Confira seu e-mail
sign-in-sent-text = Se este endereço pertencer a um membro, um link de acesso está a caminho. Ele funciona uma única vez, por 30 minutos.
sign-in-confirm-title = Entrar no Réseau
sign-in-confirm-text = Pressione o botão para entrar como { $name }.
sign-in-confirm-button = Entrar
sign-in-expired-text = Os links de acesso funcionam por 30 minutos e uma única vez. Peça um novo.
sign-in-again = Pedir um novo link de acesso
sign-out = Sair
signed-out-title = Você saiu da sua conta
signed-out-text = Sua sessão foi encerrada neste dispositivo.

## A página da conta

account-title = Minha conta
account-signed-in-as = Sessão iniciada como { $email }.
account-profile = Meus dados
account-save = Salvar meus dados
account-saved = Seus dados foram salvos.
account-newsletter-title = Boletim
account-newsletter-on = Você recebe o boletim.
account-newsletter-off = Você não recebe o boletim.
account-subscribe = Assinar o boletim
account-unsubscribe = Cancelar a assinatura do boletim
account-newsletter-saved = Sua escolha sobre o boletim foi salva.
account-email-title = Endereço de e-mail
account-email-intro = Para alterá-lo, informe o novo endereço. Enviamos um link para ele e não alteramos nada até que o link seja usado.
account-email-new = Novo endereço de e-mail
account-email-submit = Alterar meu endereço
account-email-sent = Se o novo endereço puder ser usado, um link de confirmação está a caminho dele. Nada muda até que o link seja usado.
account-consents-title = Meu histórico de consentimentos
consent-line = { $date }: { $what }, { $how } (versão do texto { $version }).
consent-membership-granted = você passou a ser membro
consent-membership-withdrawn = você saiu da rede
consent-newsletter-granted = você assinou o boletim
consent-newsletter-withdrawn = você cancelou a assinatura do boletim
consent-source-join = no formulário de adesão
consent-source-account = na página da sua conta
consent-source-unsubscribe-link = pelo link de cancelamento de assinatura de um e-mail
consent-source-one-click = pelo botão de cancelar assinatura do seu programa de e-mail
consent-source-erasure = quando sua conta foi excluída
consent-source-other = por outro meio
account-registrations-title = Minhas inscrições em eventos
account-registrations-none = Você não tem inscrições em eventos.
account-data-title = Meus dados
account-data-text = Baixe tudo o que temos sobre você, em um arquivo que você pode abrir (JSON).
account-data-button = Baixar meus dados
account-sessions-title = Onde sua sessão está aberta
account-sessions-text = Se você entrou em um computador que não é seu, ou acha que outra pessoa consegue abrir sua conta, saia em todos os lugares: todos os navegadores, inclusive este, vão precisar entrar de novo.
account-sign-out-everywhere = Sair em todos os lugares
account-delete-title = Excluir minha conta
account-delete-text = Excluir sua conta apaga seu nome e seu endereço. Guardamos apenas o que a lei antispam do Canadá exige, sem o seu endereço.
account-delete-link = Excluir minha conta

## Mudança de endereço

email-change-confirm-title = Confirme seu novo endereço
email-change-confirm-text = Pressione o botão para tornar { $email } o endereço da sua adesão.
email-change-confirm-button = Confirmar meu novo endereço
email-changed-title = Seu endereço foi alterado
email-changed-text = De agora em diante, escrevemos para o seu novo endereço.

## Saída da rede

delete-title = Excluir minha conta
delete-warning = Isso não pode ser desfeito. Seu nome, seu endereço e suas preferências serão apagados, suas sessões serão encerradas e os e-mails que aguardam envio para você serão cancelados. Um último e-mail vai confirmar a exclusão.
delete-confirm-label = Sim, excluir minha conta e tudo o que diz respeito a mim
delete-button = Excluir minha conta definitivamente
error-delete-confirm = Marque a caixa para confirmar que você quer excluir sua conta.
deleted-title = Sua conta foi excluída
deleted-text = Apagamos seus dados. Você pode voltar a fazer parte da rede a qualquer momento.

## Cancelamento da assinatura

unsubscribe-title = Cancelar a assinatura do boletim
unsubscribe-text = Pressione o botão para deixar de receber o boletim da rede. O cancelamento vale na hora.
unsubscribe-button = Cancelar a assinatura
unsubscribed-title = Sua assinatura foi cancelada
unsubscribed-text = Você não vai receber mais boletins. Os e-mails que você pedir, como links de acesso e inscrições em eventos, continuam chegando.
unsubscribed-already-text = Sua assinatura já estava cancelada: não há mais nada a fazer.
unsubscribe-expired-text = Este link de cancelamento de assinatura é antigo demais. Entre na sua conta para mudar sua escolha, ou escreva para nós.

## Área administrativa

admin-title = Área administrativa
admin-nav-dashboard = Painel
admin-nav-members = Membros
admin-nav-audit = Registro de auditoria
admin-nav-organizers = Pessoas organizadoras
admin-nav-password = Minha senha
admin-sign-out = Sair
admin-signed-in-as = Sessão iniciada como { $name } ({ $role })
role-admin = pessoa administradora
role-organizer = pessoa organizadora
admin-sign-in-title = Acesso da equipe organizadora
admin-sign-in-submit = Entrar
field-password = Senha
field-password-hint = Pelo menos 12 caracteres. Evite uma senha que você usa em outros lugares.
field-name = Nome
field-role = Função
field-chapters = Núcleos
error-sign-in-failed = O endereço de e-mail ou a senha estão incorretos.
error-sign-in-locked = Tentativas malsucedidas demais com este endereço: o acesso está bloqueado por alguns minutos. Tente novamente mais tarde.
error-sign-in-busy = Acessos demais ao mesmo tempo. Aguarde um momento e tente novamente.
error-password-too-short = A senha deve ter pelo menos 12 caracteres.
error-password-too-long = A senha deve ter no máximo 200 caracteres.
error-password-too-common = Esta senha é uma das mais comuns. Escolha outra.
error-password-wrong = A senha atual está incorreta.
error-organizer-exists = Este endereço já tem uma conta da equipe organizadora.
error-role-invalid = Escolha uma função.
setup-title = Criar a primeira conta de administração
setup-intro = O Réseau ainda não tem nenhuma pessoa organizadora. Este link, de uso único, cria a primeira conta de administração.
setup-submit = Criar a conta de administração
invite-title = Defina sua senha
invite-intro = Você recebeu um convite para coordenar núcleos da rede. Escolha uma senha para começar.
invite-submit = Definir minha senha
password-title = Alterar minha senha
field-current-password = Senha atual
field-new-password = Nova senha
password-submit = Alterar minha senha
password-changed = Sua senha foi alterada. Suas outras sessões foram encerradas.
dashboard-title = Painel
dashboard-members = Membros por núcleo e situação
dashboard-chapter = Núcleo
dashboard-total = Total
dashboard-pending = Confirmações pendentes
dashboard-mail = E-mails
dashboard-mail-sent = Enviados
dashboard-mail-failed = Com falha
dashboard-mail-queued = Aguardando
status-pending = Pendente
status-active = Ativo
status-unsubscribed = Assinatura dos boletins cancelada
status-erased = Apagado
members-title = Membros
members-search = Nome ou e-mail
members-filter = Filtrar
members-any = Qualquer
members-newsletter = Boletim
members-newsletter-yes = Assinante
members-newsletter-no = Não assinante
members-export = Exportar estes membros (CSV)
members-count = { $count ->
    [one] { $count } membro
   *[other] { $count } membros
}
members-count-more = Mais de { $count } membros correspondem: refine a pesquisa ou exporte todos.
members-none = Nenhum membro encontrado.
members-previous = Página anterior
members-next = Próxima página
members-page = Página { $page } de { $pages }
members-pages = Páginas
members-first = Membros mais recentes
members-last = Membros mais antigos
member-title = Membro
member-profile = Perfil
member-consents = Histórico de consentimentos
member-emails = E-mails enviados
member-correct = Corrigir o nome ou o núcleo
member-correct-submit = Salvar a correção
member-corrected = A correção foi salva e consta no registro de auditoria.
email-kind = Tipo
email-subject = Assunto
email-status = Situação
email-time = Horário
field-status = Situação
field-joined = Data de adesão
audit-title = Registro de auditoria
audit-when = Quando
audit-who = Quem
audit-action = Ação
audit-target = Item afetado
audit-details = Detalhes
organizers-title = Pessoas organizadoras
organizers-invite = Convidar uma pessoa organizadora
organizers-invite-submit = Enviar o convite
organizers-invited = O convite está a caminho.
organizers-active = Em atividade
organizers-deactivate = Desativar
organizers-activate = Reativar
yes = Sim
no = Não

## Importação de membros

members-import-link = Importar membros de um arquivo CSV
import-title = Importar membros
import-intro = Um arquivo CSV com uma linha de cabeçalho: email (obrigatório), full_name, region (como CA-QC), interests (identificadores separados por ;) e language (en, fr, es ou pt). As pessoas novas recebem um e-mail pedindo que confirmem: ninguém passa a ser membro sem essa confirmação.
field-import-file = Arquivo CSV
field-consent-source = De onde vem o consentimento dessas pessoas
field-consent-source-hint = Por exemplo: lista de inscrição, fórum de Montréal, 2026-10-12.
import-submit = Importar
import-report-title = Relatório da importação
import-invited = { $count ->
    [one] { $count } pessoa convidada a confirmar
   *[other] { $count } pessoas convidadas a confirmar
}
import-existing = { $count ->
    [one] { $count } já é membro deste núcleo (as escolhas foram mantidas; apenas dados vazios foram preenchidos)
   *[other] { $count } já são membros deste núcleo (as escolhas delas foram mantidas; apenas dados vazios foram preenchidos)
}
import-other-chapter = { $count ->
    [one] { $count } membro de outro dos seus núcleos (mantido como está)
   *[other] { $count } membros de outro dos seus núcleos (mantidos como estão)
}
import-throttled = { $count ->
    [one] { $count } pessoa pendente convidada recentemente, sem novo e-mail
   *[other] { $count } pessoas pendentes convidadas recentemente, sem novo e-mail
}
import-rejected = { $count ->
    [one] { $count } linha recusada
   *[other] { $count } linhas recusadas
}
import-line = Linha { $line }: { $reasons }
import-reason-email = o endereço de e-mail não é válido
import-reason-name = o nome está faltando ou não é válido
import-reason-region = a região não é do país do núcleo
import-reason-interests = um interesse é desconhecido
import-reason-language = o idioma não é en, fr, es ou pt
error-import-file = Escolha um arquivo CSV com uma coluna email.
error-consent-source = Informe de onde vem o consentimento dessas pessoas.

## Acesso em duas etapas para a equipe organizadora

two-factor-title = Acesso em duas etapas
two-factor-intro = As pessoas administradoras, e todas as pessoas organizadoras quando a administração pedir, confirmam cada acesso com um código de um aplicativo autenticador.
two-factor-step = Adicione esta conta ao seu aplicativo autenticador pelo link abaixo, ou digite a chave manualmente, e depois informe o código que o aplicativo mostrar.
two-factor-key = Chave
two-factor-link = Abrir em um aplicativo autenticador
field-code = Código
field-code-hint = Os seis dígitos que seu aplicativo mostra. Um código de recuperação também funciona aqui.
two-factor-submit = Ativar o acesso em duas etapas
two-factor-codes-title = Seus códigos de recuperação
two-factor-codes-text = Guarde estes códigos em um lugar seguro. Cada um funciona uma única vez, no lugar de um código do aplicativo, caso você perca seu celular. Eles só são mostrados agora.
two-factor-continue = Continuar para o painel
sign-in-code-title = Informe seu código
sign-in-code-submit = Entrar
error-code-wrong = O código está incorreto ou já foi usado.
two-factor-all-on = Todas as pessoas organizadoras precisam usar o acesso em duas etapas.
two-factor-all-off = Somente as pessoas administradoras precisam usar o acesso em duas etapas.
two-factor-require-all = Exigir para todas as pessoas organizadoras
two-factor-require-admins = Exigir somente para as pessoas administradoras

## Núcleos na área administrativa

admin-nav-chapters = Núcleos
chapters-title = Núcleos
chapters-new = Novo núcleo
chapters-edit = Editar o núcleo { $chapter }
chapters-save = Salvar o núcleo
chapters-saved = O núcleo foi salvo.
field-slug = Nome curto nos endereços
field-slug-hint = Letras minúsculas, algarismos e hifens, como united-states.
field-country = Código do país
field-country-hint = Duas letras maiúsculas (ISO 3166-1), como CA.
error-slug-invalid = Use de 2 a 64 letras minúsculas, algarismos e hifens.
error-slug-taken = Outro núcleo já usa este nome curto.
error-country-invalid = Informe duas letras maiúsculas, como CA.
error-text-required = Preencha este texto: inglês e francês são obrigatórios.
error-text-too-long = Um nome tem no máximo 200 caracteres, e uma descrição, no máximo 5.000.

## Eventos

nav-events = Eventos
events-title = Próximos eventos
events-none = Nenhum próximo evento corresponde à busca.
events-filter-chapter = Núcleo
events-filter-format = Formato
events-filter-any = Qualquer
events-filter-submit = Mostrar eventos
format-in-person = Presencial
format-online = On-line
format-hybrid = Híbrido
event-when = Quando
event-where = Onde
event-format = Formato
event-time-zone = Os horários estão no fuso horário { $zone }.
event-seats-left = { $count ->
    [one] { $count } vaga restante
   *[other] { $count } vagas restantes
}
event-unlimited = Aberto a todas as pessoas
event-waitlist-open = Lotado: a lista de espera está aberta
event-full = Lotado
event-register-title = Inscrição
event-register-intro = A inscrição não torna você membro nem faz nenhuma assinatura em seu nome. Enviamos a você um e-mail com um link para confirmar; sua vaga fica garantida quando você confirmar.
event-register-submit = Fazer inscrição
event-closed = As inscrições estão encerradas.
event-not-open = Abertura das inscrições: { $date }.
event-cancelled = Este evento foi cancelado.
accommodations-title = Acessibilidade e adaptações
accommodations-intro = Conte para nós o que você precisa para participar; só as pessoas organizadoras deste evento veem essa informação.
field-sign-language = Interpretação em língua de sinais
sign-language-none = Nenhuma
sign-language-asl = Língua de Sinais Americana (ASL)
sign-language-lsq = Língua de Sinais do Quebec (LSQ)
field-captions = Legendas
field-interpretation = Interpretação para
field-mobility = Acesso sem degraus
field-dietary = Necessidades alimentares
field-other-needs = Outras necessidades
error-accommodations-too-long = Este texto é longo demais.
registration-title = Sua inscrição
registration-event = Evento
registration-status = Situação
registration-status-pending = Aguardando sua confirmação
registration-status-confirmed = Confirmada: sua vaga está reservada
registration-status-waitlisted = Na lista de espera, posição { $position }
registration-status-cancelled = Cancelada
registration-confirm-text = Pressione o botão para confirmar sua inscrição.
registration-confirm-button = Confirmar minha inscrição
registration-online-link = Participar on-line
registration-calendar = Adicionar à minha agenda (.ics)
registration-cancel-title = Não vai poder participar?
registration-cancel-text = Cancele sua inscrição para que alguém da lista de espera fique com a sua vaga.
registration-cancel-button = Cancelar minha inscrição
registration-full = O evento está lotado e não tem lista de espera: não foi possível reservar uma vaga.
registration-sent-title = Confira seu e-mail
registration-sent-text = Se o endereço puder fazer a inscrição, uma mensagem com um link de confirmação está a caminho. Sua vaga só fica reservada quando você confirmar.

## Eventos na área administrativa

admin-nav-events = Eventos
admin-events-title = Eventos
admin-events-new = Novo evento
admin-event-edit = Editar o evento
field-format = Formato
field-venue = Local
field-address = Endereço
field-online-link = Link on-line (informado somente a quem tem inscrição confirmada)
field-starts = Início
field-ends = Término
field-time-zone = Fuso horário
field-time-zone-hint = Um nome IANA, como America/Toronto, America/Mexico_City ou America/New_York. O início e o término seguem esse fuso.
field-capacity = Vagas
field-capacity-hint = Deixe em branco para não ter limite.
field-waitlist = Manter uma lista de espera quando as vagas acabarem
field-opens = Abertura das inscrições (opcional)
field-closes = Encerramento das inscrições (opcional)
admin-event-save = Salvar o evento
admin-event-saved = O evento foi salvo.
admin-event-publish = Publicar
admin-event-published = O evento foi publicado.
admin-event-cancel = Cancelar o evento e avisar todas as pessoas inscritas
event-status-draft = Rascunho
event-status-published = Publicado
event-status-cancelled = Cancelado
admin-registrations = Inscrições
admin-registrations-counts = { $confirmed ->
    [one] { $confirmed } confirmada
   *[other] { $confirmed } confirmadas
}, { $waitlisted } na lista de espera, { $pending } aguardando confirmação, { $checked ->
    [one] { $checked } pessoa presente
   *[other] { $checked } pessoas presentes
}.
admin-registrations-export = Exportar as inscrições (CSV)
admin-check-in = Registrar presença
admin-undo-check-in = Desfazer o registro de presença
admin-checked-in = Presença registrada: { $time }
admin-accommodations = Adaptações
error-event-slug = Use letras minúsculas, algarismos e hifens (no máximo 80).
error-event-slug-taken = Outro evento já usa este nome curto.
error-event-time = Informe uma data e um horário.
error-date-range = Informe uma data entre os anos 2000 e 2100.
error-text-hidden = Remova os caracteres invisíveis ou que mudam a direção do texto (como U+202E): eles podem fazer o texto ser lido como outra coisa.
error-event-ends-before = O evento precisa terminar depois de começar.
error-event-window = As inscrições precisam abrir antes de encerrar, e antes do fim do evento.
error-event-link = Informe um endereço que comece com https://.
error-event-zone = Informe o nome de um fuso horário, como America/Toronto.
error-event-capacity = Informe um número de vagas de 1 a 1.000.000, e não menor que o de vagas já ocupadas.
error-event-too-long = Um título, local ou descrição é longo demais.
error-event-incomplete = Para publicar, é preciso ter o título e a descrição em inglês e em francês.
event-register-as = Fazer inscrição como { $name } ({ $email }): um clique, sem e-mail para confirmar.
admin-message-title = Escrever para as pessoas inscritas
admin-message-audience = Quem
admin-message-confirmed = Todas as pessoas com vaga
admin-message-waitlisted = Todas as pessoas na lista de espera
admin-message-subject = Assunto
admin-message-body = Mensagem
admin-message-send = Enviar a mensagem
admin-message-sent = { $count ->
    [one] A mensagem está a caminho de { $count } pessoa.
   *[other] A mensagem está a caminho de { $count } pessoas.
}
error-message-empty = Escreva um assunto e uma mensagem.
admin-registrations-search = Buscar por nome ou e-mail
organizers-chapters-save = Salvar os núcleos

# Confirmação reforçada: a senha outra vez antes de uma ação sensível na área administrativa.
step-up-title = Confirme que é você
step-up-intro = { $count ->
    [one] Esta ação precisa da sua senha outra vez. Ela não será pedida de novo por { $count } minuto.
   *[other] Esta ação precisa da sua senha outra vez. Ela não será pedida de novo por { $count } minutos.
}
step-up-intro-code = { $count ->
    [one] Esta ação precisa da sua senha e de um código do seu aplicativo outra vez. Eles não serão pedidos de novo por { $count } minuto.
   *[other] Esta ação precisa da sua senha e de um código do seu aplicativo outra vez. Eles não serão pedidos de novo por { $count } minutos.
}
step-up-submit = Confirmar e continuar
field-step-up-password = Sua senha
error-step-up-password = A senha está incorreta.

## Datas e horários: como se juntam um dia, um horário e um fuso (as palavras vêm do CLDR)

when-moment = { $day }, às { $time } ({ $zone })
when-same-day = { $day }, das { $start } às { $end } ({ $zone })
when-several-days = de { $start_day }, às { $start }, até { $end_day }, às { $end } ({ $zone })
need-yes = Sim
admin-registration-pending = Pendente
admin-registration-confirmed = Confirmada
admin-registration-waitlisted = Na lista de espera, posição { $position }
admin-registration-cancelled = Cancelada
outbox-kind-confirm = Confirmar a adesão
outbox-kind-already-member = Já é membro
outbox-kind-welcome = Boas-vindas
outbox-kind-sign-in = Link de acesso
outbox-kind-email-change = Mudança de endereço
outbox-kind-email-changed = Endereço alterado
outbox-kind-goodbye = Conta excluída
outbox-kind-unsubscribed = Cancelamento da inscrição
outbox-kind-newsletter = Boletim
outbox-kind-organizer-invite = Convite de organizador
outbox-kind-event-request = Evento: confirmar a inscrição
outbox-kind-event-reminder-of-registration = Evento: lembrete de inscrição
outbox-kind-event-confirmed = Evento: vaga confirmada
outbox-kind-event-waitlisted = Evento: lista de espera
outbox-kind-event-promoted = Evento: vaga da lista de espera
outbox-kind-event-cancelled = Evento: inscrição cancelada
outbox-kind-event-cancelled-by-organizers = Evento cancelado
outbox-kind-event-changed = Evento alterado
outbox-kind-event-reminder = Lembrete do evento
outbox-kind-event-message = Mensagem sobre um evento
outbox-status-queued = Na fila
outbox-status-sending = Enviando
outbox-status-sent = Enviado
outbox-status-failed = Com falha
outbox-status-cancelled = Cancelado
