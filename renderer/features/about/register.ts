import { registerCommands, registerMessages } from '../../app/registry.ts';
import { en, ko } from './messages.ts';

registerMessages('about', { en, ko });

registerCommands([
  {
    id: 'about',
    label: 'about.command',
    order: 260,
    // The dialog and its licence list load when first asked for.
    run: () => import('./mount-about.tsx').then((m) => m.showAbout()),
  },
]);
