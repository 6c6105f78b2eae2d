/** The office workspace's store (see office-types.ts), composed from its tables; operations that span tables hold one transaction. */
import type { Database } from './database.ts';
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
		addPerson: people.add,
		setMembership: people.setMembership,
		person: people.person,
		listPeople: people.list,
		personByEmail: people.personByEmail,
		setLocale: people.setLocale,
		passkeys: people.passkeys,
		passkey: people.passkey,
		addPasskey: people.addPasskey,
		usePasskey: people.usePasskey,
		removePasskeys(personId) {
			return transaction(() => {
				sessions.endAll(personId);
				return people.removePasskeys(personId);
			});
		},

		createSession: sessions.create,
		session: sessions.get,
		touchSession: sessions.touch,
		endSession: sessions.end,
		endSessions: sessions.endAll,
		forgetExpired: sessions.forgetExpired,
		createSignInLink(tokenHash, personId, now, expiresAt, message) {
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
		useSignInLink: sessions.useLink,
		useChallenge: sessions.useChallenge,

		inbox: cases.inbox,
		findCase: cases.find,
		acknowledge(submissionId, personId, now, receipt) {
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
		setStatus(submissionId, status, personId, now) {
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
		audit: cases.audit,
		recordExport({ submissionId, ...entry }) {
			transaction(() => {
				cases.audit(entry);
				cases.exported(submissionId, entry.at);
			});
		},
		auditLog: cases.auditLog,
		feedback: { send: feedback.send, sent: feedback.sent },
	};
}
