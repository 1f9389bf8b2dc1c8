// The one place integration tests get a real Meilisearch from: a managed instance in a fresh
// DATA_DIR under the system temp folder, stopped and deleted by stop().
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { connectMeili } from '../../meili/connect.js';
import type { MeiliConnection } from '../../meili/types.js';

export interface TestMeili {
  conn: MeiliConnection;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startTestMeili(): Promise<TestMeili> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'nianbao-meili-'));
  let conn: MeiliConnection;
  try {
    conn = await connectMeili({ dataDir });
  } catch (error) {
    await fs.rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  let stopped: Promise<void> | null = null;
  return {
    conn,
    dataDir,
    stop() {
      stopped ??= conn.close().finally(() => fs.rm(dataDir, { recursive: true, force: true }));
      return stopped;
    },
  };
}
