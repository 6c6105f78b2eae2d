// nginx from Debian's packages (`nginx-light`; NGINX_PATH points elsewhere) as the reference
// static server for `bench:static`: one worker, serving a folder on a free loopback port with
// gzip at a given level, the build's .gz copies used as they are (gzip_static), and extra
// exact locations that serve one saved file each. Returns undefined when nginx is not installed.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';

export const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';

const freePort = () =>
	new Promise((resolve, reject) => {
		const server = createServer().listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
		server.on('error', reject);
	});

const accepts = (port) =>
	new Promise((resolve) => {
		const socket = connect({ host: '127.0.0.1', port });
		socket.once('connect', () => (socket.destroy(), resolve(true)));
		socket.once('error', () => setTimeout(() => resolve(false), 50));
	});

/** `exact`: { '/de/notify/': { file, gzipLevel } } served whatever the query. */
export async function startNginx({ root, gzipLevel, exact = {} }) {
	if (!existsSync(NGINX)) return undefined;
	const dir = mkdtempSync(join(tmpdir(), 'bench-nginx-'));
	const port = await freePort();
	const types =
		'text/css text/javascript application/javascript application/json image/svg+xml text/plain application/xml';
	const locations = Object.entries(exact)
		.map(
			([path, { file, gzipLevel: level }]) =>
				`\t\tlocation = ${path} { gzip_static off; gzip_comp_level ${level}; default_type "text/html; charset=utf-8"; root ${dirname(file)}; try_files /${basename(file)} =404; }`,
		)
		.join('\n');
	writeFileSync(
		join(dir, 'nginx.conf'),
		`daemon off;
master_process off;
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 1024; }
http {
	include /etc/nginx/mime.types;
	access_log off;
	client_body_temp_path ${join(dir, 'body')};
	proxy_temp_path ${join(dir, 'proxy')};
	fastcgi_temp_path ${join(dir, 'fastcgi')};
	uwsgi_temp_path ${join(dir, 'uwsgi')};
	scgi_temp_path ${join(dir, 'scgi')};
	sendfile on;
	tcp_nopush on;
	open_file_cache max=10000;
	gzip on;
	gzip_static on;
	gzip_vary on;
	gzip_comp_level ${gzipLevel};
	gzip_types ${types};
	server {
		listen 127.0.0.1:${port};
		root ${root};
		location /_astro/ { expires max; add_header Cache-Control immutable; }
${locations}
	}
}
`,
	);
	const child = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf')], {
		stdio: ['ignore', 'ignore', 'pipe'],
	});
	let errors = '';
	child.stderr.on('data', (c) => (errors += c));
	while (!(await accepts(port))) {
		if (child.exitCode !== null) throw new Error(`nginx exited: ${errors}`);
	}
	return {
		origin: `http://127.0.0.1:${port}`,
		pid: child.pid,
		stop: () =>
			new Promise((resolve) => {
				const done = () => (rmSync(dir, { recursive: true, force: true }), resolve());
				if (child.exitCode !== null) return done();
				child.once('exit', done);
				child.kill('SIGTERM');
			}),
	};
}
