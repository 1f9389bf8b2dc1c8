// The real reports beside the checkout (../shared), present on developers' machines and in CI.
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../config/paths.js';

export const SHARED = join(PROJECT_ROOT, '..', 'shared');
export const SHARED_SEEDS = join(SHARED, 'seeds');
export const SHARED_REAL = join(SHARED, 'corpus', 'real');
