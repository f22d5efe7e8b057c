"""French and Spanish rule packs: table-driven verdicts on mails written for
these tests (ATS templates and personal notes; vous/tu, usted/tú/vos forms;
Spain and Latin America), and hard negatives that carry refusal words without
being a job rejection.

Every mail here is new wording: none of it is taken from the rules'
examples, the corpora or any real mailbox.
"""

from __future__ import annotations

import pytest

from daemon import rules
from daemon.classify import classify
from daemon.drafts import language_of
from daemon.message import parse
from tests.mail import build

ME = ["alex@example.org"]
RS = rules.load([])


def verdict(subject: str, body: str, sender: str):  # type: ignore[no-untyped-def]
    return classify(parse(build(sender=sender, subject=subject, body=body)), RS, ME)


FR_SENDER = "Service Recrutement <recrutement@maison-verrier.example>"
ES_SENDER = "Equipo de Selección <empleo@grupo-alcornoque.example>"

# --- French rejections --------------------------------------------------------

FR_REJECTIONS = [
    (
        "Votre candidature chez Boulangeries Lemoine",
        "Bonjour Alex,\n\nMerci pour l'intérêt que vous portez à notre entreprise et pour le temps "
        "consacré à votre candidature au poste de responsable logistique.\nAprès une étude "
        "attentive de votre dossier, nous avons le regret de vous annoncer que nous ne sommes pas "
        "en mesure de donner une suite favorable à votre demande.\nNous vous souhaitons pleine "
        "réussite dans vos recherches.\n\nL'équipe RH",
    ),
    (
        "Ta candidature chez Pixelune",
        "Salut Alex,\n\nMerci d'avoir pris le temps de postuler pour le poste de développeuse "
        "front-end.\nOn a reçu beaucoup de candidatures et on a finalement choisi d'avancer avec "
        "un autre profil, plus senior sur React.\nOn garde ton CV sous le coude et on te souhaite "
        "bon courage pour la suite de tes recherches !\n\nL'équipe Pixelune",
    ),
    (
        "Suite à nos échanges",
        "Bonjour Alex,\n\nEncore merci pour le temps que vous nous avez accordé lors des "
        "entretiens de la semaine dernière.\nNous avons comparé les différents profils rencontrés "
        "et notre choix s'est finalement porté sur une candidate dont l'expérience en gestion de "
        "projet est plus proche de nos besoins.\nJe tiens à souligner la qualité de nos "
        "échanges.\n\nBien à vous,\nSophie",
    ),
    (
        "Candidature non retenue – Chargé(e) de communication",
        "Madame, Monsieur,\n\nNous accusons réception de votre candidature et vous en "
        "remercions.\nAprès examen, celle-ci n'a pas été retenue.\n\nNous vous prions d'agréer, "
        "Madame, Monsieur, nos salutations distinguées.",
    ),
    (
        "Poste de comptable – mise à jour",
        "Bonjour,\n\nJe reviens vers vous concernant le poste de comptable auquel vous avez "
        "postulé en mars.\nIl a été pourvu en interne il y a quelques jours.\nJe vous souhaite "
        "bonne chance dans vos démarches.\n\nCordialement,\nNadia",
    ),
    (
        "Votre candidature – Ingénieur QA",
        "Bonjour,\n\nNous vous remercions pour votre candidature.\nMalheureusement, votre profil "
        "ne correspond pas aux besoins actuels de l'équipe, qui recherche une expérience plus "
        "importante en automatisation.\nNous conservons vos coordonnées pour d'éventuels futurs "
        "postes.\n\nCordialement",
    ),
    (
        "Processus de recrutement – Chargé·e de mission",
        "Bonjour Alex,\n\nNous avons reçu de nombreuses candidatures pour ce poste et avons "
        "retenu des candidat·e·s dont le parcours correspond davantage à nos attentes.\nNous vous "
        "remercions sincèrement de l'intérêt porté à notre association.\n\nBonne continuation,\n"
        "Le comité de recrutement",
    ),
    (
        "Votre candidature au poste de juriste",
        "Maître,\n\nNous avons bien reçu votre candidature et l'avons examinée avec attention.\n"
        "Nous sommes toutefois au regret de vous informer que nous avons décidé de ne pas y "
        "donner suite.\nNous vous remercions de l'intérêt que vous portez à notre cabinet.",
    ),
    (
        "Réponse à votre candidature",
        "Bonjour,\n\nNous faisons suite à votre candidature spontanée.\nNous n'avons "
        "actuellement aucun poste ouvert correspondant à votre profil, et votre candidature n'a "
        "donc pu être retenue.\n\nCordialement,\nService des ressources humaines",
    ),
    (
        "Ton entretien avec Studio Brume",
        "Hello Alex,\n\nMerci encore pour ton temps lors de l'entretien de mardi, c'était un vrai "
        "plaisir d'échanger avec toi.\nAprès réflexion, nous ne donnerons pas suite à ta "
        "candidature : nous cherchons quelqu'un avec davantage d'expérience en motion design.\n"
        "On te souhaite plein succès !\n\nMaëlle",
    ),
    (
        "Candidature – Data analyst",
        "Bonjour Alex,\n\nNous vous remercions pour votre candidature au poste de data analyst.\n"
        "D'autres profils, plus proches de nos besoins actuels, ont été privilégiés.\nNous vous "
        "souhaitons bonne chance dans vos recherches.\n\nCordialement",
    ),
    (
        "Affichage 2024-117 – Conseiller en communication",
        "Bonjour,\n\nNous vous remercions de l'intérêt manifesté pour le poste de conseiller en "
        "communication.\nNous vous informons que votre candidature n'a pas été retenue pour la "
        "suite du processus de dotation.\nNous vous souhaitons du succès dans vos démarches.",
    ),
    (
        "Suite à votre entretien",
        "Bonjour Alex,\n\nMerci d'être venue nous rencontrer jeudi dernier.\nL'équipe a "
        "beaucoup apprécié votre énergie, mais nous ne pouvons malheureusement pas vous proposer "
        "le poste, la mission demandant une expertise juridique plus poussée.\nJe reste "
        "disponible si vous souhaitez un retour plus détaillé.\n\nBien cordialement,\nThomas",
    ),
    (
        "Réponse défavorable – stage assistant marketing",
        "Bonjour,\n\nNous avons étudié votre demande de stage avec attention.\nNous avons le "
        "regret de vous informer que notre équipe ne pourra pas vous accueillir cette année.\n"
        "Bonne continuation dans vos recherches.",
    ),
    (
        "Votre candidature spontanée",
        "Madame, Monsieur,\n\nNous avons bien reçu votre candidature spontanée et vous remercions "
        "de votre intérêt.\nMalheureusement, nous ne recrutons pas actuellement sur ce type de "
        "profil.\nNous ne manquerons pas de revenir vers vous si une opportunité se présentait.",
    ),
    (
        "Re: Candidature graphiste",
        "Bonjour Alex,\n\nJe suis navrée, mais nous avons recruté quelqu'un d'autre pour ce poste "
        "la semaine dernière.\nJe garde ton portfolio en tête pour de futurs projets.\n\nBelle "
        "journée,\nAnne",
    ),
    (
        "Votre candidature - Assistant(e) de direction",
        "Bonjour,\n\nMerci pour votre candidature.\nNous sommes au regret de vous informer que "
        "nous avons sélectionné d'autres candidat(e)s pour la suite du processus.\nNous vous "
        "souhaitons une belle réussite dans vos projets professionnels.",
    ),
    (
        "Processus de recrutement - Product Owner",
        "Bonjour,\n\nMerci pour votre participation aux différentes étapes du processus.\nNous "
        "avons finalement pris la décision de ne pas poursuivre avec vous pour ce poste.\nNous "
        "savons que ce n'est pas la réponse que vous espériez.\n\nCordialement,\nL'équipe Talent",
    ),
    (
        "Votre entretien du 12 mai",
        "Bonjour Alex,\n\nNous tenions à vous remercier pour votre venue.\nÀ l'issue des "
        "entretiens, vous ne faites pas partie des candidats retenus pour le second tour.\n"
        "Nous vous souhaitons une bonne continuation.",
    ),
    (
        "Fin du processus – Technicien réseau",
        "Bonjour,\n\nSuite à une réorganisation, nous avons décidé de clôturer ce recrutement.\n"
        "Votre candidature ne pourra donc malheureusement pas aboutir.\nMerci pour votre "
        "patience.",
    ),
    (
        "RE: Chargée d'études",
        "Bonjour Alex,\n\nMerci pour votre retour rapide.\nCe ne sera pas pour cette fois : le "
        "comité a préféré un profil plus orienté statistiques.\nJe vous recontacterai volontiers "
        "pour une prochaine ouverture.\n\nPauline",
    ),
    (  # a colleague got the post
        "Votre candidature",
        "Bonjour Monsieur Example,\n\nSuite à notre entretien, une collègue de l'équipe a postulé et nous avons décidé de lui confier le poste.\n\nCordialement",
    ),
    (  # no post after all
        "Des nouvelles",
        "Bonjour Alex,\n\nMerci d'être venu au cabinet. Nous avons finalement décidé de ne pas créer de poste cette année.\n\nBien à vous",
    ),
    (  # a board's choice, Luxembourg
        "Suivi",
        "Chère Madame,\n\nMerci encore pour notre échange. Le comité a finalement porté son choix sur une autre candidature.\n\nCordialement",
    ),
    (  # Québec, tutoiement, futur
        "RE: Candidature",
        "Bonjour Alex,\n\nMerci pour ton intérêt. Après analyse, on ne retiendra pas ton profil pour cette fois-ci.\n\nBonne chance!",
    ),
    (  # another direction
        "Merci!",
        "Salut Alex,\n\nMerci encore pour ton temps jeudi. On part finalement dans une autre direction pour le poste, donc on n'ira pas plus loin.\n\nÀ bientôt",
    ),
]

# --- Spanish rejections -------------------------------------------------------

ES_REJECTIONS = [
    (
        "Tu candidatura en Grupo Alcornoque",
        "Hola Alex:\n\nGracias por tu interés en el puesto de Técnico de Mantenimiento.\nTras "
        "revisar todas las candidaturas, lamentamos comunicarte que no has sido seleccionado/a "
        "para continuar en el proceso.\nGuardaremos tu CV en nuestra base de datos.\n\nUn "
        "saludo,\nEquipo de Selección",
    ),
    (
        "Proceso de selección – Analista financiero",
        "Estimado Alex:\n\nLe agradecemos el tiempo dedicado a nuestro proceso de selección.\n"
        "Después de valorar su perfil, hemos decidido seguir adelante con otros candidatos cuya "
        "experiencia se ajusta más a los requisitos del puesto.\nLe deseamos mucho éxito en su "
        "carrera profesional.\n\nAtentamente,\nRecursos Humanos",
    ),
    (
        "Actualización de tu postulación",
        "Hola Alex,\n\nTe escribimos respecto a tu postulación para la vacante de Diseñador UX.\n"
        "En esta oportunidad decidimos avanzar con otro perfil, más cercano a lo que el equipo "
        "necesita hoy.\nTe invitamos a seguir atento a nuestras próximas búsquedas.\n\nSaludos,\n"
        "Talento Humano",
    ),
    (
        "Re: Entrevista del jueves",
        "Hola Alex,\n\nMil gracias por venir el jueves, disfrutamos mucho la charla.\nAl final nos "
        "hemos decantado por una candidata con más experiencia en logística internacional.\n"
        "Siento no traerte mejores noticias; ojalá coincidamos más adelante.\n\nUn abrazo,\nMarta",
    ),
    (
        "Solicitud rechazada – Auxiliar administrativo",
        "Estimado/a candidato/a:\n\nLe informamos de que su candidatura ha sido descartada en "
        "la fase de revisión curricular.\nAgradecemos su interés en nuestra organización.",
    ),
    (
        "Resultado del proceso de selección",
        "Hola Alex:\n\nQueremos agradecerte tu participación en el proceso.\nLamentablemente, no "
        "podemos continuar con tu candidatura en este momento.\nTe deseamos lo mejor en tu "
        "búsqueda.\n\nEquipo de Talento",
    ),
    (
        "Vacante de Ingeniero de Datos",
        "Hola Alex,\n\nTe contamos que la vacante de Ingeniero de Datos ya ha sido cubierta.\n"
        "Agradecemos mucho el tiempo que dedicaste a postularte.\n\nSaludos cordiales",
    ),
    (
        "Tu postulación en Fintech Ceibo",
        "¡Hola Alex!\n\nGracias por postularte a la posición de Desarrollador Backend.\nRevisamos "
        "tu perfil con atención y, por ahora, tu perfil no se ajusta a lo que estamos buscando "
        "para este rol.\nMuchos éxitos en lo que viene.\n\nEquipo Ceibo",
    ),
    (
        "Candidatura – Responsable de compras",
        "Estimado Alex:\n\nLe agradecemos su interés en formar parte de nuestra empresa.\nMuy a "
        "nuestro pesar, le comunicamos que hemos optado por otro perfil para cubrir la posición "
        "de responsable de compras.\n\nCordialmente,\nDepartamento de Personas",
    ),
    (
        "Información sobre tu proceso",
        "Hola Alex:\n\nLamentamos informarte que no vamos a poder seguir adelante contigo en "
        "este proceso.\nHemos valorado muy positivamente tus entrevistas, pero buscamos un "
        "perfil más técnico.\n\nUn saludo",
    ),
    (
        "Tu proceso con Cooperativa Olmo",
        "Hola Alex,\n\nGracias por tu paciencia durante estas semanas.\nTe informamos de que no "
        "has superado la fase de entrevistas finales.\nTendremos en cuenta tu perfil para "
        "futuras vacantes.\n\nEquipo de Personas",
    ),
    (
        "Candidatura espontánea",
        "Buenos días:\n\nHemos recibido tu candidatura espontánea y te agradecemos el interés.\n"
        "Lamentablemente, actualmente no tenemos vacantes que se ajusten a tu perfil.\n"
        "Conservaremos tus datos durante un año.",
    ),
    (
        "Re: Puesto de diseñadora gráfica",
        "Hola Alex,\n\nTe escribo para contarte que ya hemos contratado a otra persona para el "
        "puesto.\nMe gustó mucho tu portafolio, ¡mucha suerte!\n\nLucía",
    ),
    (
        "Estado de tu candidatura – Programador Java",
        "Hola Alex:\n\nTras analizar todas las postulaciones, hemos seleccionado a otros "
        "candidat@s para la siguiente fase.\nTu perfil queda guardado en nuestra bolsa de "
        "empleo.\n\nSaludos",
    ),
    (
        "Proceso de selección - Técnica de laboratorio",
        "Estimada Alex:\n\nLe comunicamos que su candidatura no continuará en el proceso de "
        "selección para el puesto de técnica de laboratorio.\nLe agradecemos la confianza "
        "depositada en nuestra institución.",
    ),
    (
        "Gracias por tu tiempo",
        "Hola Alex,\n\nGracias por la videollamada del martes.\nDespués de las entrevistas, "
        "decidimos no avanzar con tu candidatura: buscamos a alguien con experiencia previa "
        "en banca.\nTe deseamos mucha suerte en tu búsqueda de empleo.\n\nJavier",
    ),
    (
        "Posición de Analista BI",
        "Hola Alex:\n\nTe informamos que la posición de Analista BI fue cancelada por cambios "
        "en la estructura del área, por lo que cerramos el proceso.\nAgradecemos tu tiempo y "
        "disposición.",
    ),
    (
        "Tu candidatura – Product Manager",
        "Hola Alex,\n\nGracias por participar en nuestro proceso.\nEsta vez hemos preferido "
        "seguir con perfiles que encajan mejor con el momento del producto.\nEsta decisión no "
        "refleja el valor de tu experiencia.\n\nUn saludo,\nEquipo Talento",
    ),
    (
        "Respuesta a tu solicitud de empleo",
        "Hola Alex:\n\nGracias por tu interés en trabajar con nosotros.\nTe escribimos para "
        "darte una respuesta negativa: el puesto requiere una certificación que no figura en tu "
        "CV.\n\nSaludos cordiales",
    ),
    (
        "RE: Coordinadora de eventos",
        "Alex, gracias por todo, pero en esta ocasión no vamos a contar contigo.\nTe escribo "
        "pronto si sale algo.\n\nRaúl",
    ),
    (  # someone else chosen, in the preterite
        "Retroalimentación",
        "Hola Alex:\n\nGracias por la entrevista. Al final se decidieron por otra persona que ya conocía el sector, así que por esta vez no seguimos adelante.\n\nUn saludo",
    ),
    (  # another profile chosen
        "Seguimiento a su proceso",
        "Estimado Alex:\n\nLe informo que el comité optó por otro perfil con más experiencia en el sector público.\n\nAtentamente",
    ),
    (  # the role will not be hired for
        "Sobre el puesto",
        "Hola Alex:\n\nDespués de tu visita lo pensamos mucho y por ahora no vamos a contratar el puesto de diseño; trabajaremos con freelancers.\n\nAbrazo",
    ),
    (  # Rioplatense, a person nearby chosen
        "Novedades",
        "Hola Alex, ¿cómo va?\n\nDespués de pensarlo bastante, para el puesto de analista nos vamos a quedar con una persona que ya vive en la zona.\n\nSaludos",
    ),
    (  # a public competition's shortlist
        "Concurso 3/2026 - preselección",
        "Estimado Sr. Example:\n\nLa comisión evaluadora no lo ha incluido entre los postulantes preseleccionados para la entrevista.\n\nAtentamente",
    ),
]

# --- French hard negatives ----------------------------------------------------

FR_NEGATIVES = [
    (  # acknowledgement whose refusal is a condition
        "Confirmation de votre candidature",
        "Bonjour,\n\nNous avons bien reçu votre candidature pour le poste de technicien de "
        "maintenance et vous en remercions.\nNotre équipe l'examinera avec attention dans les "
        "prochains jours.\nSans réponse de notre part sous trois semaines, vous pourrez "
        "considérer que votre candidature n'a pas été retenue.\n\nCordialement",
    ),
    (
        "Ta candidature est bien arrivée",
        "Hello Alex,\n\nTa candidature pour le poste de community manager a bien été reçue !\n"
        "On la lit avec attention et tu recevras une réponse d'ici deux semaines, quelle "
        "qu'elle soit.\n\nÀ très vite,\nL'équipe",
    ),
    (
        "Votre candidature a bien été enregistrée",
        "Bonjour,\n\nVotre candidature au poste d'assistant commercial a bien été enregistrée.\n"
        "Si vous n'avez pas de nouvelles de notre part d'ici un mois, c'est que nous ne pouvons "
        "malheureusement pas y donner une suite favorable.\nMerci de votre intérêt pour notre "
        "société.",
    ),
    (
        "Votre candidature – prochaine étape",
        "Bonjour Alex,\n\nBonne nouvelle : vous avez été retenu(e) pour la prochaine étape de "
        "notre processus de recrutement.\nNous aimerions vous inviter à un entretien avec le "
        "responsable technique.\nPourriez-vous nous indiquer vos disponibilités ?",
    ),
    (
        "Entretien de jeudi",
        "Bonjour,\n\nMalheureusement, nous devons décaler l'entretien prévu jeudi, notre "
        "directrice étant absente.\nSeriez-vous disponible lundi à 14h ?\nToutes nos excuses "
        "pour ce contretemps.",
    ),
    (
        "Proposition d'embauche – Responsable achats",
        "Bonjour Alex,\n\nFélicitations ! Suite à nos entretiens, nous sommes ravis de vous "
        "proposer le poste de responsable achats.\nVous trouverez ci-joint votre promesse "
        "d'embauche.\nNous avons hâte de vous accueillir.",
    ),
    (
        "Retrait de votre candidature",
        "Bonjour,\n\nNous avons bien pris note du retrait de votre candidature au poste de chef "
        "de projet.\nNous ne donnerons donc pas suite au processus et clôturons votre dossier.\n"
        "Nous vous souhaitons bonne continuation.",
    ),
    (
        "Mise à jour sur le recrutement",
        "Bonjour,\n\nLe recrutement pour le poste de juriste est temporairement suspendu, suite "
        "à une réorganisation interne.\nVotre candidature reste active et nous reviendrons vers "
        "vous dès la reprise du processus.\nMerci de votre patience.",
    ),
    (
        "Votre dossier pour l'appartement rue des Lilas",
        "Bonjour,\n\nNous avons étudié votre dossier de location avec attention.\n"
        "Malheureusement, le propriétaire a retenu une autre candidature pour ce logement.\n"
        "Bonne continuation dans vos recherches.",
    ),
    (
        "Votre demande de prêt",
        "Madame,\n\nAprès étude de votre dossier, nous sommes au regret de vous informer que nous "
        "ne pouvons pas donner une suite favorable à votre demande de prêt personnel.\nNotre "
        "conseiller reste à votre disposition.",
    ),
    (
        "Résultats – bourse de mobilité",
        "Bonjour,\n\nLa commission a examiné votre candidature à la bourse de mobilité "
        "internationale.\nNous avons le regret de vous annoncer qu'elle n'a pas été retenue "
        "cette année.\nVous pourrez candidater à nouveau lors de la prochaine session.",
    ),
    (
        "Admission en master 2",
        "Bonjour,\n\nLa commission pédagogique a étudié votre dossier de candidature au master "
        "Management de l'innovation.\nNous sommes au regret de vous informer que votre "
        "candidature n'a pas été retenue.\nNous vous souhaitons une bonne continuation.",
    ),
    (
        "Votre proposition pour les Journées du Numérique",
        "Bonjour,\n\nMerci d'avoir soumis une proposition de communication pour notre édition "
        "2025.\nLe comité de programme a reçu plus de 200 propositions et n'a malheureusement "
        "pas pu retenir la vôtre.\nNous espérons vous voir parmi le public.",
    ),
    (
        "Décision concernant votre manuscrit",
        "Cher auteur,\n\nNous vous remercions d'avoir soumis votre article.\nAprès évaluation "
        "par deux relecteurs, le comité de rédaction a décidé de ne pas le retenir pour "
        "publication.\n\nCordialement",
    ),
    (
        "Appel à projets Culture 2025",
        "Madame,\n\nVotre demande de subvention n'a pas été retenue par le jury.\nNous vous "
        "remercions de votre candidature et de votre participation.",
    ),
    (
        "Ta candidature chez Lumen",
        "Salut Alex !\n\nTa candidature nous a beaucoup plu et tu passes à l'étape suivante.\nOn "
        "aimerait t'inviter à un entretien technique d'une heure la semaine prochaine.\n\n"
        "L'équipe Lumen",
    ),
    (
        "Votre candidature – Comptable",
        "Bonjour Alex,\n\nNous avons le plaisir de vous annoncer que votre candidature a été "
        "retenue pour le poste de comptable.\nNotre service RH vous contactera pour la suite.",
    ),
    (
        "Formation Développeur web – votre candidature",
        "Bonjour,\n\nMerci pour votre candidature à la formation Développeur web.\nNous avons le "
        "regret de vous informer qu'elle n'a pas été retenue pour cette session.\nVous pourrez "
        "postuler à nos prochaines formations.",
    ),
    (  # acknowledgement with a data-retention line about refused candidacies
        "Accusé de réception – Vendeur conseil",
        "Bonjour,\n\nNous avons bien reçu votre candidature au poste de vendeur conseil.\nSeuls "
        "les candidats dont le profil correspond à nos attentes seront contactés.\nLes "
        "candidatures non retenues sont supprimées au bout de deux ans.",
    ),
    (
        "Votre candidature",
        "Bonjour,\n\nMerci pour votre candidature au poste de magasinier.\nNous ne pourrons "
        "malheureusement pas répondre à chacun, mais en cas de suite favorable nous vous "
        "contacterons rapidement.",
    ),
    (  # job alert asking a question
        "Nouvelles offres pour vous",
        "Bonjour,\n\nCe poste ne correspond pas à votre profil ? Modifiez les critères de votre "
        "alerte emploi en un clic.",
    ),
    (  # a conditional about a later decision
        "Votre dossier",
        "Madame, Monsieur,\n\nNous avons bien reçu votre dossier. Si votre candidature ne devait pas être retenue, nous vous en informerions par écrit avant la fin du mois.\n\nLa direction",
    ),
    (  # another finalist chosen together with the reader: an invitation
        "Dernière étape – Technicien·ne méthodes",
        "Bonjour Alex,\n\nBonne nouvelle : le jury a retenu une autre candidate avec vous pour "
        "l'entretien final. Seriez-vous disponible jeudi à 14 h ?\n\nBien à vous,\nNadia",
    ),
    (  # the same, the reader named second
        "Entretien final",
        "Bonjour Alex,\n\nDeux profils ont été sélectionnés pour la dernière étape : vous et "
        "un autre candidat. Merci de nous indiquer vos disponibilités.\n\nCordialement,\nLe cabinet",
    ),
    (  # an earlier choice retold in a new offer
        "Un nouveau poste",
        "Bonjour Alex,\n\nL'an dernier, nous avions retenu une autre candidature pour le poste "
        "d'acheteur, mais une nouvelle ouverture correspond à votre parcours. Seriez-vous "
        "intéressé·e par un échange ?\n\nCordialement,\nPaul",
    ),
]

# --- Spanish hard negatives ---------------------------------------------------

ES_NEGATIVES = [
    (  # acknowledgement whose refusal is a condition
        "Hemos recibido tu candidatura",
        "Hola Alex:\n\nHemos recibido tu candidatura para el puesto de Analista de Marketing.\n"
        "Nuestro equipo la revisará en los próximos días.\nSi en 30 días no recibes noticias, "
        "entiende que tu candidatura no ha sido seleccionada.\n\nGracias por tu interés.",
    ),
    (
        "Confirmación de tu postulación",
        "¡Hola Alex!\n\nTu postulación para la vacante de Soporte Técnico fue recibida "
        "correctamente.\nEn caso de no recibir respuesta en tres semanas, considera que hemos "
        "decidido continuar con otros candidatos.\n\nEquipo de Reclutamiento",
    ),
    (
        "¡Pasas a la siguiente fase!",
        "Hola Alex:\n\nEnhorabuena, has pasado a la siguiente fase del proceso de selección para "
        "el puesto de Desarrollador Frontend.\nNos gustaría invitarte a una entrevista técnica "
        "con el equipo.\n¿Nos indicas tu disponibilidad?",
    ),
    (
        "Cambio de hora de tu entrevista",
        "Hola Alex,\n\nLamentablemente tengo que reprogramar nuestra entrevista del miércoles por "
        "un imprevisto.\n¿Te vendría bien el viernes a las 11:00?\n\nDisculpa las molestias,\n"
        "Carmen",
    ),
    (
        "Oferta de empleo – Jefa de proyecto",
        "Hola Alex:\n\n¡Felicidades! Estamos encantados de ofrecerte el puesto de Jefa de "
        "Proyecto.\nAdjuntamos la carta oferta con las condiciones.\n\nBienvenida al equipo.",
    ),
    (
        "Retiro de tu candidatura",
        "Hola Alex,\n\nConfirmamos la retirada de tu candidatura al puesto de Analista.\nPor lo "
        "tanto, no continuaremos con tu proceso.\nTe deseamos mucho éxito en tu nuevo "
        "proyecto.",
    ),
    (
        "Novedades sobre la vacante",
        "Hola Alex:\n\nTe escribimos para contarte que el proceso de selección está "
        "temporalmente en pausa por una reorganización interna.\nTu candidatura sigue activa y "
        "te avisaremos en cuanto se reanude.",
    ),
    (
        "Tu solicitud para el piso de la calle Mayor",
        "Hola Alex:\n\nGracias por tu interés en el piso en alquiler.\nLamentablemente, el "
        "propietario ha decidido seguir adelante con otro inquilino.\nTe deseamos suerte en tu "
        "búsqueda.",
    ),
    (
        "Solicitud de préstamo personal",
        "Estimado cliente:\n\nLamentamos comunicarle que su solicitud de préstamo personal no ha "
        "sido aprobada en esta ocasión.\nPuede contactar con su gestor para más información.",
    ),
    (
        "Resolución de la convocatoria de becas",
        "Estimada Alex:\n\nLe informamos que su solicitud de beca de investigación no ha sido "
        "seleccionada en esta convocatoria.\nLe animamos a presentarse el próximo año.",
    ),
    (
        "Admisión al Máster en Ciencia de Datos",
        "Hola Alex:\n\nLa comisión académica ha revisado tu solicitud al máster en Ciencia de "
        "Datos.\nLamentamos informarte de que no has sido admitida en esta edición.\n\n"
        "Secretaría de Posgrado",
    ),
    (
        "Congreso Iberoamericano 2025 – tu ponencia",
        "Estimada Alex:\n\nEl comité científico ha evaluado tu propuesta de ponencia.\n"
        "Lamentablemente no ha sido seleccionada para el programa de este año.\n\nEl comité "
        "organizador",
    ),
    (
        "Decisión sobre tu manuscrito",
        "Estimada autora:\n\nTras la revisión por pares, el comité editorial ha decidido no "
        "aceptar tu manuscrito para publicación.\nGracias por considerar nuestra revista.",
    ),
    (
        "Convocatoria de subvenciones 2025",
        "Estimada Alex:\n\nLamentamos informarle de que su solicitud de subvención no ha sido "
        "seleccionada.\nGracias por su participación.",
    ),
    (
        "Has sido seleccionada",
        "Hola Alex:\n\nNos alegra contarte que has sido seleccionada para la entrevista final del "
        "puesto de Analista de Riesgos.\nTe enviaremos la invitación en breve.",
    ),
    (
        "Tu candidatura sigue en proceso",
        "Hola Alex,\n\nEstamos revisando todas las candidaturas para el puesto de Community "
        "Manager.\nNo te preocupes si tardamos unos días: te contactaremos en cuanto tengamos "
        "novedades.\n\nUn saludo",
    ),
    (
        "Tu solicitud de voluntariado",
        "Hola Alex:\n\nGracias por querer colaborar como voluntaria en nuestro programa de "
        "lectura.\nEste trimestre hemos optado por personas con más disponibilidad de horario."
        "\n\nUn abrazo",
    ),
    (
        "Tu candidatura – prueba técnica",
        "Hola Alex:\n\nNo olvides que para continuar con tu candidatura debes completar la "
        "prueba técnica antes del viernes.\n\nEquipo de Selección",
    ),
    (
        "Fase final",
        "Hola Alex:\n\nTe hemos seleccionado, junto a otros candidatos, para la fase final del "
        "proceso.\nPronto te enviaremos los detalles.",
    ),
    (  # job alert asking a question
        "Nuevas ofertas para ti",
        "Hola:\n\n¿Este puesto no encaja con tu perfil? Ajusta tus alertas de empleo.",
    ),
    (  # a grant, not a job
        "Programa de Becas 2026 - resultados",
        "Estimado Alex:\n\nAgradecemos su postulación al programa de becas. Lamentamos informarle que su proyecto no fue seleccionado para financiamiento.\n\nFundación",
    ),
    (  # an earlier refusal retold in outreach for a new opening
        "Nueva vacante en Ribera Logística",
        "Hola Alex:\n\nHace unos meses decidimos no avanzar con tu candidatura para el puesto "
        "de planificador, pero ahora se ha abierto una vacante de analista que encaja con tu "
        "experiencia. ¿Te interesaría hablarlo esta semana?\n\nUn saludo,\nMarta",
    ),
    (  # the candidate withdrew; the closing sentence only records it
        "Su candidatura",
        "Estimado Alex:\n\nHemos recibido su mensaje y entendemos que usted ya no desea "
        "continuar en el proceso. Por ello, cerramos su candidatura en nuestro sistema. Le "
        "deseamos mucha suerte.\n\nUn saludo,\nRRHH",
    ),
]


@pytest.mark.parametrize(("subject", "body"), FR_REJECTIONS, ids=lambda x: x[:40])
def test_french_rejections_are_found_by_french_rules(subject: str, body: str) -> None:
    v = verdict(subject, body, FR_SENDER)
    assert v.rejection, v.explain()
    assert language_of(v.rules) == "fr", v.explain()


@pytest.mark.parametrize(("subject", "body"), ES_REJECTIONS, ids=lambda x: x[:40])
def test_spanish_rejections_are_found_by_spanish_rules(subject: str, body: str) -> None:
    v = verdict(subject, body, ES_SENDER)
    assert v.rejection, v.explain()
    assert language_of(v.rules) == "es", v.explain()


@pytest.mark.parametrize(("subject", "body"), FR_NEGATIVES, ids=lambda x: x[:40])
def test_french_hard_negatives_are_not_rejections(subject: str, body: str) -> None:
    v = verdict(subject, body, FR_SENDER)
    assert not v.rejection, v.explain()


@pytest.mark.parametrize(("subject", "body"), ES_NEGATIVES, ids=lambda x: x[:40])
def test_spanish_hard_negatives_are_not_rejections(subject: str, body: str) -> None:
    v = verdict(subject, body, ES_SENDER)
    assert not v.rejection, v.explain()


@pytest.mark.parametrize(
    "noun",
    [
        "candidats",
        "candidates",
        "candidat·e·s",
        "candidat·es",
        "candidat(e)s",
        "candidat.e.s",
        "candidats et candidates",
        "profils",
    ],
)
def test_every_inclusive_form_of_the_french_candidate_noun_is_read(noun: str) -> None:
    v = verdict(
        "Votre candidature",
        f"Bonjour,\n\nNous avons retenu d'autres {noun} pour ce poste.\nBonne continuation.",
        FR_SENDER,
    )
    assert v.rejection and "fr.rejection.other-candidate" in v.rules, v.explain()


@pytest.mark.parametrize(
    "noun",
    [
        "candidatos",
        "candidatas",
        "candidatos/as",
        "candidat@s",
        "candidatxs",
        "candidates",
        "perfiles",
        "postulantes",
    ],
)
def test_every_inclusive_form_of_the_spanish_candidate_noun_is_read(noun: str) -> None:
    v = verdict(
        "Tu candidatura",
        f"Hola:\n\nHemos decidido continuar con otros {noun} para el puesto.\nSuerte.",
        ES_SENDER,
    )
    assert v.rejection and "es.rejection.other-candidates" in v.rules, v.explain()


@pytest.mark.parametrize(
    "participle",
    ["retenu", "retenue", "retenu(e)", "retenu·e", "retenu.e", "sélectionné·e", "sélectionnée"],
)
def test_the_negated_participle_is_read_in_every_spelling(participle: str) -> None:
    v = verdict(
        "Votre candidature",
        f"Bonjour,\n\nVous n'avez malheureusement pas été {participle} pour ce poste.",
        FR_SENDER,
    )
    assert v.rejection and "fr.rejection.not-retained" in v.rules, v.explain()


@pytest.mark.parametrize(
    "sentence",
    [
        "Vous avez été retenu(e) pour la suite du processus.",
        "Votre candidature a été retenue pour un premier entretien.",
        "Nous avons retenu votre profil ainsi que d'autres candidats pour l'étape suivante.",
        "N'oubliez pas : vous avez été retenue pour l'entretien final.",
    ],
)
def test_retenu_without_negation_is_no_rejection(sentence: str) -> None:
    v = verdict("Votre candidature", f"Bonjour Alex,\n\n{sentence}\nÀ bientôt.", FR_SENDER)
    assert not v.rejection, v.explain()
    assert not any(h.kind == "rejection" and h.weight >= 5 for h in v.hits), v.explain()


@pytest.mark.parametrize(
    ("subject", "rule", "expected"),
    [
        ("Candidature non retenue - Juriste", "fr.rejection.subject", True),
        ("Refus de votre candidature", "fr.rejection.subject", True),
        ("Réponse négative à votre candidature", "fr.rejection.subject", True),
        ("Votre candidature a été retenue", "fr.rejection.subject", False),
        ("Confirmation de réception de votre candidature", "fr.rejection.subject", False),
        ("Solicitud rechazada", "es.rejection.subject", True),
        ("Candidatura descartada - Contable", "es.rejection.subject", True),
        ("Rechazo de tu postulación", "es.rejection.subject", True),
        ("Tu candidatura ha sido recibida", "es.rejection.subject", False),
        ("Invitación a entrevista", "es.rejection.subject", False),
    ],
)
def test_subject_rule_fires_only_on_a_refusing_subject(
    subject: str, rule: str, expected: bool
) -> None:
    v = verdict(subject, "Bonjour / Hola,\n\nMerci. Gracias.", FR_SENDER)
    assert (rule in v.rules) is expected, v.explain()


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        (
            "Votre candidature",
            "Bonjour,\n\nMerci pour votre candidature au poste de vendeur.\nSi vous n'avez pas de "
            "réponse sous quinze jours, nous ne donnerons pas suite à votre candidature.",
        ),
        (
            "Tu candidatura",
            "Hola:\n\nGracias por postularte al puesto de cajero.\nEn caso de no recibir "
            "noticias, no continuaremos con tu candidatura.",
        ),
    ],
)
def test_a_refusal_stated_as_a_condition_is_no_rejection(subject: str, body: str) -> None:
    v = verdict(subject, body, FR_SENDER)
    assert not v.rejection, v.explain()
    assert not any(h.kind == "rejection" and h.weight >= 5 for h in v.hits), v.explain()


def test_the_same_refusal_stated_plainly_is_a_rejection() -> None:
    fr = verdict(
        "Votre candidature",
        "Bonjour,\n\nMerci pour votre candidature au poste de vendeur.\nNous ne donnerons pas "
        "suite à votre candidature.",
        FR_SENDER,
    )
    es = verdict(
        "Tu candidatura",
        "Hola:\n\nGracias por postularte al puesto de cajero.\nNo continuaremos con tu "
        "candidatura.",
        ES_SENDER,
    )
    assert fr.rejection and es.rejection, (fr.explain(), es.explain())


@pytest.mark.parametrize(
    ("subject", "body", "rule"),
    [
        ("Votre candidature", "Nous avons offert le poste à un/e autre candidat/e.", "fr"),
        ("Votre candidature", "Nous avons choisi un·e autre candidat·e.", "fr"),
        ("Votre candidature", "Nous avons retenu un(e) autre candidat(e).", "fr"),
        ("Tu candidatura", "Hemos seleccionado a otro/a candidato/a para el puesto.", "es"),
        ("Tu candidatura", "Hemos decidido continuar con otr@s candidat@s.", "es"),
        ("Tu candidatura", "Seguiremos con otres candidates en esta búsqueda.", "es"),
    ],
)
def test_inclusive_forms_of_another_candidate_are_read(subject: str, body: str, rule: str) -> None:
    v = verdict(subject, f"Bonjour / Hola,\n\n{body}\nMerci / Gracias.", FR_SENDER)
    fired = {"fr": "fr.rejection.other-candidate", "es": "es.rejection.other-candidates"}[rule]
    assert v.rejection and fired in v.rules, v.explain()
