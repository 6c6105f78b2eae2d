/**
 * Turns validation issues into one error per field, as UI string keys with their values, so
 * the browser and the server show the same message in the visitor's language.
 */
import type { z } from 'zod/mini';
import type { UiKey } from './ui-keys.ts';

export interface FieldError {
	key: UiKey;
	vars?: Record<string, number>;
}

/** Field name → its first error. Problems with the form as a whole are under `_form`. */
export type FieldErrors = Record<string, FieldError>;

/** Our rules' messages are UI string keys ("error.email"); zod's own are sentences. */
const isKey = (message: string) => /^[\w-]+(\.[\w-]+)+$/.test(message);

export function fieldErrors(issues: readonly z.core.$ZodIssue[]): FieldErrors {
	const errors: FieldErrors = {};
	for (const issue of issues) {
		const field =
			issue.code === 'unrecognized_keys' || issue.path.length === 0
				? '_form'
				: String(issue.path[0]);
		if (errors[field]) continue;
		const key = (
			isKey(issue.message) ? issue.message : field === '_form' ? 'error.form' : 'error.required'
		) as UiKey;
		errors[field] =
			issue.code === 'too_big' && typeof issue.maximum === 'number'
				? { key, vars: { count: issue.maximum } }
				: { key };
	}
	return errors;
}
