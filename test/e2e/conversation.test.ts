import { describe, expect, it } from 'vitest';
import { TestClient } from '../helpers/client.ts';
import { useE2eRoom } from './room.ts';

const room = useE2eRoom({
  // The streaming test sends 40 lines at once on purpose.
  FLOOD_BURST: '0',
  FLOOD_PER_SECOND: '0',
});
const open = room.open;

describe('two people chatting in real terminals', { timeout: 60_000 }, () => {
  it('registers two users who chat both ways and send a private message', async () => {
    const [alice, bob] = await Promise.all([open(), open()]);
    await alice.login('alice', 'apw', true);
    await bob.login('bob', 'bpw', true);
    await alice.waitFor((screen) => screen.includes('bob joined'));

    await alice.send('hello bob');
    await bob.waitFor((screen) => /alice: hello bob/.test(screen));
    await bob.send('hi alice');
    const aliceSees = await alice.waitFor((screen) =>
      screen.includes('bob: hi alice'),
    );
    expect(aliceSees).toMatch(/› alice: hello bob/);

    await bob.send('To:alice-->just for you');
    const privateLine = await alice.waitFor((screen) =>
      screen.includes('just for you'),
    );
    expect(privateLine).toContain('[private from bob] just for you');
    await bob.waitFor((screen) =>
      screen.includes('[private to alice] just for you'),
    );
    expect(await alice.screen()).toMatch(/Online \(2\)/);
  });

  it('completes an online name with Tab', async () => {
    const [carol, dave] = await Promise.all([open(), open()]);
    await carol.login('carol', 'cpw', true);
    await dave.login('davidson', 'dpw', true);
    await carol.waitFor((screen) => screen.includes('davidson'));
    await carol.type('To:dav');
    await carol.keys('Tab');
    await carol.waitFor((screen) => screen.includes('> To:davidson-->'));
    await carol.type('tab works');
    await carol.keys('Enter');
    await dave.waitFor((screen) =>
      screen.includes('[private from carol] tab works'),
    );
  });

  it('keeps a half-typed line intact while messages stream in', async () => {
    const erin = await open();
    await erin.login('erin', 'epw', true);
    const flood = await TestClient.connect(room.server.port);
    await flood.register('flood', 'fpw');
    await flood.login('flood', 'fpw');
    await erin.type('this line is half ty');
    for (let i = 0; i < 40; i += 1) flood.say(`stream message ${i}`);
    await erin.waitFor((screen) => screen.includes('stream message 39'));
    await erin.type('ped and whole');
    await erin.waitFor((screen) =>
      screen.includes('> this line is half typed and whole'),
    );
    await erin.keys('Enter');
    const frame = await flood.nextFrame(
      (f) => f.Text === 'this line is half typed and whole',
    );
    expect(frame.Sender).toBe('erin');
    await flood.close();
  });

  it('sends a multi-line paste as one message', async () => {
    const [frank, grace] = await Promise.all([open(), open()]);
    await frank.login('frank', 'fpw2', true);
    await grace.login('grace', 'gpw', true);
    await frank.paste('first pasted line\nsecond pasted line\nthird');
    await frank.waitFor((screen) =>
      screen.includes('first pasted line↵second pasted line↵third'),
    );
    await frank.keys('Enter');
    const screen = await grace.waitFor((text) => text.includes('third'));
    const rows = screen.split('\n');
    const first = rows.findIndex((row) =>
      row.includes('frank: first pasted line'),
    );
    expect(first).toBeGreaterThan(-1);
    expect(rows[first + 1]).toMatch(/│ {8}second pasted line/);
    expect(rows[first + 2]).toMatch(/│ {8}third/);
    expect(screen.match(/frank:/g)).toHaveLength(1);
  });
});
