import path from 'node:path'
import { REPO_ROOT } from '../migrate/paths'

/** The repository's `.data/` folder (git-ignored), where provisioned servers keep their files. */
export const DEFAULT_DATA_DIR = path.join(REPO_ROOT, '.data')
