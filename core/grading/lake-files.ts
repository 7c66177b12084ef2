import { LakeReadError, type LakeReader } from '../pipeline/lake.ts';

/**
 * A served lake folder for the grader worker: the file list comes from the dataset manifest that
 * describes it (hanbit-manifest.json for the visible lake, variants/hanbit-manifest.json for the
 * hidden variant's, which the catalog does not list), the bytes from the folder over fetch. The
 * loader is the worker's cached fetch, so a lake file is downloaded once per worker.
 */

/** Where the grader finds one copy of a lake: the folder URL (ending in '/') and its manifest. */
export interface LakeFiles {
  url: string;
  manifestUrl: string;
}

/** Reads a lake copy through `load` (null when a URL cannot be fetched). */
export function manifestLakeReader(files: LakeFiles, load: (url: string) => Promise<Uint8Array | null>): LakeReader {
  const base = files.url.endsWith('/') ? files.url : `${files.url}/`;
  let listed: Promise<string[]> | null = null;
  return {
    list() {
      listed ??= (async () => {
        const bytes = await load(files.manifestUrl);
        if (!bytes) throw new LakeReadError('http', `${files.manifestUrl}: cannot be fetched`);
        const manifest = JSON.parse(new TextDecoder().decode(bytes)) as { lake?: { files?: { name: string }[] } };
        return (manifest.lake?.files ?? []).map((f) => f.name).sort();
      })();
      return listed;
    },
    async read(path) {
      if (path.split('/').includes('..')) throw new LakeReadError('missing', `${path}: a lake path cannot leave the lake folder`);
      const bytes = await load(`${base}${path.split('/').map(encodeURIComponent).join('/')}`);
      if (!bytes) throw new LakeReadError('missing', `${path}: no such file in the lake`);
      return bytes;
    },
  };
}
