// Every suite runs against real parts: a SQLite file, a loopback HTTP server, real WebSockets, chromium.
// The code base is ESM (Lexical ships ESM only), so jest runs with --experimental-vm-modules.
export default {
  testEnvironment: 'node',
  // Server-side rendering installs a DOM on globalThis for the length of a call (@lexical/headless/dom);
  // jest's global-property protection turns those assignments into recursive setters.
  testEnvironmentOptions: { globalsCleanup: 'off' },
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { useESM: true, diagnostics: false }],
  },
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: ['<rootDir>/{server,shared,client,tests}/**/*.test.{ts,tsx}'],
  testTimeout: 30000,
  maxWorkers: 2,
};
