import { registerCommands, registerMessages } from '../../app/registry.ts';
import { useAuthorStore } from './author-store.ts';
import { en, ko } from './messages.ts';

// Author mode: the commands are here; the loader, the watcher and the course-map section load on first use.
registerMessages('author', { en, ko });

registerCommands([
  {
    id: 'open-author-folder',
    label: 'author.command',
    order: 87,
    run: () => void import('./author-actions.ts').then((m) => m.openAuthorFolder()),
  },
  {
    id: 'close-author-folder',
    label: 'author.closeCommand',
    order: 88,
    visible: () => useAuthorStore.getState().folder !== null,
    run: () => void import('./author-actions.ts').then((m) => m.closeAuthorFolder()),
  },
]);
