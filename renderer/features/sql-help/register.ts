import { registerCommand } from '../../app/registry.ts';
import { explainCurrent } from './explain.ts';

registerCommand({
  id: 'explain',
  label: 'plan.command',
  order: 120,
  enabled: (s) => s.engine === 'idle' && !!s.databaseId,
  run: explainCurrent,
});
