// Testing: fake clock, database fixtures and builders shared by test suites (a dev dependency only).
export { FakeClock, flushMicrotasks } from './fake-clock.js';
export {
  POSTGRES_TEST_URL,
  IS_POSTGRES_REQUIRED,
  createTestSchema,
  isPostgresReachable,
} from './postgres-test-database.js';
export { GANZHI_CLI, findFreePort, isCliBuilt, spawnGanzhi } from './ganzhi-process.js';
export type { GanzhiProcess, SpawnGanzhiOptions } from './ganzhi-process.js';
