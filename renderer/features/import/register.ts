import { registerCommands, registerMessages } from '../../app/registry.ts';
import { en, ko } from './messages.ts';
import { chooseTableToExport, exportDatabase, pickImportFile } from './import-launch.ts';

registerMessages('import', { en, ko });

registerCommands([
  { id: 'import-data', label: 'import.command', order: 86, enabled: (s) => !!s.databaseId && s.engine === 'idle', run: pickImportFile },
  {
    id: 'export-table-csv',
    label: 'import.exportTableCommand',
    order: 87,
    enabled: (s) => s.engine === 'idle' && s.schema.some((o) => o.type === 'table'),
    run: chooseTableToExport,
  },
  {
    id: 'export-database',
    label: 'import.exportDatabaseCommand',
    order: 88,
    enabled: (s) => s.engine === 'idle' && !!s.databaseId,
    run: exportDatabase,
  },
]);
