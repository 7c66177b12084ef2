import { registerCommands, registerMessages } from '../../app/registry.ts';
import { en, ko } from './messages.ts';

registerMessages('about', { en, ko });

registerCommands([
  {
    id: 'about',
    label: 'about.command',
    // Before the theme switch, which the palette keeps last.
    order: 245,
    // The dialog and its licence list load when first asked for.
    run: () => import('./mount-about.tsx').then((m) => m.showAbout()),
  },
]);
