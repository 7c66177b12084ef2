import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { asLakeReadError, LakeReadError, type LakeReader } from '../../core/pipeline/lake.ts';

/**
 * Node only (the CLI and tests): a lake folder on disk, such as public/datasets/lake/hanbit, as
 * the pipeline's LakeReader. Paths are relative to the folder with '/' on every platform.
 */

/** Reads the lake from a folder. */
export function nodeLakeReader(root: string): LakeReader {
  let listed: Promise<string[]> | null = null;
  return {
    list() {
      listed ??= readdir(root, { recursive: true, withFileTypes: true }).then((entries) =>
        entries
          .filter((e) => e.isFile())
          .map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join('/'))
          .sort(),
      );
      return listed;
    },
    async read(path) {
      if (path.split('/').includes('..')) throw new LakeReadError('missing', `${path}: a lake path cannot leave the lake folder`);
      try {
        return new Uint8Array(await readFile(join(root, ...path.split('/'))));
      } catch (e) {
        if ((e as { code?: string }).code === 'ENOENT') throw new LakeReadError('missing', `${path}: no such file in the lake`);
        throw asLakeReadError(e, 'unknown');
      }
    },
  };
}
