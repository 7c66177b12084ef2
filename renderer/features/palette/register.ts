import { registerCommand } from '../../app/registry.ts';
import { useStore } from '../../state/store.ts';

registerCommand({
  id: 'palette',
  label: 'commands.palette',
  keys: 'Mod+K',
  altKeys: ['Mod+Shift+P'],
  order: 160,
  run: () => useStore.getState().setPaletteOpen(true),
});
