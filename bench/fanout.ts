/**
 * Fan-out benchmark: a real server process, many logged-in clients, a few
 * senders at full speed. Prints delivery throughput, latency percentiles
 * and the server's memory. Run with `npm run bench:fanout`; set CLIENTS,
 * SENDERS, MESSAGES, and DATABASE_URL/REDIS_URL to bench other stores.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { MessageType } from '../shared/protocol.ts';
import { TestClient } from '../test/helpers/client.ts';
import { startServerProcess } from '../test/helpers/server-process.ts';

const CLIENTS = Number(process.env.CLIENTS ?? 200);
const SENDERS = Number(process.env.SENDERS ?? 4);
const MESSAGES = Number(process.env.MESSAGES ?? 500);
const DEADLINE_MS = 120_000;
/** Like the TUI (tui/net/connection.ts): a silent client is dropped. */
const HEARTBEAT_MS = 10_000;
/** Logins in flight at once; each costs the server an argon2 hash. */
const CONNECT_AT_ONCE = 8;

const dataDir = mkdtempSync(path.join(tmpdir(), 'termchat-bench-'));
const server = await startServerProcess({
  LOG_LEVEL: 'info',
  DATA_FILE: path.join(dataDir, 'bench.sqlite'),
  DATABASE_URL: process.env.DATABASE_URL,
  REDIS_URL: process.env.REDIS_URL,
  FLOOD_BURST: '0',
  MAX_CONNECTIONS_PER_IP: '0',
  MAX_UNAUTHENTICATED_PER_IP: '0',
  REGISTER_PER_IP: '0',
});

const heartbeats: NodeJS.Timeout[] = [];
try {
  const clients = await connectAll();
  const rssBefore = server.rssKb();
  const total = SENDERS * MESSAGES;
  const latencies: number[] = [];
  let delivered = 0;
  const refusals = new Map<string, number>();

  const allDelivered = new Promise<void>((resolve) => {
    for (const client of clients) {
      let seen = client.received.length;
      client.socket.on('data', () => {
        const fresh = client.received.slice(seen);
        seen = client.received.length;
        for (const frame of fresh) {
          if (frame.Code) {
            refusals.set(frame.Code, (refusals.get(frame.Code) ?? 0) + 1);
          }
          if (frame.Type !== MessageType.Chat || frame.Event) continue;
          delivered += 1;
          latencies.push(performance.now() - Number(frame.Text));
          if (delivered === total * CLIENTS) resolve();
        }
      });
    }
  });

  const started = performance.now();
  for (let round = 0; round < MESSAGES; round++) {
    for (const sender of clients.slice(0, SENDERS)) {
      sender.say(String(performance.now()));
    }
    if (round % 50 === 0) await new Promise(setImmediate);
  }
  const deadline = new Promise<void>((_, reject) =>
    setTimeout(
      () =>
        reject(
          new Error(
            `only ${delivered} of ${total * CLIENTS} frames arrived within ${DEADLINE_MS} ms; refusals: ${JSON.stringify([...refusals])}`,
          ),
        ),
      DEADLINE_MS,
    ).unref(),
  );
  await Promise.race([allDelivered, deadline]);
  const seconds = (performance.now() - started) / 1000;

  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.floor(q * (latencies.length - 1))]!.toFixed(1);
  console.log(
    [
      `clients ${CLIENTS}, senders ${SENDERS}, messages ${total}`,
      `stores: ${process.env.DATABASE_URL || process.env.REDIS_URL ? 'MySQL/Redis' : 'SQLite'}`,
      `room messages accepted: ${(total / seconds).toFixed(0)}/s`,
      `frames delivered: ${(delivered / seconds).toFixed(0)}/s`,
      `latency ms: p50 ${at(0.5)}, p99 ${at(0.99)}, max ${at(1)}`,
      `server RSS: ${(rssBefore / 1024).toFixed(1)} MiB before, ${(server.rssKb() / 1024).toFixed(1)} MiB after`,
    ].join('\n'),
  );
  await Promise.all(clients.map((client) => client.close()));
} finally {
  for (const timer of heartbeats) clearInterval(timer);
  await server.kill();
  rmSync(dataDir, { recursive: true, force: true });
}

async function connectAll(): Promise<TestClient[]> {
  const clients: TestClient[] = [];
  for (let i = 0; i < CLIENTS; i += CONNECT_AT_ONCE) {
    const count = Math.min(CONNECT_AT_ONCE, CLIENTS - i);
    const batch = Array.from({ length: count }, (_, j) => connectOne(i + j));
    clients.push(...(await Promise.all(batch)));
  }
  return clients;
}

async function connectOne(index: number): Promise<TestClient> {
  const client = await TestClient.connect(server.port);
  const name = `bench${process.pid % 1000}n${index}`;
  await client.register(name, 'bench-password');
  const reply = await client.login(name, 'bench-password');
  if (reply.Content !== 'OK') throw new Error(reply.Content);
  heartbeats.push(
    setInterval(
      () => client.send({ Type: MessageType.Heartbeat, Content: 'PING' }),
      HEARTBEAT_MS,
    ),
  );
  return client;
}
