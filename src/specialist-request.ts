/**
 * What the pages of one specialist's consultations do first: the office request, the signed-in
 * person (a passkey session), and the specialist of the address if the person manages them – 403
 * without a session, 404 for a specialist who is not theirs or does not exist.
 */
import type { AstroGlobal } from 'astro';
import { getOffices } from './content-queries.ts';
import { officeRequest, type OfficeRequest } from './office-request.ts';
import type { Managed } from './server/office/office-specialists.ts';
import type { OfficePerson } from './server/store/office-types.ts';

export interface SpecialistRequest {
	request: OfficeRequest;
	person: OfficePerson | undefined;
	managed: Managed | undefined;
}

export async function specialistRequest(astro: AstroGlobal): Promise<SpecialistRequest> {
	const request = await officeRequest(astro);
	const { signedIn, office } = request;
	const person = signedIn?.level === 'passkey' ? signedIn.person : undefined;
	const { office: officeId = '', specialist = '' } = astro.params;
	const managed =
		person && (await office.specialists.find(person, await getOffices(), officeId, specialist));
	if (!person) astro.response.status = 403;
	else if (!managed) astro.response.status = 404;
	return { request, person, managed };
}
