import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeFrame, FrameDecoder } from '../../shared/frame.ts';
import { MessageType } from '../../shared/protocol.ts';
import { makeSelfSignedCertificate } from '../../test/helpers/tls-cert.ts';
import { parseCli } from '../cli.ts';
import { Connection } from './connection.ts';
import { prepareTls } from './secure-socket.ts';

const servers: tls.Server[] = [];

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((s) => new Promise((done) => s.close(done))),
  );
});

/** A TLS server that answers every frame with a list reply. */
async function listServer(): Promise<{ port: number; received: string[] }> {
  const cert = makeSelfSignedCertificate();
  const received: string[] = [];
  const server = tls.createServer({ cert: cert.cert, key: cert.key }, (s) => {
    const decoder = new FrameDecoder();
    s.on('error', () => undefined);
    s.on('data', (chunk: Buffer) => {
      for (const body of decoder.push(chunk)) {
        received.push(body);
        s.write(
          encodeFrame({ Type: 5, Content: 'Online (1): a', Users: ['a'] }),
        );
      }
    });
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { port: (server.address() as AddressInfo).port, received };
}

function knownHostsFile(): string {
  return path.join(mkdtempSync(path.join(tmpdir(), 'termchat-kh-')), 'kh');
}

describe('Connection over TLS', () => {
  it('opens, reports the pin as a notice and exchanges frames', async () => {
    const { port } = await listServer();
    const connection = new Connection({
      host: '127.0.0.1',
      port,
      tls: prepareTls({ knownHostsFile: knownHostsFile() }),
    });
    const notices: string[] = [];
    connection.on('notice', (text) => notices.push(text));
    const reply = new Promise((resolve) => connection.on('message', resolve));
    connection.on('open', () => connection.send(MessageType.List));

    connection.open();

    expect(await reply).toMatchObject({ Type: 5, Users: ['a'] });
    expect(notices).toEqual([expect.stringContaining('on first use')]);
    connection.close();
  });

  it('never opens nor sends when the certificate is refused', async () => {
    const { port, received } = await listServer();
    const connection = new Connection({
      host: '127.0.0.1',
      port,
      tls: prepareTls({
        fingerprint: 'ab'.repeat(32),
        knownHostsFile: knownHostsFile(),
      }),
    });
    let isOpened = false;
    connection.on('open', () => {
      isOpened = true;
      connection.send(MessageType.Login, { Sender: 'a', Content: 'secret' });
    });
    const reason = new Promise((resolve) => connection.on('close', resolve));

    connection.open();

    expect(await reason).toMatch(
      /given with --tls-fingerprint; not connecting/,
    );
    expect(isOpened).toBe(false);
    expect(received).toEqual([]);
  });
});

describe('the TLS flags', () => {
  it('suggests --tls when a plain connection is hung up on unanswered', async () => {
    const { port, received } = await listServer();
    const connection = new Connection({ host: '127.0.0.1', port });
    const closed = new Promise((done) =>
      connection.once('close', (...args) => done(args)),
    );
    connection.on('open', () => connection.send(MessageType.List));
    connection.open();
    expect(await closed).toEqual([
      'the server closed the connection without answering (if it serves TLS, connect with --tls)',
      false,
    ]);
    expect(received).toEqual([]);
  });

  it('turn TLS on with --tls, --ca or --tls-fingerprint', () => {
    const argv = ['node', 'termchat'];
    expect(parseCli(argv, '1').tls).toBeUndefined();
    expect(parseCli([...argv, '--tls'], '1').tls).toBe(true);
    expect(parseCli([...argv, '--ca', 'ca.pem'], '1')).toMatchObject({
      tls: true,
      ca: 'ca.pem',
    });
    expect(
      parseCli([...argv, '--tls-fingerprint', 'AB:CD'], '1').tlsFingerprint,
    ).toBe('AB:CD');
  });
});
