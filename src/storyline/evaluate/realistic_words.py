"""Words and sentence templates of the realistic generated day (:mod:`storyline.evaluate.realistic`).

Data only. Countries are real (so that many stories share them, as a day of world news does);
people, cities and companies are made up from the name lists below, so no real person is quoted.
Templates are written in the register of wire copy: a dateline lead, numbers, attributed
statements, direct quotes, reactions from abroad and background paragraphs that any story about
the same country may repeat (the shared words that make grouping at density hard).
"""

from __future__ import annotations

#: (country, demonym, capital); the order is the popularity order (Zipf weights by rank).
COUNTRIES = [
    ("the United States", "American", "Washington"), ("China", "Chinese", "Beijing"),
    ("Russia", "Russian", "Moscow"), ("Ukraine", "Ukrainian", "Kyiv"), ("Israel", "Israeli", "Jerusalem"),
    ("France", "French", "Paris"), ("Germany", "German", "Berlin"), ("Britain", "British", "London"),
    ("India", "Indian", "New Delhi"), ("Iran", "Iranian", "Tehran"), ("Turkey", "Turkish", "Ankara"),
    ("Brazil", "Brazilian", "Brasilia"), ("Japan", "Japanese", "Tokyo"), ("Mexico", "Mexican", "Mexico City"),
    ("Egypt", "Egyptian", "Cairo"), ("Pakistan", "Pakistani", "Islamabad"), ("Nigeria", "Nigerian", "Abuja"),
    ("Italy", "Italian", "Rome"), ("Spain", "Spanish", "Madrid"), ("South Africa", "South African", "Pretoria"),
    ("Indonesia", "Indonesian", "Jakarta"), ("Poland", "Polish", "Warsaw"), ("Canada", "Canadian", "Ottawa"),
    ("Australia", "Australian", "Canberra"), ("Argentina", "Argentine", "Buenos Aires"),
    ("Kenya", "Kenyan", "Nairobi"), ("Saudi Arabia", "Saudi", "Riyadh"), ("Syria", "Syrian", "Damascus"),
    ("Venezuela", "Venezuelan", "Caracas"), ("Ethiopia", "Ethiopian", "Addis Ababa"),
    ("Colombia", "Colombian", "Bogota"), ("Philippines", "Philippine", "Manila"),
    ("Vietnam", "Vietnamese", "Hanoi"), ("Greece", "Greek", "Athens"), ("Sweden", "Swedish", "Stockholm"),
    ("Chile", "Chilean", "Santiago"), ("Peru", "Peruvian", "Lima"), ("Morocco", "Moroccan", "Rabat"),
    ("Bangladesh", "Bangladeshi", "Dhaka"), ("Hungary", "Hungarian", "Budapest"),
]
#: The offices every country has; each gets one made-up holder per country, shared by all stories.
OFFICES = ["president", "prime minister", "foreign minister", "finance minister", "opposition leader"]
FIRST_NAMES = """James Maria Ahmed Olga Chen Fatima Luis Anna Kenji Amara Pierre Sofia Ivan Leila Carlos
Ingrid Rahul Nadia Tomasz Aisha Diego Hana Mehmet Elena Samuel Yuki Omar Clara Viktor Grace Pedro
Lucia Hassan Marta Daniel Priya Jonas Zara Felipe Irina Kwame Sara Andrei Mei Rafael Noor Erik Ines
Tariq Julia Mateo Amina Stefan Laura Hiro Yara Lars Paula Emeka Nina""".split()
SURNAMES = """Okafor Lindqvist Moreau Haddad Kowalski Tanaka Ferreira Novak Castillo Petrov Mensah
Rahman Bauer Delacroix Sato Abebe Gutierrez Ivanova Demir Kaplan Mwangi Rossi Varga Oliveira Nguyen
Hoffmann Nasser Eriksen Morales Yilmaz Adeyemi Fischer Costa Popescu Kim Santos Jansen Alvarez Hussain
Kovacs Wright Dubois Marin Chowdhury Lehmann Ortega Soto Hashemi Andersen Barros Keller Mbeki Nakamura
Vasquez Richter Aziz Lopez Brennan Farouk Sorensen Molina Takahashi Zielinski Otieno Romero Weiss Acosta
Galli Nieminen Reyes Horvath Kariuki Duarte Berger Salazar Ozturk Lambert Wojcik Quinn Halvorsen Serrano
Baptiste Mirza Olsen Cardenas Voss Ibrahim Ferrari Kaur Lindgren Pavlov Mendez Achebe Strand""".split()
#: Syllables of made-up city and company names.
SYLLABLES = ["val", "dor", "ia", "mar", "ken", "sa", "lo", "bri", "ta", "nor", "vex", "ar", "ul", "mon",
             "te", "ri", "gan", "zo", "le", "pha", "cor", "din", "ess", "ka", "ros", "vin", "tal", "bor"]
COMPANY_KINDS = ["Energy", "Holdings", "Motors", "Pharma", "Logistics", "Bank", "Telecom", "Mining",
                 "Steel", "Airlines", "Foods", "Systems"]
ORGS = ["the United Nations", "the European Union", "the World Health Organization",
        "the International Monetary Fund", "NATO", "the World Bank", "the Red Cross",
        "the African Union", "Amnesty International", "Human Rights Watch", "the World Trade Organization"]
LOCAL_ROLES = ["mayor of {city}", "governor of the {city} region", "police chief in {city}",
               "a spokesperson for {company}", "chief executive of {company}", "a lawyer for the families",
               "a senior official at the interior ministry", "head of the {city} hospital",
               "a union leader in {city}", "an aid worker in {city}"]
EXPERT_ROLES = ["an analyst at the {thinktank}", "a professor at the University of {capital}",
                "an economist at {bank}", "a researcher at the {thinktank}"]
THINKTANKS = ["Institute for Strategic Studies", "Centre for Policy Research", "Global Security Forum",
              "Council on Economic Affairs", "Institute of International Relations"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
OUTLETS = ["Meridian Press", "Atlas News Agency", "Daily Ledger", "Morning Post", "Global Times Online",
           "City Herald", "Northern Echo", "Coastal News", "Capital Review", "Metro Journal",
           "The Observer Weekly", "World Desk", "Evening Standard Online", "Harbour Gazette",
           "Continental Tribune", "Sunday Courier", "The National Wire", "Frontline Report",
           "Pacific Bulletin", "Union Chronicle"]
#: Wire agencies: their reports are copied whole by other outlets.
WIRES = ["Meridian Press", "Atlas News Agency", "The National Wire"]

#: Per kind of story: its noun, lead sentences, facts of an event, and what its people say.
KINDS: dict[str, dict[str, list[str]]] = {
    "earthquake": {
        "noun": ["earthquake"],
        "lead": ["A magnitude {mag} earthquake struck near {city} in {country} on {weekday}, killing at least {n1} people and damaging thousands of buildings.",
                 "Rescue teams in {country} searched through the rubble of collapsed homes in {city} on {weekday} after a powerful earthquake killed at least {n1} people."],
        "fact": ["The quake hit at a depth of {n3} kilometres, according to the national seismological institute.",
                 "At least {n2} people were injured and more than {n4} buildings were destroyed or damaged.",
                 "Aftershocks continued to shake {city} through the night, forcing families to sleep outdoors.",
                 "The death toll rose to {n1} as rescuers reached villages cut off by landslides.",
                 "Hospitals in {city} said they were treating {n2} injured people and running short of blood."],
        "say": ["we are doing everything possible to reach the people still trapped",
                "the buildings that fell were built before the new safety code",
                "we need tents, water and medicine more than anything else"],
    },
    "floods": {
        "noun": ["floods", "flooding"],
        "lead": ["Floods triggered by days of torrential rain killed at least {n1} people in {country} and forced {n4} residents of {city} from their homes on {weekday}.",
                 "Swollen rivers burst their banks across the {city} region of {country} on {weekday}, leaving at least {n1} people dead."],
        "fact": ["More than {n4} homes were under water and {n2} people were reported missing.",
                 "The river at {city} rose {n3} metres above its normal level, the water agency said.",
                 "Emergency crews used boats to evacuate residents trapped on rooftops.",
                 "Forecasters warned that more rain was expected over the next {n5} days.",
                 "Farmers said the floods had destroyed crops across {n4} hectares."],
        "say": ["the water came so fast that people had no time to leave",
                "the drainage system was never designed for this much rain",
                "we will rebuild every home that was lost"],
    },
    "election": {
        "noun": ["election", "vote"],
        "lead": ["Voters in {country} went to the polls on {weekday} in a closely fought election seen as a test for {leader}, the {leader_office}.",
                 "Preliminary results from {country}'s election on {weekday} showed the ruling party winning {n5} percent of the vote, short of a majority."],
        "fact": ["Turnout was {n5} percent, the electoral commission said, up from the last election.",
                 "The ruling party won {n2} of the {n4} seats in parliament, according to official results.",
                 "Observers from {org} reported irregularities at {n3} polling stations in {city}.",
                 "The opposition accused the government of using state media to sway voters.",
                 "Counting continued overnight in {city}, where long queues formed at polling stations."],
        "say": ["the people have chosen stability over chaos",
                "we will not accept results that were obtained by fraud",
                "this vote shows that the country wants change"],
    },
    "trade talks": {
        "noun": ["trade talks", "negotiations"],
        "lead": ["Negotiators from {country} and {country2} resumed trade talks in {city} on {weekday}, seeking to end a dispute over tariffs worth {n2} billion dollars.",
                 "{country} and {country2} agreed on {weekday} to cut tariffs on {n3} categories of goods after two days of talks in {city}."],
        "fact": ["The dispute has disrupted trade worth {n2} billion dollars a year between the two countries.",
                 "Tariffs of up to {n5} percent on steel and farm goods remain in place.",
                 "Business groups in {country2} said the tariffs had already cost {n4} jobs.",
                 "The talks are expected to continue next week at the level of ministers.",
                 "Exports from {country} to {country2} fell {n5} percent last year."],
        "say": ["a fair deal is within reach if both sides show flexibility",
                "we will defend our farmers and our workers",
                "the tariffs hurt consumers in both countries"],
    },
    "strike": {
        "noun": ["strike", "walkout"],
        "lead": ["Thousands of workers at {company} walked off the job in {country} on {weekday}, halting production at {n3} plants in a dispute over pay.",
                 "A nationwide strike by transport workers paralysed {city} and other cities in {country} on {weekday}."],
        "fact": ["The union is demanding a pay rise of {n5} percent to make up for inflation.",
                 "About {n4} workers took part in the strike, according to union figures.",
                 "Management said the strike was costing {n2} million dollars a day.",
                 "Trains and buses in {city} ran at a fraction of their normal service.",
                 "Talks between the union and {company} broke down late on {weekday}."],
        "say": ["workers cannot feed their families on these wages",
                "the company has made a fair offer and the union should accept it",
                "we are ready to strike for as long as it takes"],
    },
    "trial": {
        "noun": ["trial", "corruption trial"],
        "lead": ["A court in {city} on {weekday} opened the corruption trial of {local}, a former minister accused of taking {n2} million dollars in bribes.",
                 "Prosecutors in {country} on {weekday} asked for a {n5}-year prison sentence for {local}, accused of embezzling public funds."],
        "fact": ["Prosecutors say {n2} million dollars was moved through accounts abroad.",
                 "The defence called {n3} witnesses over the course of the hearing.",
                 "The judge rejected a request to move the trial to another court.",
                 "{local} denies all the charges and says the case is politically motivated.",
                 "A verdict is expected within {n5} weeks, court officials said."],
        "say": ["my client has done nothing wrong and will be cleared",
                "no one is above the law, however powerful",
                "this case is about the money that was stolen from ordinary people"],
    },
    "protests": {
        "noun": ["protests", "demonstrations"],
        "lead": ["Tens of thousands of people marched through {city} on {weekday} to protest against {leader}'s plan to raise fuel prices, in the largest demonstrations in {country} for years.",
                 "Police in {city} fired tear gas at protesters on {weekday} as demonstrations against the government spread across {country}."],
        "fact": ["At least {n2} people were arrested and {n3} police officers were injured, the interior ministry said.",
                 "Organisers put the number of marchers at {n4}, while police said there were far fewer.",
                 "Shops in central {city} stayed closed as the crowds gathered in the main square.",
                 "The protests began {n5} days ago after the government announced the new measures.",
                 "Rights groups accused the police of using excessive force against peaceful marchers."],
        "say": ["we will stay in the streets until the government listens",
                "violence will not be tolerated and those responsible will be punished",
                "the young people of this country have no future under these policies"],
    },
    "wildfire": {
        "noun": ["wildfire", "fires"],
        "lead": ["A wildfire fanned by strong winds forced the evacuation of {n4} people near {city} in {country} on {weekday}.",
                 "Firefighters in {country} battled on {weekday} to contain a wildfire that has burned {n4} hectares of forest around {city}."],
        "fact": ["More than {n3} firefighters and {n5} aircraft were deployed against the flames.",
                 "The fire destroyed {n2} homes in villages outside {city}.",
                 "Temperatures above {n5} degrees and dry winds made the fire hard to control.",
                 "Smoke from the fire closed roads and schools across the region.",
                 "Investigators were trying to establish whether the fire was started deliberately."],
        "say": ["we lost everything in less than an hour",
                "the fire is still not under control and the wind is changing",
                "climate change is making these fires longer and more dangerous"],
    },
    "ceasefire": {
        "noun": ["ceasefire", "truce"],
        "lead": ["A ceasefire between government forces and rebels in {country} took effect on {weekday} after talks brokered by {org} in {city}.",
                 "Fighting resumed near {city} on {weekday}, threatening a fragile ceasefire in {country} agreed {n5} days ago."],
        "fact": ["The conflict has killed more than {n4} people and displaced {n2} thousand.",
                 "Monitors from {org} will oversee the truce along a front line of {n3} kilometres.",
                 "Both sides accused each other of violating the agreement within hours.",
                 "Aid convoys were allowed into {city} for the first time in weeks.",
                 "The agreement provides for an exchange of {n3} prisoners."],
        "say": ["this agreement is a first step towards a lasting peace",
                "we will respond to any attack on our positions",
                "civilians have paid the highest price in this war"],
    },
    "merger": {
        "noun": ["merger", "takeover"],
        "lead": ["{company} agreed on {weekday} to buy {company2} for {n2} billion dollars, creating one of the largest groups in its industry.",
                 "Regulators in {country} said on {weekday} they would examine the planned merger of {company} and {company2}."],
        "fact": ["The deal values {company2} at {n5} dollars a share, a premium of {n3} percent.",
                 "The combined company would employ about {n4} people in {n3} countries.",
                 "Shares of {company2} rose {n5} percent in {city} after the announcement.",
                 "The companies expect savings of {n2} million dollars a year within three years.",
                 "Unions fear that the merger will lead to job cuts at plants in {country}."],
        "say": ["together we will be stronger and better able to compete",
                "we will look closely at the effect on consumers and prices",
                "this deal is good for our shareholders and our customers"],
    },
    "cyberattack": {
        "noun": ["cyberattack", "hack"],
        "lead": ["A cyberattack disrupted hospitals and government services across {country} on {weekday}, officials said, blaming a criminal group.",
                 "{company} said on {weekday} that hackers had stolen the personal data of {n4} customers in {country}."],
        "fact": ["The attackers demanded a ransom of {n2} million dollars in cryptocurrency.",
                 "Systems at {n3} hospitals in {city} were shut down as a precaution.",
                 "Investigators traced the attack to servers in several countries.",
                 "The national cyber agency said it had seen a sharp rise in such attacks this year.",
                 "Customers were advised to change their passwords and watch their accounts."],
        "say": ["we will not pay criminals who attack our hospitals",
                "our systems are being restored one by one",
                "this attack shows how exposed public services have become"],
    },
    "outbreak": {
        "noun": ["outbreak", "epidemic"],
        "lead": ["Health authorities in {country} reported {n2} new cases of cholera around {city} on {weekday}, as the outbreak spread to neighbouring districts.",
                 "{org} said on {weekday} it was sending medical teams to {country} to help contain an outbreak that has killed {n1} people."],
        "fact": ["The outbreak has infected {n4} people since it began {n5} weeks ago.",
                 "Clinics in {city} are running out of rehydration salts and clean water.",
                 "Vaccination teams began work in the worst-hit districts on {weekday}.",
                 "Schools were closed for {n5} days to slow the spread of the disease.",
                 "The health ministry said {n3} health workers had also fallen ill."],
        "say": ["the next two weeks will decide whether we can stop this outbreak",
                "we need clean water in every village",
                "we have enough vaccine for the districts at greatest risk"],
    },
    "summit": {
        "noun": ["summit", "meeting"],
        "lead": ["Leaders of {country} and {country2} met in {city} on {weekday} for a summit expected to focus on security and energy.",
                 "{leader} and {leader2} agreed on {weekday} to expand cooperation on energy and migration at a summit in {city}."],
        "fact": ["The two sides signed {n3} agreements, including one on gas supplies.",
                 "Trade between the two countries reached {n2} billion dollars last year.",
                 "Protesters gathered outside the summit venue in {city}.",
                 "The leaders said they would meet again within {n5} months.",
                 "A joint statement called for an end to the fighting in the region."],
        "say": ["our countries share the same interests and the same concerns",
                "we had frank talks on the questions where we disagree",
                "this summit opens a new chapter in our relations"],
    },
    "bank collapse": {
        "noun": ["bank collapse", "banking crisis"],
        "lead": ["Regulators in {country} took control of {company} on {weekday} after a run on deposits, the largest bank failure in the country since {year}.",
                 "Shares of banks in {country} fell sharply on {weekday} after the collapse of {company}."],
        "fact": ["Customers withdrew {n2} million dollars in a single day before the bank was closed.",
                 "The central bank said deposits of up to {n4} dollars were guaranteed.",
                 "The bank had lent heavily to property developers around {city}.",
                 "The finance ministry said it would not use public money to rescue shareholders.",
                 "Bank shares in {city} lost {n5} percent of their value in two days."],
        "say": ["the banking system as a whole is sound",
                "depositors will get their money back",
                "the regulators ignored the warning signs for years"],
    },
}

#: Sentences any story may use; the slots are filled from the story and the event. Nearly every
#: one names something of its own story (its city, company, people, numbers), as a reporter's
#: sentence does: only a few are the boilerplate that recurs word for word across stories.
GENERIC = [
    "{local}, {local_role}, said the authorities had been preparing for the situation for weeks.",
    "Officials in {city} said the {noun} had caught many residents by surprise.",
    "{leader}, the {leader_office} of {country}, called an emergency meeting of ministers on {weekday} to discuss {city}.",
    "The {demonym} government said it would set up a commission to look into what went wrong in {city}.",
    "{expert}, {expert_role}, said the {noun} would weigh on the economy of the {city} region for months.",
    "The {noun} in {city} dominated the front pages of newspapers in {capital} on {weekday}.",
    "Opposition politicians demanded that the government explain its handling of the {noun} in {city}.",
    "Local media in {city} reported that {n3} people had been detained in connection with the events.",
    "The figures could not be independently verified.",
    "Officials in {city} said the numbers were likely to change as more information came in.",
    "It was not immediately clear how long the situation in {city} would last.",
    "Residents of {city} said they had been left without information for hours.",
    "The interior ministry said it had deployed {n3} extra police officers to {city}.",
    "Television pictures showed crowds gathering in the centre of {city}.",
    "{company}, one of the largest employers in {city}, said its staff were safe.",
    "The {noun} came at a difficult time for {leader}, whose approval ratings have fallen to {n5} percent.",
    "Markets in {capital} fell {n5} percent on {weekday} before recovering some of the losses; shares of {company} fell further.",
    "The embassy of {country2} in {capital} advised its citizens in {city} to follow local news.",
    "A spokesperson for {company} declined to comment when contacted on {weekday}.",
    "Parliament in {capital} is expected to debate the {noun} in {city} next week.",
    "Aid groups said they had sent supplies to {city} but that access remained difficult.",
    "The {noun} in {city} has raised questions about the readiness of the regional authorities.",
    "Schools and offices in {city} reopened on {weekday}, although many residents stayed at home.",
    "Analysts said the events in {city} could affect investment at {company} for some time.",
    "The ministry published a list of {n3} measures for {city} it said would be taken immediately.",
    "Social media users shared pictures and videos from {city} throughout the day.",
    "The mayor's office in {city} set up a telephone line for families seeking information.",
    "Insurers said it was too early to estimate the cost of the {noun} to {company} and other firms in {city}.",
    "{local} said {n3} teams were working around the clock in {city}.",
    "Regional officials met in {city} on {weekday} to coordinate their response.",
    "The national broadcaster interrupted its programmes to carry a statement by {leader} on {city}.",
    "{expert} said the {noun} in {city} was the most serious since {year}.",
    "Families in {city} queued outside the offices of {company} for news on {weekday}.",
    "{local} said {n5} of the {n3} teams sent to {city} had finished their work.",
]
REACTIONS = [
    "{leader2}, the {leader2_office} of {country2}, said his country stood ready to help the people of {city}.",
    "{org} said it was following the situation in {city} closely.",
    "The foreign ministry of {country2} said it was in contact with the authorities in {capital} about {city}.",
    "{org} called on all sides in {city} to act with restraint.",
    "Neighbouring {country2} offered to send {n3} experts and equipment to {city}.",
    "{leader2} spoke by telephone with {leader} on {weekday} about {city}, according to a statement from {capital2}.",
]
BACKGROUND = [
    "{city} has a population of about {pop} thousand people.",
    "The economy of the {city} region grew by {growth} percent last year, according to {org}.",
    "{leader} came to power in {year} promising to fight corruption and create jobs.",
    "{country} has close trade ties with {country2}, and {company} exports much of its output there.",
    "Relations between {country} and {country2} have been tense since a dispute over borders in {year}.",
    "{company} was founded in {city} in {year} and employs about {n4} people.",
    "Inflation in {country} reached {growth} percent in {month}, the highest level in a decade.",
    "{city} last made headlines in {year}, when {noun2} hit the region.",
]
#: What anyone in any story may say (direct or indirect).
GENERIC_SAYS = [
    "we are working closely with all the agencies involved",
    "the priority now is to help the people who have been affected",
    "there will be a full and independent investigation",
    "it is too early to say what caused this",
    "we have been warning about this for years",
    "the government will not abandon the people of {city}",
    "{company} must answer for what happened in {city}",
    "the people of {city} deserve the truth",
    "we expect more information in the coming hours",
    "people are angry and they want answers",
    "this is a difficult day for the whole country",
    "the international community must not look away",
    "we will learn the lessons of what happened",
    "nobody expected it to happen so quickly",
]
#: How a direct quote is attributed; ``{q}`` is the quote, ``{who}`` the speaker, ``{role}`` the role.
QUOTE_FRAMES = [
    "\"{Q},\" {who} said.",
    "\"{Q},\" said {who}, {role}.",
    "{who}, {role}, told reporters: \"{Q}.\"",
    "\"{Q},\" {who} told a news conference in {city} on {weekday}.",
    "{who} said in a statement that {q}.",
    "According to {who}, {q}.",
]
UPDATE_LEADS = [
    "The number of dead rose to {n1} on {weekday}, officials said, as the full scale of the {noun} became clear.",
    "Authorities in {country} revised their figures on {weekday}, saying {n2} people were now affected.",
    "New details emerged on {weekday} about the {noun} in {city}, as investigators released their first findings.",
]
SIGN_OFFS = ["Reporting by {a}; editing by {b}.", "Additional reporting by {a} in {capital}.",
             "({a} reported from {city}; {b} contributed from {capital}.)"]

#: Interchangeable wordings: each story's reporters use one of each (a day's stories share topics,
#: not sentences). The first form is the one the templates above are written with.
STYLES = [
    ["officials", "authorities", "local officials", "administrators"],
    ["residents", "inhabitants", "locals", "townspeople"],
    ["government", "cabinet", "administration"],
    ["situation", "crisis", "emergency", "disruption"],
    ["information", "news", "word", "updates"],
    ["criticism", "pressure", "scrutiny", "anger"],
    ["emergency meeting", "crisis meeting", "urgent session", "late-night meeting"],
    ["commission", "inquiry", "panel", "task force"],
    ["front pages", "headlines", "evening bulletins", "news sites"],
    ["detained", "arrested", "held", "questioned"],
    ["extra", "additional", "more", "reserve"],
    ["crowds", "groups of people", "hundreds of people", "onlookers"],
    ["centre", "heart", "main square", "old town"],
    ["difficult", "delicate", "sensitive", "awkward"],
    ["recovering", "regaining", "clawing back", "making up"],
    ["advised", "urged", "told", "warned"],
    ["declined to comment", "did not respond to questions", "could not be reached", "gave no details"],
    ["debate", "discuss", "examine", "hold hearings on"],
    ["supplies", "food and water", "aid", "tents and blankets"],
    ["readiness", "preparedness", "competence", "planning"],
    ["reopened", "opened again", "resumed work", "welcomed people back"],
    ["investment", "growth", "confidence", "hiring"],
    ["measures", "steps", "actions", "decisions"],
    ["pictures", "photos", "images", "footage"],
    ["telephone line", "hotline", "help desk", "information centre"],
    ["families", "relatives", "parents", "households"],
    ["teams", "crews", "units", "groups"],
    ["coordinate", "plan", "organise", "agree on"],
    ["interrupted", "suspended", "paused", "broke into"],
    ["serious", "severe", "damaging", "costly"],
    ["queued", "waited", "gathered", "lined up"],
    ["closely", "carefully", "with concern", "hour by hour"],
    ["restraint", "calm", "caution", "patience"],
    ["experts", "specialists", "engineers", "advisers"],
    ["tense", "strained", "cool", "uneasy"],
    ["dispute", "row", "quarrel", "disagreement"],
    ["surprise", "shock", "dismay", "alarm"],
    ["preparing", "planning", "bracing", "getting ready"],
    ["prices", "costs", "bills", "rents"],
    ["unemployment", "joblessness", "job losses", "layoffs"],
    ["weigh on", "hurt", "drag down", "hold back"],
    ["promising", "pledging", "vowing", "swearing"],
    ["immediately", "at once", "without delay", "this week"],
    ["throughout the day", "all day", "into the evening", "from early morning"],
    ["around the clock", "day and night", "in shifts", "without a break"],
    ["coming hours", "next few hours", "coming days", "hours ahead"],
    ["angry", "frustrated", "upset", "worried"],
    ["answers", "explanations", "accountability", "the truth"],
]
