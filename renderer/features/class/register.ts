import { lazy } from 'react';
import { Users } from 'lucide-react';
import { registerCommands, registerMessages, registerScreen } from '../../app/registry.ts';
import { en, ko } from './messages.ts';
import { startRecordingFailures } from './record-failures.ts';
import { useStore } from '../../state/store.ts';

registerMessages('class', { en, ko });

// Wrong-answer messages are counted from the first check on, whichever screen is open.
startRecordingFailures();

// The instructor's view (heat map, rankings, CSV) loads when it is first opened.
const ClassScreen = lazy(() => import('./ClassScreen.tsx'));

registerScreen({ id: 'class', label: 'class.nav', skipLabel: 'class.skip', icon: Users, component: ClassScreen, navParent: 'course' });

registerCommands([
  { id: 'class-progress', label: 'class.commands.open', order: 96, run: () => useStore.getState().openScreen('class') },
  {
    id: 'export-progress-report',
    label: 'class.commands.exportReport',
    order: 96.1,
    run: async () => (await import('./export-mount.tsx')).showExportDialog(),
  },
]);
