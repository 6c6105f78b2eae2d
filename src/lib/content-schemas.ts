/**
 * Schemas for everything an operator edits under `content/`. They are used by
 * `src/content.config.ts` (so a wrong entry fails the build, naming the file and the field)
 * and by the unit tests. Every field says what it is for; defaults live here.
 */
import { z } from 'zod';
import { CONSULTATION_MODES } from './consultation-modes.ts';
import { COUNTRY_CODES } from './country-codes.ts';
import { LOCALES, type Locale } from './locales.ts';

/** A text given in every shipped locale. A missing language is an error naming it. */
export const localizedText = z.object(
	Object.fromEntries(LOCALES.map((l) => [l, z.string().trim().min(1)])) as Record<
		Locale,
		z.ZodString
	>,
);
export type LocalizedText = z.infer<typeof localizedText>;

export { COUNTRY_CODES, type CountryCode } from './country-codes.ts';
export { CONSULTATION_MODES } from './consultation-modes.ts';
export const countryCode = z.enum(COUNTRY_CODES);

/** A phone number as dialled from inside the country or internationally: digits, spaces, +, -, /. */
export const phoneNumber = z
	.string()
	.trim()
	.regex(/^\+?[0-9][0-9 /-]{1,22}[0-9]$/, 'Use digits, spaces, "+", "-" or "/" only, e.g. "+49 30 23125 100"');

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
	 * For each locale, the country whose emergency numbers and helpline the page shows.
	 * A visitor reading English sees the operator's own country.
	 */
	localeCountry: z.object(
		Object.fromEntries(LOCALES.map((l) => [l, countryCode])) as Record<Locale, typeof countryCode>,
	),
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
});
export type Site = z.infer<typeof siteSchema>;

/* ------------------------------------------------------------------ countries/ */

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
	/**
	 * `verified`: checked against the official text. `review`: taken from secondary sources and
	 * shown with a "to be reviewed" note until a lawyer has checked it.
	 */
	status: z.enum(['verified', 'review']),
});
export type LegalReference = z.infer<typeof legalReference>;

const namedContact = z.object({
	/** Name of the service in the country's language. */
	name: z.string().min(1),
	/** Phone number, if any. */
	phone: phoneNumber.optional(),
	/** Web address, if any. */
	url: z.url().optional(),
	/** What it is for, per locale. */
	description: localizedText,
});

export const countrySchema = z.object({
	/** ISO code; must match the file name (`de.yaml` → `DE`). */
	code: countryCode,
	/** Numbers to call when a child is in acute danger; the first is shown most prominently. */
	emergency: z
		.array(
			z.object({
				number: phoneNumber,
				/** Which service answers: maps to UI strings `emergency.service.<kind>`. */
				kind: z.enum(['general', 'police', 'ambulance']),
			}),
		)
		.min(1),
	/** The national child helpline (free, anonymous) for children and adults who worry. */
	helpline: namedContact.extend({ phone: phoneNumber }),
	/** Where to turn if you think the responsible office does not do enough. */
	escalation: namedContact,
	/** Contact for notifications when no office in `content/offices/` serves the area. */
	fallback: namedContact,
	/** What the office must do after a notification, and by when, per locale (one line each). */
	responseDuties: z.array(localizedText).default([]),
	/** Laws and sections behind the duty to notify and the right to consultation. */
	legal: z.array(legalReference).min(1),
});
export type Country = z.infer<typeof countrySchema>;

/* ------------------------------------------------------------------ offices/ */

export const SERVICES = ['notification-intake', 'consultation'] as const;
export const ROLES = ['experienced-specialist', 'intake', 'head-of-service', 'social-worker'] as const;

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
			.regex(/^https:\/\/[^\s{}]+(?:\{reference\}[^\s{}]*)?$/, 'An https address, optionally with {reference} in it'),
	}),
	z.object({ how: z.literal('specialist-calls') }),
]);
export type VideoCall = z.infer<typeof videoCallSchema>;

export const officeSchema = z.object({
	/** Official name of the office. */
	name: z.string().min(1),
	/** Country the office belongs to. */
	country: countryCode,
	/** Language the office reads; concerns are e-mailed to it in this language. */
	language: z.enum(LOCALES),
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
	address: z.object({ street: z.string().min(1), postcode: z.string().min(1), city: z.string().min(1) }),
	/** The area the office is responsible for. */
	serves: z
		.object({
			/** Postcodes served; "07*" style prefixes allowed. */
			postcodes: z.array(z.string().regex(/^[0-9A-Z]+\*?$/, 'Digits or letters, optionally ending in "*"')).default([]),
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
}).refine((o) => !o.consultationModes.includes('video') || o.videoCall !== undefined, {
	message: 'Say how a video consultation happens: "how: link" with a link, or "how: specialist-calls"',
	path: ['videoCall'],
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
