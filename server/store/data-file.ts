/**
 * Checks the SQLite file setting before anything touches the disk, so a
 * path that can never hold a database is one sentence, not a hang.
 */
import path from 'node:path';

/** Kernel file systems, where no database file can live. */
const KERNEL_FOLDERS = ['/proc', '/sys'];

/**
 * Why a SQLite file path cannot be used, as a sentence, or null. Note:
 * under /proc, Node's mkdirSync({ recursive: true }) never returns: it
 * spins at full CPU (deaf to SIGINT) because the kernel answers each
 * step in a way it retries forever, so such a path is refused before any
 * folder is made.
 */
export function dataFileProblem(dataFile: string): string | null {
  const filename = path.resolve(dataFile);
  const kernel = KERNEL_FOLDERS.find(
    (folder) => filename === folder || filename.startsWith(`${folder}/`),
  );
  if (!kernel) return null;
  return `DATA_FILE (--data-file) cannot be under ${kernel}: that is the kernel's own file system, not a place for a database (got "${dataFile}"); pick a folder such as ./data.`;
}
