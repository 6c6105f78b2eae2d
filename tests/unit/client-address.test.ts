import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress } from '../../src/server/client-address.ts';

const request = (remoteAddress: string, forwardedFor?: string) =>
	({
		socket: { remoteAddress },
		headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
	}) as unknown as IncomingMessage;

describe('clientAddress', () => {
	it('is the socket address, IPv4-mapped addresses written as IPv4', () => {
		expect(clientAddress(request('203.0.113.7'), false)).toBe('203.0.113.7');
		expect(clientAddress(request('::ffff:203.0.113.7'), false)).toBe('203.0.113.7');
	});

	it('ignores X-Forwarded-For unless a proxy is trusted', () => {
		expect(clientAddress(request('203.0.113.7', '198.51.100.1'), false)).toBe('203.0.113.7');
	});

	it('behind a trusted proxy, takes the address the proxy appended (the last), not what the client claimed', () => {
		expect(clientAddress(request('10.0.0.2', '198.51.100.1'), true)).toBe('198.51.100.1');
		expect(clientAddress(request('10.0.0.2', '1.2.3.4, 198.51.100.1'), true)).toBe('198.51.100.1');
		expect(clientAddress(request('10.0.0.2'), true)).toBe('10.0.0.2');
	});

	it('counts IPv6 clients per /64', () => {
		expect(clientAddress(request('2001:db8:1:2:aaaa::1'), false)).toBe('2001:db8:1:2::/64');
		expect(clientAddress(request('2001:db8:1:2:bbbb:cccc:dddd:eeee'), false)).toBe(
			'2001:db8:1:2::/64',
		);
		expect(clientAddress(request('2001:db8::1'), false)).toBe('2001:db8:0:0::/64');
		expect(clientAddress(request('::1'), false)).toBe('0:0:0:0::/64');
	});
});
