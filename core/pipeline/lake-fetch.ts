import { parseCatalog } from '../datasets/catalog.ts';
import { asLakeReadError, LakeReadError, type LakeReader } from './lake.ts';

/**
 * The lake as the app serves it: the files come from the datasets folder over fetch (in the
 * pipeline worker), and the list of files from the catalog, since a web server cannot list a
 * folder. The bytes are handed over as they arrive; gzip is recognised by its magic bytes later
 * (core/pipeline/lake.ts), because a server may already have unpacked a `.gz` file.
 */

/** Reads lake `lakeId` (e.g. 'hanbit') under `datasetsUrl`, the absolute URL of the served datasets folder ending in '/'. */
export function fetchLakeReader(datasetsUrl: string, lakeId: string): LakeReader {
  const base = datasetsUrl.endsWith('/') ? datasetsUrl : `${datasetsUrl}/`;
  const prefix = `lake/${lakeId}/`;
  let listed: Promise<string[]> | null = null;
  const get = async (url: string): Promise<Response> => {
    let res: Response;
    try {
      res = await fetch(url);
    } catch (e) {
      throw asLakeReadError(e, 'network');
    }
    if (!res.ok) throw new LakeReadError('http', `${url}: HTTP ${res.status} ${res.statusText}`.trim(), res.status);
    return res;
  };
  return {
    list() {
      listed ??= (async () => {
        const parsed = parseCatalog(await (await get(`${base}catalog.json`)).json());
        if (!parsed.ok) throw new LakeReadError('unknown', `catalog.json: ${parsed.reason}`);
        const files: string[] = [];
        for (const folder of parsed.catalog.lake) {
          if (!`${folder.path}/`.startsWith(prefix)) continue;
          const sub = folder.path.slice(prefix.length);
          for (const file of folder.files) files.push(sub ? `${sub}/${file.name}` : file.name);
        }
        return files.sort();
      })();
      listed.catch(() => {
        listed = null;
      });
      return listed;
    },
    async read(path) {
      if (path.split('/').includes('..')) throw new LakeReadError('missing', `${path}: a lake path cannot leave the lake folder`);
      const res = await get(`${base}${prefix}${path.split('/').map(encodeURIComponent).join('/')}`);
      try {
        return new Uint8Array(await res.arrayBuffer());
      } catch (e) {
        throw asLakeReadError(e, 'network');
      }
    },
  };
}
