/**
 * The booking's calendar file, from the signed link on the confirmation page. The same file is
 * attached to the confirmation e-mail. A link that is damaged, expired or for a cancelled
 * consultation gets a page in the visitor's language that says so (calendar-link.astro).
 */
import type { APIRoute } from 'astro';
import { getOffices, getSite, getTranslator } from '../../../content-queries.ts';
import { isLocale } from '../../../lib/locales.ts';
import { bookingCalendarFor } from '../../../server/booking-calendar.ts';
import { servicesOf } from '../../../server/services.ts';

export const prerender = false;

export const GET: APIRoute = async ({ params, url, locals, rewrite }) => {
	const { bookings, config } = servicesOf(locals);
	const locale = params.locale;
	if (!isLocale(locale) || !(await getSite()).features.consultation) return rewrite('/404/');
	const explain = (
		problem: NonNullable<App.Locals['calendarLink']>['problem'],
		officeId?: string,
	) => {
		locals.calendarLink = officeId ? { problem, officeId } : { problem };
		return rewrite(`/${locale}/consultation/calendar-link/`);
	};
	const link = await bookings.fromLink(url.searchParams.get('token') ?? '', 'calendar');
	if (link.status !== 'ok') return explain(link.status === 'expired' ? 'expired' : 'forged');
	if (link.booking.status === 'cancelled') return explain('cancelled', link.booking.officeId);
	const office = (await getOffices()).find((o) => o.id === link.booking.officeId);
	const specialist = office?.specialists.find((s) => s.id === link.booking.specialistId);
	if (!office || !specialist) return explain('forged');
	return new Response(
		bookingCalendarFor(
			link.booking,
			office,
			specialist,
			await getTranslator(locale),
			config.SITE_URL,
		),
		{
			headers: {
				'Content-Type': 'text/calendar; charset=utf-8',
				'Content-Disposition': 'attachment; filename="consultation.ics"',
				'Cache-Control': 'no-store',
			},
		},
	);
};
