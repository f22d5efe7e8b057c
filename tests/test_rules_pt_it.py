"""Portuguese and Italian rule packs: table-driven verdicts on mails written
for these tests (ATS templates and personal notes; você/tu/o senhor and
Lei/tu forms; Brazil and Portugal), and hard negatives that carry refusal
words without being a job rejection.

Every mail here is new wording: none of it is taken from the rules'
examples, the corpora or any real mailbox.
"""

from __future__ import annotations

import pytest

from daemon import rules
from daemon.classify import classify
from daemon.drafts import LANGUAGES, language_of, load_template, render
from daemon.message import parse
from tests.mail import build

ME = ["alex@example.org"]
RS = rules.load([])


def verdict(subject: str, body: str, sender: str):  # type: ignore[no-untyped-def]
    return classify(parse(build(sender=sender, subject=subject, body=body)), RS, ME)


PT_SENDER = "Equipe de Talentos <talentos@cafe-jabuticaba.example>"
IT_SENDER = "Ufficio Selezione <selezione@pasticceria-gianduia.example>"

# --- Portuguese rejections ----------------------------------------------------

PT_REJECTIONS = [
    (  # BR, ATS, after application
        "Atualização sobre sua candidatura - Analista de Marketing",
        "Olá, Alex!\n\nAgradecemos muito o seu interesse em fazer parte do nosso time e o tempo "
        "que você dedicou ao nosso processo seletivo.\nApós uma análise cuidadosa dos perfis, "
        "optamos por dar sequência com outros candidatos cujas experiências estão mais "
        "próximas do que a vaga exige neste momento.\nSeu currículo ficará em nosso banco de "
        "talentos para oportunidades futuras.\n\nAbraços,\nTime de Recrutamento",
    ),
    (  # PT-PT, formal, after application
        "A sua candidatura",
        "Exmo. Senhor Alex,\n\nAgradecemos a sua candidatura à função de técnico de "
        "contabilidade.\nLamentamos informar que a mesma não foi bem sucedida nesta fase.\n"
        "Desejamos-lhe muito sucesso profissional.\n\nCom os melhores cumprimentos,\n"
        "Departamento de Recursos Humanos",
    ),
    (  # BR, after interview, personal
        "Sobre a nossa conversa",
        "Oi Alex, tudo bem?\n\nObrigada de novo pela entrevista de quinta, foi um prazer "
        "conversar com você e conhecer um pouco mais da sua trajetória.\nDepois de falar com "
        "todo o time, decidimos avançar com outra pessoa para a posição de designer de "
        "produto.\nFico à disposição se quiser um retorno mais detalhado.\n\nBeijos,\nMariana",
    ),
    (  # PT-PT, tu form, after interview
        "Entrevista na Sardinha Digital",
        "Olá Alex,\n\nObrigado pela conversa de ontem com a equipa.\nInfelizmente não vamos "
        "avançar com a tua candidatura: precisamos de alguém com mais experiência em "
        "infraestrutura.\nDesejo-te muito sucesso no teu percurso.\n\nUm abraço,\nRui",
    ),
    (  # BR, ATS status
        "Processo seletivo Estágio em Dados",
        "Olá Alex,\n\nInformamos que o seu perfil não foi selecionado para seguir no processo "
        "seletivo do Estágio em Dados.\nContinue acompanhando nossas vagas!\n\nEquipe Gupy",
    ),
    (  # position filled
        "Vaga de Coordenador Logístico",
        "Bom dia Alex,\n\nVenho dar-lhe um retorno sobre a vaga de coordenador logístico a que "
        "se candidatou em março.\nA posição acabou de ser preenchida por um colaborador "
        "interno.\nAgradeço a sua compreensão.\n\nCumprimentos,\nSofia Marques",
    ),
    (  # profile fit, o senhor
        "Candidatura - Engenheiro de Qualidade",
        "Prezado Sr. Alex,\n\nAgradecemos o envio do seu currículo.\nApós avaliação, "
        "concluímos que o seu perfil não atende aos requisitos técnicos exigidos para esta "
        "posição, que pede certificação em auditoria.\nAtenciosamente,\nRH Metalúrgica Sul",
    ),
    (  # HTML-ish plain text, ATS
        "Retorno do processo seletivo",
        "Olá Alex,\n\n*Agradecemos a sua participação!*\n\nNesta etapa, não daremos "
        "continuidade à sua candidatura para a vaga de Desenvolvedor Backend.\n\n"
        "[Ver outras vagas] ( https://jobs.example/vagas )\n\n-- \nEnviado pela plataforma "
        "de recrutamento",
    ),
    (  # other candidate chosen, female, formal
        "Processo de recrutamento - Assistente Administrativa",
        "Cara Alex,\n\nMuito obrigado pelo interesse na nossa clínica.\nDepois de "
        "entrevistarmos várias candidatas, a nossa escolha recaiu sobre uma profissional com "
        "experiência prévia em faturação hospitalar.\nFicamos com o seu contacto para futuras "
        "oportunidades.\n\nAtentamente,\nDra. Helena Pires",
    ),
    (  # subject states it, short
        "Candidatura não selecionada - Vendedor Interno",
        "Olá Alex,\n\nObrigado por se candidatar. Desta vez não foi possível seguir com o seu "
        "perfil.\n\nEquipe Comercial",
    ),
    (  # negative answer, after interview
        "Feedback da entrevista",
        "Alex,\n\nAgradeço o tempo que dedicou às entrevistas da semana passada.\nInfelizmente "
        "a decisão final do comité foi negativa e não poderemos oferecer-lhe o cargo de "
        "gestor de projeto.\nEspero que possamos cruzar-nos noutra ocasião.\n\nPedro",
    ),
    (  # result below bar
        "Resultado do teste técnico",
        "Olá, Alex.\n\nObrigado por realizar o teste técnico para a vaga de Analista de "
        "Suporte.\nVocê não atingiu a nota mínima para prosseguir no processo seletivo.\n"
        "Boa sorte nas próximas oportunidades!\n\nTime de Pessoas",
    ),
    (  # one sentence: decided not to hire anyone / informal
        "Re: vaga de barista",
        "Oi Alex!\n\nValeu por ter vindo fazer o teste na loja.\nNo fim a gente resolveu não "
        "contratar ninguém agora e vamos ficar só com a equipe atual.\nForte abraço,\nJu",
    ),
]

# --- Portuguese hard negatives ------------------------------------------------

PT_NEGATIVES = [
    (  # acknowledgement with a conditional refusal
        "Recebemos sua candidatura",
        "Olá Alex,\n\nRecebemos a sua candidatura para a vaga de Analista Financeiro e "
        "agradecemos o interesse.\nCaso não receba retorno em até 20 dias, considere que o seu "
        "perfil não foi selecionado para as próximas etapas.\n\nEquipe de Recrutamento",
    ),
    (  # PT-PT conditional without "caso"
        "Candidatura registada",
        "Caro Alex,\n\nA sua candidatura à vaga de enfermeiro foi registada.\nSe não tiver "
        "notícias nossas no prazo de um mês, significa que não avançaremos com a sua "
        "candidatura.\n\nCumprimentos,\nHospital da Luz Serena",
    ),
    (  # invitation
        "Convite para entrevista",
        "Olá Alex,\n\nGostamos muito do seu perfil! Gostaríamos de convidá-lo para uma "
        "entrevista com a gestora da área na próxima semana.\nPode indicar a sua "
        "disponibilidade?\n\nAbraço,\nCarla",
    ),
    (  # moved interview
        "Remarcação da entrevista",
        "Oi Alex,\n\nInfelizmente a nossa diretora teve um imprevisto e precisamos remarcar a "
        "sua entrevista de amanhã. Que tal quinta às 15h?\n\nDesculpe o transtorno,\nLuana",
    ),
    (  # offer
        "Proposta de emprego",
        "Olá Alex,\n\nTemos o prazer de lhe oferecer a posição de Engenheiro de Dados na nossa "
        "equipa!\nSegue em anexo a proposta de trabalho com as condições.\n\nParabéns,\n"
        "Miguel",
    ),
    (  # on hold, still open
        "Atualização sobre a vaga",
        "Olá Alex,\n\nQueremos avisar que a vaga de UX Researcher está temporariamente "
        "suspensa por causa de uma reestruturação interna.\nA sua candidatura continua ativa e "
        "voltaremos a falar consigo assim que o processo for retomado.\n\nObrigado pela "
        "paciência,\nTiago",
    ),
    (  # next round
        "Próxima etapa",
        "Olá Alex,\n\nBoas notícias: você foi aprovado para a etapa de dinâmica em grupo!\n"
        "Em breve enviaremos o link com data e horário.\n\nAbraços,\nEquipe de Seleção",
    ),
    (  # newsletter about rejection
        "Como lidar com a rejeição em processos seletivos",
        "Nesta edição da nossa newsletter: cinco dicas para quando a resposta for 'infelizmente "
        "não seguiremos com a sua candidatura'. Falamos com recrutadores sobre como pedir "
        "feedback e transformar um não em aprendizado.\n\nBoa leitura!",
    ),
    (  # apartment
        "Apartamento na Rua das Flores",
        "Olá Alex,\n\nAgradecemos o seu interesse no apartamento T2. Infelizmente o senhorio "
        "optou por outro candidato para o arrendamento.\n\nImobiliária Horizonte",
    ),
    (  # course
        "Inscrição no curso de cerâmica",
        "Olá Alex,\n\nInfelizmente a sua inscrição no curso de cerâmica não foi aceite porque "
        "a turma já está completa.\nEsperamos vê-lo numa próxima edição.\n\nAtelier Barro",
    ),
    (  # loan
        "Pedido de crédito",
        "Caro cliente,\n\nLamentamos informar que o seu pedido de empréstimo pessoal não foi "
        "aprovado após a análise de risco.\n\nBanco Exemplo",
    ),
    (  # club
        "Pedido de adesão",
        "Olá Alex,\n\nObrigado pelo interesse em juntar-se ao nosso clube de xadrez. "
        "Infelizmente o seu pedido de adesão não foi aceite, pois atingimos o número máximo de "
        "sócios.\n\nA Direção",
    ),
    (  # negated invitation is no invitation, and no decision here either
        "Entrevista",
        "Olá Alex,\n\nAinda não conseguimos marcar a sua entrevista, mas não se preocupe: "
        "entraremos em contato em breve com novas datas.\n\nAbraço,\nBeatriz",
    ),
    (  # "não hesite" and "não deixe de"
        "Bem-vindo ao processo",
        "Olá Alex,\n\nA sua candidatura para a vaga de Product Designer foi recebida com "
        "sucesso. Não hesite em contactar-nos se tiver dúvidas e não deixe de acompanhar a "
        "nossa página de carreiras.\n\nEquipa de Talento",
    ),
]

# --- Italian rejections -------------------------------------------------------

IT_REJECTIONS = [
    (  # ATS, Lei, after application
        "La Sua candidatura presso Gianduia S.p.A.",
        "Gentile Alex,\n\nLa ringraziamo per l'interesse dimostrato verso la nostra azienda.\n"
        "Dopo un'attenta valutazione, desideriamo informarLa che la Sua candidatura non è "
        "stata selezionata per la posizione di Controller.\nLe auguriamo il meglio per la sua "
        "ricerca professionale.\n\nCordiali saluti,\nUfficio Risorse Umane",
    ),
    (  # other candidates, formal
        "Selezione Sales Specialist",
        "Gentile candidato,\n\ngrazie per aver partecipato alla nostra selezione.\nAbbiamo "
        "ricevuto numerose candidature e abbiamo deciso di proseguire con altri candidati il "
        "cui profilo è più vicino alle esigenze del ruolo.\nConserveremo i suoi dati per future "
        "opportunità.\n\nHR Team",
    ),
    (  # after interview, tu, personal
        "Il nostro colloquio",
        "Ciao Alex,\n\ngrazie ancora per la chiacchierata di martedì, è stato davvero un "
        "piacere conoscerti.\nAlla fine abbiamo scelto un'altra persona, con più esperienza "
        "nella gestione di clienti enterprise.\nIn bocca al lupo per tutto!\n\nGiulia",
    ),
    (  # "non potremo procedere"
        "Aggiornamento candidatura",
        "Buongiorno Alex,\n\nla ringraziamo per il tempo dedicato al processo di selezione.\n"
        "Purtroppo non potremo procedere con il suo profilo per la posizione di Data Analyst.\n"
        "\nCordialmente,\nTalent Acquisition",
    ),
    (  # altri profili più in linea
        "Candidatura Junior Accountant",
        "Gentile Alex,\n\nti ringraziamo per esserti candidato.\nAbbiamo valutato con "
        "attenzione il tuo curriculum ma abbiamo individuato altri profili più in linea con i "
        "requisiti della posizione.\nTi auguriamo buona fortuna.\n\nLo staff HR",
    ),
    (  # position filled
        "Posizione di magazziniere",
        "Buongiorno,\n\nle scrivo in merito all'annuncio per magazziniere a cui ha risposto.\n"
        "La posizione è stata nel frattempo coperta.\nLa ringrazio e le porgo cordiali saluti.\n"
        "\nMarco Ferri",
    ),
    (  # negative outcome after interviews
        "Esito colloqui",
        "Gentile Alex,\n\nla ringraziamo per aver sostenuto i colloqui con il nostro team "
        "tecnico.\nSiamo spiacenti di comunicarle che l'esito della selezione è negativo.\n\n"
        "Cordiali saluti,\nRisorse Umane",
    ),
    (  # choice fell on someone else, female
        "Ruolo di assistente di direzione",
        "Gentile Dott.ssa Alex,\n\nla ringraziamo per la disponibilità mostrata durante "
        "l'incontro.\nDopo un confronto interno, la scelta è ricaduta su una candidata già "
        "inserita in azienda.\nRestiamo a disposizione per un eventuale confronto.\n\nCordiali "
        "saluti",
    ),
    (  # profile fit, ATS
        "Candidatura ricevuta - Backend Developer",
        "Ciao Alex,\n\ngrazie per la candidatura.\nPurtroppo il tuo profilo non risulta in linea "
        "con quello che cerchiamo per il ruolo di Backend Developer.\n\nIl team recruiting",
    ),
    (  # HTML-ish plain text, ATS
        "Aggiornamento sullo stato della candidatura",
        "Ciao Alex,\n\n**Grazie per esserti candidato!**\n\nDopo aver esaminato le candidature "
        "ricevute, abbiamo deciso di non procedere con la tua domanda per la posizione di "
        "Marketing Specialist.\n\n[Scopri le posizioni aperte] ( https://careers.example )\n\n"
        "Questa è una mail automatica, ti preghiamo di non rispondere.",
    ),
    (  # subject states it
        "Candidatura non selezionata - Stage Ufficio Acquisti",
        "Gentile Alex,\n\nla ringraziamo per l'interesse. Le comunichiamo che in questa "
        "occasione non è stato possibile accogliere la sua candidatura.\n\nUfficio Personale",
    ),
    (  # below the bar
        "Risultato del test",
        "Ciao Alex,\n\ngrazie per aver completato il test online.\nPurtroppo non hai raggiunto "
        "il punteggio minimo richiesto per accedere al colloquio.\n\nBuona fortuna,\nIl team "
        "selezione",
    ),
    (  # informal, no process word in the decision sentence
        "Re: cameriere weekend",
        "Ciao Alex,\n\ngrazie per essere passato in trattoria sabato.\nAlla fine abbiamo "
        "preso qualcun altro che abita in zona, scusa!\n\nFranco",
    ),
]

# --- Italian hard negatives ---------------------------------------------------

IT_NEGATIVES = [
    (  # acknowledgement with a conditional refusal
        "Conferma ricezione candidatura",
        "Gentile Alex,\n\nabbiamo ricevuto la sua candidatura per la posizione di Project "
        "Manager.\nQualora non dovesse ricevere nostre notizie entro 30 giorni, la candidatura "
        "è da intendersi non selezionata.\n\nCordiali saluti,\nUfficio Selezione",
    ),
    (  # "se non" condition
        "La tua candidatura",
        "Ciao Alex,\n\ngrazie per esserti candidato come barista.\nSe non ti contatteremo entro "
        "due settimane, purtroppo non potremo procedere con la tua candidatura.\n\nBar Aurora",
    ),
    (  # invitation
        "Invito a colloquio",
        "Gentile Alex,\n\nabbiamo letto con interesse il suo curriculum e vorremmo invitarla a "
        "un colloquio conoscitivo presso la nostra sede di Torino.\nMi può indicare la sua "
        "disponibilità?\n\nCordiali saluti,\nElena",
    ),
    (  # "non vediamo l'ora"
        "Prossimo step",
        "Ciao Alex,\n\nhai superato la prova tecnica e passi al colloquio finale con il CTO!\n"
        "Non vediamo l'ora di conoscerti di persona.\n\nA presto,\nLuca",
    ),
    (  # moved interview
        "Spostamento colloquio",
        "Buongiorno Alex,\n\npurtroppo devo spostare il nostro colloquio di giovedì per un "
        "impegno improvviso. Le andrebbe bene venerdì alle 11?\n\nGrazie,\nSara",
    ),
    (  # offer
        "Proposta di assunzione",
        "Gentile Alex,\n\nsiamo lieti di offrirle la posizione di Software Engineer.\nIn "
        "allegato trova la lettera di assunzione con tutti i dettagli.\n\nCongratulazioni!\n"
        "Paolo",
    ),
    (  # on hold
        "Aggiornamento sulla selezione",
        "Gentile Alex,\n\nla informiamo che la selezione per il ruolo di Buyer è "
        "temporaneamente sospesa a causa di una riorganizzazione interna.\nLa sua candidatura "
        "resta attiva e la ricontatteremo appena possibile.\n\nCordialmente,\nHR",
    ),
    (  # non esiti
        "Candidatura ricevuta",
        "Ciao Alex,\n\nla tua candidatura come Frontend Developer è stata ricevuta.\nNon "
        "esitare a scriverci per qualsiasi domanda e non dimenticare di completare il tuo "
        "profilo.\n\nIl team",
    ),
    (  # newsletter about rejection
        "Newsletter carriere: come reagire a un rifiuto",
        "In questo numero: cosa fare quando un'azienda ti scrive 'abbiamo deciso di proseguire "
        "con altri candidati'. Tre recruiter ci spiegano come chiedere un feedback utile.\n\n"
        "Buona lettura!",
    ),
    (  # apartment
        "Appartamento in Via Roma",
        "Gentile Alex,\n\nla ringraziamo per l'interesse per il bilocale in affitto. "
        "Purtroppo il proprietario ha scelto un altro inquilino.\n\nAgenzia Casa Bella",
    ),
    (  # course
        "Iscrizione al corso di fotografia",
        "Ciao Alex,\n\npurtroppo la tua iscrizione al corso serale di fotografia non è stata "
        "accolta perché i posti sono esauriti.\n\nScuola Lumière",
    ),
    (  # loan
        "Esito richiesta di prestito",
        "Gentile cliente,\n\nsiamo spiacenti di comunicarle che la sua richiesta di prestito "
        "personale non è stata approvata.\n\nBanca Esempio",
    ),
    (  # club
        "Richiesta di adesione",
        "Ciao Alex,\n\ngrazie per aver chiesto di entrare nel nostro circolo di tennis. "
        "Purtroppo la tua richiesta di adesione al circolo non è stata accolta: abbiamo già "
        "raggiunto il numero massimo di soci.\n\nIl direttivo",
    ),
    (  # next round, selected
        "Esito prima fase",
        "Gentile Alex,\n\nsiamo felici di comunicarle che è stata selezionata per il colloquio "
        "tecnico della prossima settimana.\nA breve riceverà l'invito con il link.\n\nHR",
    ),
]


@pytest.mark.parametrize(("subject", "body"), PT_REJECTIONS, ids=lambda x: x[:40])
def test_portuguese_rejections_are_found_by_portuguese_rules(subject: str, body: str) -> None:
    v = verdict(subject, body, PT_SENDER)
    assert v.rejection, v.explain()
    assert language_of(v.rules) == "pt", v.explain()


@pytest.mark.parametrize(("subject", "body"), IT_REJECTIONS, ids=lambda x: x[:40])
def test_italian_rejections_are_found_by_italian_rules(subject: str, body: str) -> None:
    v = verdict(subject, body, IT_SENDER)
    assert v.rejection, v.explain()
    assert language_of(v.rules) == "it", v.explain()


@pytest.mark.parametrize(("subject", "body"), PT_NEGATIVES, ids=lambda x: x[:40])
def test_portuguese_hard_negatives_are_not_rejections(subject: str, body: str) -> None:
    v = verdict(subject, body, PT_SENDER)
    assert not v.rejection, v.explain()


@pytest.mark.parametrize(("subject", "body"), IT_NEGATIVES, ids=lambda x: x[:40])
def test_italian_hard_negatives_are_not_rejections(subject: str, body: str) -> None:
    v = verdict(subject, body, IT_SENDER)
    assert not v.rejection, v.explain()


@pytest.mark.parametrize(
    ("body", "interview"),
    [
        ("Obrigado pela entrevista de ontem. Infelizmente optamos por outro candidato.", True),
        ("Obrigado pela sua candidatura. Infelizmente optamos por outro candidato.", False),
        ("Grazie per il colloquio di ieri. Purtroppo abbiamo scelto un altro candidato.", True),
        ("Grazie per la sua candidatura. Purtroppo abbiamo scelto un altro candidato.", False),
    ],
)
def test_a_rejection_after_an_interview_is_told_from_one_after_an_application(
    body: str, interview: bool
) -> None:
    v = verdict("Candidatura", body, PT_SENDER)
    assert v.rejection, v.explain()
    assert v.interview_evidence is interview, v.explain()


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        (
            "Sua candidatura",
            "Olá,\n\nObrigado pela candidatura à vaga de caixa.\nCaso não receba notícias até "
            "sexta, não seguiremos com a sua candidatura.",
        ),
        (
            "La tua candidatura",
            "Ciao,\n\ngrazie per la candidatura come commesso.\nQualora non ti contattassimo "
            "entro venerdì, non procederemo con la tua candidatura.",
        ),
    ],
)
def test_a_refusal_stated_as_a_condition_is_no_rejection(subject: str, body: str) -> None:
    v = verdict(subject, body, PT_SENDER)
    assert not v.rejection, v.explain()
    assert not any(h.kind == "rejection" and h.weight >= 5 for h in v.hits), v.explain()


def test_the_same_refusal_stated_plainly_is_a_rejection() -> None:
    pt = verdict(
        "Sua candidatura",
        "Olá,\n\nObrigado pela candidatura à vaga de caixa.\nNão seguiremos com a sua candidatura.",
        PT_SENDER,
    )
    it = verdict(
        "La tua candidatura",
        "Ciao,\n\ngrazie per la candidatura come commesso.\nNon procederemo con la tua "
        "candidatura.",
        IT_SENDER,
    )
    assert pt.rejection and it.rejection, (pt.explain(), it.explain())


@pytest.mark.parametrize(
    ("body", "rule"),
    [
        ("Decidimos seguir com outros(as) candidatos(as).", "pt.rejection.other-candidates"),
        ("Optamos por avançar com outras candidatas.", "pt.rejection.other-candidates"),
        ("Vamos seguir com outr@s candidat@s.", "pt.rejection.other-candidates"),
        ("Você não foi selecionada para esta vaga.", "pt.rejection.not-selected"),
        ("Vocês não foram selecionados para a vaga.", "pt.rejection.not-selected"),
        ("Abbiamo scelto un'altra candidata.", "it.rejection.other-candidates"),
        ("Abbiamo deciso di proseguire con altre candidate.", "it.rejection.other-candidates"),
        ("Abbiamo deciso di proseguire con altri/e candidati/e.", "it.rejection.other-candidates"),
        ("Non sei stata selezionata per la posizione.", "it.rejection.not-selected"),
        ("Non è stato selezionato per la posizione.", "it.rejection.not-selected"),
    ],
)
def test_gender_and_number_forms_are_read(body: str, rule: str) -> None:
    v = verdict("Candidatura", f"Olá / Ciao,\n\n{body}\nObrigado / Grazie.", PT_SENDER)
    assert v.rejection and rule in v.rules, v.explain()


@pytest.mark.parametrize(
    ("subject", "rule", "expected"),
    [
        ("Candidatura não selecionada - Caixa", "pt.rejection.subject", True),
        ("Candidatura recusada", "pt.rejection.subject", True),
        ("Recebemos a sua candidatura", "pt.rejection.subject", False),
        ("Convite para entrevista", "pt.rejection.subject", False),
        ("Candidatura non selezionata - Commesso", "it.rejection.subject", True),
        ("Esito negativo della selezione", "it.rejection.subject", True),
        ("Candidatura ricevuta", "it.rejection.subject", False),
        ("Invito a colloquio", "it.rejection.subject", False),
    ],
)
def test_subject_rule_fires_only_on_a_refusing_subject(
    subject: str, rule: str, expected: bool
) -> None:
    v = verdict(subject, "Olá / Ciao,\n\nObrigado. Grazie.", PT_SENDER)
    assert (rule in v.rules) is expected, v.explain()


@pytest.mark.parametrize("language", ["pt", "it"])
def test_the_template_renders_in_portuguese_and_italian(language: str) -> None:
    assert language in LANGUAGES
    template = load_template(language)
    assert template != load_template("en")
    out = render(
        template,
        {
            "first_name": "Dana",
            "their_name": "Dana Reyes",
            "company": "Acme",
            "position": "Data Engineer",
            "my_name": "Alex Example",
        },
    )
    assert "$" not in out.subject + out.body
    assert "Data Engineer" in out.subject
    assert "Dana" in out.body and "Acme" in out.body and "Alex Example" in out.body
    assert "?" in out.body


def test_the_detected_language_picks_the_template() -> None:
    pt = verdict(*PT_REJECTIONS[0], PT_SENDER)
    it = verdict(*IT_REJECTIONS[0], IT_SENDER)
    assert language_of(pt.rules) == "pt" and language_of(it.rules) == "it"
    assert load_template(language_of(pt.rules)).startswith("Subject: Agradecimento")
    assert load_template(language_of(it.rules)).startswith("Subject: Grazie")
