import { writeFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { makeSelfSignedCertificate } from '../test/helpers/tls-cert.ts';
import type { Admission } from './limits/limits.ts';
import {
  certificateFingerprint,
  createListener,
  loadTlsOptions,
  TlsSetupError,
  type ListenerHooks,
} from './tls.ts';

const servers: net.Server[] = [];

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((s) => new Promise((done) => s.close(done))),
  );
});

function echoServer(
  options: tls.TlsOptions | undefined,
  admit?: ListenerHooks['admit'],
) {
  const accepted: string[] = [];
  const errors: string[] = [];
  const server = createListener(
    options,
    (stream: Duplex, address: string) => {
      accepted.push(address);
      stream.pipe(stream);
    },
    { admit, onHandshakeError: (error) => errors.push(error.message) },
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

  it('admits a TLS connection before its handshake and hands that admission over with the socket', async () => {
    const cert = makeSelfSignedCertificate();
    const options = loadTlsOptions({
      tlsCert: cert.certFile,
      tlsKey: cert.keyFile,
    });
    const places = new PlaceCounter(1);
    const handedOver: Array<Admission | undefined> = [];
    const server = createListener(
      options,
      (stream, _address, admission) => {
        handedOver.push(admission);
        stream.pipe(stream);
      },
      { admit: () => places.take() },
    );
    servers.push(server);
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as net.AddressInfo;

    const stalled = net.connect(port, '127.0.0.1');
    await until(() => places.taken === 1);
    const refused = net.connect(port, '127.0.0.1');
    await new Promise((resolve) => refused.once('close', resolve));
    stalled.destroy();
    await until(() => places.taken === 0);

    const socket = tls.connect({ port, host: '127.0.0.1', ca: cert.cert });
    await new Promise((resolve) => socket.once('secureConnect', resolve));
    expect(await roundTrip(socket, 'in')).toBe('in');
    expect(places.taken).toBe(1);
    expect(handedOver).toEqual([places.last]);
    socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(places.taken).toBe(1);
  });

  it('frees the place of a failed handshake and does not report a refused connection as one', async () => {
    const cert = makeSelfSignedCertificate();
    const options = loadTlsOptions({
      tlsCert: cert.certFile,
      tlsKey: cert.keyFile,
    });
    const places = new PlaceCounter(1);
    const { port, accepted, errors } = await echoServer(options, () =>
      places.take(),
    );

    const plain = net.connect(port, '127.0.0.1');
    await until(() => places.taken === 1);
    const refused = net.connect(port, '127.0.0.1');
    await new Promise((resolve) => refused.once('close', resolve));
    plain.write('not a TLS hello\r\n\r\n');
    await new Promise((resolve) => plain.once('close', resolve));
    await until(() => places.taken === 0);

    expect(accepted).toEqual([]);
    expect(errors).toHaveLength(1);
  });
});

/** Places under a cap, as the hub's connection caps hand them out. */
class PlaceCounter {
  taken = 0;
  last: Admission | undefined;

  constructor(private readonly cap: number) {}

  take(): Admission | undefined {
    if (this.taken >= this.cap) return undefined;
    this.taken += 1;
    let isReleased = false;
    this.last = {
      loggedIn: () => undefined,
      release: () => {
        if (isReleased) return;
        isReleased = true;
        this.taken -= 1;
      },
    };
    return this.last;
  }
}

async function until(condition: () => boolean): Promise<void> {
  for (let attempt = 0; !condition(); attempt++) {
    if (attempt > 100) throw new Error('condition not met within 2 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
