import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Plugin } from 'vite';
import { courseLessons, loadLessons, REFERENCE_FOLDER } from '../../core/lessons/load.ts';

/** The id the renderer imports the course map's index by (`renderer/features/course/course-index.ts`). */
export const COURSE_INDEX_ID = 'virtual:datalit-course-index';
const RESOLVED = `\0${COURSE_INDEX_ID}`;

/**
 * The files renderer/features/course/course-data.ts globs, keyed as Vite's glob keys them: every
 * .json and .md under lessons/, and everything under lessons/_reference/.
 */
function lessonFiles(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder).sort()) {
      if (name.startsWith('.')) continue; // as the glob: editor and OS bookkeeping left out
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const key = `/${relative(root, path).split('\\').join('/')}`;
        if (/\.(json|md)$/.test(name) || key.startsWith(`/lessons/${REFERENCE_FOLDER}/`)) files[key] = readFileSync(path, 'utf8');
      }
    }
  };
  walk(join(root, 'lessons'));
  return files;
}

/**
 * The course map's index, made at build time by the app's own lesson loader: for each lesson on
 * the map only what the map shows (id, track, title, question, minutes, step ids and titles), and
 * the refused folders with their reasons. The whole lessons (1.5 MB of JSON and Markdown) load
 * with the lesson player, so the first screen does not wait for them.
 */
export function courseIndexPlugin(): Plugin {
  let root = process.cwd();
  return {
    name: 'datalit-course-index',
    configResolved(config) {
      root = config.root;
    },
    resolveId(id) {
      return id === COURSE_INDEX_ID ? RESOLVED : null;
    },
    load(id) {
      if (id !== RESOLVED) return null;
      const files = lessonFiles(root);
      for (const path of Object.keys(files)) this.addWatchFile(join(root, path));
      const loaded = loadLessons(files);
      const index = courseLessons(loaded.packs).map(({ lesson }) => ({
        lesson: {
          id: lesson.id,
          track: lesson.track,
          title: lesson.title,
          question: lesson.question,
          minutes: lesson.minutes,
          steps: lesson.steps.map((s) => ({ id: s.id, title: s.title })),
        },
      }));
      return `export const COURSE_INDEX = ${JSON.stringify(index)};\nexport const REFUSED = ${JSON.stringify(loaded.refused)};\n`;
    },
    handleHotUpdate({ file, server }) {
      // A lesson edited under `vite` (dev): the index is made again, as the lesson player's glob is.
      if (!file.startsWith(join(root, 'lessons'))) return;
      const mod = server.moduleGraph.getModuleById(RESOLVED);
      if (mod) server.moduleGraph.invalidateModule(mod);
    },
  };
}
