/** The office workspace's store (see office-types.ts), composed from its tables; operations that span tables hold one transaction. */
import type { Database } from './database.ts';
import { lift } from './lift.ts';
import { officeCasesTable } from './office-cases.ts';
import type { officeFeedbackTable } from './office-feedback.ts';
import { officePeopleTable } from './office-people.ts';
import { officeSessionsTable } from './office-sessions.ts';
import type { OfficeStore } from './office-types.ts';
import type { outboxTable } from './outbox.ts';
import type { submissionsTable } from './submissions.ts';

export function officeStore(
	database: Database,
	cases: ReturnType<typeof officeCasesTable>,
	submissions: ReturnType<typeof submissionsTable>,
	outbox: ReturnType<typeof outboxTable>,
	feedback: ReturnType<typeof officeFeedbackTable>,
): OfficeStore {
	const { transaction } = database;
	const people = officePeopleTable(database);
	const sessions = officeSessionsTable(database);
	return {
		addPerson: lift(people.add),
		setMembership: lift(people.setMembership),
		removeMembership: lift(people.removeMembership),
		person: lift(people.person),
		listPeople: lift(people.list),
		personByEmail: lift(people.personByEmail),
		setLocale: lift(people.setLocale),
		passkeys: lift(people.passkeys),
		passkey: lift(people.passkey),
		addPasskey: lift(people.addPasskey),
		usePasskey: lift(people.usePasskey),
		async removePasskeys(personId) {
			return transaction(() => {
				sessions.endAll(personId);
				return people.removePasskeys(personId);
			});
		},

		createSession: lift(sessions.create),
		session: lift(sessions.get),
		touchSession: lift(sessions.touch),
		endSession: lift(sessions.end),
		endSessions: lift(sessions.endAll),
		forgetExpired: lift(sessions.forgetExpired),
		async createSignInLink(tokenHash, personId, now, expiresAt, message) {
			transaction(() => {
				sessions.createLink(tokenHash, personId, now, expiresAt);
				// The person is waiting for it: sent before the queue of ordinary mail.
				const s = {
					id: message.submissionId,
					kind: 'office-link' as const,
					officeId: '',
					locale: message.locale,
					body: message.body,
					messages: ['office-sign-in-link' as const],
					priority: 1 as const,
					now,
				};
				submissions.insert(s);
				outbox.queue(s);
			});
		},
		useSignInLink: lift(sessions.useLink),
		useChallenge: lift(sessions.useChallenge),

		inbox: lift(cases.inbox),
		findCase: lift(cases.find),
		async acknowledge(submissionId, personId, now, receipt) {
			return transaction(() => {
				const found = cases.find(submissionId);
				if (!found || !cases.acknowledge(submissionId, now)) return 'already';
				cases.audit({
					at: now,
					personId,
					officeId: found.officeId,
					action: 'acknowledge',
					reference: found.reference,
					detail: null,
				});
				if (receipt)
					outbox.queueOne(submissionId, found.officeId, 'concern-acknowledged', now, receipt);
				return 'acknowledged';
			});
		},
		async setStatus(submissionId, status, personId, now) {
			return transaction(() => {
				const found = cases.find(submissionId);
				if (!found || !cases.setStatus(submissionId, status, now)) return 'unchanged';
				cases.audit({
					at: now,
					personId,
					officeId: found.officeId,
					action: 'status',
					reference: found.reference,
					detail: status,
				});
				return 'changed';
			});
		},
		audit: lift(cases.audit),
		async recordExport({ submissionId, ...entry }) {
			transaction(() => {
				cases.audit(entry);
				cases.exported(submissionId, entry.at);
			});
		},
		auditLog: lift(cases.auditLog),
		feedback: { send: lift(feedback.send), sent: lift(feedback.sent) },
	};
}
