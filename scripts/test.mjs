// `npm test`: install if needed, type-check and build (tsc -b; the console for the browser suite), then Vitest.
// The PostgreSQL half of the storage suite and the browser suite skip with a notice when their service is
// missing; GANZHI_REQUIRE_PG=1 and GANZHI_REQUIRE_E2E=1 (set by .ci/run) make them required.
import { ensureBuilt, ensureInstalled, run } from './ensure-installed.mjs';

ensureInstalled();
ensureBuilt();
run('npx', ['vitest', 'run', ...process.argv.slice(2)]);
