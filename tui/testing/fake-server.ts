/**
 * A scripted chat server on a real socket, for testing the client's
 * connection layer and screens without the real server. It records every
 * frame the client sends and lets the test answer.
 */
import net from 'node:net';
import { FrameDecoder, encodeFrame } from '../../shared/frame.ts';
import {
  message,
  type Message,
  type MessageType,
} from '../../shared/protocol.ts';

/** One accepted client connection. */
export interface FakePeer {
  socket: net.Socket;
  received: Message[];
  send: (type: MessageType, fields?: Partial<Omit<Message, 'Type'>>) => void;
}

/** A listening fake server. */
export interface FakeServer {
  port: number;
  peers: FakePeer[];
  /** Every frame from every client, in order. */
  received: Message[];
  /** Called for each frame; reply through the peer. */
  onFrame: (peer: FakePeer, frame: Message) => void;
  /** Waits until a frame matching `match` has arrived. */
  waitForFrame: (
    match: (frame: Message) => boolean,
    timeoutMs?: number,
  ) => Promise<Message>;
  close: () => Promise<void>;
}

/** Starts a fake server on a free port. */
export async function startFakeServer(): Promise<FakeServer> {
  const sockets = new Set<net.Socket>();
  const fake: FakeServer = {
    port: 0,
    peers: [],
    received: [],
    onFrame: () => {},
    waitForFrame: async (match, timeoutMs = 3000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = fake.received.find(match);
        if (found) return found;
        if (Date.now() > deadline) {
          throw new Error(
            `No such frame; got ${JSON.stringify(fake.received)}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };

  const server = net.createServer((socket) => {
    sockets.add(socket);
    const decoder = new FrameDecoder();
    const peer: FakePeer = {
      socket,
      received: [],
      send: (type, fields) => {
        if (socket.writable) socket.write(encodeFrame(message(type, fields)));
      },
    };
    fake.peers.push(peer);
    socket.on('data', (chunk) => {
      let bodies: string[];
      try {
        bodies = decoder.push(chunk);
      } catch {
        // As the real server does with bytes that are not a frame (a TLS
        // hello, say): one error frame, then hang up.
        peer.send(3, { Event: 'error', Code: 'BAD_FRAME', Content: 'bad' });
        socket.end();
        return;
      }
      for (const body of bodies) {
        const frame = JSON.parse(body) as Message;
        peer.received.push(frame);
        fake.received.push(frame);
        fake.onFrame(peer, frame);
      }
    });
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.port = (server.address() as net.AddressInfo).port;
  return fake;
}

/** Answers logins and registrations with OK, like a friendly server. */
export function acceptEveryone(peer: FakePeer, frame: Message): void {
  if (frame.Type === 0 || frame.Type === 1) {
    peer.send(1, { Content: 'OK', Sender: frame.Sender, Version: 1 });
  }
}
