/**
 * Server side of the forms. Each action takes the posted form as it is, validates it with the
 * shared schema and answers with a state the page renders; the page sets the HTTP status.
 */
import { defineAction } from 'astro:actions';
import { getOffices } from '../content-queries.ts';
import { concernSchema, type ConcernSection } from '../lib/concern-schema.ts';
import { fieldErrors, type FieldErrors } from '../lib/form-errors.ts';
import { formValues, type FormValues } from '../lib/form-values.ts';
import { findOffices } from '../lib/office-routing.ts';
import { acceptConcern } from '../server/concern-intake.ts';

export type NotifyResult =
	| { state: 'invalid'; values: FormValues; errors: FieldErrors }
	| { state: 'edit'; values: FormValues; section: string }
	| { state: 'review'; values: FormValues }
	| { state: 'accepted'; values: FormValues; reference: string }
	| { state: 'unavailable'; values: FormValues };

export const server = {
	notify: defineAction({
		accept: 'form',
		handler: async (form): Promise<NotifyResult> => {
			const values = formValues(form, ['categories']);
			const change = form.get('_change');
			if (typeof change === 'string') return { state: 'edit', values, section: change as ConcernSection };

			const parsed = concernSchema.safeParse(values);
			if (!parsed.success) return { state: 'invalid', values, errors: fieldErrors(parsed.error.issues) };
			const concern = parsed.data;
			// The office must really serve the area: the hidden field is the visitor's to change.
			const served = findOffices(await getOffices(), concern.country, concern.area);
			const office = served.find((o) => o.id === concern.officeId && o.services.includes('notification-intake'));
			if (!office) return { state: 'invalid', values, errors: { officeId: { key: 'error.office' } } };

			if (!form.has('_confirm')) return { state: 'review', values };
			try {
				const { reference } = acceptConcern(concern);
				return { state: 'accepted', values, reference };
			} catch (error) {
				// Disk full, store unwritable…: say so plainly; never a false success. No form values in the log.
				console.error(`notify: could not store a concern: ${(error as Error).name} ${(error as NodeJS.ErrnoException).code ?? ''}`);
				return { state: 'unavailable', values };
			}
		},
	}),
};
