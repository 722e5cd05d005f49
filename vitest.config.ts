// Three tiers of tests, named by what they touch:
//   unit         *.test.ts       no I/O beyond the file system
//   integration  *.int.test.ts   the local emulators over their real protocols
//   e2e          *.e2e.test.ts   the SPA in Debian's Chromium through the local gateway
import { defineConfig } from 'vitest/config';

const ignored = ['**/node_modules/**', '**/cdk.out/**', '**/.data/**', '**/.test-data/**', 'web/dist/**'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['**/*.test.ts', '**/*.test.tsx'],
          exclude: [...ignored, '**/*.int.test.ts', '**/*.e2e.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['**/*.int.test.ts'],
          exclude: ignored,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['**/*.e2e.test.ts'],
          exclude: ignored,
          testTimeout: 90_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
