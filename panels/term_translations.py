"""The archive's vocabularies in the five other official languages: the seed of :class:`panels.models.TermTranslation`.

``TRANSLATIONS[language][vocabulary][term] = (label, description)``, for every theme and topic of
:mod:`debates.vocabulary` and every actor kind, extent, stance and scope of :mod:`panels.attribution`.
The data migration ``panels/0010_term_translations`` inserts what a database lacks; staff then edit the rows in
the admin, and the migration never overwrites them.  Plain Python, no Django: like the vocabularies it translates.

The three freedoms are named as the United Nations names them in each language, in the 2005 World Summit
Outcome (A/RES/60/1, para. 143) and resolution 66/290 on human security, and as the archive's catalogues already
write them (``locale/``); the other words follow the catalogues too ("panellist" is « intervenant », "Member
State" is « État Membre »…).  Words in quotation marks in a description quote the English summaries the archive
codes, as the codebook's rules do: they stay in English.
"""


def _french(text):
    """French typography, as the catalogues write it: a no-break space inside « » and before the colon, and ’."""
    spaced = text.replace("« ", "«\u00a0").replace(" »", "\u00a0»").replace(" :", "\u00a0:")
    return spaced.replace("'", "\u2019")


FRENCH = {
    "theme": {
        "freedom-from-fear": (
            "Droit de vivre à l'abri de la peur",
            "La protection contre la violence et les menaces à la sécurité physique : conflits armés, violence "
            "interne, terrorisme, criminalité, traite et catastrophes.",
        ),
        "freedom-from-want": (
            "Droit de vivre à l'abri du besoin",
            "La sécurité des moyens de subsistance : vivre à l'abri de la pauvreté, de la faim, de la maladie et des "
            "crises économique, alimentaire et énergétique.",
        ),
        "freedom-to-live-in-dignity": (
            "Droit de vivre dans la dignité",
            "Les droits de l'homme, l'autonomisation et la capacité des personnes d'agir pour leur propre compte et "
            "de façonner leur vie.",
        ),
    },
    "topic": {
        "definition-of-human-security": (
            "Définition de la sécurité humaine",
            "S'il faut définir la notion, et comment : une définition juridique, un cadre de travail ou une "
            "conception commune.",
        ),
        "responsibility-to-protect": (
            "Responsabilité de protéger",
            "Les liens entre la sécurité humaine et la responsabilité de protéger, et ce qui les distingue.",
        ),
        "state-sovereignty": (
            "Souveraineté de l'État et responsabilité première",
            "La responsabilité première des États envers leur population, la souveraineté et la non-ingérence.",
        ),
        "use-of-force": (
            "Recours à la force",
            "Si la sécurité humaine pourrait justifier la menace ou l'emploi de la force, ou une intervention "
            "extérieure.",
        ),
        "prevention-and-early-warning": (
            "Prévention et alerte rapide",
            "Stratégies de prévention, alerte rapide et préparation face aux menaces.",
        ),
        "protection-and-empowerment": (
            "Protection et autonomisation",
            "Protéger les personnes et leur donner, ainsi qu'à leurs communautés et à leurs institutions, les moyens "
            "d'agir par elles-mêmes.",
        ),
        "index-of-human-security": (
            "Indice de sécurité humaine",
            "Propositions d'un indice mondial ou propre à une communauté, ou d'autres mesures de la sécurité humaine.",
        ),
        "people-centred-approach": (
            "Approche centrée sur l'être humain",
            "Placer les personnes, les menaces qu'elles perçoivent et les réalités locales au cœur de la politique "
            "de sécurité.",
        ),
        "national-ownership": (
            "Appropriation nationale",
            "Des réponses conformes aux priorités nationales et conduites par les gouvernements.",
        ),
        "security-development-human-rights": (
            "Sécurité, développement et droits de l'homme",
            "Les liens entre les trois piliers de l'Organisation des Nations Unies.",
        ),
        "added-value": (
            "Valeur ajoutée et application",
            "Ce qu'apporte la sécurité humaine en tant qu'outil ou cadre d'action, et comment elle est appliquée.",
        ),
        "global-threats": (
            "Menaces mondiales et interdépendantes",
            "Catastrophes, changements climatiques et environnementaux, crises financière, alimentaire et "
            "énergétique, pandémies, pauvreté.",
        ),
        "un-charter": ("Charte des Nations Unies", "La conformité avec les buts et principes de la Charte."),
        "international-cooperation": (
            "Coopération régionale et internationale",
            "La collaboration par-delà les frontières et entre les gouvernements, les organes des Nations Unies, la "
            "société civile et le secteur privé.",
        ),
    },
    "actor": {
        "panelist": (
            "Intervenant",
            "Membre d'une table ronde, qui s'exprime en tant qu'expert (« one panelist suggested »).",
        ),
        "participant": (
            "Participant",
            "Personne qui intervient depuis la salle : délégations, observateurs (« some participants »).",
        ),
        "member-state": (
            "État Membre",
            "Un État Membre ou sa délégation, désigné comme tel (« Member States felt »).",
        ),
        "chair": ("Présidence", "La personne qui préside, généralement le Président de l'Assemblée générale."),
        "keynote": ("Orateur principal", "L'orateur principal."),
        "secretariat": (
            "Secrétariat",
            "Le Secrétaire général, le Vice-Secrétaire général ou un autre fonctionnaire de l'ONU.",
        ),
        "moderator": ("Modérateur", "Le modérateur d'une table ronde."),
        "meeting": (
            "La réunion dans son ensemble",
            "La réunion dans son ensemble : constats collectifs (« The debate emphasized », « It was stressed »).",
        ),
    },
    "extent": {
        "one": ("Un", "Un seul orateur : « one panelist suggested »."),
        "other": (
            "Autres",
            "D'autres orateurs, opposés à ceux qui viennent d'être mentionnés : « other participants suggested ».",
        ),
        "some": ("Certains", "« Some participants expressed concern »."),
        "several": ("Plusieurs", "« Several panelists noted »."),
        "many": ("Beaucoup", "« Many participants supported »."),
        "most": ("La plupart", "« For the most part, Member States … felt »."),
        "significant-number": ("Un nombre important", "« A significant number of interventions considered »."),
        "general-consensus": ("Consensus général", "« There was general consensus », « a shared understanding »."),
        "unquantified": (
            "Non quantifié",
            "Un groupe nommé sans nombre : « panelists stated », « it was stressed ».",
        ),
    },
    "stance": {
        "agreed": (
            "Convenu",
            "Des vues partagées ou convergentes : « there was general consensus », « participants agreed », « a "
            "shared understanding ».",
        ),
        "asserted": (
            "Affirmé",
            "Une position défendue avec fermeté, comme une thèse : « argued that », « maintained », « insisted », "
            "« made the case ».",
        ),
        "called-for": (
            "Demandé",
            "Une demande ou un appel à agir : « called for », « called on Member States to », « requested ».",
        ),
        "cautioned": ("Mis en garde", "L'avertissement d'un risque : « cautioned that », « warned against »."),
        "considered": (
            "Estimé",
            "Une opinion ou un jugement : « considered », « felt », « believed », « were of the view that ».",
        ),
        "discussed": (
            "Débattu",
            "Un sujet examiné sans prise de position : « discussed », « exchanged views on », « reflected on ».",
        ),
        "drew-attention": (
            "Attiré l'attention",
            "Une question signalée à l'attention des autres : « drew attention to », « pointed to ».",
        ),
        "emphasized": ("Souligné", "L'accent mis sur un point : « emphasized », « underlined », « underscored »."),
        "expressed-concern": (
            "Exprimé une préoccupation",
            "De l'inquiétude ou des réserves : « expressed concern over », « raised concerns », « feared ».",
        ),
        "highlighted": (
            "Mis en avant",
            "Un point distingué comme notable : « highlighted the added value of ».",
        ),
        "introduced": (
            "Introduit",
            "Un nouveau sujet amené dans le débat : « introduced », « raised the issue of », « brought up ».",
        ),
        "noted": (
            "Noté",
            "Une observation ou une prise en compte : « noted », « observed », « pointed out », « recognized ».",
        ),
        "presented": (
            "Présenté",
            "Un exposé, un rapport ou des points de vue présentés : « presented », « described », « outlined ».",
        ),
        "proposed": (
            "Proposé",
            "Une proposition concrète avancée : « proposed », « put forward », « advanced ».",
        ),
        "questioned": (
            "Mis en question",
            "Un doute ou une contestation : « questioned », « asked whether », « expressed doubts », « raised "
            "questions ».",
        ),
        "recalled": (
            "Rappelé",
            "Le renvoi à un texte, un événement ou un engagement antérieur : « recalled », « referred to », « cited ».",
        ),
        "reiterated": (
            "Réitéré",
            "Une position exprimée de nouveau : « reiterated », « reaffirmed », « restated », « echoed ».",
        ),
        "stated": (
            "Déclaré",
            "Le simple compte rendu de ce qui a été dit, sans verbe plus fort : « stated », « said », « explained », "
            "« added ».",
        ),
        "stressed": (
            "Insisté",
            "L'insistance sur un point : « stressed », « it was stressed that », « laid stress on ».",
        ),
        "suggested": (
            "Suggéré",
            "Une idée avancée prudemment ou une recommandation : « suggested », « recommended », « advised ».",
        ),
        "supported": (
            "Appuyé",
            "Le soutien apporté à une idée, un rôle ou un texte : « supported », « endorsed », « welcomed », « spoke "
            "in favour of ».",
        ),
        "urged": (
            "Exhorté",
            "Une pression exercée sur d'autres pour qu'ils agissent : « urged », « encouraged », « invited … to ».",
        ),
    },
    "scope": {
        "freedoms": (
            "Une ou plusieurs des trois libertés",
            "L'énoncé porte sur le droit de vivre à l'abri de la peur, le droit de vivre à l'abri du besoin ou le "
            "droit de vivre dans la dignité (un ou plusieurs) : il est classé sous chacune des libertés qu'il nomme "
            "ou qu'il concerne manifestement.",
        ),
        "whole": (
            "La sécurité humaine dans son ensemble",
            "L'énoncé porte sur la sécurité humaine en tant que notion ou approche, sans porter sur une liberté plus "
            "que sur les autres : sa définition, sa valeur ajoutée, son rapport avec la souveraineté.",
        ),
        "procedural": (
            "Procédural",
            "L'énoncé porte sur la réunion elle-même : qui a présenté quoi, comment le débat était organisé, à quoi "
            "il devait contribuer.",
        ),
    },
}

SPANISH = {
    "theme": {
        "freedom-from-fear": (
            "Vivir libres del temor",
            "La protección frente a la violencia y las amenazas a la seguridad física: conflictos armados, violencia "
            "interna, terrorismo, delincuencia, trata y desastres.",
        ),
        "freedom-from-want": (
            "Vivir libres de la miseria",
            "La seguridad de los medios de vida: vivir libres de la pobreza, el hambre, la enfermedad y las crisis "
            "económicas, alimentarias y energéticas.",
        ),
        "freedom-to-live-in-dignity": (
            "Vivir con dignidad",
            "Los derechos humanos, el empoderamiento y la capacidad de las personas de actuar por cuenta propia y "
            "forjar su vida.",
        ),
    },
    "topic": {
        "definition-of-human-security": (
            "Definición de la seguridad humana",
            "Si se debe definir la noción y cómo: una definición jurídica, un marco de trabajo o un entendimiento "
            "común.",
        ),
        "responsibility-to-protect": (
            "Responsabilidad de proteger",
            "La relación entre la seguridad humana y la responsabilidad de proteger, y lo que las distingue.",
        ),
        "state-sovereignty": (
            "Soberanía del Estado y responsabilidad primordial",
            "La responsabilidad primordial de los Estados respecto de su población, la soberanía y la no injerencia.",
        ),
        "use-of-force": (
            "Uso de la fuerza",
            "Si la seguridad humana podría justificar la amenaza o el uso de la fuerza o una intervención externa.",
        ),
        "prevention-and-early-warning": (
            "Prevención y alerta temprana",
            "Estrategias de prevención, alerta temprana y preparación ante las amenazas.",
        ),
        "protection-and-empowerment": (
            "Protección y empoderamiento",
            "Proteger a las personas y empoderarlas, a ellas, a sus comunidades y a sus instituciones, para que "
            "actúen por sí mismas.",
        ),
        "index-of-human-security": (
            "Índice de seguridad humana",
            "Propuestas de un índice mundial o específico de una comunidad, u otras mediciones de la seguridad humana.",
        ),
        "people-centred-approach": (
            "Enfoque centrado en las personas",
            "Situar a las personas, las amenazas que perciben y las realidades locales en el centro de la política "
            "de seguridad.",
        ),
        "national-ownership": (
            "Implicación nacional",
            "Respuestas acordes con las prioridades nacionales y dirigidas por los gobiernos.",
        ),
        "security-development-human-rights": (
            "Seguridad, desarrollo y derechos humanos",
            "La interrelación entre los tres pilares de las Naciones Unidas.",
        ),
        "added-value": (
            "Valor añadido y aplicación",
            "Lo que aporta la seguridad humana como instrumento o marco de políticas, y cómo se aplica.",
        ),
        "global-threats": (
            "Amenazas mundiales e interconectadas",
            "Desastres, cambio climático y ambiental, crisis financieras, alimentarias y energéticas, pandemias, "
            "pobreza.",
        ),
        "un-charter": ("Carta de las Naciones Unidas", "La conformidad con los propósitos y principios de la Carta."),
        "international-cooperation": (
            "Cooperación regional e internacional",
            "La colaboración transfronteriza y entre los gobiernos, los órganos de las Naciones Unidas, la sociedad "
            "civil y el sector privado.",
        ),
    },
    "actor": {
        "panelist": (
            "Panelista",
            "Miembro de una mesa redonda que interviene como experto («one panelist suggested»).",
        ),
        "participant": (
            "Participante",
            "Quien interviene desde la sala: delegaciones, observadores («some participants»).",
        ),
        "member-state": (
            "Estado Miembro",
            "Un Estado Miembro o su delegación, designado como tal («Member States felt»).",
        ),
        "chair": ("Presidencia", "Quien preside la sesión, por lo general el Presidente de la Asamblea General."),
        "keynote": ("Orador principal", "El orador principal."),
        "secretariat": (
            "Secretaría",
            "El Secretario General, el Vicesecretario General u otro funcionario de las Naciones Unidas.",
        ),
        "moderator": ("Moderador", "El moderador de una mesa redonda."),
        "meeting": (
            "La reunión en su conjunto",
            "La reunión en su conjunto: conclusiones colectivas («The debate emphasized», «It was stressed»).",
        ),
    },
    "extent": {
        "one": ("Uno", "Un solo orador: «one panelist suggested»."),
        "other": (
            "Otros",
            "Otros oradores, contrapuestos a los recién mencionados: «other participants suggested».",
        ),
        "some": ("Algunos", "«Some participants expressed concern»."),
        "several": ("Varios", "«Several panelists noted»."),
        "many": ("Muchos", "«Many participants supported»."),
        "most": ("La mayoría", "«For the most part, Member States … felt»."),
        "significant-number": ("Un número considerable", "«A significant number of interventions considered»."),
        "general-consensus": ("Consenso general", "«There was general consensus», «a shared understanding»."),
        "unquantified": ("Sin cuantificar", "Un grupo nombrado sin número: «panelists stated», «it was stressed»."),
    },
    "stance": {
        "agreed": (
            "Convenido",
            "Opiniones compartidas o convergentes: «there was general consensus», «participants agreed», «a shared "
            "understanding».",
        ),
        "asserted": (
            "Afirmado",
            "Una posición sostenida con firmeza, como tesis: «argued that», «maintained», «insisted», «made the case».",
        ),
        "called-for": (
            "Pedido",
            "Una demanda o un llamamiento a actuar: «called for», «called on Member States to», «requested».",
        ),
        "cautioned": ("Advertido", "La advertencia de un riesgo: «cautioned that», «warned against»."),
        "considered": (
            "Considerado",
            "Una opinión o un juicio: «considered», «felt», «believed», «were of the view that».",
        ),
        "discussed": (
            "Debatido",
            "Un asunto examinado sin tomar posición: «discussed», «exchanged views on», «reflected on».",
        ),
        "drew-attention": (
            "Señalado a la atención",
            "Una cuestión señalada para que otros la examinen: «drew attention to», «pointed to».",
        ),
        "emphasized": ("Subrayado", "El peso puesto en un punto: «emphasized», «underlined», «underscored»."),
        "expressed-concern": (
            "Expresado preocupación",
            "Inquietud o reservas: «expressed concern over», «raised concerns», «feared».",
        ),
        "highlighted": ("Destacado", "Un punto señalado como notable: «highlighted the added value of»."),
        "introduced": (
            "Introducido",
            "Un nuevo asunto planteado en el debate: «introduced», «raised the issue of», «brought up».",
        ),
        "noted": (
            "Observado",
            "Una observación o un reconocimiento: «noted», «observed», «pointed out», «recognized».",
        ),
        "presented": (
            "Presentado",
            "Una exposición, un informe o unas perspectivas presentadas: «presented», «described», «outlined».",
        ),
        "proposed": ("Propuesto", "Una propuesta concreta presentada: «proposed», «put forward», «advanced»."),
        "questioned": (
            "Cuestionado",
            "Una duda o un cuestionamiento: «questioned», «asked whether», «expressed doubts», «raised questions».",
        ),
        "recalled": (
            "Recordado",
            "La referencia a un texto, un acontecimiento o un compromiso anterior: «recalled», «referred to», «cited».",
        ),
        "reiterated": (
            "Reiterado",
            "Una posición expresada de nuevo: «reiterated», «reaffirmed», «restated», «echoed».",
        ),
        "stated": (
            "Declarado",
            "La simple relación de lo dicho, sin un verbo más fuerte: «stated», «said», «explained», «added».",
        ),
        "stressed": ("Recalcado", "La insistencia en un punto: «stressed», «it was stressed that», «laid stress on»."),
        "suggested": (
            "Sugerido",
            "Una idea planteada con cautela o una recomendación: «suggested», «recommended», «advised».",
        ),
        "supported": (
            "Apoyado",
            "El respaldo a una idea, una función o un texto: «supported», «endorsed», «welcomed», «spoke in favour "
            "of».",
        ),
        "urged": (
            "Instado",
            "La presión sobre otros para que actúen: «urged», «encouraged», «invited … to».",
        ),
    },
    "scope": {
        "freedoms": (
            "Una o varias de las tres libertades",
            "La declaración trata de vivir libres del temor, vivir libres de la miseria o vivir con dignidad (una o "
            "varias): se clasifica en cada libertad que nombra o que manifiestamente le concierne.",
        ),
        "whole": (
            "La seguridad humana en su conjunto",
            "La declaración trata de la seguridad humana como noción o como enfoque, sin tratar de una libertad más "
            "que de las otras: su definición, su valor añadido, su relación con la soberanía.",
        ),
        "procedural": (
            "De procedimiento",
            "La declaración trata de la propia reunión: quién presentó qué, cómo se organizó el debate, a qué debía "
            "contribuir.",
        ),
    },
}

RUSSIAN = {
    "theme": {
        "freedom-from-fear": (
            "Свобода от страха",
            "Защита от насилия и угроз физической безопасности: вооруженных конфликтов, внутреннего насилия, "
            "терроризма, преступности, торговли людьми и бедствий.",
        ),
        "freedom-from-want": (
            "Свобода от нужды",
            "Гарантированность средств к существованию: свобода от нищеты, голода, болезней и экономических, "
            "продовольственных и энергетических кризисов.",
        ),
        "freedom-to-live-in-dignity": (
            "Свобода жить в условиях достоинства",
            "Права человека, расширение прав и возможностей и способность людей действовать в своих интересах и "
            "строить свою жизнь.",
        ),
    },
    "topic": {
        "definition-of-human-security": (
            "Определение безопасности человека",
            "Нужно ли определять это понятие и как: юридическое определение, рабочая основа или общее понимание.",
        ),
        "responsibility-to-protect": (
            "Ответственность по защите",
            "Как безопасность человека связана с ответственностью по защите и чем от нее отличается.",
        ),
        "state-sovereignty": (
            "Суверенитет государств и их главная ответственность",
            "Главная ответственность государств за свое население, суверенитет и невмешательство.",
        ),
        "use-of-force": (
            "Применение силы",
            "Может ли безопасность человека оправдывать угрозу силой или ее применение либо внешнее вмешательство.",
        ),
        "prevention-and-early-warning": (
            "Предотвращение и раннее предупреждение",
            "Стратегии предотвращения, раннее предупреждение и готовность к угрозам.",
        ),
        "protection-and-empowerment": (
            "Защита и расширение прав и возможностей",
            "Защита людей и расширение прав и возможностей их самих, их общин и институтов, чтобы они могли "
            "действовать самостоятельно.",
        ),
        "index-of-human-security": (
            "Индекс безопасности человека",
            "Предложения о глобальном индексе или индексе для отдельных сообществ либо о других показателях "
            "безопасности человека.",
        ),
        "people-centred-approach": (
            "Ориентированный на человека подход",
            "Люди, угрозы, которые они ощущают, и местные реалии в центре политики безопасности.",
        ),
        "national-ownership": (
            "Национальная ответственность",
            "Меры, соответствующие национальным приоритетам и осуществляемые под руководством правительств.",
        ),
        "security-development-human-rights": (
            "Безопасность, развитие и права человека",
            "Взаимосвязь трех основных компонентов деятельности Организации Объединенных Наций.",
        ),
        "added-value": (
            "Дополнительные преимущества и применение",
            "Что дает безопасность человека как инструмент или основа политики и как она применяется.",
        ),
        "global-threats": (
            "Глобальные и взаимосвязанные угрозы",
            "Бедствия, изменение климата и окружающей среды, финансовый, продовольственный и энергетический "
            "кризисы, пандемии, нищета.",
        ),
        "un-charter": ("Устав Организации Объединенных Наций", "Соответствие целям и принципам Устава."),
        "international-cooperation": (
            "Региональное и международное сотрудничество",
            "Сотрудничество через границы и между правительствами, органами Организации Объединенных Наций, "
            "гражданским обществом и частным сектором.",
        ),
    },
    "actor": {
        "panelist": (
            "Участник дискуссионной группы",
            "Член дискуссионной группы, выступающий в качестве эксперта («one panelist suggested»).",
        ),
        "participant": ("Участник", "Выступающий из зала: делегации, наблюдатели («some participants»)."),
        "member-state": (
            "Государство-член",
            "Государство-член или его делегация, названные как таковые («Member States felt»).",
        ),
        "chair": ("Председатель", "Председательствующий, обычно Председатель Генеральной Ассамблеи."),
        "keynote": ("Основной докладчик", "Основной докладчик."),
        "secretariat": (
            "Секретариат",
            "Генеральный секретарь, первый заместитель Генерального секретаря или другое должностное лицо ООН.",
        ),
        "moderator": ("Модератор", "Модератор дискуссионной группы."),
        "meeting": (
            "Заседание в целом",
            "Заседание в целом: коллективные выводы («The debate emphasized», «It was stressed»).",
        ),
    },
    "extent": {
        "one": ("Один", "Один выступающий: «one panelist suggested»."),
        "other": (
            "Другие",
            "Другие выступающие в противоположность только что упомянутым: «other participants suggested».",
        ),
        "some": ("Некоторые", "«Some participants expressed concern»."),
        "several": ("Несколько", "«Several panelists noted»."),
        "many": ("Многие", "«Many participants supported»."),
        "most": ("Большинство", "«For the most part, Member States … felt»."),
        "significant-number": ("Значительное число", "«A significant number of interventions considered»."),
        "general-consensus": ("Общий консенсус", "«There was general consensus», «a shared understanding»."),
        "unquantified": (
            "Без указания численности",
            "Группа, названная без указания числа: «panelists stated», «it was stressed».",
        ),
    },
    "stance": {
        "agreed": (
            "Согласились",
            "Общие или сходные мнения: «there was general consensus», «participants agreed», «a shared understanding».",
        ),
        "asserted": (
            "Утверждали",
            "Позиция, высказанная твердо, как тезис: «argued that», «maintained», «insisted», «made the case».",
        ),
        "called-for": (
            "Призвали",
            "Требование или призыв к действию: «called for», «called on Member States to», «requested».",
        ),
        "cautioned": ("Предостерегли", "Предупреждение о риске: «cautioned that», «warned against»."),
        "considered": (
            "Сочли",
            "Мнение или суждение: «considered», «felt», «believed», «were of the view that».",
        ),
        "discussed": (
            "Обсудили",
            "Вопрос, рассмотренный без занятия позиции: «discussed», «exchanged views on», «reflected on».",
        ),
        "drew-attention": (
            "Обратили внимание",
            "Вопрос, на который указали другим: «drew attention to», «pointed to».",
        ),
        "emphasized": ("Подчеркнули", "Акцент на каком-либо моменте: «emphasized», «underlined», «underscored»."),
        "expressed-concern": (
            "Выразили обеспокоенность",
            "Тревога или оговорки: «expressed concern over», «raised concerns», «feared».",
        ),
        "highlighted": (
            "Особо отметили",
            "Момент, выделенный как заслуживающий внимания: «highlighted the added value of».",
        ),
        "introduced": (
            "Подняли вопрос",
            "Новая тема, внесенная в обсуждение: «introduced», «raised the issue of», «brought up».",
        ),
        "noted": ("Отметили", "Замечание или признание: «noted», «observed», «pointed out», «recognized»."),
        "presented": (
            "Представили",
            "Изложение, доклад или взгляды: «presented», «described», «outlined».",
        ),
        "proposed": (
            "Внесли предложение",
            "Конкретное выдвинутое предложение: «proposed», «put forward», «advanced».",
        ),
        "questioned": (
            "Усомнились",
            "Сомнение или возражение: «questioned», «asked whether», «expressed doubts», «raised questions».",
        ),
        "recalled": (
            "Напомнили",
            "Ссылка на ранее принятый текст, событие или обязательство: «recalled», «referred to», «cited».",
        ),
        "reiterated": (
            "Вновь заявили",
            "Позиция, высказанная повторно: «reiterated», «reaffirmed», «restated», «echoed».",
        ),
        "stated": (
            "Заявили",
            "Простое изложение сказанного, без более сильного глагола: «stated», «said», «explained», «added».",
        ),
        "stressed": (
            "Особо подчеркнули",
            "Настойчивое внимание к какому-либо моменту: «stressed», «it was stressed that», «laid stress on».",
        ),
        "suggested": (
            "Предложили",
            "Осторожно высказанная мысль или рекомендация: «suggested», «recommended», «advised».",
        ),
        "supported": (
            "Поддержали",
            "Поддержка идеи, роли или текста: «supported», «endorsed», «welcomed», «spoke in favour of».",
        ),
        "urged": (
            "Настоятельно призвали",
            "Побуждение других к действию: «urged», «encouraged», «invited … to».",
        ),
    },
    "scope": {
        "freedoms": (
            "Одна или несколько из трех свобод",
            "Высказывание касается свободы от страха, свободы от нужды или свободы жить в условиях достоинства "
            "(одной или нескольких): оно относится к каждой свободе, которую называет или явно затрагивает.",
        ),
        "whole": (
            "Безопасность человека в целом",
            "Высказывание касается безопасности человека как понятия или подхода, не затрагивая какую-либо одну "
            "свободу больше других: ее определения, ее дополнительных преимуществ, ее связи с суверенитетом.",
        ),
        "procedural": (
            "Процедурные вопросы",
            "Высказывание касается самого заседания: кто что представил, как было организовано обсуждение, для "
            "чего оно предназначалось.",
        ),
    },
}

ARABIC = {
    "theme": {
        "freedom-from-fear": (
            "التحرر من الخوف",
            "الحماية من العنف ومن التهديدات التي تطال السلامة البدنية: النزاعات المسلحة، والعنف الداخلي، "
            "والإرهاب، والجريمة، والاتجار، والكوارث.",
        ),
        "freedom-from-want": (
            "التحرر من العوز",
            "أمن سبل العيش: التحرر من الفقر والجوع والمرض والأزمات الاقتصادية والغذائية وأزمات الطاقة.",
        ),
        "freedom-to-live-in-dignity": (
            "حرية العيش بكرامة",
            "حقوق الإنسان، والتمكين، وقدرة الناس على التصرف بأنفسهم وتشكيل حياتهم.",
        ),
    },
    "topic": {
        "definition-of-human-security": (
            "تعريف الأمن البشري",
            "هل ينبغي تعريف المفهوم وكيف: تعريف قانوني، أو إطار عمل، أو فهم مشترك.",
        ),
        "responsibility-to-protect": (
            "المسؤولية عن الحماية",
            "صلة الأمن البشري بالمسؤولية عن الحماية وما يميزه عنها.",
        ),
        "state-sovereignty": (
            "سيادة الدول والمسؤولية الرئيسية",
            "المسؤولية الرئيسية للدول عن شعوبها، والسيادة، وعدم التدخل.",
        ),
        "use-of-force": (
            "استخدام القوة",
            "هل يمكن أن يبرر الأمن البشري التهديد باستخدام القوة أو استخدامها أو التدخل الخارجي.",
        ),
        "prevention-and-early-warning": (
            "الوقاية والإنذار المبكر",
            "الاستراتيجيات الوقائية، والإنذار المبكر، والتأهب لمواجهة التهديدات.",
        ),
        "protection-and-empowerment": (
            "الحماية والتمكين",
            "حماية الناس وتمكينهم وتمكين مجتمعاتهم المحلية ومؤسساتهم من العمل لصالح أنفسهم.",
        ),
        "index-of-human-security": (
            "مؤشر الأمن البشري",
            "مقترحات بوضع مؤشر عالمي أو خاص بمجتمعات بعينها أو مقاييس أخرى للأمن البشري.",
        ),
        "people-centred-approach": (
            "النهج المتمحور حول الناس",
            "جعل الناس والتهديدات التي يستشعرونها والواقع المحلي في صميم السياسات الأمنية.",
        ),
        "national-ownership": ("الملكية الوطنية", "استجابات تتماشى مع الأولويات الوطنية وتقودها الحكومات."),
        "security-development-human-rights": (
            "الأمن والتنمية وحقوق الإنسان",
            "الترابط بين الركائز الثلاث للأمم المتحدة.",
        ),
        "added-value": (
            "القيمة المضافة والتطبيق",
            "ما يضيفه الأمن البشري بوصفه أداة أو إطارا للسياسات، وكيفية تطبيقه.",
        ),
        "global-threats": (
            "التهديدات العالمية والمترابطة",
            "الكوارث، وتغير المناخ والتغيرات البيئية، والأزمات المالية والغذائية وأزمات الطاقة، والأوبئة، والفقر.",
        ),
        "un-charter": ("ميثاق الأمم المتحدة", "الاتساق مع مقاصد الميثاق ومبادئه."),
        "international-cooperation": (
            "التعاون الإقليمي والدولي",
            "التعاون عبر الحدود وبين الحكومات وهيئات الأمم المتحدة والمجتمع المدني والقطاع الخاص.",
        ),
    },
    "actor": {
        "panelist": ("عضو حلقة النقاش", "عضو في حلقة نقاش يتحدث بصفته خبيرا («one panelist suggested»)."),
        "participant": ("مشارك", "من يشارك من القاعة: الوفود والمراقبون («some participants»)."),
        "member-state": ("دولة عضو", "دولة عضو أو وفدها، مذكورة بهذه الصفة («Member States felt»)."),
        "chair": ("رئيس الجلسة", "من يترأس الجلسة، وهو في العادة رئيس الجمعية العامة."),
        "keynote": ("المتكلم الرئيسي", "المتكلم الرئيسي."),
        "secretariat": ("الأمانة العامة", "الأمين العام أو نائب الأمين العام أو مسؤول آخر في الأمم المتحدة."),
        "moderator": ("مدير الحوار", "مدير الحوار في حلقة النقاش."),
        "meeting": (
            "الاجتماع ككل",
            "الاجتماع ككل: استنتاجات جماعية («The debate emphasized»، «It was stressed»).",
        ),
    },
    "extent": {
        "one": ("واحد", "متكلم واحد: «one panelist suggested»."),
        "other": ("آخرون", "متكلمون آخرون في مقابل من ذُكروا للتو: «other participants suggested»."),
        "some": ("بعضهم", "«Some participants expressed concern»."),
        "several": ("عدد منهم", "«Several panelists noted»."),
        "many": ("كثيرون", "«Many participants supported»."),
        "most": ("معظمهم", "«For the most part, Member States … felt»."),
        "significant-number": ("عدد كبير", "«A significant number of interventions considered»."),
        "general-consensus": ("توافق عام في الآراء", "«There was general consensus»، «a shared understanding»."),
        "unquantified": ("غير محدد العدد", "مجموعة مذكورة دون عدد: «panelists stated»، «it was stressed»."),
    },
    "stance": {
        "agreed": (
            "اتفقوا",
            "آراء مشتركة أو متقاربة: «there was general consensus»، «participants agreed»، «a shared understanding».",
        ),
        "asserted": (
            "دافعوا عن رأي",
            "موقف يُطرح بحزم بوصفه حجة: «argued that»، «maintained»، «insisted»، «made the case».",
        ),
        "called-for": (
            "دعوا إلى",
            "مطالبة أو مناشدة باتخاذ إجراء: «called for»، «called on Member States to»، «requested».",
        ),
        "cautioned": ("حذّروا", "تحذير من خطر: «cautioned that»، «warned against»."),
        "considered": ("رأوا", "رأي أو حكم: «considered»، «felt»، «believed»، «were of the view that»."),
        "discussed": (
            "ناقشوا",
            "موضوع جرى تناوله دون اتخاذ موقف: «discussed»، «exchanged views on»، «reflected on».",
        ),
        "drew-attention": ("وجّهوا الانتباه", "مسألة يُلفت إليها نظر الآخرين: «drew attention to»، «pointed to»."),
        "emphasized": ("أكّدوا", "إيلاء أهمية لنقطة ما: «emphasized»، «underlined»، «underscored»."),
        "expressed-concern": (
            "أعربوا عن القلق",
            "قلق أو تحفظات: «expressed concern over»، «raised concerns»، «feared».",
        ),
        "highlighted": ("سلّطوا الضوء", "نقطة تُبرز بوصفها جديرة بالاهتمام: «highlighted the added value of»."),
        "introduced": ("طرحوا", "موضوع جديد يُدخل في المناقشة: «introduced»، «raised the issue of»، «brought up»."),
        "noted": ("لاحظوا", "ملاحظة أو إقرار: «noted»، «observed»، «pointed out»، «recognized»."),
        "presented": ("عرضوا", "عرض أو تقرير أو وجهات نظر: «presented»، «described»، «outlined»."),
        "proposed": ("قدّموا مقترحا", "مقترح ملموس يُطرح: «proposed»، «put forward»، «advanced»."),
        "questioned": (
            "تساءلوا",
            "شك أو اعتراض: «questioned»، «asked whether»، «expressed doubts»، «raised questions».",
        ),
        "recalled": (
            "ذكّروا",
            "إشارة إلى نص أو حدث أو التزام سابق: «recalled»، «referred to»، «cited».",
        ),
        "reiterated": ("كرّروا", "موقف يُعاد التعبير عنه: «reiterated»، «reaffirmed»، «restated»، «echoed»."),
        "stated": (
            "صرّحوا",
            "مجرد نقل لما قيل، دون فعل أقوى: «stated»، «said»، «explained»، «added».",
        ),
        "stressed": ("شدّدوا", "إصرار على نقطة ما: «stressed»، «it was stressed that»، «laid stress on»."),
        "suggested": ("اقترحوا", "فكرة تُطرح بتحفظ أو توصية: «suggested»، «recommended»، «advised»."),
        "supported": (
            "أيّدوا",
            "تأييد لفكرة أو دور أو نص: «supported»، «endorsed»، «welcomed»، «spoke in favour of».",
        ),
        "urged": ("حثّوا", "حض الآخرين على العمل: «urged»، «encouraged»، «invited … to»."),
    },
    "scope": {
        "freedoms": (
            "واحدة أو أكثر من الحريات الثلاث",
            "تتناول الإفادة التحرر من الخوف أو التحرر من العوز أو حرية العيش بكرامة (واحدة أو أكثر): وتُصنف تحت "
            "كل حرية تذكرها أو تتعلق بها بوضوح.",
        ),
        "whole": (
            "الأمن البشري ككل",
            "تتناول الإفادة الأمن البشري بوصفه مفهوما أو نهجا، دون أن تتناول حرية بعينها أكثر من غيرها: تعريفه، "
            "وقيمته المضافة، وعلاقته بالسيادة.",
        ),
        "procedural": (
            "إجرائية",
            "تتناول الإفادة الاجتماع نفسه: من عرض ماذا، وكيف نُظمت المناقشة، وما الذي كان يُراد أن تسهم فيه.",
        ),
    },
}

CHINESE = {
    "theme": {
        "freedom-from-fear": (
            "免于恐惧的自由",
            "免受暴力和人身安全威胁：武装冲突、内部暴力、恐怖主义、犯罪、贩运和灾害。",
        ),
        "freedom-from-want": ("免于匮乏的自由", "生计安全：免于贫困、饥饿、疾病以及经济、粮食和能源危机。"),
        "freedom-to-live-in-dignity": ("有尊严地生活的自由", "人权、赋权以及人们自主行事、塑造自身生活的能力。"),
    },
    "topic": {
        "definition-of-human-security": (
            "人的安全的定义",
            "是否以及如何界定这一概念：法律定义、工作框架或共同理解。",
        ),
        "responsibility-to-protect": ("保护责任", "人的安全与保护责任的关系及区别。"),
        "state-sovereignty": ("国家主权与首要责任", "国家对本国人民负有的首要责任、主权和不干涉。"),
        "use-of-force": ("使用武力", "人的安全能否成为威胁或使用武力或外部干预的理由。"),
        "prevention-and-early-warning": ("预防和预警", "预防战略、预警和防范威胁的准备。"),
        "protection-and-empowerment": ("保护和赋权", "保护人民，并增强人民及其社区和机构自主行动的能力。"),
        "index-of-human-security": ("人的安全指数", "关于全球或特定社区的人的安全指数或其他衡量标准的提议。"),
        "people-centred-approach": ("以人为本的方针", "将人民、他们所感知的威胁和当地现实置于安全政策的中心。"),
        "national-ownership": ("国家自主权", "符合国家优先事项并由政府主导的应对措施。"),
        "security-development-human-rights": ("安全、发展和人权", "联合国三大支柱之间的相互联系。"),
        "added-value": ("附加值和应用", "人的安全作为政策工具或框架的附加值及其应用方式。"),
        "global-threats": (
            "全球性和相互关联的威胁",
            "灾害、气候和环境变化、金融、粮食和能源危机、大流行病、贫困。",
        ),
        "un-charter": ("《联合国宪章》", "符合《宪章》的宗旨和原则。"),
        "international-cooperation": (
            "区域和国际合作",
            "跨越国界以及政府、联合国机构、民间社会和私营部门之间的协作。",
        ),
    },
    "actor": {
        "panelist": ("小组成员", "小组讨论的成员，以专家身份发言（“one panelist suggested”）。"),
        "participant": ("与会者", "从席间参与的人：代表团、观察员（“some participants”）。"),
        "member-state": ("会员国", "被明确称为会员国的会员国或其代表团（“Member States felt”）。"),
        "chair": ("主席", "主持会议者，通常为大会主席。"),
        "keynote": ("主旨发言人", "主旨发言人。"),
        "secretariat": ("秘书处", "秘书长、常务副秘书长或其他联合国官员。"),
        "moderator": ("主持人", "小组讨论的主持人。"),
        "meeting": ("会议整体", "会议整体：集体得出的结论（“The debate emphasized”、“It was stressed”）。"),
    },
    "extent": {
        "one": ("一个", "单个发言者：“one panelist suggested”。"),
        "other": ("其他", "与刚提及者相对的其他发言者：“other participants suggested”。"),
        "some": ("一些", "“Some participants expressed concern”。"),
        "several": ("若干", "“Several panelists noted”。"),
        "many": ("许多", "“Many participants supported”。"),
        "most": ("大多数", "“For the most part, Member States … felt”。"),
        "significant-number": ("相当多", "“A significant number of interventions considered”。"),
        "general-consensus": ("普遍共识", "“There was general consensus”、“a shared understanding”。"),
        "unquantified": ("未量化", "提及群体但未说明数量：“panelists stated”、“it was stressed”。"),
    },
    "stance": {
        "agreed": (
            "达成一致",
            "共同或趋同的看法：“there was general consensus”、“participants agreed”、“a shared understanding”。",
        ),
        "asserted": ("坚称", "作为论点坚定提出的立场：“argued that”、“maintained”、“insisted”、“made the case”。"),
        "called-for": ("呼吁", "要求或呼吁采取行动：“called for”、“called on Member States to”、“requested”。"),
        "cautioned": ("告诫", "对风险的警告：“cautioned that”、“warned against”。"),
        "considered": ("认为", "意见或判断：“considered”、“felt”、“believed”、“were of the view that”。"),
        "discussed": ("讨论", "讨论某一议题而未表明立场：“discussed”、“exchanged views on”、“reflected on”。"),
        "drew-attention": ("提请注意", "提请他人关注某一问题：“drew attention to”、“pointed to”。"),
        "emphasized": ("强调", "对某一要点的重视：“emphasized”、“underlined”、“underscored”。"),
        "expressed-concern": ("表示关切", "担忧或保留意见：“expressed concern over”、“raised concerns”、“feared”。"),
        "highlighted": ("突出指出", "将某一要点作为值得注意之处提出：“highlighted the added value of”。"),
        "introduced": ("提出议题", "将新议题引入辩论：“introduced”、“raised the issue of”、“brought up”。"),
        "noted": ("指出", "观察或承认：“noted”、“observed”、“pointed out”、“recognized”。"),
        "presented": ("介绍", "阐述情况、报告或观点：“presented”、“described”、“outlined”。"),
        "proposed": ("提议", "提出具体建议：“proposed”、“put forward”、“advanced”。"),
        "questioned": ("质疑", "怀疑或质询：“questioned”、“asked whether”、“expressed doubts”、“raised questions”。"),
        "recalled": ("回顾", "提及先前的文本、事件或承诺：“recalled”、“referred to”、“cited”。"),
        "reiterated": ("重申", "再次表明立场：“reiterated”、“reaffirmed”、“restated”、“echoed”。"),
        "stated": ("表示", "仅转述所说内容，无更强的动词：“stated”、“said”、“explained”、“added”。"),
        "stressed": ("着重指出", "坚持某一要点：“stressed”、“it was stressed that”、“laid stress on”。"),
        "suggested": ("建议", "试探性的想法或建议：“suggested”、“recommended”、“advised”。"),
        "supported": (
            "支持",
            "对某一想法、作用或文本的支持：“supported”、“endorsed”、“welcomed”、“spoke in favour of”。",
        ),
        "urged": ("敦促", "敦促他人采取行动：“urged”、“encouraged”、“invited … to”。"),
    },
    "scope": {
        "freedoms": (
            "三项自由中的一项或多项",
            "发言涉及免于恐惧的自由、免于匮乏的自由或有尊严地生活的自由（一项或多项）：归入其提及或明显涉及的每项自由。",
        ),
        "whole": (
            "人的安全整体",
            "发言涉及作为概念或方针的人的安全，而不偏重任何一项自由：其定义、附加值、与主权的关系。",
        ),
        "procedural": ("程序性", "发言涉及会议本身：谁介绍了什么、辩论如何组织、辩论旨在为何提供投入。"),
    },
}

TRANSLATIONS = {
    "ar": ARABIC,
    "zh-hans": CHINESE,
    "fr": {
        vocabulary: {term: (_french(label), _french(description)) for term, (label, description) in terms.items()}
        for vocabulary, terms in FRENCH.items()
    },
    "ru": RUSSIAN,
    "es": SPANISH,
}
