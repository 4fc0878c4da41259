# Os gráficos do painel e suas tabelas (pt)
dashboard-table = Os números em uma tabela
dashboard-week-of = Semana de { $date }
dashboard-axis-week = Semana iniciada em
dashboard-axis-signups = Inscrições
dashboard-axis-members = Membros
dashboard-signups-title = Inscrições por semana, por núcleo
dashboard-signups-desc = { $count ->
    [one] Uma inscrição
   *[other] { $total } inscrições
} nas últimas { $weeks } semanas; a semana com mais começou em { $busiest }, com { $most }. Os números estão na tabela abaixo.
dashboard-signups-none = Nenhuma inscrição nas últimas { $weeks } semanas.
dashboard-members-title = Membros ao longo do tempo
dashboard-members-desc = Membros no fim de cada semana: { $now } hoje, { $then } há { $weeks } semanas. Os membros ativos hoje são contados a partir da semana em que confirmaram. Os números estão na tabela abaixo.
dashboard-members-at-end = Membros no fim da semana
dashboard-events-title = Próximos eventos: vagas ocupadas
dashboard-events-desc = { $count ->
    [one] O próximo evento: vagas confirmadas, capacidade (a linha escura) e lista de espera além dela.
   *[other] Os próximos { $count } eventos: vagas confirmadas, capacidade (a linha escura) e lista de espera além dela.
} Os números estão na tabela abaixo.
dashboard-events-none = Nenhum evento próximo.
dashboard-event = Evento
dashboard-date = Data
dashboard-confirmed = Confirmadas
dashboard-waitlisted = Na lista de espera
dashboard-capacity = Capacidade
dashboard-unlimited = Sem limite
dashboard-event-seats = Confirmadas: { $confirmed } de { $capacity }
dashboard-event-unlimited = Confirmadas: { $confirmed }, sem limite
dashboard-event-waiting = Na lista de espera: { $waitlisted }
dashboard-newsletters-title = Envios de boletins
dashboard-newsletters-desc = { $count ->
    [one] O último boletim: cópias enviadas e com falha, e os cancelamentos de assinatura até o próximo.
   *[other] Os últimos { $count } boletins: cópias enviadas e com falha, e os cancelamentos de assinatura até o próximo.
} Os números estão na tabela abaixo.
dashboard-newsletters-none = Nenhum boletim enviado ainda.
dashboard-newsletter = Boletim
dashboard-sent = Enviadas
dashboard-failed = Com falha
dashboard-unsubscribes = Cancelamentos depois
dashboard-newsletter-note = Enviadas: { $sent } · Com falha: { $failed } · Cancelamentos: { $unsubscribes }
