import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      '{shared,server,tui}/**/*.test.{ts,tsx}',
      'test/**/*.test.{ts,tsx}',
    ],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
