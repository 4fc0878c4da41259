# textos de acessibilidade (pt)

# O link para a declaração, no rodapé de cada página (site público e área administrativa).
a11y-footer-link = Acessibilidade

# /{lang}/accessibility
a11y-title = Declaração de acessibilidade
a11y-lede = O Réseau deve funcionar para todas as pessoas que querem fazer parte da rede, se inscrever em um evento ou cuidar da sua adesão, sejam quais forem suas capacidades e a forma como usam a web: com teclado, leitor de tela, ampliação ou uma tela pequena.

a11y-standard-title = O padrão que buscamos atender
a11y-standard-text = O Réseau busca estar em conformidade com as Diretrizes de Acessibilidade para Conteúdo Web (WCAG) 2.1, no nível AA, em inglês, francês, espanhol e português do Brasil.
a11y-standard-canada = Esse é o nível dos requisitos de acessibilidade do Governo do Canadá, que remetem à norma EN 301 549 (adotada no Canadá como CAN/ASC-EN 301 549:2024); para páginas web, a EN 301 549 exige as WCAG 2.1 no nível AA.
a11y-standard-no-script = Nenhuma página precisa de JavaScript: o site não envia nenhum.

a11y-testing-title = Como testamos
a11y-testing-intro = Cada alteração no Réseau é verificada em um navegador real (Chromium, funcionando sem tela) pelos seus testes automatizados:
a11y-testing-axe = O axe-core, um mecanismo de testes de acessibilidade, verifica as páginas do site público e as principais páginas da área administrativa segundo as regras das WCAG 2.1, níveis A e AA, em inglês, francês, espanhol e português do Brasil, incluindo formulários devolvidos com erros.
a11y-testing-keyboard = Percursos completos são feitos somente com o teclado (Tab, Shift+Tab, Espaço e Enter): fazer parte da rede, se inscrever em um evento e confirmar a inscrição pelo e-mail, e cancelar a assinatura do boletim. Em cada etapa, o foco precisa estar visível, e um formulário devolvido com erros precisa levar o foco para a lista de erros.
a11y-testing-reflow = Cada página verificada precisa caber em uma tela de 320 pixels de largura, e em uma janela com zoom de 200%, sem rolagem lateral. Capturas de tela nos tamanhos de computador e de celular são guardadas para que pessoas as revisem.
a11y-testing-limits = Ferramentas automáticas encontram apenas algumas barreiras, e essas verificações não são uma auditoria feita por pessoas com deficiência. Por isso, cada relato é importante para nós.

a11y-limits-title = Limitações conhecidas
a11y-limits-intro = Conhecemos estas limitações:
a11y-limit-translation = Quando um evento, um núcleo ou um boletim ainda não tem texto em espanhol ou em português, a página ou o e-mail mostra o texto em inglês. Nas páginas, esse texto está marcado como inglês, para que um leitor de tela o leia com pronúncia inglesa; o nome de um núcleo no meio de uma frase, o título da aba do navegador e o texto dos e-mails ainda não estão marcados.
a11y-limit-content = As descrições dos eventos são escritas pelas pessoas organizadoras. Elas podem usar títulos, listas e links, mas não podemos verificar se cada descrição é clara e bem estruturada.
a11y-limit-tables = Na área administrativa, em telas pequenas, as tabelas largas rolam lateralmente dentro do próprio quadro; cada uma pode ser alcançada e rolada com o teclado.
a11y-limit-email = Os e-mails são enviados em texto sem formatação e em HTML simples; as verificações no navegador ainda não os cobrem.
a11y-limit-files = Os arquivos de calendário (.ics) e as listas exportadas (CSV) só são tão acessíveis quanto o aplicativo que os abre.

a11y-report-title = Relatar uma barreira
a11y-report-text = Se algo no Réseau impedir você de avançar, ou se você precisar de informações em outro formato, escreva para nós pelo e-mail
a11y-report-details = Informe o endereço da página, o que você estava tentando fazer e, se quiser, qual navegador e qual tecnologia assistiva você usa. Você pode escrever em inglês, francês ou espanhol.
a11y-report-reply = Vamos responder e, enquanto removemos a barreira, forneceremos a informação ou o serviço de outra forma.

a11y-date-label = Data desta declaração:
a11y-date = 28 de novembro de 2026
