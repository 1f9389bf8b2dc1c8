// Child process for the lifecycle tests: becomes the owner of the Meilisearch in DATA_DIR (argv[2]),
// optionally wires stopOnSignals (argv[3] === 'signals'), prints one JSON line and waits to be killed.
import { connectMeili } from '../../meili/connect.js';
import { stopOnSignals } from '../../meili/stopOnSignals.js';

const dataDir = process.argv[2];
if (dataDir === undefined) throw new Error('usage: meiliOwner.ts <dataDir> [signals]');
const conn = await connectMeili({ dataDir, maxIndexingThreads: 1 });
if (process.argv[3] === 'signals') stopOnSignals(conn);
process.stdout.write(`${JSON.stringify({ host: conn.host, managed: conn.managed })}\n`);
// The child process keeps the event loop alive until this process is killed.
