import { registerCommands, registerMessages } from '../../app/registry.ts';
import { useStore } from '../../state/store.ts';
import { packInput, pickClassPack } from './entry.ts';
import { isPackLesson, loadInstalledPacks } from './installed.ts';
import { en, ko } from './messages.ts';

registerMessages('packs', { en, ko });

registerCommands([{ id: 'open-class-pack', label: 'packs.command', order: 86, run: pickClassPack }]);

// Vitest loads every register.ts in Node too, where there is neither a window nor IndexedDB.
if (typeof window !== 'undefined' && typeof document !== 'undefined' && typeof document.createElement === 'function') {
  packInput();
  void loadInstalledPacks();
  // A pack lesson opened another way than its card (a #lesson= link): its datasets join the engine, then the step's database opens.
  let last: string | null = null;
  useStore.subscribe((s) => {
    if (s.lessonId === last) return;
    last = s.lessonId;
    const lessonId = s.lessonId;
    if (!isPackLesson(lessonId)) return;
    void import('./pack-lesson-data.ts').then(async (m) => {
      if (!(await m.ensurePackDatabases(lessonId!))) return;
      const { ensureStepDatabase } = await import('../lesson/lesson-actions.ts');
      await ensureStepDatabase();
    });
  });
}
