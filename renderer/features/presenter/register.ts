import { registerCommands, registerMessages } from '../../app/registry.ts';
import type { Store } from '../../state/store.ts';
import { en, ko } from './messages.ts';
import { canStep, exitPresenter, pauseTimer, startTimer, stepLine, togglePresenter, usePresenter } from './presenter-store.ts';

registerMessages('presenter', { en, ko });

const presenting = () => usePresenter.getState().active;
const onLesson = ['lesson'];

registerCommands([
  // Mod+Shift+P is the palette's second key already; Alt keeps this one apart from the browser's own.
  { id: 'presenter-toggle', label: 'presenter.commands.toggle', keys: 'Mod+Alt+P', screens: onLesson, order: 80, run: togglePresenter },
  {
    // Escape leaves presenter mode, after a running query's cancel (order 100) and never inside the editor (its widgets close on it).
    id: 'presenter-exit',
    label: 'presenter.commands.exit',
    keys: 'Escape',
    keyOnlyWhenEnabled: true,
    editorOwnsKey: true,
    screens: onLesson,
    order: 101,
    visible: presenting,
    enabled: (s: Store) => s.engine !== 'busy' && presenting(),
    run: exitPresenter,
  },
  // The arrow keys do the same while focus is outside a field (PresenterStage.tsx): a global arrow key would steal the caret.
  { id: 'presenter-next-line', label: 'presenter.commands.nextLine', screens: onLesson, order: 82, visible: presenting, enabled: () => canStep(1), run: () => void stepLine(1) },
  { id: 'presenter-previous-line', label: 'presenter.commands.previousLine', screens: onLesson, order: 83, visible: presenting, enabled: () => canStep(-1), run: () => void stepLine(-1) },
  {
    id: 'presenter-timer',
    label: 'presenter.commands.timerStart',
    screens: onLesson,
    order: 85,
    visible: presenting,
    run: () => (usePresenter.getState().timer.endsAt === null ? startTimer() : pauseTimer()),
  },
]);
