/**
 * Does a description name a person? Part of the personal-data check (personal-data-scan.ts).
 * People write names plainly – "mein Schüler Max Müller", "Moren Maria", "Майка му, Десислава
 * Стоянова", "A tanítványom, Kovács Bence" – far more often than "named Max". Three signs, in
 * every language of the site:
 *
 * 1. a name introduced as one ("heißt Finn", "ved navn Emil", "Kiss Péter nevű");
 * 2. a common first name, in any of its forms (Hungarian "Annának", "Dominikért"; "Jonas'",
 *    "Noahs");
 * 3. a capitalised word after a role word (pupil, girl, mother, Mr …) or a title – two of them
 *    in German, where every noun is capitalised ("die Mutter Angst" is no name, "der Schüler
 *    Jannis Brandt" is).
 *
 * The text is read once as a list of words, with no regular expression that could backtrack,
 * so the time grows with its length only. Measured on a test set per language (tests/fixtures/name-texts.ts).
 */

// ---------------------------------------------------------------- first names

/** Common first names in each language's country, and a few common across them. Words that are also names ("Will", "Grace", "August", "Вяра") are left out on purpose. */
const FIRST_NAMES = {
	en: 'Oliver George Harry Noah Jack Leo Arthur Muhammad Mohammed Mohammad Oscar Charlie Jacob Thomas Henry William James Joshua Alfie Freddie Theo Archie Isaac Lucas Ethan Samuel Daniel Joseph Max Logan Alexander Liam Mason Benjamin Elijah Jayden Dylan Tyler Ryan Nathan Adam Luke Callum Riley Finley Reuben Toby Jake Connor Kyle Aaron Olivia Amelia Isla Ava Mia Ivy Lily Isabella Sophia Sophie Freya Emily Ella Poppy Evie Charlotte Florence Harper Sienna Chloe Jessica Ruby Alice Evelyn Matilda Emma Hannah Sarah Amy Megan Lauren Katie Zoe Leah Maya Layla Aisha Fatima Zara Karen Susan Michelle Rebecca Laura Rachel Michael David John Paul Andrew Peter Kevin Gary Stephen',
	de: 'Noah Ben Matteo Finn Leon Elias Paul Henry Luis Felix Emil Lukas Jonas Maximilian Max Theo Anton Liam Moritz Jakob Niklas Tim Tom Jan Julian Leo Samuel David Alexander Fabian Philipp Simon Luca Levi Oskar Karl Mats Milan Nico Jannik Lennart Mohammed Ali Mustafa Ahmed Yusuf Emir Mehmet Emilia Emma Hanna Hannah Mia Sofia Sophia Mila Lina Ella Lea Leni Marie Clara Klara Frieda Ida Lia Lena Laura Anna Lara Johanna Charlotte Amelie Luisa Louisa Sophie Paula Nele Maja Mathilda Greta Zoe Julia Sarah Lisa Jana Nina Elif Aylin Zeynep Defne Sabine Petra Andrea Stefanie Katrin Claudia Nicole Thomas Michael Andreas Stefan Christian Martin Jens Uwe Jörg Dirk Markus Karin Monika Ursula',
	da: 'William Noah Oscar Lucas Carl Victor Alfred Emil Oliver Aksel Malthe Valdemar Magnus Elias Frederik Arthur Mads Anton Johan Villads Theo Felix Mikkel Rasmus Mathias Christian Søren Jens Lars Peter Henrik Niels Morten Ole Sebastian Jonas Alma Ella Ida Emma Sofia Freja Olivia Agnes Karla Luna Frida Clara Asta Nora Ellen Anna Josefine Mathilde Lærke Isabella Laura Sofie Maja Vigga Liva Hanne Mette Susanne Lene Pia Birgit Kirsten Camilla Louise Marie Signe Julie Cecilie',
	bg: 'Александър Георги Иван Димитър Николай Петър Христо Мартин Даниел Борис Калоян Теодор Виктор Стефан Тодор Васил Атанас Йордан Никола Кристиян Радослав Пламен Емил Симеон Самуил Божидар Владимир Ангел Стоян Илия Михаил Валентин Красимир Мария Елена Виктория Никол Ивана Йоана Габриела Александра Десислава Гергана Теодора Симона Кристина Рая Сияна Дария Анна Ана Екатерина Петя Цветелина Биляна Росица Галина Ралица Йорданка Пенка Силвия Стефани Мехмед Ахмед Айше Емине',
	hu: 'Bence Máté Levente Dominik Olivér Noel Marcell Dániel Ádám Botond Milán Zalán Balázs Bálint Gergő Dávid Péter László Zoltán Gábor István József János Attila Tamás Krisztián Richárd Sándor Ferenc Zsolt Norbert Kristóf Benett Benedek Hunor Áron Márk Hanna Anna Zoé Léna Luca Emma Zsófia Zsófi Boglárka Lili Mira Jázmin Nóra Lilla Laura Sára Dóra Réka Eszter Katalin Erzsébet Éva Mária Ildikó Judit Mónika Andrea Krisztina Anita Kinga Csenge Nikolett Vivien Petra Noémi Fanni Gréta Izabella Panna Flóra Dorina Kitti Szilvia Tímea Marika Erika Zsuzsa Ágnes Edina Emese',
};

/** Hungarian case endings on a name: "Annának", "Pétert", "Dávidnak", "Dominikért", "Bencével". */
const HU_AFTER_VOWEL = [
	't',
	'nak',
	'nek',
	'val',
	'vel',
	'ért',
	'ról',
	'ről',
	'nál',
	'nél',
	'hoz',
	'hez',
	'höz',
	'tól',
	'től',
	'ban',
	'ben',
	'ba',
	'be',
	'ra',
	're',
	'n',
	'é',
	'ék',
	'ig',
	'ként',
];
const HU_AFTER_CONSONANT = [
	'ot',
	'et',
	'öt',
	'at',
	't',
	'nak',
	'nek',
	'ért',
	'ról',
	'ről',
	'nál',
	'nél',
	'hoz',
	'hez',
	'höz',
	'tól',
	'től',
	'ban',
	'ben',
	'ba',
	'be',
	'ra',
	're',
	'on',
	'en',
	'ön',
	'é',
	'ék',
	'ig',
	'ként',
];
const HU_DIGRAPHS = ['cs', 'dz', 'gy', 'ly', 'ny', 'sz', 'ty', 'zs'];
const HU_LENGTHENED: Record<string, string> = { a: 'á', e: 'é' };

function hungarianForms(name: string): string[] {
	const last = name.at(-1)!;
	if ('aáeéiíoóöőuúüű'.includes(last)) {
		const stem = name.slice(0, -1) + (HU_LENGTHENED[last] ?? last);
		return HU_AFTER_VOWEL.map((ending) => stem + ending);
	}
	// "-val/-vel" takes the name's last consonant instead: Dávid → Dáviddal, Balázs → Balázzsal.
	const digraph = HU_DIGRAPHS.find((d) => name.endsWith(d));
	const doubled = digraph ? name.slice(0, -2) + digraph[0] + digraph : name + last;
	return [...HU_AFTER_CONSONANT.map((ending) => name + ending), `${doubled}al`, `${doubled}el`];
}

const KNOWN_NAMES = new Set([
	...Object.values(FIRST_NAMES).flatMap((list) => list.split(' ')),
	...FIRST_NAMES.hu.split(' ').flatMap(hungarianForms),
]);

/** A first name we know, also as "Jack's", "Jonas'" or Danish "Noahs". */
function isKnownName(word: string): boolean {
	if (KNOWN_NAMES.has(word)) return true;
	const bare = word.replace(/['’]s?$/u, '');
	if (bare !== word && KNOWN_NAMES.has(bare)) return true;
	return word.length > 3 && word.endsWith('s') && KNOWN_NAMES.has(word.slice(0, -1));
}

// ---------------------------------------------------------------- role words and titles

/** Words for a child or a person around it, as written before a name, lowercase. German separately: its nouns are capitalised. */
const ROLES = new Set(
	[
		// en
		'pupil student child boy girl son daughter mother mum mom father dad brother sister baby toddler kid stepfather stepmother stepdad stepmum stepmom grandmother grandfather grandma grandpa granny nan aunt uncle cousin classmate nephew niece siblings twins twin little',
		// da
		'elev eleven eleverne barn barnet drengen dreng pigen pige søn sønnen datter datteren mor moren moderen far faren faderen bror broren søster søsteren baby babyen stedfar stedfaren stedmor stedmoren mormor morfar farmor farfar bedstemor bedstefar moster faster onkel fætter kusine søskende tvillinger lille',
		// bg
		'ученик ученика ученикът ученичка ученичката дете детето момче момчето момиче момичето майка майката баща бащата син сина синът дъщеря дъщерята брат брата братът братята сестра сестрата баба бабата дядо дядото леля лелята чичо чичото бебе бебето малката малкия малкият',
		// hu
		'tanítványom tanítványunk tanítvány tanuló tanulóm tanulónk tanulóért diák diákom diákunk gyerek gyermek gyereke gyermeke kislány kisfiú lány lánya fiú fia anya anyja anyuka édesanya édesanyja apa apja apuka édesapa édesapja nevelőapa nevelőapja nevelőanya nevelőanyja testvér testvére testvérek bátyja öccse nővére húga nagymama nagypapa baba babát nagynéni nagynénje nagybácsi kis',
	]
		.join(' ')
		.split(' '),
);
const GERMAN_ROLES = new Set(
	'schüler schülerin schülers kind kindes junge jungen mädchen sohn tochter mutter vater kindesmutter kindesvater mama papa bruder schwester stiefvater stiefmutter oma opa großmutter großvater tante onkel cousin cousine baby kleinkind geschwister zwillinge kleine kleinen kleiner'.split(
		' ',
	),
);
/** Titles: the next capitalised word is a name in every language (the German "Frau" too, unless a stop word follows). */
const TITLES = new Set(
	'mr mrs ms miss dr herr herrn frau hr fru г-н г-жа господин госпожа'.split(' '),
);
/** Hungarian titles come after the name: "Marika néni", "Kovács úr". */
const TITLES_AFTER = new Set('néni nénit bácsi bácsit úr urat asszony asszonyt'.split(' '));
/** Between a role word and the name: punctuation, Bulgarian clitics ("майка му, Десислава"). */
const BETWEEN = new Set([',', '(', ':', '–', '-', 'ми', 'му', 'ѝ', 'й', 'им', 'ни']);
/** Between a title and the name: the title's full stop ("Mr. Hughes"). */
const TITLE_GAP = new Set(['.']);

/** Capitalised words that are no names where a name could stand: pronouns of address, days, months, seasons and the nouns German puts after a role word. */
const NOT_NAMES = new Set(
	[
		'I De Dem Deres Ви Вие Вас Ваш Ваша Ваше Ваши Вашия Вашият Вашата Вашето Ön Önt Önnek Önök Önnel Öntől Önről',
		'Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December Christmas Easter New Year English',
		'Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag Januar Februar März April Mai Juni Juli August September Oktober November Dezember Weihnachten Ostern Silvester Neujahr',
		'Anfang Ende Mitte Angst Sorgen Sorge Hilfe Probleme Problem Zeit Geld Alkohol Drogen Schichtarbeit Nachtdienst Morgen Abend Nacht Mittag Wochenende Urlaub Besuch Termin Kontakt Schule Kita Arbeit Hause Haus Streit Schulden Hunger Schmerzen Fieber Deutsch Mathe',
	]
		.join(' ')
		.split(' '),
);

// ---------------------------------------------------------------- names introduced as such

/** Words that introduce a name: "named Tom", "heißt Tom", "hedder Tom", "казва се Иван", "neve Anna". */
const INTRODUCERS = [
	'named',
	'called',
	'name is',
	"name's",
	'heißt',
	'heisst',
	'namens',
	'name ist',
	'mit namen',
	'hedder',
	'ved navn',
	'navn er',
	'kaldet',
	'казва се',
	'се казва',
	'казват се',
	'на име',
	'името му е',
	'името ѝ е',
	'името й е',
	'наречен',
	'наречена',
	'neve',
	'nevezett',
].map((phrase) => phrase.split(' '));
/** Between the introducing words and the name: "heißt: „Tom“". */
const BEFORE_NAME = new Set([':', ',', '„', '"', "'", '“', '«']);

/** The introducing phrase ending at word `i`, if there is one. */
const introducesName = (lower: readonly string[], i: number) =>
	INTRODUCERS.some(
		(phrase) =>
			phrase.length <= i + 1 && phrase.every((w, k) => lower[i - phrase.length + 1 + k] === w),
	);

// ---------------------------------------------------------------- the check

/** Words (letters, with inner apostrophes and hyphens) and single punctuation marks, in order. */
const TOKENS = /\p{L}[\p{L}\p{M}'’-]*|[^\s\p{L}\p{N}]/gu;
const isCapitalised = (word: string | undefined): word is string =>
	word !== undefined && /^\p{Lu}\p{Ll}/u.test(word);
const mayBeName = (word: string | undefined): word is string =>
	isCapitalised(word) && !NOT_NAMES.has(word);

/** The index of the first word after `i` that is not one of `skip` (at most three skipped). */
function after(words: readonly string[], i: number, skip: ReadonlySet<string>): number {
	let next = i + 1;
	while (next < words.length && next - i <= 3 && skip.has(words[next]!.toLowerCase())) next++;
	return next;
}

/** True when the text seems to name a person. */
export function containsName(text: string): boolean {
	const words = text.match(TOKENS) ?? [];
	const lower = words.map((w) => w.toLowerCase());
	for (let i = 0; i < words.length; i++) {
		const word = words[i]!;
		// 1. Introduced as a name: "heißt Finn"; "Kiss Péter nevű"; "Dávidnak hívják".
		if (introducesName(lower, i) && isCapitalised(words[after(words, i, BEFORE_NAME)])) return true;
		if (lower[i] === 'nevű' && isCapitalised(words[i - 1])) return true;
		if (lower[i] === 'hívják' && isCapitalised(words[i - 1]) && /(?:nak|nek)$/u.test(words[i - 1]!))
			return true;
		// 2. A first name we know, in any of its forms.
		if (isCapitalised(word) && isKnownName(word)) return true;
		// 3. A capitalised word after a title ("Mr Hughes", "Frau Yılmaz", "Marika néni") or a role word.
		if (TITLES_AFTER.has(lower[i]!) && mayBeName(words[i - 1])) return true;
		const title = TITLES.has(lower[i]!);
		const otherRole = ROLES.has(lower[i]!);
		// A word both languages use ("Baby") is German when written capitalised.
		const germanRole = GERMAN_ROLES.has(lower[i]!) && (!otherRole || isCapitalised(word));
		if (!title && !germanRole && !otherRole) continue;
		const next = after(words, i, title ? TITLE_GAP : BETWEEN);
		if (!mayBeName(words[next])) continue;
		// German capitalises every noun: after a role word, only two capitalised words make a name.
		if (title || !germanRole || mayBeName(words[next + 1])) return true;
	}
	return false;
}
