/**
 * TLS end to end: a real server with a self-signed certificate, the
 * client's trust logic (tui/net/secure-socket.ts) pinning it on first
 * use and refusing it once it changes, plain TCP next to it, and the
 * per-address caps counting connections still in their handshake.
 */
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MessageType } from '../../shared/protocol.ts';
import type { Config } from '../../server/config.ts';
import {
  connectSecure,
  prepareTls,
  type TlsClientSetup,
} from '../../tui/net/secure-socket.ts';
import { ChatSession } from '../../tui/net/chat-session.ts';
import { bridgeSession } from '../../tui/state/session-bridge.ts';
import { ChatStore } from '../../tui/state/chat-store.ts';
import { sqlite, type Backend } from '../helpers/backends.ts';
import { TestClient } from '../helpers/client.ts';
import {
  startTestServer,
  uniqueName,
  type TestServer,
} from '../helpers/server.ts';
import {
  makeSelfSignedCertificate,
  type TestCertificate,
} from '../helpers/tls-cert.ts';
import { eventually } from '../helpers/eventually.ts';

let backend: Backend;
const servers: TestServer[] = [];
/** Sockets a test opened itself, destroyed after it. */
const sockets: net.Socket[] = [];

beforeAll(async () => {
  backend = await sqlite.create();
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  for (const server of servers.splice(0)) {
    await server.closeClients();
    await server.stop();
  }
});

afterAll(async () => {
  await backend?.cleanup();
});

async function tlsServer(
  cert: TestCertificate,
  port = 0,
  limits: Partial<Config> = {},
) {
  const server = await startTestServer(backend, {
    ...limits,
    port,
    tlsCert: cert.certFile,
    tlsKey: cert.keyFile,
  });
  servers.push(server);
  return server;
}

/** Connects over TLS; resolves with a client, or rejects with the reason. */
function secureClient(
  port: number,
  setup: TlsClientSetup,
  notices: string[] = [],
): Promise<TestClient> {
  return new Promise((resolve, reject) => {
    const socket = connectSecure('127.0.0.1', port, setup, (notice) =>
      notices.push(notice),
    );
    socket.once('secureConnect', () => {
      if (!socket.destroyed) resolve(TestClient.wrap(socket));
    });
    socket.once('error', reject);
  });
}

/**
 * Connects over TLS from a loopback address, trusting `cert`; resolves
 * with a client once the handshake is done, or rejects when the server
 * closes the connection first.
 */
function tlsFrom(
  port: number,
  cert: TestCertificate,
  localAddress: string,
): Promise<TestClient> {
  return new Promise((resolve, reject) => {
    const tcp = net.connect({ port, host: '127.0.0.1', localAddress });
    const socket = tls.connect({
      socket: tcp,
      host: '127.0.0.1',
      ca: cert.cert,
    });
    sockets.push(tcp, socket);
    socket.once('secureConnect', () => resolve(TestClient.wrap(socket)));
    socket.once('error', reject);
    socket.once('close', () => reject(new Error('closed before TLS')));
  });
}

/** Opens a TCP connection that never starts its TLS handshake. */
function stalledFrom(port: number, localAddress: string) {
  return new Promise<{ socket: net.Socket; closedAfterMs: Promise<number> }>(
    (resolve, reject) => {
      const socket = net.connect({ port, host: '127.0.0.1', localAddress });
      sockets.push(socket);
      socket.on('error', () => undefined);
      socket.once('connect', () => {
        const openedAt = Date.now();
        const closedAfterMs = new Promise<number>((done) =>
          socket.once('close', () => done(Date.now() - openedAt)),
        );
        resolve({ socket, closedAfterMs });
      });
      socket.once('error', reject);
    },
  );
}

function freshSetup(): TlsClientSetup {
  const config = mkdtempSync(path.join(tmpdir(), 'termchat-xdg-'));
  return prepareTls({
    knownHostsFile: path.join(config, 'termchat', 'known_hosts'),
  });
}

describe('TLS', () => {
  it('serves the chat over TLS with a self-signed certificate pinned on first use', async () => {
    const cert = makeSelfSignedCertificate();
    const server = await tlsServer(cert);
    const setup = freshSetup();
    const notices: string[] = [];

    const client = await secureClient(server.port, setup, notices);
    const name = uniqueName('tls');
    expect((await client.register(name, 'pw')).Content).toBe('OK');
    expect((await client.login(name, 'pw')).Content).toBe('OK');
    client.say('over tls');
    expect(
      (await client.nextFrame((f) => f.Text === 'over tls')).Id,
    ).toBeTruthy();
    expect(notices).toEqual([expect.stringContaining(cert.fingerprint256)]);
    await client.close();

    const again = await secureClient(server.port, setup, notices);
    again.send({ Type: MessageType.List });
    expect((await again.nextFrame()).Code).toBe('NOT_LOGGED_IN');
    expect(notices).toHaveLength(1);
    await again.close();
  });

  it('logs the terminal client in over TLS and shows the pin in its message pane', async () => {
    const cert = makeSelfSignedCertificate();
    const server = await tlsServer(cert);
    const session = new ChatSession({
      host: '127.0.0.1',
      port: server.port,
      tls: freshSetup(),
    });
    const store = new ChatStore();
    const unbridge = bridgeSession(session, store);
    const name = uniqueName('tui');
    const loggedIn = new Promise((resolve) =>
      session.once('loggedIn', resolve),
    );

    session.authenticate('register', name, 'pw');

    expect(await loggedIn).toBe(name);
    const texts = JSON.stringify(store.getState());
    expect(texts).toContain(`Trusting 127.0.0.1:${server.port} on first use`);
    expect(texts).toContain(cert.fingerprint256);
    unbridge();
    session.quit();
  });

  it('refuses, before sending anything, a server whose certificate changed', async () => {
    const setup = freshSetup();
    const first = await tlsServer(makeSelfSignedCertificate());
    const port = first.port;
    await (await secureClient(port, setup)).close();
    await first.stop();
    servers.splice(servers.indexOf(first), 1);

    await tlsServer(makeSelfSignedCertificate(), port);
    const refusal = secureClient(port, setup);

    await expect(refusal).rejects.toThrow(
      `WARNING: the certificate of 127.0.0.1:${port} has CHANGED; not connecting.`,
    );
    await expect(refusal).rejects.toThrow(
      `delete line 1 of ${setup.knownHostsFile}`,
    );
  });

  it('drops a plain TCP client on the TLS port, and plain TCP still works without TLS settings', async () => {
    const secure = await tlsServer(makeSelfSignedCertificate());
    const plainOnTls = await TestClient.connect(secure.port);
    plainOnTls.send({ Type: MessageType.List });
    await plainOnTls.closed;
    expect(plainOnTls.received).toEqual([]);

    const plain = await startTestServer(backend);
    servers.push(plain);
    const client = await plain.connect();
    const name = uniqueName('plain');
    expect((await client.register(name, 'pw')).Content).toBe('OK');
    expect(net.isIP(client.socket.remoteAddress ?? '')).toBe(4);
  });

  it('counts connections still in the TLS handshake against the per-address cap', async () => {
    const cert = makeSelfSignedCertificate();
    const server = await tlsServer(cert, 0, { maxUnauthenticatedPerIp: 3 });
    const stalled = [];
    for (let i = 0; i < 5; i++) {
      stalled.push(await stalledFrom(server.port, '127.0.0.7'));
    }

    const overCap = await Promise.all(
      stalled.slice(3).map((each) => each.closedAfterMs),
    );
    expect(Math.max(...overCap)).toBeLessThan(1000);
    await expect(tlsFrom(server.port, cert, '127.0.0.7')).rejects.toThrow();
    expect(stalled.slice(0, 3).every((each) => !each.socket.destroyed)).toBe(
      true,
    );

    const other = await tlsFrom(server.port, cert, '127.0.0.8');
    expect((await other.register(uniqueName('tls'), 'pw')).Content).toBe('OK');
    await other.close();

    for (const each of stalled.slice(0, 3)) each.socket.destroy();
    await Promise.all(stalled.map((each) => each.closedAfterMs));
    const back: TestClient[] = [];
    for (let i = 0; i < 3; i++) {
      back.push(
        await eventually(() => tlsFrom(server.port, cert, '127.0.0.7')),
      );
    }
    for (const client of back) {
      client.send({ Type: MessageType.List });
      expect((await client.nextFrame()).Code).toBe('NOT_LOGGED_IN');
    }
    await expect(tlsFrom(server.port, cert, '127.0.0.7')).rejects.toThrow();
    await Promise.all(back.map((client) => client.close()));
  });
});
