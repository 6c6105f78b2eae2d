/**
 * The composition root's product: everything an on-demand page or action needs from the server,
 * built once at start (`http-server.ts`) and handed to Astro with each request as
 * `locals.services`. Pages and actions import types from `src/server` only; the store, the data
 * key and the settings exist once, in the process that serves the site and runs the worker.
 */
import type { Office } from '../lib/content-schemas.ts';
import type { Slot } from '../lib/slots.ts';
import { createBookingIntake, type BookingIntake } from './booking-intake.ts';
import { createConcernConfirmations, type ConcernConfirmations } from './concern-confirmation.ts';
import { createConcernIntake, type ConcernIntake } from './concern-intake.ts';
import type { Config } from './config.ts';
import {
	createOfficeDeadlines,
	type DeadlineContent,
	type OfficeDeadlines,
} from './office/deadlines.ts';
import { createOfficeServices, type OfficeServices } from './office/office-services.ts';
import type { OidcSettings } from './office/oidc-sign-in.ts';
import { freeSlotsOf } from './office-slots.ts';
import { createSpamGuard, type SpamGuard } from './spam-guard.ts';
import type { Store } from './store.ts';

export interface Services {
	config: Config;
	guard: SpamGuard;
	concerns: ConcernIntake;
	/** The confirmation page a sent concern redirects to. */
	confirmations: ConcernConfirmations;
	bookings: BookingIntake;
	/** An office's free consultation slots at `now`. */
	freeSlots(office: Office & { id: string }, now: number): Promise<Slot[]>;
	/** The office workspace: sign-in, sessions, the inbox and the audit log. */
	office: OfficeServices;
	/** Each concern's deadlines by its office's country and calendar (the inbox and the deadline check). */
	deadlines: OfficeDeadlines;
}

export interface ServiceParts {
	config: Config;
	store: Store;
	dataKey: Buffer;
	/** Tells the outbox worker there is new work. */
	wakeOutbox: () => void;
	/** The offices, their countries' deadlines and the operator's (content/). */
	content: DeadlineContent;
}

export function createServices({
	config,
	store,
	dataKey,
	wakeOutbox,
	content,
}: ServiceParts): Services {
	const mail = {
		perRecipient: config.MAIL_PER_RECIPIENT_PER_DAY,
		total: config.MAIL_TO_PROFESSIONALS_PER_DAY,
	};
	const bookingLimits = {
		perEmail: config.BOOKINGS_PER_EMAIL,
		perClient: config.BOOKINGS_PER_ADDRESS,
	};
	const bookings = createBookingIntake(store, dataKey, wakeOutbox, bookingLimits, mail);
	return {
		config,
		guard: createSpamGuard({
			dataKey,
			powMaxNumber: config.POW_MAX_NUMBER,
			minFillSeconds: config.SPAM_MIN_FILL_SECONDS,
		}),
		concerns: createConcernIntake(store, dataKey, wakeOutbox, mail),
		confirmations: createConcernConfirmations(store, dataKey),
		bookings,
		freeSlots: (office, now) => freeSlotsOf(store, office, now),
		office: createOfficeServices(
			store,
			dataKey,
			config.SITE_URL,
			mail,
			bookings,
			[...content.offices.keys()],
			oidcSettings(config),
		),
		deadlines: createOfficeDeadlines(content),
	};
}

/** Single sign-on's settings when all of them are configured (config.ts checks they come together). */
function oidcSettings(config: Config): OidcSettings | undefined {
	const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_GROUPS } = config;
	if (!OIDC_ISSUER || !OIDC_CLIENT_ID || !OIDC_CLIENT_SECRET || !OIDC_GROUPS) return undefined;
	return {
		issuer: OIDC_ISSUER,
		clientId: OIDC_CLIENT_ID,
		clientSecret: OIDC_CLIENT_SECRET,
		groupsClaim: config.OIDC_GROUPS_CLAIM,
		groups: OIDC_GROUPS,
	};
}

/**
 * The services of an on-demand request. Prerendered pages never ask; a request that reaches
 * Astro without them did not come through `npm start` (for example `astro dev`).
 */
export function servicesOf(locals: App.Locals): Services {
	if (!locals.services)
		throw new Error('This page needs the site server: run it with `npm start`.');
	return locals.services;
}

/** Who is asking, as the limits count it (set with the services). */
export function clientOf(locals: App.Locals): string {
	if (locals.client === undefined)
		throw new Error('This page needs the site server: run it with `npm start`.');
	return locals.client;
}
