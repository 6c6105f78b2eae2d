/**
 * How and where a consultation happens, in words for the professional or for the specialist:
 * the address and room, the specialist's phone, or – by video – the link to join or who calls
 * whom (the office's `videoCall`). The booking pages, the e-mails and the calendar file all
 * use it, so they all say the same.
 */
import type { Office, Specialist } from './content-schemas.ts';
import { interpolate } from './interpolate.ts';
import { composedKey, type Translate } from './translate.ts';

export interface ConsultationHow {
	/** One line, e.g. "In person, at Am Markt 1, 07743 Musterstadt, room 1.31". */
	text: string;
	/** The address to join a video consultation, when the office gives one. */
	link?: string;
}

export interface HowContext {
	/** Who reads it: the professional who booked, or the specialist. */
	reader: 'professional' | 'specialist';
	/** The booking's reference; before booking there is none, and so no link yet. */
	reference?: string | undefined;
	/** The professional's phone, for the specialist who is to call them. */
	professionalPhone?: string | undefined;
}

export function consultationHow(
	t: Translate,
	mode: string,
	office: Office,
	specialist: Specialist | undefined,
	context: HowContext,
): ConsultationHow {
	if (mode === 'in-person') {
		const room = specialist?.room ? `, ${t('contacts.room')} ${specialist.room}` : '';
		return {
			text: t('booking.mode.inPersonAt', {
				address: `${office.address.street}, ${office.address.postcode} ${office.address.city}${room}`,
			}),
		};
	}
	if (mode === 'video' && office.videoCall?.how === 'link') {
		if (context.reference === undefined) return { text: t('booking.video.linkLater') };
		return {
			text: t('booking.video.link'),
			link: interpolate(office.videoCall.link, { reference: context.reference }),
		};
	}
	if (mode === 'video' && office.videoCall?.how === 'specialist-calls') {
		return context.reader === 'specialist'
			? { text: t('booking.video.youCall', { phone: context.professionalPhone ?? '' }) }
			: { text: t('booking.video.calls') };
	}
	const how = t(composedKey(`mode.${mode}`));
	return { text: specialist ? `${how}: ${specialist.name}, ${specialist.phone}` : how };
}

/** The same as one line of plain text (e-mail text, calendar): the link after the words. */
export function howLine(how: ConsultationHow): string {
	return how.link ? `${how.text} ${how.link}` : how.text;
}
