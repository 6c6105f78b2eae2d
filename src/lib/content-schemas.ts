/**
 * Schemas for everything an operator edits under `content/`. They are used by
 * `src/content.config.ts` (so a wrong entry fails the build, naming the file and the field)
 * and by the unit tests. Every field says what it is for; defaults live here.
 */
import { z } from 'zod';
import { CONSULTATION_MODES } from './consultation-modes.ts';
import { COUNTRY_CODES } from './country-codes.ts';
import { LOCALES, type Locale } from './locales.ts';

/**
 * A text per locale. Which locales it must have depends on the deployment (`locales` in
 * site.yaml), so the schema accepts any subset and `missingTranslations` (run by
 * `src/content.config.ts` against the enabled locales) fails the build naming each gap. Typed
 * as complete because pages are only rendered for enabled locales, whose texts that check
 * guarantees.
 */
export const localizedText = z
	.partialRecord(z.enum(LOCALES), z.string().trim().min(1))
	.refine((text) => Object.keys(text).length > 0, {
		message: 'Give the text in each enabled locale',
	}) as unknown as z.ZodType<Record<Locale, string>>;
export type LocalizedText = z.infer<typeof localizedText>;

export { COUNTRY_CODES, type CountryCode } from './country-codes.ts';
export { CONSULTATION_MODES } from './consultation-modes.ts';
export const countryCode = z.enum(COUNTRY_CODES);

/** A phone number as dialled from inside the country or internationally: digits, spaces, +, -, /. */
export const phoneNumber = z
	.string()
	.trim()
	.regex(
		/^\+?[0-9][0-9 /-]{1,22}[0-9]$/,
		'Use digits, spaces, "+", "-" or "/" only, e.g. "+49 30 23125 100"',
	);

/**
 * An e-mail address of an office or specialist. Demo content must use reserved domains
 * (example.org / example.com); real deployments put their own addresses here.
 */
export const emailAddress = z.email({ message: 'Not a valid e-mail address' });

const time = z
	.string()
	.regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'Use 24-hour time "HH:MM", e.g. "08:30"');

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const weekday = z.enum(WEEKDAYS);
export type Weekday = z.infer<typeof weekday>;

/** One block of time on given weekdays, in the office's time zone. */
export const weeklyInterval = z
	.object({
		/** Weekdays this interval applies to. */
		days: z.array(weekday).min(1),
		/** Start, local time "HH:MM". */
		from: time,
		/** End, local time "HH:MM", after `from`. */
		to: time,
	})
	.refine((i) => i.from < i.to, { message: '"to" must be later than "from"', path: ['to'] });
export type WeeklyInterval = z.infer<typeof weeklyInterval>;

const isoDate = z.iso.date({ message: 'Use a date "YYYY-MM-DD"' });

/* ------------------------------------------------------------------ site.yaml */

export const siteSchema = z.object({
	/** Who runs this deployment; shown in the footer, privacy notice and accessibility statement. */
	operator: z.object({
		/** Name of the operating organisation. */
		name: z.string().min(1),
		/** Postal address, one line. */
		address: z.string().min(1),
		/** Contact for data protection questions. */
		privacyEmail: emailAddress,
		/** Contact for accessibility feedback. */
		accessibilityEmail: emailAddress,
	}),
	/**
	 * The reading languages this deployment offers, in the order the language switcher lists
	 * them; the first is the default. Texts in content are required only for these. A locale left
	 * out has no pages and its form addresses answer 404. Default: all five.
	 */
	locales: z
		.array(z.enum(LOCALES))
		.min(1)
		.refine((list) => new Set(list).size === list.length, {
			message: 'Each locale may be listed once',
		})
		.default([...LOCALES]),
	/**
	 * The countries whose law this deployment explains (the jurisdictions), independent of the
	 * reading language. One country: pages live at `/<locale>/<slug>/` and nothing about other
	 * countries appears. Several: the reader chooses a country once at `/<locale>/`, and pages live
	 * at `/<locale>/<country>/<slug>/` (country in lower case). Each needs `countries/<code>.yaml`.
	 */
	jurisdictions: z
		.array(countryCode)
		.min(1)
		.refine((list) => new Set(list).size === list.length, {
			message: 'Each country may be listed once',
		}),
	/** How long submission bodies are kept. */
	retention: z
		.object({
			/** Days after delivery until the encrypted body is purged (metadata stays). */
			deliveredDays: z.number().int().min(0).max(365).default(7),
			/** Days until an undelivered body is purged and reported. */
			undeliveredDays: z.number().int().min(1).max(365).default(30),
		})
		.prefault({}),
	/** Switch the forms on or off; guidance pages are always there. */
	features: z
		.object({
			notify: z.boolean().default(true),
			consultation: z.boolean().default(true),
		})
		.prefault({}),
	/** Date the accessibility statement was last reviewed. */
	accessibilityReviewed: isoDate,
	/** How the contacts page lists a country's offices. */
	directory: z
		.object({
			/**
			 * Up to this many offices in a country, the contacts page shows each in full. With more,
			 * it offers the office search (postcode or municipality) and a list of the offices, each
			 * linking to its own page, so that a national directory stays a small page.
			 */
			inlineUpTo: z.number().int().min(0).default(5),
		})
		.prefault({}),
	/**
	 * The operator's deadlines, in the office's working days, for each deadline a country's file
	 * lists with `within: operator` (the law sets none, e.g. § 8a SGB VIII in Germany). An office
	 * may set its own (`deadlines` in its file).
	 */
	deadlines: z
		.object({
			/** Until the office acknowledges a concern (the notifier's receipt goes out then). */
			receipt: z.number().int().min(1).max(60).default(5),
			/** Until the office has assessed it (status "in assessment" or closed). */
			assessment: z.number().int().min(1).max(60).default(10),
		})
		.prefault({}),
});
export type Site = z.infer<typeof siteSchema>;

/**
 * Paths of the texts in a parsed content value that lack one of the enabled locales, e.g.
 * `duty.0.text.hu`. A text is any object whose keys are all locales.
 */
export function missingTranslations(
	value: unknown,
	enabled: readonly Locale[],
	path: (string | number)[] = [],
): (string | number)[][] {
	if (Array.isArray(value))
		return value.flatMap((v, i) => missingTranslations(v, enabled, [...path, i]));
	if (!value || typeof value !== 'object') return [];
	const keys = Object.keys(value);
	if (keys.length > 0 && keys.every((k) => (LOCALES as readonly string[]).includes(k))) {
		return enabled.filter((l) => !(l in value)).map((l) => [...path, l]);
	}
	return Object.entries(value).flatMap(([k, v]) => missingTranslations(v, enabled, [...path, k]));
}

/* ------------------------------------------------------------------ countries/ */

/**
 * Every country fact names its public sources (ids from the file's `sources`) and says whether
 * it was checked against them: `verified` only when a source that says so was actually read;
 * `review` otherwise, shown with a visible "to be reviewed" note.
 */
const cited = {
	/** Ids of entries in the file's `sources` that support this fact. */
	sources: z.array(z.string().min(1)).min(1),
	status: z.enum(['verified', 'review']),
};
const verification = z.enum(['verified', 'review']);

/**
 * The deadlines an office works to, counted from a concern's arrival. `receipt`: until the office
 * acknowledges it (the notifier's receipt goes out then); `assessment`: until it is assessed (the
 * status "in assessment", or closed).
 */
export const DEADLINE_KINDS = ['receipt', 'assessment'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/**
 * How long a deadline runs: working days of the office (weekends and the public holidays of its
 * country and region do not count; the day of arrival does not either), hours of the clock
 * (weekends count), or `operator` where the law sets none – then `deadlines` in site.yaml or in
 * the office's file says how many working days.
 */
export const deadlineSpan = z.union([
	z.strictObject({ workingDays: z.number().int().min(1).max(60) }),
	z.strictObject({ hours: z.number().int().min(1).max(720) }),
	z.literal('operator'),
]);
export type DeadlineSpan = z.infer<typeof deadlineSpan>;

/** One fact in plain language, in every locale. */
export const countryFact = z.object({ text: localizedText, ...cited });
export type CountryFact = z.infer<typeof countryFact>;

export const legalReference = z.object({
	/** Short name of the law as cited in the country, e.g. "SGB VIII", "Barnets lov". */
	law: z.string().min(1),
	/** The section, e.g. "§ 8a (4)". */
	section: z.string().min(1),
	/** Official full title of the law, in the country's language. */
	title: z.string().min(1),
	/** What the section means for a professional, in plain language, per locale. */
	summary: localizedText,
	/** What the reference is about, used to group it on the legal basis page. */
	topic: z.enum(['duty-to-notify', 'right-to-consultation', 'office-duties', 'help-and-measures']),
	/** Official source of the text. */
	url: z.url().optional(),
	/** Ids of entries in the file's `sources` that were read for this summary. */
	sources: z.array(z.string().min(1)).default([]),
	/**
	 * `verified`: checked against a source that was read. `review`: not yet checked, shown with
	 * a "to be reviewed" note until a lawyer has checked it.
	 */
	status: verification,
});
export type LegalReference = z.infer<typeof legalReference>;

/** A service with a name in the country's language, reached by phone and/or on the web. */
const contact = z.object({
	/** Name of the service in the country's language. */
	name: z.string().min(1),
	/** Phone number, if one was verified; never guessed. */
	phone: phoneNumber.optional(),
	/** Web address, if any. */
	url: z.url().optional(),
	/** What it is for and when to use it, per locale. */
	text: localizedText,
	...cited,
});
export type Contact = z.infer<typeof contact>;

/** What answers an emergency number; maps to UI strings `emergency.service.<kind>`. */
export const EMERGENCY_KINDS = ['all', 'fire-rescue', 'police', 'police-non-urgent'] as const;

const sourceId = z.string().regex(/^[a-z0-9-]+$/, 'Use lowercase letters, digits and "-"');

export const countrySchema = z
	.object({
		/** ISO code; must match the file name (`de.yaml` → `DE`). */
		code: countryCode,
		/** Public sources the facts below rest on: an id, the source's name and its address. */
		sources: z.record(sourceId, z.object({ name: z.string().min(1), url: z.url() })),
		/** Numbers to call when a child is in acute danger; the first is shown most prominently. */
		emergency: z
			.array(z.object({ number: phoneNumber, kind: z.enum(EMERGENCY_KINDS), ...cited }))
			.min(1),
		/** Helplines: the first with `audience: children` is shown on every page. */
		helplines: z
			.array(contact.extend({ audience: z.enum(['children', 'adults', 'professionals']) }))
			.refine((list) => list.some((h) => h.audience === 'children' && h.phone), {
				message: 'Name at least one child helpline with a phone number (audience: children)',
			}),
		/** Outside office hours: whom to call; `short` is one line for the emergency notice. */
		outOfHours: z.object({ short: localizedText, text: localizedText, ...cited }),
		/** Who receives notifications in this country, one sentence. */
		office: countryFact,
		/** Who must (or may) notify, and when: one paragraph each. */
		duty: z.array(countryFact).min(1),
		/** Rules a notifier must know before notifying in this country. */
		rules: z.array(countryFact).default([]),
		/** What happens to the notifier's identity: who learns who notified. */
		notifierIdentity: countryFact,
		/** What the office does after a notification, in order, with the time limits. */
		steps: z
			.array(
				z.object({
					title: localizedText,
					text: localizedText,
					/** Only in some cases (e.g. emergency intervention). */
					conditional: z.boolean().default(false),
					...cited,
				}),
			)
			.min(1),
		/** What the notifier is told afterwards. */
		feedback: z.array(countryFact).min(1),
		/**
		 * The answers an office may send a notifier from the workspace (feedback): the case worker
		 * picks one, and the notifier gets its text in their language. Fixed texts, never details
		 * about the family, and no free text (it would let child data into an e-mail).
		 */
		feedbackTemplates: z
			.array(
				z.object({
					/** Stable identifier, stored with the feedback sent (renaming it orphans what was sent). */
					id: z.string().regex(/^[a-z0-9-]+$/, 'Use lowercase letters, digits and "-"'),
					/** The sentence the notifier receives; the case worker chooses among these. */
					text: localizedText,
					...cited,
				}),
			)
			.min(1)
			.refine((list) => new Set(list.map((c) => c.id)).size === list.length, {
				message: 'Each feedback template needs an id of its own',
			}),
		/** Where to turn if you think not enough is done, in the order to try them. */
		escalation: z.array(contact).min(1),
		/** Whether and how professionals can get advice on a concern (right to consultation). */
		consultation: z.array(countryFact).min(1),
		/** How help for families is arranged in this country (shown on the support page). */
		support: z.array(countryFact).min(1),
		/** Contact for notifications when no office in `content/offices/` serves the area. */
		fallback: contact,
		/** Laws and sections behind the duty to notify and the right to consultation. */
		legal: z.array(legalReference).min(1),
		/**
		 * The office's deadlines for a concern, each with the law (or the operator) that sets it;
		 * the workspace reminds the office before each and alerts its admins after it.
		 */
		deadlines: z
			.array(
				z.object({
					kind: z.enum(DEADLINE_KINDS),
					within: deadlineSpan,
					/** The law and section, as written in the country, or why there is none. */
					basis: z.string().min(1),
					...cited,
				}),
			)
			.refine((list) => new Set(list.map((d) => d.kind)).size === list.length, {
				message: 'Each deadline kind may be listed once',
			})
			.default([]),
	})
	.superRefine((country, ctx) => {
		// Every cited source must exist in this file, so no fact rests on a source nobody can find.
		const known = new Set(Object.keys(country.sources));
		const check = (ids: readonly string[], path: (string | number)[]) => {
			ids.forEach((id, i) => {
				if (!known.has(id))
					ctx.addIssue({
						code: 'custom',
						path: [...path, 'sources', i],
						message: `Unknown source "${id}": add it under "sources"`,
					});
			});
		};
		const walk = (value: unknown, path: (string | number)[]) => {
			if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
			else if (value && typeof value === 'object') {
				for (const [key, v] of Object.entries(value)) {
					if (key === 'sources' && path.length > 0 && Array.isArray(v)) check(v as string[], path);
					else if (key !== 'sources') walk(v, [...path, key]);
				}
			}
		};
		walk(country, []);
	});
export type Country = z.infer<typeof countrySchema>;
export type FeedbackTemplate = Country['feedbackTemplates'][number];

/** A country file as a deployment needs it: every text also in each of its enabled locales. */
export function countrySchemaFor(locales: readonly Locale[]) {
	return countrySchema.superRefine((country, ctx) => {
		for (const path of missingTranslations(country, locales)) {
			ctx.addIssue({
				code: 'custom',
				path,
				message: `Missing the text in "${String(path.at(-1))}", an enabled locale`,
			});
		}
	});
}

/* ------------------------------------------------------------------ offices/ */

export const SERVICES = ['notification-intake', 'consultation'] as const;
export const ROLES = [
	'experienced-specialist',
	'intake',
	'head-of-service',
	'social-worker',
] as const;

export const specialistSchema = z.object({
	/** Stable identifier, unique within the office (used in bookings). */
	id: z.string().regex(/^[a-z0-9-]+$/, 'Use lowercase letters, digits and "-"'),
	/** Name as shown to professionals. */
	name: z.string().min(1),
	/** Function; maps to UI strings `role.<role>`. */
	role: z.enum(ROLES),
	email: emailAddress,
	phone: phoneNumber,
	/** Room for in-person appointments. */
	room: z.string().optional(),
	/** Weekly hours available for consultations, in the office's time zone. */
	availability: z.array(weeklyInterval).default([]),
	/** Length of one consultation in minutes. */
	slotMinutes: z.number().int().min(15).max(180).default(45),
	/** Days off (holidays, leave), inclusive, in the office's time zone. */
	absences: z
		.array(
			z
				.object({ from: isoDate, to: isoDate })
				.refine((a) => a.from <= a.to, { message: '"to" must not be before "from"', path: ['to'] }),
		)
		.default([]),
});
export type Specialist = z.infer<typeof specialistSchema>;

/**
 * How a video consultation happens, so the professional knows before it starts: a join link
 * (`{reference}` in it is replaced by the booking's reference, for a room per booking), or the
 * specialist calls the professional on the phone number they gave.
 */
export const videoCallSchema = z.discriminatedUnion('how', [
	z.object({
		how: z.literal('link'),
		/** An https address; may contain `{reference}`. */
		link: z
			.string()
			.regex(
				/^https:\/\/[^\s{}]+(?:\{reference\}[^\s{}]*)?$/,
				'An https address, optionally with {reference} in it',
			),
	}),
	z.object({ how: z.literal('specialist-calls') }),
]);
export type VideoCall = z.infer<typeof videoCallSchema>;

/** Reserved for documentation (RFC 2606): demo and test content uses these, real offices never. */
const RESERVED_DOMAIN = /@([a-z0-9-]+\.)*example\.(org|com)$/i;

export const officeSchema = z
	.object({
		/** Official name of the office; a demo office's name ends in "(Demo)". */
		name: z.string().min(1),
		/**
		 * `true` for fictional offices (the shipped demo, tests). A demo office must be named
		 * "… (Demo)" and use example.org / example.com addresses only; `npm start` refuses to run with
		 * NODE_ENV=production while any demo office is configured.
		 */
		demo: z.boolean().default(false),
		/**
		 * `true` puts the whole concern – the child's, the family's and the notifier's details – into
		 * the e-mail to the office, as before the office workspace existed. Off by default: the
		 * e-mail then says only that a concern arrived, its reference and urgency, and links to the
		 * workspace, where it is read signed in and audited. E-mail is rarely encrypted end to end.
		 */
		deliverFullConcernByEmail: z.boolean().default(false),
		/** Country the office belongs to. */
		country: countryCode,
		/** Language the office reads; concerns are e-mailed to it in this language. */
		language: z.enum(LOCALES),
		/**
		 * The region whose public holidays the office keeps, where they differ within the country:
		 * the ISO 3166-2 subdivision code without the country, e.g. "BY" for Bavaria. Without it,
		 * only the country's nationwide holidays count for deadlines.
		 */
		holidayRegion: z
			.string()
			.regex(/^[A-Z0-9]{1,3}$/, 'The ISO 3166-2 subdivision code without the country, e.g. "BY"')
			.optional(),
		/**
		 * The office's own working days for the deadlines its country's law leaves open
		 * (`within: operator`), instead of site.yaml's `deadlines`.
		 */
		deadlines: z
			.object({
				receipt: z.number().int().min(1).max(60).optional(),
				assessment: z.number().int().min(1).max(60).optional(),
			})
			.optional(),
		/** IANA time zone of the office, e.g. "Europe/Berlin". */
		timeZone: z.string().refine(
			(tz) => {
				try {
					new Intl.DateTimeFormat('en', { timeZone: tz });
					return true;
				} catch {
					return false;
				}
			},
			{ message: 'Not a known IANA time zone, e.g. "Europe/Berlin"' },
		),
		/** Address where concerns are delivered. */
		email: emailAddress,
		phone: phoneNumber,
		/** Visiting address. */
		address: z.object({
			street: z.string().min(1),
			postcode: z.string().min(1),
			city: z.string().min(1),
		}),
		/** The area the office is responsible for. */
		serves: z
			.object({
				/** Postcodes served; "07*" style prefixes allowed. */
				postcodes: z
					.array(z.string().regex(/^[0-9A-Z]+\*?$/, 'Digits or letters, optionally ending in "*"'))
					.default([]),
				/** Municipality names served, as people write them. */
				municipalities: z.array(z.string().min(1)).default([]),
			})
			.refine((s) => s.postcodes.length + s.municipalities.length > 0, {
				message: 'An office must serve at least one postcode or municipality',
			}),
		/** Opening hours for phone and visits. */
		openingHours: z.array(weeklyInterval).min(1),
		/** What the office offers through this site. */
		services: z.array(z.enum(SERVICES)).min(1),
		/** Ways a consultation can take place. */
		consultationModes: z.array(z.enum(CONSULTATION_MODES)).default([]),
		/** How a video consultation happens; required when `consultationModes` has `video`. */
		videoCall: videoCallSchema.optional(),
		/** People professionals can reach, including the experienced specialists. */
		specialists: z.array(specialistSchema).default([]),
	})
	.superRefine((office, ctx) => {
		if (office.consultationModes.includes('video') && office.videoCall === undefined) {
			ctx.addIssue({
				code: 'custom',
				path: ['videoCall'],
				message:
					'Say how a video consultation happens: "how: link" with a link, or "how: specialist-calls"',
			});
		}
		const addresses: [string, (string | number)[]][] = [
			[office.email, ['email']],
			...office.specialists.map((s, i): [string, (string | number)[]] => [
				s.email,
				['specialists', i, 'email'],
			]),
		];
		if (office.demo) {
			if (!/\(Demo\)$/.test(office.name))
				ctx.addIssue({
					code: 'custom',
					path: ['name'],
					message: 'A demo office\'s name ends in "(Demo)"',
				});
			for (const [email, path] of addresses) {
				if (!RESERVED_DOMAIN.test(email))
					ctx.addIssue({
						code: 'custom',
						path,
						message: 'A demo office uses example.org or example.com addresses only',
					});
			}
		} else {
			// A real office on a reserved domain would silently lose every concern: it must be a demo.
			for (const [email, path] of addresses) {
				if (RESERVED_DOMAIN.test(email))
					ctx.addIssue({
						code: 'custom',
						path,
						message:
							'example.org/example.com never reach anyone: use the office\'s real address, or mark the office "demo: true"',
					});
			}
		}
	});
export type Office = z.infer<typeof officeSchema>;

/* ------------------------------------------------------------------ guidance/ */

/** The next steps a guidance page can end with (see `next`). */
export const NEXT_STEPS = ['notify', 'consultation', 'contacts'] as const;

export const guidanceSchema = z.object({
	/** Page title (h1 and `<title>`). */
	title: z.string().min(1).max(70),
	/** Short label for the navigation; defaults to the title. */
	navLabel: z.string().min(1).max(40).optional(),
	/** Meta description shown by search engines. */
	description: z.string().min(40).max(200),
	/** Position in the main navigation; pages without it are reached through links only. */
	order: z.number().int().optional(),
	/** Data rendered after the text: legal references, the offices directory, or the operator's contact and retention periods. */
	include: z.enum(['legal-references', 'offices', 'operator-contact']).optional(),
	/**
	 * What the page ends with: the next step that fits it, most fitting first – the concern form
	 * (`notify`), the anonymous consultation (`consultation`) or the offices (`contacts`). A form
	 * switched off in site.yaml is left out.
	 */
	next: z.array(z.enum(NEXT_STEPS)).min(1).max(3).optional(),
});
export type Guidance = z.infer<typeof guidanceSchema>;

/** The slugs every locale must provide (`index` is the locale's home page). */
export const GUIDANCE_SLUGS = [
	'index',
	'when-to-notify',
	'doubt',
	'talking-with-parents',
	'after-notification',
	'anonymous-consultation',
	'support-services',
	'legal-basis',
	'contacts',
	'accessibility',
	'privacy',
] as const;
