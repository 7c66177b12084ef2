import { create } from 'zustand';
import type { ModelProjectFiles } from '../../../core/models/project.ts';
import { modelsDoc, type ModelsDoc } from '../../../core/models/project-doc.ts';
import { persistDoc } from '../../state/doc-bindings.ts';
import { starterProject } from './starter-project.ts';

/*
 * The Models screen's saved state: the learner's project and the file they had open, bound to the
 * `models` document so it is loaded at start and saved as they work. A lesson step's workbench
 * does not use this store: its project is the step's answer.
 */

/** The Models screen's store: its document and the named changes to it. */
export interface ModelsScreenStore {
  doc: ModelsDoc;
  /** The learner changed their project (an edit, a new or renamed file, an import). */
  setProject(project: ModelProjectFiles): void;
  setOpenPath(path: string | null): void;
  /** Back to the starter project (the saved project is dropped). */
  startOver(): void;
}

/** The Models screen's store. */
export const useModelsStore = create<ModelsScreenStore>()((set) => ({
  doc: modelsDoc.defaults(),
  setProject: (project) => set((s) => ({ doc: { ...s.doc, project } })),
  setOpenPath: (openPath) => set((s) => (s.doc.openPath === openPath ? {} : { doc: { ...s.doc, openPath } })),
  startOver: () => set((s) => ({ doc: { ...s.doc, project: null, openPath: null } })),
}));

persistDoc<'models', ModelsScreenStore>(modelsDoc, { store: useModelsStore, select: (s) => s.doc, apply: (doc) => ({ doc }) });

// One starter object for as long as the learner has not changed it, so its identity is stable.
let starter: ModelProjectFiles | null = null;

/** The project the Models screen shows: the learner's own, or the starter project. */
export function screenProject(doc: ModelsDoc): ModelProjectFiles {
  if (doc.project) return doc.project;
  starter ??= starterProject();
  return starter;
}
