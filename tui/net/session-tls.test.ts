import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeFrame, FrameDecoder } from '../../shared/frame.ts';
import { MessageType } from '../../shared/protocol.ts';
import { makeSelfSignedCertificate } from '../../test/helpers/tls-cert.ts';
import { ChatSession, type LinkState } from './chat-session.ts';
import { Connection } from './connection.ts';
import { prepareTls } from './secure-socket.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A TLS server that accepts every login and counts connections. */
async function loginServer() {
  const first = makeSelfSignedCertificate();
  const sockets = new Set<tls.TLSSocket>();
  let connections = 0;
  const server = tls.createServer({ cert: first.cert, key: first.key }, (s) => {
    sockets.add(s);
    const decoder = new FrameDecoder();
    s.on('error', () => undefined);
    s.on('data', (chunk: Buffer) => {
      for (const body of decoder.push(chunk)) {
        const { Sender } = JSON.parse(body) as { Sender: string };
        s.write(encodeFrame({ Type: 1, Content: 'OK', Sender, Version: 1 }));
      }
    });
  });
  server.on('connection', () => (connections += 1));
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  cleanups.push(() => server.close());
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => connections,
    /** Serves a new certificate from now on and drops every client. */
    changeCertificate: () => {
      const next = makeSelfSignedCertificate();
      server.setSecureContext({ cert: next.cert, key: next.key });
      for (const socket of sockets) socket.destroy();
    },
  };
}

function tlsSetup() {
  const dir = mkdtempSync(path.join(tmpdir(), 'termchat-kh-'));
  return prepareTls({ knownHostsFile: path.join(dir, 'known_hosts') });
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe('a server certificate that changes mid-session', () => {
  it('stops reconnecting after the certificate is refused, with the warning once', async () => {
    const server = await loginServer();
    const session = new ChatSession({
      host: '127.0.0.1',
      port: server.port,
      tls: tlsSetup(),
      retryDelaysMs: [20],
    });
    cleanups.push(() => session.quit());
    const links: LinkState[] = [];
    session.on('link', (link) => links.push(link));
    const loggedIn = new Promise((done) => session.once('loggedIn', done));
    session.authenticate('login', 'alice', 'pw');
    await loggedIn;

    server.changeCertificate();
    await sleep(500);

    const refusals = links.filter(
      (link) => link.kind === 'offline' && /CHANGED/.test(link.reason),
    );
    expect(refusals).toEqual([
      { kind: 'offline', reason: expect.any(String), retryAt: null },
    ]);
    expect(session.link).toEqual(refusals[0]);
    expect(server.connections()).toBe(2);
  });

  it('marks a refused certificate as final on the connection’s close', async () => {
    const server = await loginServer();
    const setup = tlsSetup();
    const first = new Connection({
      host: '127.0.0.1',
      port: server.port,
      tls: setup,
    });
    // The server has the socket once it answers a frame.
    const answered = new Promise((done) => first.once('message', done));
    first.once('open', () => first.send(MessageType.Login, { Sender: 'a' }));
    first.open();
    await answered;
    const plainClose = new Promise((done) =>
      first.once('close', (...args) => done(args)),
    );
    server.changeCertificate();
    expect(await plainClose).toEqual([
      'the server closed the connection',
      false,
    ]);

    const second = new Connection({
      host: '127.0.0.1',
      port: server.port,
      tls: setup,
    });
    const refused = new Promise((done) =>
      second.once('close', (...args) => done(args)),
    );
    second.open();
    expect(await refused).toEqual([expect.stringMatching(/CHANGED/), true]);
  });
});
