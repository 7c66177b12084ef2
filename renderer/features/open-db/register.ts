import { registerCommands, registerMessages } from '../../app/registry.ts';
import { en, ko } from './messages.ts';
import { installDropTarget, pickDatabaseFile, watchLaunchFile } from './open-db-actions.ts';

registerMessages('openDb', { en, ko });

registerCommands([{ id: 'open-database-file', label: 'openDb.command', keys: 'Mod+O', order: 85, run: pickDatabaseFile }]);

// Vitest loads every register.ts in Node too, where there is no window to drop on.
if (typeof window !== 'undefined' && typeof window.addEventListener === 'function') {
  installDropTarget(window);
  watchLaunchFile();
}
