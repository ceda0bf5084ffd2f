import { writeFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { makeSelfSignedCertificate } from '../test/helpers/tls-cert.ts';
import {
  certificateFingerprint,
  createListener,
  loadTlsOptions,
  TlsSetupError,
} from './tls.ts';

const servers: net.Server[] = [];

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((s) => new Promise((done) => s.close(done))),
  );
});

function echoServer(options: tls.TlsOptions | undefined) {
  const accepted: string[] = [];
  const errors: string[] = [];
  const server = createListener(
    options,
    (stream: Duplex, address: string) => {
      accepted.push(address);
      stream.pipe(stream);
    },
    { onHandshakeError: (error) => errors.push(error.message) },
  );
  servers.push(server);
  return new Promise<{ port: number; accepted: string[]; errors: string[] }>(
    (resolve) =>
      server.listen(0, '127.0.0.1', () =>
        resolve({
          port: (server.address() as net.AddressInfo).port,
          accepted,
          errors,
        }),
      ),
  );
}

function roundTrip(socket: net.Socket, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    socket.once('data', (data) => resolve(data.toString()));
    socket.once('error', reject);
    socket.write(text);
  });
}

describe('loadTlsOptions', () => {
  it('returns nothing when TLS is not configured', () => {
    expect(loadTlsOptions({})).toBeUndefined();
  });

  it('refuses a certificate without a key', () => {
    expect(() => loadTlsOptions({ tlsCert: '/tmp/cert.pem' })).toThrow(
      /needs both TLS_CERT .* and TLS_KEY/,
    );
  });

  it('names the file it cannot read', () => {
    expect(() =>
      loadTlsOptions({ tlsCert: '/nonexistent/c.pem', tlsKey: '/x/k.pem' }),
    ).toThrow('TLS_CERT file "/nonexistent/c.pem" cannot be read (ENOENT).');
  });

  it('refuses a key that does not belong to the certificate', () => {
    const one = makeSelfSignedCertificate();
    const other = makeSelfSignedCertificate();
    expect(() =>
      loadTlsOptions({ tlsCert: one.certFile, tlsKey: other.keyFile }),
    ).toThrow(TlsSetupError);
  });

  it('refuses a file that is not PEM', () => {
    const cert = makeSelfSignedCertificate();
    const junk = path.join(path.dirname(cert.keyFile), 'junk.pem');
    writeFileSync(junk, 'not a key');
    expect(() =>
      loadTlsOptions({ tlsCert: cert.certFile, tlsKey: junk }),
    ).toThrow(/do not make a usable pair/);
  });
});

describe('createListener', () => {
  it('serves plain TCP without TLS settings', async () => {
    const { port, accepted } = await echoServer(undefined);
    const socket = net.connect(port, '127.0.0.1');

    expect(await roundTrip(socket, 'hello')).toBe('hello');
    expect(accepted).toEqual(['127.0.0.1']);
    socket.destroy();
  });

  it('serves TLS with the configured certificate', async () => {
    const cert = makeSelfSignedCertificate();
    const options = loadTlsOptions({
      tlsCert: cert.certFile,
      tlsKey: cert.keyFile,
    });
    const { port } = await echoServer(options);
    const socket = tls.connect({
      port,
      host: '127.0.0.1',
      ca: cert.cert,
      servername: 'localhost',
    });
    await new Promise((resolve) => socket.once('secureConnect', resolve));

    expect(socket.authorized).toBe(true);
    expect(socket.getPeerCertificate().fingerprint256).toBe(
      cert.fingerprint256,
    );
    expect(certificateFingerprint(cert.cert)).toBe(cert.fingerprint256);
    expect(await roundTrip(socket, 'secret')).toBe('secret');
    socket.destroy();
  });

  it('reports and drops a client that speaks plain TCP to a TLS port', async () => {
    const cert = makeSelfSignedCertificate();
    const options = loadTlsOptions({
      tlsCert: cert.certFile,
      tlsKey: cert.keyFile,
    });
    const { port, accepted, errors } = await echoServer(options);
    const socket = net.connect(port, '127.0.0.1');
    socket.write(Buffer.from([0, 0, 0, 10, ...Buffer.from('{"Type":5}')]));
    await new Promise((resolve) => socket.once('close', resolve));

    expect(accepted).toEqual([]);
    expect(errors).toHaveLength(1);
  });
});
