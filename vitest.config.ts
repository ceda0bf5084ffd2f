import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      '{shared,server,tui}/**/*.test.{ts,tsx}',
      'test/**/*.test.{ts,tsx}',
    ],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Ink writes nothing but the last frame when it believes it runs in CI,
    // and the screen tests read every frame it writes: tell it otherwise.
    env: { CI: 'false', CONTINUOUS_INTEGRATION: 'false' },
  },
});
