/** The office workspace's services, built once by the composition root (see services.ts). */
import type { BookingIntake } from '../booking-intake.ts';
import type { MailLimits } from '../concern-intake.ts';
import type { Store } from '../store.ts';
import { createOfficeCases, type OfficeCases } from './office-cases.ts';
import { createOfficeFeedback, type OfficeFeedback } from './office-feedback.ts';
import { createOfficePeople, type OfficePeople } from './office-people.ts';
import { createOidcSignIn, type OidcSettings, type OidcSignIn } from './oidc-sign-in.ts';
import {
	createOfficeSessions,
	ABSOLUTE_MS,
	IDLE_MS,
	type OfficeSessions,
} from './office-sessions.ts';
import { createOfficeSpecialists, type OfficeSpecialists } from './office-specialists.ts';
import { createPasskeyCeremony, type PasskeyCeremony } from './passkey-ceremony.ts';
import { createSignInLinks, type SignInLinks } from './sign-in-links.ts';

export interface OfficeServices {
	sessions: OfficeSessions;
	passkeys: PasskeyCeremony;
	links: SignInLinks;
	/** Single sign-on with the municipality's OpenID provider, when it is configured. */
	oidc: OidcSignIn | undefined;
	cases: OfficeCases;
	/** Feedback to the notifier from the country's fixed templates. */
	feedback: OfficeFeedback;
	/** The office admin's management of their offices' people. */
	people: OfficePeople;
	/** Consultations: specialists' bookings, absences and weekly hours. */
	specialists: OfficeSpecialists;
	/** The person's chosen language of the workspace. */
	setLocale(personId: string, locale: string): Promise<void>;
	/** A person's name for the audit log (undefined once they were removed). */
	personName(personId: string): Promise<string | undefined>;
	/** Forgets run-out sessions, links and challenges and the link limits' old entries. */
	sweep(now?: number): Promise<void>;
}

export function createOfficeServices(
	store: Store,
	dataKey: Buffer,
	siteUrl: string,
	mail: MailLimits,
	/** Cancelling from the workspace takes the professional's own cancel path. */
	bookings: Pick<BookingIntake, 'cancel'>,
	/** Every office of the site: what an operator manages. */
	officeIds: readonly string[],
	oidc?: OidcSettings,
): OfficeServices {
	const links = createSignInLinks(store.office, store.rateLimiter, dataKey, siteUrl);
	const cases = createOfficeCases(store, dataKey, mail);
	return {
		sessions: createOfficeSessions(store.office, siteUrl),
		passkeys: createPasskeyCeremony(store.office, dataKey, new URL(siteUrl).host),
		links,
		oidc: oidc && createOidcSignIn(oidc, store, dataKey, siteUrl),
		cases,
		feedback: createOfficeFeedback(store, dataKey, mail, cases),
		people: createOfficePeople(store, links, officeIds),
		specialists: createOfficeSpecialists(store, bookings),
		setLocale: (personId, locale) => store.office.setLocale(personId, locale),
		personName: async (personId) => (await store.office.person(personId))?.name,
		async sweep(now = Date.now()) {
			await store.office.forgetExpired(now, now - IDLE_MS, now - ABSOLUTE_MS);
			await links.sweep(now);
		},
	};
}
