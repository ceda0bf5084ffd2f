import { describe, expect, it } from 'vitest';
import { parseCli } from './cli.ts';
import { noColorFlagToEnv } from './no-color-flag.ts';
import { wantsColour } from './theme.ts';

const NODE = ['node', 'main.tsx'];

describe('--no-color', () => {
  it('becomes NO_COLOR=1 and leaves argv without it, so chalk keeps its attributes', () => {
    const env: NodeJS.ProcessEnv = {};
    const argv = noColorFlagToEnv(
      [...NODE, '--no-color', '--port', '9000'],
      env,
    );
    expect(argv).toEqual([...NODE, '--port', '9000']);
    expect(env['NO_COLOR']).toBe('1');
    const options = parseCli(argv, '0.0.0');
    expect(options.port).toBe(9000);
    expect(wantsColour(options.color, env)).toBe(false);
  });

  it('leaves argv and the environment alone without the flag', () => {
    const env: NodeJS.ProcessEnv = {};
    const argv = [...NODE, '--no-bell'];
    expect(noColorFlagToEnv(argv, env)).toEqual(argv);
    expect(env).toEqual({});
    expect(wantsColour(parseCli(argv, '0.0.0').color, env)).toBe(true);
  });

  it('leaves a --no-color after -- in place', () => {
    const env: NodeJS.ProcessEnv = {};
    const argv = [...NODE, '--', '--no-color'];
    expect(noColorFlagToEnv(argv, env)).toEqual(argv);
    expect(env).toEqual({});
  });
});
