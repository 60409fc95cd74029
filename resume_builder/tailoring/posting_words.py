"""The words that name a job posting's sections, in every built-in language but English,
German and French (whose words are written out in :mod:`resume_builder.tailoring.posting`).

For each language (the names of ``resume_builder/locales/*.toml``), regular expressions of
the headings that start a section of each kind:

* ``preferences``: what is only wished for ("Se valorará", "Mile widziane", "歓迎スキル");
* ``requirements``: what is demanded ("Requisitos", "Wymagania", "応募資格");
* ``responsibilities``: what the job is ("Qué harás", "Zakres obowiązków", "仕事内容");
* ``about``: the company ("Sobre nosotros", "O nas", "会社概要"), asking nothing;
* ``benefits``: what the company offers ("Qué ofrecemos", "Oferujemy", "福利厚生"), asking nothing;
* ``salary`` (where written): the pay, asking nothing.

Matching ignores case and accents (``que haras`` is ``Qué harás``); a Latin, Cyrillic,
Arabic, Hebrew or Devanagari word matches whole words only; a Chinese, Japanese or Korean
word matches anywhere in the heading (those scripts join words without spaces). A heading
is read as the first kind, in the order of ``posting._HEADINGS``, that one of its words
names, so a phrase holding a more general word ("Requisitos deseables", "Wymagania mile
widziane") is read by its more specific one.

Pure data: no I/O (tailoring never reads files).
"""

from __future__ import annotations

SECTION_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "es": {
        "preferences": (r"se valorar[áa]", r"se valora", r"(?:requisitos |conocimientos )?valorables?", r"valoramos",
                        r"(?:requisitos |conocimientos )?deseables?",
                        r"(?:es|ser[áa]|ser[íi]a) un plus", r"suma(?:r[áa])? puntos", r"puntos extra", r"opcional"),
        "requirements": (r"requisitos(?: m[íi]nimos| imprescindibles)?", r"requerimientos", r"lo que buscamos",
                         r"qu[ée] buscamos", r"a qui[ée]n buscamos", r"buscamos", r"tu perfil", r"perfil(?: buscado)?",
                         r"lo que necesitas", r"qu[ée] necesitas", r"qu[ée] pedimos", r"imprescindibles?",
                         r"experiencia requerida", r"cualificaciones", r"competencias", r"conocimientos"),
        "responsibilities": (r"qu[ée] har[áa]s", r"lo que har[áa]s", r"qu[ée] vas a hacer", r"tus funciones",
                             r"funciones", r"tus responsabilidades", r"responsabilidades", r"tareas",
                             r"sobre el (?:puesto|rol|trabajo)", r"el puesto", r"tu rol", r"el rol", r"tu misi[óo]n",
                             r"(?:tu )?d[íi]a a d[íi]a"),
        "about": (r"sobre nosotros", r"qui[ée]nes somos", r"acerca de nosotros", r"sobre la empresa",
                  r"la empresa", r"nuestra empresa", r"con[óo]cenos"),
        "benefits": (r"qu[ée] (?:te )?ofrecemos", r"lo que (?:te )?ofrecemos", r"(?:te )?ofrecemos", r"beneficios",
                     r"ventajas", r"por qu[ée] (?:unirte|trabajar con nosotros)"),
        "salary": (r"salario", r"sueldo", r"retribuci[óo]n", r"remuneraci[óo]n", r"banda salarial"),
    },
    "pt": {
        "preferences": (r"diferenciais", r"diferencial", r"desej[áa]vel", r"desej[áa]veis", r"(?:[ée]|ser[áa]) um plus",
                        r"(?:ser[áa]|[ée]) uma vantagem", r"valorizamos", r"valorizad[oa]s?", r"b[ôo]nus"),
        "requirements": (r"requisitos(?: obrigat[óo]rios)?", r"o que (?:procuramos|buscamos|esperamos)",
                         r"procuramos", r"(?:o )?(?:seu|teu) perfil", r"perfil", r"qualifica[çc][õo]es",
                         r"o que voc[êe] precisa", r"o que precisas", r"compet[êe]ncias", r"conhecimentos"),
        "responsibilities": (r"responsabilidades", r"atribui[çc][õo]es", r"(?:suas )?atividades",
                             r"o que (?:voc[êe] )?(?:vai|vais) fazer", r"o que voc[êe] far[áa]", r"fun[çc][õo]es",
                             r"sobre a (?:vaga|fun[çc][ãa]o)", r"a vaga", r"a fun[çc][ãa]o", r"(?:o (?:seu|teu) )?dia a dia",
                             r"desafios"),
        "about": (r"sobre n[óo]s", r"quem somos", r"sobre a empresa", r"a empresa", r"(?:a )?nossa empresa"),
        "benefits": (r"benef[íi]cios", r"o que oferecemos", r"oferecemos", r"vantagens",
                     r"por que trabalhar conosco", r"porqu[êe] trabalhar connosco"),
        "salary": (r"sal[áa]rio", r"remunera[çc][ãa]o"),
    },
    "it": {
        "preferences": (r"(?:requisiti |titoli? )?preferenziali?", r"graditi", r"gradit[oaie]", r"(?:è|sarebbe) un plus",
                        r"costituisce un plus", r"costituir[àa] un plus", r"un plus"),
        "requirements": (r"requisiti(?: richiesti| minimi)?", r"cosa cerchiamo", r"chi cerchiamo", r"il tuo profilo",
                         r"profilo(?: ricercato)?", r"competenze(?: richieste)?", r"cosa ti serve", r"qualifiche"),
        "responsibilities": (r"responsabilit[àa]", r"mansioni", r"cosa farai", r"di cosa ti occuperai",
                             r"(?:il (?:tuo )?)?ruolo", r"attivit[àa]", r"compiti", r"la posizione"),
        "about": (r"chi siamo", r"l(?:'|’)azienda", r"la nostra azienda", r"su di noi", r"l(?:'|’)azienda in breve"),
        "benefits": (r"cosa offriamo", r"(?:ti )?offriamo", r"benefit", r"vantaggi", r"perch[ée] lavorare con noi"),
        "salary": (r"retribuzione", r"stipendio", r"compenso"),
    },
    "nl": {
        "preferences": (r"een pr[ée]", r"pluspunten", r"pluspunt", r"wenselijk", r"gewenste?", r"mooi meegenomen"),
        "requirements": (r"functie-?eisen", r"eisen", r"vereisten", r"wat (?:wij|we) vragen", r"wat vragen wij",
                         r"wie ben jij", r"wie jij bent", r"(?:jouw )?profiel", r"wat breng je mee",
                         r"wat (?:jij|je) meebrengt", r"wat neem je mee", r"kwalificaties", r"vaardigheden"),
        "responsibilities": (r"wat ga (?:je|jij) doen", r"wat (?:je|jij) gaat doen", r"jouw rol", r"de functie",
                             r"functieomschrijving", r"(?:jouw )?taken", r"verantwoordelijkheden", r"werkzaamheden"),
        "about": (r"over ons", r"wie zijn wij", r"wie (?:wij|we) zijn", r"(?:over )?het bedrijf", r"ons bedrijf",
                  r"(?:over )?de organisatie"),
        "benefits": (r"wat bieden (?:wij|we)", r"wat (?:wij|we) bieden", r"(?:wij|we) bieden", r"arbeidsvoorwaarden",
                     r"voordelen", r"wat krijg je"),
        "salary": (r"salaris", r"beloning"),
    },
    "pl": {
        "preferences": (r"mile widzian\w*", r"(?:dodatkowym )?atutem(?: b[ęe]dzie)?", r"atuty?", r"b[ęe]dzie plusem",
                        r"plusem b[ęe]dzie", r"dodatkowo"),
        "requirements": (r"wymagania", r"nasze wymagania", r"czego (?:od ciebie )?oczekujemy", r"oczekujemy",
                         r"czego szukamy", r"kogo szukamy", r"tw[óo]j profil", r"kwalifikacje",
                         r"(?:wymagane )?umiej[ęe]tno[śs]ci"),
        "responsibilities": (r"zakres obowi[ąa]zk[óo]w", r"obowi[ąa]zki", r"(?:twoje )?zadania",
                             r"czym b[ęe]dziesz si[ęe] zajmowa[ćc]", r"czym si[ęe] b[ęe]dziesz zajmowa[ćc]",
                             r"twoja rola", r"o stanowisku"),
        "about": (r"o nas", r"kim jeste[śs]my", r"o firmie", r"firma"),
        "benefits": (r"(?:co )?oferujemy", r"benefity", r"korzy[śs]ci", r"co zyskujesz", r"dlaczego my"),
        "salary": (r"wynagrodzenie", r"wide[łl]ki"),
    },
    "ru": {
        "preferences": (r"будет плюсом", r"плюсом будет", r"будет преимуществом", r"преимуществом будет",
                        r"было бы плюсом", r"желательно", r"приветствуется", r"дополнительно"),
        "requirements": (r"требования(?: к кандидату)?", r"мы ожидаем", r"мы жд[её]м", r"что мы жд[её]м",
                         r"(?:наши )?ожидания", r"квалификация", r"(?:кого )?мы ищем", r"что нужно"),
        "responsibilities": (r"обязанности", r"(?:ваши |твои )?задачи", r"чем (?:предстоит|ты будешь|вы будете) заниматься",
                             r"что (?:нужно|предстоит) делать", r"о роли"),
        "about": (r"о нас", r"о компании", r"кто мы(?: такие)?", r"компания"),
        "benefits": (r"(?:что )?мы предлагаем", r"предлагаем", r"условия(?: работы)?", r"что мы да[её]м", r"льготы",
                     r"бонусы", r"почему мы"),
        "salary": (r"зарплата", r"заработная плата", r"оплата(?: труда)?"),
    },
    "tr": {
        "preferences": (r"tercih sebebi(?:dir)?", r"tercihen", r"tercih edilir", r"(?:bir )?art[ıi]", r"avantaj(?:d[ıi]r)?"),
        "requirements": (r"aranan nitelikler", r"(?:genel )?nitelikler", r"gereksinimler", r"(?:senden )?beklentilerimiz",
                         r"arad[ıi][ğg][ıi]m[ıi]z(?: özellikler)?", r"yetkinlikler"),
        "responsibilities": (r"i[şs] tan[ıi]m[ıi]", r"g[öo]rev tan[ıi]m[ıi]", r"sorumluluklar", r"g[öo]revler",
                             r"neler yapacaks[ıi]n", r"ne yapacaks[ıi]n", r"pozisyon hakk[ıi]nda"),
        "about": (r"hakk[ıi]m[ıi]zda", r"biz kimiz", r"[şs]irket hakk[ıi]nda", r"[şs]irketimiz"),
        "benefits": (r"neler sunuyoruz", r"(?:size |sana )?sundu[ğg]lar[ıi]m[ıi]z", r"yan haklar", r"olanaklar",
                     r"imkanlar"),
        "salary": (r"maa[şs]", r"[üu]cret"),
    },
    "ar": {
        "preferences": (r"يفضل", r"ميزة إضافية", r"من المزايا", r"يعتبر ميزة", r"المؤهلات المفضلة", r"مهارات مفضلة"),
        "requirements": (r"المتطلبات", r"متطلبات الوظيفة", r"المؤهلات(?: المطلوبة)?", r"المهارات(?: المطلوبة)?",
                         r"ما نبحث عنه", r"نبحث عن", r"الشروط"),
        "responsibilities": (r"المسؤوليات", r"المهام", r"مهام الوظيفة", r"الوصف الوظيفي", r"ماذا ستفعل", r"دورك",
                             r"عن الوظيفة", r"طبيعة العمل"),
        "about": (r"من نحن", r"نبذة عن الشركة", r"عن الشركة", r"عنا", r"الشركة"),
        "benefits": (r"ماذا نقدم", r"ما نقدمه", r"نقدم لك", r"المزايا", r"المميزات", r"الامتيازات"),
        "salary": (r"الراتب",),
    },
    "he": {
        "preferences": (r"(?:יהווה |ייחשב |נחשב )?יתרון", r"רצוי", r"מועדף"),
        "requirements": (r"ה?דרישות(?: התפקיד| חובה)?", r"מה אנחנו מחפשים", r"(?:ה)?כישורים(?: הנדרשים)?",
                         r"ניסיון נדרש"),
        "responsibilities": (r"תיאור התפקיד", r"על התפקיד", r"תחומי אחריות", r"מה (?:תעשו|תעשה|תעשי)", r"אחריות"),
        "about": (r"אודותינו", r"אודות החברה", r"על החברה", r"מי אנחנו", r"החברה"),
        "benefits": (r"(?:מה )?אנחנו מציעים", r"הטבות", r"מה מקבלים", r"תנאים"),
        "salary": (r"שכר",),
    },
    "hi": {
        "preferences": (r"वांछनीय", r"अतिरिक्त योग्यता", r"प्लस पॉइंट", r"प्राथमिकता(?: दी जाएगी)?", r"लाभदायक होगा",
                        r"बेहतर होगा"),
        "requirements": (r"आवश्यकताएँ", r"आवश्यकताएं", r"(?:आवश्यक )?योग्यताएँ", r"(?:आवश्यक )?योग्यता", r"पात्रता",
                         r"हम क्या (?:चाहते|ढूंढ रहे) हैं", r"(?:अपेक्षित )?कौशल"),
        "responsibilities": (r"ज़िम्मेदारियाँ", r"जिम्मेदारियाँ", r"जिम्मेदारियां", r"उत्तरदायित्व", r"दायित्व",
                             r"(?:आपकी )?भूमिका", r"आप क्या करेंगे", r"कार्य विवरण", r"मुख्य कार्य"),
        "about": (r"हमारे बारे में", r"कंपनी के बारे में", r"हम कौन हैं", r"कंपनी परिचय"),
        "benefits": (r"हम क्या (?:प्रदान करते|देते) हैं", r"हम प्रदान करते हैं", r"लाभ", r"सुविधाएँ", r"सुविधाएं"),
        "salary": (r"वेतन",),
    },
    "ja": {
        "preferences": (r"歓迎スキル", r"歓迎要件", r"歓迎条件", r"歓迎", r"尚可", r"優遇"),
        "requirements": (r"必須スキル", r"必須要件", r"必須条件", r"必須", r"応募資格", r"応募要件", r"求める人物像",
                         r"求めるスキル", r"必要なスキル", r"資格"),
        "responsibilities": (r"仕事内容", r"業務内容", r"職務内容", r"担当業務", r"ポジション概要", r"役割"),
        "about": (r"会社概要", r"会社紹介", r"企業情報", r"私たちについて", r"当社について", r"事業内容"),
        "benefits": (r"福利厚生", r"待遇", r"働く魅力", r"制度"),
        "salary": (r"給与", r"年収", r"報酬"),
    },
    "zh": {
        "preferences": (r"加分项", r"加分項", r"加分", r"优先", r"優先"),
        "requirements": (r"任职要求", r"任職要求", r"任职资格", r"任職資格", r"岗位要求", r"崗位要求", r"职位要求",
                         r"職位要求", r"技能要求", r"资格要求", r"我们希望你", r"要求"),
        "responsibilities": (r"岗位职责", r"崗位職責", r"工作职责", r"工作職責", r"职位描述", r"職位描述", r"工作内容",
                             r"工作內容", r"你将负责", r"你將負責", r"职责", r"職責"),
        "about": (r"关于我们", r"關於我們", r"公司介绍", r"公司介紹", r"公司简介", r"公司簡介"),
        "benefits": (r"福利待遇", r"福利", r"我们提供", r"我們提供"),
        "salary": (r"薪资", r"薪資", r"薪酬"),
    },
    "ko": {
        "preferences": (r"우대\s?사항", r"우대", r"있으면 좋아요", r"더 좋아요", r"가산점"),
        "requirements": (r"자격\s?요건", r"지원\s?자격", r"필수\s?요건", r"이런 분을 찾아요", r"찾고 있어요", r"자격"),
        "responsibilities": (r"주요\s?업무", r"담당\s?업무", r"업무\s?내용", r"이런 일을 해요", r"하는 일", r"역할"),
        "about": (r"회사\s?소개", r"기업\s?소개", r"우리는"),
        "benefits": (r"복리\s?후생", r"혜택 및 복지", r"복지", r"혜택"),
        "salary": (r"연봉", r"급여"),
    },
}


#: Words that say how or where a job is worked, not who offers it: a title heading's tail after
#: a dash or bar ("Backend Engineer — Remote", "Data Engineer – Vollzeit") is not the company
#: when every piece of it (split at ``,`` ``/`` ``·`` ``&`` ``+`` and "or") is one of these or a
#: place in :data:`PLACES`. Matched whole, ignoring case and accents.
WORK_ARRANGEMENTS: tuple[str, ...] = (
    # en
    "remote", "fully remote", "remote first", "remote-first", "hybrid", "on-site", "onsite", "on site", "in office",
    "office", "full-time", "full time", "fulltime", "part-time", "part time", "parttime", "contract", "contractor",
    "freelance", "temporary", "permanent", "internship", "intern", "apprenticeship", "working student", "worldwide",
    "anywhere", "europe", "emea", "eu", "apac", "americas", "latam", "us", "uk", "usa", "junior", "mid-level", "mid",
    "senior", "lead", "principal", "staff", "entry level", "entry-level", "graduate", "m/f/d", "m/w/d", "w/m/d",
    "f/m/d", "h/f", "f/h", "m/f", "all genders",
    # de
    "vollzeit", "teilzeit", "voll- oder teilzeit", "festanstellung", "unbefristet", "befristet", "werkstudent",
    "werkstudentin", "praktikum", "ausbildung", "homeoffice", "home office", "mobiles arbeiten", "vor ort",
    "deutschlandweit", "bundesweit",
    # fr
    "télétravail", "teletravail", "full remote", "hybride", "sur site", "présentiel", "cdi", "cdd", "temps plein",
    "temps partiel", "stage", "alternance", "freelance", "indépendant",
    # es
    "remoto", "en remoto", "teletrabajo", "híbrido", "presencial", "jornada completa", "media jornada",
    "tiempo completo", "tiempo parcial", "indefinido", "prácticas", "autónomo",
    # it
    "da remoto", "smart working", "ibrido", "in sede", "tempo pieno", "tempo parziale", "tempo indeterminato",
    "tempo determinato", "tirocinio",
    # pt
    "híbrida", "remota", "tempo integral", "meio período", "meio periodo", "estágio", "clt", "pj",
    # nl
    "op afstand", "thuiswerken", "hybride", "op locatie", "voltijd", "deeltijd", "vast contract", "stage",
    # pl
    "zdalnie", "praca zdalna", "hybrydowo", "praca hybrydowa", "stacjonarnie", "pełny etat", "pełen etat",
    "pół etatu", "staż", "b2b", "umowa o pracę", "uop",
)

#: Places a title heading names after a dash or bar ("Site Reliability Engineer – Berlin"):
#: the countries of the built-in languages and their larger cities, as written in those
#: languages. Not a gazetteer: a tail that is a place not listed reads as the company when
#: the posting names none elsewhere (a company it names elsewhere always wins).
PLACES: tuple[str, ...] = (
    "germany", "deutschland", "allemagne", "alemania", "germania", "alemanha", "duitsland", "niemcy",
    "austria", "österreich", "autriche", "switzerland", "schweiz", "suisse", "suiza", "svizzera", "suíça",
    "france", "frankreich", "francia", "frança", "frankrijk", "francja",
    "spain", "spanien", "espagne", "españa", "spagna", "espanha", "spanje", "hiszpania",
    "italy", "italien", "italie", "italia", "itália", "italië", "włochy",
    "portugal", "portogallo", "portugalia", "brazil", "brasil", "brésil", "brasilien", "brasile",
    "netherlands", "the netherlands", "niederlande", "pays-bas", "países bajos", "paesi bassi", "nederland",
    "holandia", "belgium", "belgien", "belgique", "bélgica", "belgio", "belgië",
    "poland", "polen", "pologne", "polonia", "polônia", "polska", "united kingdom", "great britain",
    "england", "ireland", "irland", "irlande", "united states", "canada", "mexico", "méxico", "argentina",
    "chile", "colombia", "sweden", "denmark", "norway", "finland", "luxembourg", "luxemburg", "czechia",
    "india", "japan", "singapore", "australia", "dach",
    "berlin", "munich", "münchen", "hamburg", "frankfurt", "frankfurt am main", "cologne", "köln", "stuttgart",
    "düsseldorf", "leipzig", "dresden", "hannover", "nuremberg", "nürnberg", "bremen", "karlsruhe", "vienna",
    "wien", "zurich", "zürich", "geneva", "genf", "genève", "basel", "bern",
    "paris", "lyon", "marseille", "toulouse", "bordeaux", "lille", "nantes", "nice", "montpellier", "strasbourg",
    "rennes", "grenoble", "sophia antipolis", "brussels", "bruxelles", "brussel", "antwerp", "antwerpen", "ghent",
    "gent", "madrid", "barcelona", "valencia", "sevilla", "seville", "málaga", "malaga", "bilbao", "zaragoza",
    "rome", "roma", "milan", "milano", "turin", "torino", "bologna", "florence", "firenze", "naples", "napoli",
    "lisbon", "lisboa", "porto", "braga", "são paulo", "sao paulo", "rio de janeiro", "belo horizonte",
    "amsterdam", "rotterdam", "the hague", "den haag", "utrecht", "eindhoven", "warsaw", "warszawa", "kraków",
    "krakow", "wrocław", "wroclaw", "gdańsk", "gdansk", "poznań", "poznan", "łódź", "lodz", "katowice",
    "london", "manchester", "edinburgh", "glasgow", "bristol", "cambridge", "oxford", "leeds", "birmingham",
    "dublin", "cork", "new york", "new york city", "nyc", "san francisco", "sf", "bay area", "seattle", "boston",
    "austin", "chicago", "los angeles", "denver", "toronto", "vancouver", "montreal", "montréal",
    "mexico city", "buenos aires", "bogotá", "bogota", "santiago", "stockholm", "copenhagen", "oslo", "helsinki",
    "prague", "tallinn", "luxembourg city", "bangalore", "bengaluru", "tokyo", "sydney", "melbourne",
)
