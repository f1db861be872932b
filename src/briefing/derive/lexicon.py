"""Word lists shipped in code: countries, organisations, titles, speech verbs.

Everything the offline extractor knows about the world lives here, so it can be read
and extended in one place. Nothing is downloaded at run time.
"""

from __future__ import annotations

from dataclasses import dataclass, field


def wordset(text: str) -> frozenset[str]:
    """A set of the whitespace-separated words of ``text``."""
    return frozenset(text.split())


@dataclass(frozen=True)
class Entity:
    """A known country or organisation: its id, display name and every surface form."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    affiliation: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


# id | name | aliases ; separated | demonyms | capital(s) used as metonyms
_COUNTRIES = """
afghanistan|Afghanistan||Afghan|Kabul
albania|Albania||Albanian|Tirana
algeria|Algeria||Algerian|Algiers
argentina|Argentina||Argentine;Argentinian|Buenos Aires
armenia|Armenia||Armenian|Yerevan
australia|Australia||Australian|Canberra
austria|Austria||Austrian|Vienna
azerbaijan|Azerbaijan||Azerbaijani|Baku
bahrain|Bahrain||Bahraini|Manama
bangladesh|Bangladesh||Bangladeshi|Dhaka
belarus|Belarus||Belarusian|Minsk
belgium|Belgium||Belgian|
bosnia-and-herzegovina|Bosnia and Herzegovina|Bosnia|Bosnian|Sarajevo
brazil|Brazil||Brazilian|Brasilia
bulgaria|Bulgaria||Bulgarian|Sofia
cambodia|Cambodia||Cambodian|Phnom Penh
canada|Canada||Canadian|Ottawa
chile|Chile||Chilean|Santiago
china|China|People's Republic of China;PRC|Chinese|Beijing
colombia|Colombia||Colombian|Bogota
croatia|Croatia||Croatian|Zagreb
cuba|Cuba||Cuban|Havana
cyprus|Cyprus||Cypriot|Nicosia
czech-republic|Czech Republic|Czechia|Czech|Prague
denmark|Denmark||Danish|Copenhagen
egypt|Egypt||Egyptian|Cairo
estonia|Estonia||Estonian|Tallinn
ethiopia|Ethiopia||Ethiopian|Addis Ababa
finland|Finland||Finnish|Helsinki
france|France||French|Paris
georgia|Georgia||Georgian|Tbilisi
germany|Germany||German|Berlin
ghana|Ghana||Ghanaian|Accra
greece|Greece||Greek|Athens
hungary|Hungary||Hungarian|Budapest
iceland|Iceland||Icelandic|Reykjavik
india|India||Indian|New Delhi
indonesia|Indonesia||Indonesian|Jakarta
iran|Iran||Iranian|Tehran
iraq|Iraq||Iraqi|Baghdad
ireland|Ireland||Irish|Dublin
israel|Israel||Israeli|
italy|Italy||Italian|Rome
japan|Japan||Japanese|Tokyo
jordan|Jordan||Jordanian|Amman
kazakhstan|Kazakhstan||Kazakh|Astana
kenya|Kenya||Kenyan|Nairobi
kosovo|Kosovo||Kosovar|Pristina
kuwait|Kuwait||Kuwaiti|
latvia|Latvia||Latvian|Riga
lebanon|Lebanon||Lebanese|Beirut
libya|Libya||Libyan|Tripoli
lithuania|Lithuania||Lithuanian|Vilnius
luxembourg|Luxembourg||Luxembourgish|
malaysia|Malaysia||Malaysian|Kuala Lumpur
mali|Mali||Malian|Bamako
mexico|Mexico||Mexican|Mexico City
moldova|Moldova||Moldovan|Chisinau
mongolia|Mongolia||Mongolian|Ulaanbaatar
montenegro|Montenegro||Montenegrin|Podgorica
morocco|Morocco||Moroccan|Rabat
myanmar|Myanmar|Burma|Burmese|Naypyitaw
netherlands|Netherlands|Holland|Dutch|Amsterdam;The Hague
new-zealand|New Zealand||New Zealander|Wellington
niger|Niger||Nigerien|Niamey
nigeria|Nigeria||Nigerian|Abuja
north-korea|North Korea|DPRK|North Korean|Pyongyang
north-macedonia|North Macedonia||Macedonian|Skopje
norway|Norway||Norwegian|Oslo
oman|Oman||Omani|Muscat
pakistan|Pakistan||Pakistani|Islamabad
palestine|Palestinian territories|Palestine|Palestinian|Ramallah
peru|Peru||Peruvian|Lima
philippines|Philippines|the Philippines|Philippine;Filipino|Manila
poland|Poland||Polish|Warsaw
portugal|Portugal||Portuguese|Lisbon
qatar|Qatar||Qatari|Doha
romania|Romania||Romanian|Bucharest
russia|Russia|Russian Federation|Russian|Moscow
saudi-arabia|Saudi Arabia||Saudi|Riyadh
serbia|Serbia||Serbian|Belgrade
singapore|Singapore||Singaporean|
slovakia|Slovakia||Slovak|Bratislava
slovenia|Slovenia||Slovenian|Ljubljana
somalia|Somalia||Somali|Mogadishu
south-africa|South Africa||South African|Pretoria
south-korea|South Korea|Republic of Korea|South Korean|Seoul
spain|Spain||Spanish|Madrid
sudan|Sudan||Sudanese|Khartoum
sweden|Sweden||Swedish|Stockholm
switzerland|Switzerland||Swiss|Bern
syria|Syria||Syrian|Damascus
taiwan|Taiwan||Taiwanese|Taipei
thailand|Thailand||Thai|Bangkok
tunisia|Tunisia||Tunisian|Tunis
turkey|Turkey|Türkiye;Turkiye|Turkish|Ankara
ukraine|Ukraine||Ukrainian|Kyiv;Kiev
united-arab-emirates|United Arab Emirates|UAE;U.A.E.;Emirates|Emirati|Abu Dhabi
united-kingdom|United Kingdom|Britain;Great Britain;U.K.;UK|British|London
united-states|United States|U.S.;US;USA;U.S.A.;America;United States of America|American|Washington
uzbekistan|Uzbekistan||Uzbek|Tashkent
venezuela|Venezuela||Venezuelan|Caracas
vietnam|Vietnam|Viet Nam|Vietnamese|Hanoi
yemen|Yemen||Yemeni|Sanaa
andorra|Andorra||Andorran|
angola|Angola||Angolan|Luanda
bahamas|Bahamas|the Bahamas|Bahamian|Nassau
barbados|Barbados||Barbadian|
belize|Belize||Belizean|
benin|Benin||Beninese|Porto-Novo
bhutan|Bhutan||Bhutanese|Thimphu
bolivia|Bolivia||Bolivian|La Paz
botswana|Botswana||Botswanan|Gaborone
brunei|Brunei||Bruneian|
burkina-faso|Burkina Faso||Burkinabe|Ouagadougou
burundi|Burundi||Burundian|Gitega
cameroon|Cameroon||Cameroonian|Yaounde
chad|Chad||Chadian|N'Djamena
comoros|Comoros||Comorian|
congo|Republic of the Congo|Congo-Brazzaville|Congolese|Brazzaville
costa-rica|Costa Rica||Costa Rican|
djibouti|Djibouti||Djiboutian|
dominica|Dominica|||
ecuador|Ecuador||Ecuadorian|Quito
el-salvador|El Salvador||Salvadoran|San Salvador
eritrea|Eritrea||Eritrean|Asmara
eswatini|Eswatini|Swaziland|Swazi|Mbabane
fiji|Fiji||Fijian|Suva
gabon|Gabon||Gabonese|Libreville
gambia|Gambia|the Gambia|Gambian|Banjul
grenada|Grenada||Grenadian|
guatemala|Guatemala||Guatemalan|Guatemala City
guinea|Guinea||Guinean|Conakry
guyana|Guyana||Guyanese|
haiti|Haiti||Haitian|Port-au-Prince
honduras|Honduras||Honduran|Tegucigalpa
jamaica|Jamaica||Jamaican|
kiribati|Kiribati|||
kyrgyzstan|Kyrgyzstan||Kyrgyz|Bishkek
laos|Laos||Laotian|Vientiane
lesotho|Lesotho|||Maseru
liberia|Liberia||Liberian|Monrovia
liechtenstein|Liechtenstein|||Vaduz
madagascar|Madagascar||Malagasy|Antananarivo
malawi|Malawi||Malawian|Lilongwe
maldives|Maldives|the Maldives|Maldivian|
malta|Malta||Maltese|Valletta
mauritania|Mauritania||Mauritanian|Nouakchott
mauritius|Mauritius||Mauritian|Port Louis
monaco|Monaco||Monegasque|
mozambique|Mozambique||Mozambican|Maputo
namibia|Namibia||Namibian|Windhoek
nepal|Nepal||Nepali;Nepalese|Kathmandu
nicaragua|Nicaragua||Nicaraguan|Managua
panama|Panama||Panamanian|
paraguay|Paraguay||Paraguayan|Asuncion
rwanda|Rwanda||Rwandan|Kigali
samoa|Samoa||Samoan|Apia
senegal|Senegal||Senegalese|Dakar
sierra-leone|Sierra Leone||Sierra Leonean|Freetown
south-sudan|South Sudan||South Sudanese|Juba
sri-lanka|Sri Lanka||Sri Lankan|Colombo
suriname|Suriname||Surinamese|Paramaribo
tajikistan|Tajikistan||Tajik|Dushanbe
tanzania|Tanzania||Tanzanian|Dodoma
togo|Togo||Togolese|Lome
turkmenistan|Turkmenistan||Turkmen|Ashgabat
uganda|Uganda||Ugandan|Kampala
uruguay|Uruguay||Uruguayan|Montevideo
zambia|Zambia||Zambian|Lusaka
zimbabwe|Zimbabwe||Zimbabwean|Harare
"""

# id | name | aliases | kind | affiliation (country id or empty)
_ORGS = """
nato|NATO|Nato;North Atlantic Treaty Organization;North Atlantic Treaty Organisation|organization|
european-union|European Union|EU;E.U.|organization|
european-commission|European Commission|the Commission|organization|european-union
european-parliament|European Parliament||organization|european-union
european-council|European Council||organization|european-union
european-central-bank|European Central Bank|ECB|organization|european-union
united-nations|United Nations|UN;U.N.|organization|
un-security-council|UN Security Council|U.N. Security Council;Security Council|organization|
g7|G7|Group of Seven;G-7|organization|
g20|G20|Group of 20;G-20|organization|
imf|International Monetary Fund|IMF|organization|
world-bank|World Bank||organization|
who|World Health Organization|WHO|organization|
iaea|International Atomic Energy Agency|IAEA|organization|
opec|OPEC|Organization of the Petroleum Exporting Countries|organization|
osce|OSCE|Organization for Security and Co-operation in Europe|organization|
african-union|African Union|AU|organization|
asean|ASEAN|Association of Southeast Asian Nations|organization|
icc|International Criminal Court|ICC|organization|
icj|International Court of Justice|ICJ|organization|
red-cross|International Committee of the Red Cross|ICRC;Red Cross|organization|
council-of-europe|Council of Europe||organization|
kremlin|Kremlin|the Kremlin|organization|russia
white-house|White House|the White House|organization|united-states
pentagon|Pentagon|the Pentagon;Department of Defense;Defense Department|organization|united-states
us-state-department|State Department|Department of State|organization|united-states
us-congress|Congress|U.S. Congress|organization|united-states
us-senate|U.S. Senate|Senate|organization|united-states
cia|CIA|Central Intelligence Agency|organization|united-states
fbi|FBI|Federal Bureau of Investigation|organization|united-states
federal-reserve|Federal Reserve|the Fed|organization|united-states
bundestag|Bundestag||organization|germany
bundeswehr|Bundeswehr||organization|germany
elysee|Élysée Palace|Elysee;Élysée;Elysee Palace|organization|france
downing-street|Downing Street|No. 10|organization|united-kingdom
verkhovna-rada|Verkhovna Rada|the Rada|organization|ukraine
duma|State Duma|Duma|organization|russia
oas|Organization of American States|OAS|organization|
ecowas|Economic Community of West African States|ECOWAS|organization|
arab-league|Arab League|League of Arab States|organization|
gcc|Gulf Cooperation Council|GCC|organization|
mercosur|Mercosur||organization|
wto|World Trade Organization|WTO|organization|
unicef|UNICEF||organization|united-nations
unhcr|UNHCR|U.N. refugee agency;UN refugee agency|organization|united-nations
wfp|World Food Programme|WFP|organization|united-nations
unrwa|UNRWA||organization|united-nations
interpol|Interpol||organization|
europol|Europol||organization|european-union
amnesty-international|Amnesty International|Amnesty|organization|
human-rights-watch|Human Rights Watch||organization|
msf|Doctors Without Borders|MSF;Medecins Sans Frontieres;Médecins Sans Frontières|organization|
red-crescent|Red Crescent||organization|
usgs|United States Geological Survey|USGS;U.S. Geological Survey|organization|united-states
palestinian-authority|Palestinian Authority||organization|palestine
islamic-jihad|Islamic Jihad|Palestinian Islamic Jihad|group|
al-shabaab|al-Shabaab|Al-Shabaab;al Shabaab|group|
boko-haram|Boko Haram||group|
pkk|PKK|Kurdistan Workers' Party|group|
rsf|Rapid Support Forces|RSF|group|
m23|M23|M23 rebels|group|
hamas|Hamas||group|
hezbollah|Hezbollah||group|
houthis|Houthis|Houthi rebels;the Houthis|group|
taliban|Taliban|the Taliban|group|
islamic-state|Islamic State|ISIS;ISIL|group|
wagner-group|Wagner Group|Wagner|group|
"""

# Heads of state and government, and other very frequently named officials, for
# articles that only give a surname ("Biden said"). Full names only; the surname is
# the last word unless listed after a "=".
FAMOUS_PEOPLE = """
Joe Biden
Kamala Harris
Donald Trump
Barack Obama
Antony Blinken
Lloyd Austin
Jake Sullivan
Vladimir Putin
Sergei Lavrov
Dmitry Peskov
Sergei Shoigu
Dmitry Medvedev
Volodymyr Zelenskyy=Zelenskyy;Zelensky;Zelenskiy
Dmytro Kuleba
Olaf Scholz
Emmanuel Macron
Rishi Sunak
Keir Starmer
Giorgia Meloni
Viktor Orbán=Orbán;Orban
Xi Jinping=Xi
Li Qiang=Li
Narendra Modi
Recep Tayyip Erdoğan=Erdoğan;Erdogan
Benjamin Netanyahu
Jens Stoltenberg
Mark Rutte
Ursula von der Leyen=von der Leyen
Charles Michel
Josep Borrell
António Guterres=Guterres
Fumio Kishida
Yoon Suk Yeol=Yoon
Kim Jong Un=Kim
Alexander Lukashenko
Andrzej Duda
Donald Tusk
Pedro Sánchez=Sánchez;Sanchez
Justin Trudeau
Anthony Albanese
Luiz Inácio Lula da Silva=Lula
Mohammed bin Salman
Ali Khamenei=Khamenei
Masoud Pezeshkian
Bashar al-Assad=Assad
"""

_NICKNAMES = {
    "joe": "joseph",
    "bill": "william",
    "bob": "robert",
    "mike": "michael",
    "tony": "anthony",
    "jim": "james",
    "tom": "thomas",
    "dick": "richard",
    "liz": "elizabeth",
    "kate": "catherine",
    "alex": "alexander",
    "dan": "daniel",
    "ben": "benjamin",
    "sam": "samuel",
    "chris": "christopher",
    "nick": "nicholas",
    "dave": "david",
    "steve": "steven",
    "andy": "andrew",
    "pete": "peter",
}


def nickname_of(first: str) -> str:
    """``Joe`` and ``Joseph`` compare equal through this."""
    low = first.lower()
    return _NICKNAMES.get(low, low)


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(";") if v.strip())


def _load_countries() -> list[Entity]:
    out = []
    for line in _COUNTRIES.strip().splitlines():
        cid, name, aliases, demonyms, capitals = line.split("|")
        out.append(
            Entity(cid, name, "country", _split(aliases), _split(demonyms), _split(capitals))
        )
    return out


def _load_orgs() -> list[Entity]:
    out = []
    for line in _ORGS.strip().splitlines():
        oid, name, aliases, kind, affiliation = line.split("|")
        out.append(Entity(oid, name, kind, _split(aliases), affiliation=affiliation or None))
    return out


COUNTRIES: list[Entity] = _load_countries()
ORGS: list[Entity] = _load_orgs()
BY_ID: dict[str, Entity] = {e.id: e for e in COUNTRIES + ORGS}


def famous_people() -> dict[str, str]:
    """Surname (and listed short forms) -> full name."""
    out: dict[str, str] = {}
    for line in FAMOUS_PEOPLE.strip().splitlines():
        full, _, short = line.partition("=")
        keys = _split(short) if short else (full.split()[-1],)
        for key in keys:
            out[key] = full
    return out


FAMOUS = famous_people()

# Words that make a capitalised phrase a title or role, not a name.
TITLE_WORDS = wordset(
    """
    president vice prime minister ministers secretary secretary-general chancellor spokesman
    spokeswoman spokesperson chief commander commander-in-chief deputy foreign defense defence
    interior finance economy energy trade justice health education agriculture home state
    general gen. gen lt. lt col. col maj. sgt. adm. admiral colonel major lieutenant captain
    sen. sen senator rep. rep representative gov. gov governor mayor king queen prince princess
    pope ambassador envoy director chairman chairwoman chair speaker leader premier emir sheikh
    crown mr. mr ms. ms mrs. mrs dr. dr prof. professor judge justice attorney adviser advisor
    commissioner head ceo executive officer minister-president first lady former acting
    national security special high representative supreme chairperson
    """
)

# Role nouns: a phrase containing one of these (any case) is a role.
ROLE_NOUNS = wordset(
    """
    president president-elect prime minister secretary secretary-general chancellor spokesman
    spokeswoman spokesperson spokespeople chief commander commander-in-chief general admiral
    colonel major lieutenant captain senator lawmaker representative congressman congresswoman
    governor mayor king queen prince pope ambassador envoy director chairman chairwoman chair
    speaker leader premier commissioner adviser advisor aide official diplomat analyst expert
    professor researcher head deputy negotiator coordinator ceo executive founder economist
    judge prosecutor attorney officer emir sheikh monarch
    """
)

SPEECH_VERBS = (
    "said|says|say|told|tells|wrote|writes|added|adds|noted|notes|stressed|stresses|warned|"
    "warns|argued|argues|insisted|insists|asked|asks|announced|announces|claimed|claims|"
    "stated|states|explained|explains|replied|replies|continued|tweeted|posted|declared|"
    "declares|emphasized|emphasised|emphasizes|emphasises|acknowledged|acknowledges|"
    "admitted|admits|conceded|concedes|recalled|recalls|remarked|urged|urges|called|calls|"
    "described|describes|suggested|suggests|predicted|predicts|promised|promises|vowed|vows|"
    "pledged|pledges|confirmed|confirms|denied|denies|welcomed|welcomes|accused|accuses|"
    "cautioned|cautions|observed|pointed out|put it|responded|answered|indicated|"
    "reiterated|reiterates|underlined|underscored|complained|boasted|thanked|"
    "according to|quoted|saying|adding|writing|noting|telling|warning|insisting|arguing|"
    "suggesting|calling|describing|claiming|stressing|urging|promising|vowing|commented|"
    "commenting|emphasizing|emphasising|declaring|announcing|explaining|recalling"
)

MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}

# Capitalised words that start sentences or headings and are never names.
NOT_NAMES = wordset(
    """
    The A An This That These Those It Its He She They We I You Our Their His Her But And Or
    If When While After Before Since As At In On Of For From To With Without By Under Over
    During Despite Although Though However Meanwhile Still Yet Also Earlier Later Last Next
    One Two Three Four Five Six Seven Eight Nine Ten Some Many Most Several Both Each Every
    No Not Neither Nor Asked Speaking Writing According There Here What Who Whom Whose Which
    Why How Where Then Now Today Tonight Yesterday Tomorrow Instead Indeed Even Only Just
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April
    May June July August September October November December Jan Feb Mar Apr Jun Jul Aug Sep
    Sept Oct Nov Dec Mr Ms Mrs Dr Sir Madam Prof AP Reuters Telegram Facebook Twitter X
    Instagram YouTube TikTok WhatsApp LinkedIn Western Eastern Northern Southern Central
    Let Please Thank Thanks Yes Well Oh So Because Once Such Any All Another Other Further
    Unlike Like Amid Among Across Against Along Around Between Beyond Into Near Per Through
    Toward Towards Upon Via Within God Internet Christmas Easter Ramadan
    """
)

# Last words that make a capitalised phrase a place or thing, not a person.
NOT_PERSON_HEADS = wordset(
    """
    Sea Ocean River Lake Gulf Bay Strait Channel Canal Peninsula Island Islands Mountains Mount
    Valley Desert Region Oblast Province Republic Kingdom State States City Town Village
    District County Street Avenue Square Road Bridge Palace House Building Tower Airport Port
    Station Center Centre Base Plant Reactor Forces Force Army Navy Guard Guards Corps Party
    Ministry Department Agency Authority Council Commission Committee Union Organization
    Organisation Institute University College School Bank Fund Court Parliament Assembly
    Congress Senate Office Service Services Corporation Company Group Association Federation
    Alliance Coalition Front Movement Police Cabinet Government Administration Times Post
    Journal News Press Agency Television Radio Network Day War Wars Summit Conference Forum
    Treaty Accord Agreement Act Plan Program Programme Initiative Project Pipe Pipeline Line
    Stream Reef Shoal Mission Operation Channel Exchange Market Index Prize Award Cup Games
    Olympics Airlines Airways Motors Systems Technologies Holdings Energy Oil Gas Inc Ltd
    Corp Co LLC AG SA Embassy Consulate Command Bureau Directorate
    """
)

ORG_HEADS = wordset(
    """
    Ministry Department Agency Authority Council Commission Committee Party Union Organization
    Organisation Institute Bank Fund Court Parliament Assembly Senate Office Service Corporation
    Company Group Association Federation Alliance Coalition Front Movement Police Cabinet
    Government Administration Forces Army Navy Guard Corps Inc Ltd Corp LLC Embassy Consulate
    Command Secretariat Directorate Bureau Inspectorate Prosecutor's Survey Board Foundation
    Holdings Airlines Airways
    """
)

# Last words that make a capitalised name a company ("Northsound Ferries", "Harbour
# Freight Lines", "Kestrel Pharmaceuticals"): never a person's surname.
COMPANY_HEADS = wordset(
    """
    Ferries Lines Shipping Freight Logistics Industries Motors Railways Airlines Airways
    Telecom Telecoms Pharmaceuticals Pharma Insurance Partners Ventures Foods Breweries Brewery
    Works Mills Mines Mining Resources Networks Labs Laboratories Utilities Chemicals Petroleum
    Steelworks Shipyards Shipbuilding Aerospace Semiconductors Robotics Biotech Therapeutics
    Bancorp Capital Investments Properties Construction Enterprises Holdings Systems
    Technologies Inc Ltd Corp plc PLC GmbH SpA NV BV ASA Oyj
    """
)

GIVEN_NAMES = wordset(
    """
    Aaron Abdul Abdullah Adam Adrian Ahmed Ahmad Aidan Alan Albert Aleksandr Aleksander Alex
    Alexander Alexandra Alexei Alexey Ali Alice Alicia Alison Amanda Amir Amy Ana Anatoly
    Andrea Andreas Andrei Andrej Andrew Andriy Andrzej Angela Anna Anne Annalena Antonio
    Anthony Anton Arnold Arseniy Artem Astrid Barbara Ben Benjamin Bernard Bill Boris Brian
    Carl Carlos Carmen Caroline Catherine Charles Charlotte Chris Christian Christine
    Christopher Claire Claudia Daniel Daniela David Denis Dennis Dmitri Dmitry Dmytro Donald
    Eduard Elena Elizabeth Ellen Emily Emma Emmanuel Eric Erik Eva Evgeny Fatima Felix
    Francesco Francis Frank Franz Friedrich Gabriel George Georgiy Gerhard Giorgia Giuseppe
    Grace Gregory Hans Hana Hannah Hassan Heinz Helen Helena Henrik Henry Hugo Hussein Igor
    Ihor Ilya Ingrid Irina Isabel Ivan Jacob Jake James Jan Jane Janet Jean Jennifer Jim
    Joan Joe Johan Johann John Jonathan Jorge Jose Josep Joseph Juan Julia Julian Karen Karl
    Katarzyna Kate Katherine Kenji Kevin Kim Klaus Kurt Lars Laura Leo Li Lin Linda Lisa Lloyd
    Louis Lucas Luis Lukas Magdalena Maria Marie Marek Marco Margaret Maria Marieke Mark
    Markus Martin Mary Matteo Matthew Michael Michel Michelle Mikhail Mohammed Muhammad
    Mykola Nancy Natalia Nicholas Nicolas Nikolai Nina Oksana Oleg Oleksandr Oleksiy
    Olena Olga Oliver Olivier Omar Pablo Patrick Paul Pavel Pedro Peter Petr Petro Philip
    Philippe Pierre Pieter Piotr Priya Rafael Rahul Ralf Ramzan Raphael Rebecca Richard Rishi
    Robert Roman Ruslan Sam Samuel Sarah Sebastian Selin Serhiy Sergei
    Sergey Sergiy Sofia Sophie Stefan Stephen Steven Susan Sven Svetlana Taras Teresa
    Thomas Tim Timothy Tomasz Tom Tony Ursula Valentina Valery Vasyl Victor Viktor Vitali
    Vladimir Vladislav Volodymyr Walter William Wolfgang Xavier Yan Yana Yevgeny Yulia Yuri
    Yuriy Zhang Zoltan
    """
)
