/**
 * The booking's calendar file, from the signed link on the confirmation page. The same file is
 * attached to the confirmation e-mail.
 */
import type { APIRoute } from 'astro';
import { getOffices, getSite, getUiStrings } from '../../../content-queries.ts';
import { isLocale } from '../../../lib/locales.ts';
import { bookingCalendarFor } from '../../../server/booking-calendar.ts';
import { servicesOf } from '../../../server/services.ts';

export const prerender = false;

export const GET: APIRoute = async ({ params, url, locals }) => {
	const { bookings, config } = servicesOf(locals);
	const locale = params.locale;
	if (!(await getSite()).features.consultation) return new Response('Not found.', { status: 404 });
	const link = bookings.fromLink(url.searchParams.get('token') ?? '', 'calendar');
	if (!isLocale(locale) || link.status !== 'ok') return new Response('This link is not valid.', { status: link.status === 'expired' ? 410 : 400 });
	if (link.booking.status === 'cancelled') return new Response('This consultation was cancelled.', { status: 410 });
	const office = (await getOffices()).find((o) => o.id === link.booking.officeId);
	const specialist = office?.specialists.find((s) => s.id === link.booking.specialistId);
	if (!office || !specialist) return new Response('Not found.', { status: 404 });
	const strings = await getUiStrings(locale);
	return new Response(bookingCalendarFor(link.booking, office, specialist, strings, config.SITE_URL), {
		headers: {
			'Content-Type': 'text/calendar; charset=utf-8',
			'Content-Disposition': 'attachment; filename="consultation.ics"',
			'Cache-Control': 'no-store',
		},
	});
};
