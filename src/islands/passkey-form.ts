/**
 * The passkey ceremony on the office sign-in and enrolment pages – the only JavaScript of the
 * workspace. A `form[data-passkey]` carries the server's options; the button appears only where
 * the browser can use passkeys, runs the ceremony, puts the answer into the form and posts it
 * as a plain form, so the server's answer is an ordinary page.
 */
import {
	browserSupportsWebAuthn,
	startAuthentication,
	startRegistration,
} from '@simplewebauthn/browser';

for (const form of document.querySelectorAll<HTMLFormElement>('form[data-passkey]')) {
	const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
	const answer = form.querySelector<HTMLInputElement>('input[name="credential"]');
	const failed = form.querySelector<HTMLElement>('[data-passkey-failed]');
	if (!button || !answer || !browserSupportsWebAuthn()) continue;
	form.querySelector('[data-passkey-unsupported]')?.setAttribute('hidden', '');
	button.hidden = false;
	form.addEventListener('submit', async (event) => {
		event.preventDefault();
		button.disabled = true;
		failed?.setAttribute('hidden', '');
		try {
			const optionsJSON = JSON.parse(form.dataset['options'] ?? '{}');
			const response =
				form.dataset['passkey'] === 'enrol'
					? await startRegistration({ optionsJSON })
					: await startAuthentication({ optionsJSON });
			answer.value = JSON.stringify(response);
			form.submit();
		} catch (error) {
			// Cancelled, timed out or refused by the authenticator: say so, let the person try again.
			if (failed) failed.dataset['reason'] = (error as Error).name;
			failed?.removeAttribute('hidden');
			button.disabled = false;
		}
	});
}
