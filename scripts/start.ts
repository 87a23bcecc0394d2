// npm start: builds the web app if its sources changed, then starts the server. A start
// on an unchanged checkout with an existing data directory skips both the build and
// the seed. The daily jobs (expiry reminders) run while it runs (DAILY_JOBS=0 turns them off).
import { buildWebIfStale } from './webBuild';
import { startServer } from '../src/server';

buildWebIfStale();
startServer(undefined, { dailyJobs: true }).catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
