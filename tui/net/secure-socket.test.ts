import { mkdtempSync, readFileSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import {
  makeSelfSignedCertificate,
  type TestCertificate,
} from '../../test/helpers/tls-cert.ts';
import {
  connectSecure,
  describeTlsError,
  prepareTls,
  TrustError,
} from './secure-socket.ts';

const servers: tls.Server[] = [];

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((s) => new Promise((done) => s.close(done))),
  );
});

async function serve(cert: TestCertificate, port = 0): Promise<number> {
  const server = tls.createServer({ cert: cert.cert, key: cert.key }, (s) =>
    s.pipe(s),
  );
  servers.push(server);
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  return (server.address() as AddressInfo).port;
}

async function stopServers(): Promise<void> {
  await Promise.all(
    servers.splice(0).map((s) => new Promise((done) => s.close(done))),
  );
}

/** Connects and reports 'trusted' or the reason the socket closed. */
function attempt(
  port: number,
  setup: ReturnType<typeof prepareTls>,
  notices: string[] = [],
): Promise<string> {
  return new Promise((resolve) => {
    const socket = connectSecure('127.0.0.1', port, setup, (notice) =>
      notices.push(notice),
    );
    socket.on('secureConnect', () => {
      if (socket.destroyed) return;
      socket.destroy();
      resolve('trusted');
    });
    socket.on('error', (error) => resolve(error.message));
  });
}

function tempKnownHosts(): string {
  return path.join(
    mkdtempSync(path.join(tmpdir(), 'termchat-kh-')),
    'known_hosts',
  );
}

describe('connectSecure', () => {
  it('pins a self-signed server on first use and trusts it after', async () => {
    const cert = makeSelfSignedCertificate();
    const port = await serve(cert);
    const setup = prepareTls({ knownHostsFile: tempKnownHosts() });
    const notices: string[] = [];

    expect(await attempt(port, setup, notices)).toBe('trusted');
    expect(notices).toEqual([
      expect.stringContaining(`Trusting 127.0.0.1:${port} on first use`),
    ]);
    expect(readFileSync(setup.knownHostsFile, 'utf8')).toBe(
      `127.0.0.1:${port} ${cert.fingerprint256}\n`,
    );

    expect(await attempt(port, setup, notices)).toBe('trusted');
    expect(notices).toHaveLength(1);
  });

  it('refuses a server whose certificate changed since it was pinned', async () => {
    const setup = prepareTls({ knownHostsFile: tempKnownHosts() });
    const port = await serve(makeSelfSignedCertificate());
    await attempt(port, setup);
    await stopServers();

    await serve(makeSelfSignedCertificate(), port);
    const reason = await attempt(port, setup);

    expect(reason).toContain(
      `WARNING: the certificate of 127.0.0.1:${port} has CHANGED; not connecting.`,
    );
    expect(reason).toContain(`delete line 1 of ${setup.knownHostsFile}`);
  });

  it('trusts a server the --ca file vouches for, without pinning it', async () => {
    const cert = makeSelfSignedCertificate();
    const port = await serve(cert);
    const setup = prepareTls({
      caFile: cert.certFile,
      knownHostsFile: tempKnownHosts(),
    });

    expect(await attempt(port, setup)).toBe('trusted');
    expect(() => readFileSync(setup.knownHostsFile)).toThrow(/ENOENT/);
  });

  it('refuses a server the --ca file does not vouch for', async () => {
    const port = await serve(makeSelfSignedCertificate());
    const other = makeSelfSignedCertificate();
    const setup = prepareTls({
      caFile: other.certFile,
      knownHostsFile: tempKnownHosts(),
    });

    expect(await attempt(port, setup)).toMatch(
      /^The certificate of 127\.0\.0\.1:\d+ is not trusted by .*cert\.pem/,
    );
  });

  it('accepts only the fingerprint given with --tls-fingerprint', async () => {
    const cert = makeSelfSignedCertificate();
    const port = await serve(cert);
    const knownHostsFile = tempKnownHosts();
    const right = prepareTls({
      fingerprint: cert.fingerprint256.replace(/:/g, '').toLowerCase(),
      knownHostsFile,
    });
    const wrong = prepareTls({ fingerprint: 'ab'.repeat(32), knownHostsFile });

    expect(await attempt(port, right)).toBe('trusted');
    expect(await attempt(port, wrong)).toContain(
      'given with --tls-fingerprint; not connecting.',
    );
  });
});

describe('prepareTls', () => {
  it('explains a malformed fingerprint and an unreadable CA file', () => {
    expect(() => prepareTls({ fingerprint: 'abc' })).toThrow(TrustError);
    expect(() => prepareTls({ caFile: '/nonexistent/ca.pem' })).toThrow(
      '--ca file "/nonexistent/ca.pem" cannot be read (ENOENT).',
    );
  });
});

const plainServers: net.Server[] = [];
afterEach(async () => {
  await Promise.all(
    plainServers.splice(0).map((s) => new Promise((done) => s.close(done))),
  );
});

/** The error a TLS client meets at `port`, described for the user. */
async function failureAt(port: number, knownHostsFile: string) {
  const setup = prepareTls({ knownHostsFile });
  const error = await new Promise<Error>((resolve) => {
    const socket = connectSecure('127.0.0.1', port, setup);
    socket.on('error', resolve);
  });
  return describeTlsError(error, '127.0.0.1', port);
}

async function plainServer(onSocket: (socket: net.Socket) => void) {
  const server = net.createServer((socket) => {
    socket.on('error', () => undefined);
    onSocket(socket);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  plainServers.push(server);
  return (server.address() as AddressInfo).port;
}

describe('describeTlsError', () => {
  const knownHostsFile = () =>
    path.join(mkdtempSync(path.join(tmpdir(), 'termchat-kh-')), 'kh');

  it('says a server answering in plain frames does not speak TLS', async () => {
    const port = await plainServer((socket) =>
      socket.once('data', () => socket.end('\0\0\0\x02{}')),
    );
    expect(await failureAt(port, knownHostsFile())).toBe(
      `The server at 127.0.0.1:${port} does not speak TLS; leave out --tls, or check the port.`,
    );
  });

  it('says a server that hangs up at the hello may not speak TLS', async () => {
    const port = await plainServer((socket) => socket.destroy());
    expect(await failureAt(port, knownHostsFile())).toBe(
      `The server at 127.0.0.1:${port} hung up before TLS was set up; it may not speak TLS (leave out --tls, or check the port).`,
    );
  });

  it('names any other OpenSSL failure by its reason, without the raw line', () => {
    const error = Object.assign(
      new Error(
        '80DC89EB6A7F0000:error:0A000410:SSL routines:ssl3_read_bytes:sslv3 alert handshake failure:../deps/openssl/openssl/ssl/record/rec_layer_s3.c:1590:SSL alert number 40\n',
      ),
      {
        code: 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE',
        reason: 'sslv3 alert handshake failure',
        library: 'SSL routines',
      },
    );
    expect(describeTlsError(error, 'chat.example', 8443)).toBe(
      'TLS with chat.example:8443 failed (sslv3 alert handshake failure); check --tls, --ca and the port.',
    );
  });

  it('leaves errors that are not about TLS to the caller', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED'), {
      code: 'ECONNREFUSED',
    });
    expect(describeTlsError(error, 'localhost', 1)).toBeNull();
    expect(describeTlsError(new TrustError('Refused.'), 'localhost', 1)).toBe(
      null,
    );
  });
});
