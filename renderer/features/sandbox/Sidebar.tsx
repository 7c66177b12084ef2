import * as Tabs from '@radix-ui/react-tabs';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../state/store.ts';
import type { SidebarTab } from '../../state/ui-slice.ts';
import { SchemaBrowser } from './SchemaBrowser.tsx';
import { HistoryList } from './HistoryList.tsx';
import { SavedList } from './SavedList.tsx';

/** Left panel: schema, history and saved queries as tabs. */
export function Sidebar() {
  const { t } = useTranslation();
  const tab = useStore((s) => s.sidebarTab);
  const showSidebarTab = useStore((s) => s.showSidebarTab);
  return (
    <Tabs.Root className="panel sidebar" value={tab} onValueChange={(v) => showSidebarTab(v as SidebarTab)}>
      <Tabs.List className="tabs-list" aria-label={t('sidebar.label')}>
        <Tabs.Trigger className="tab" value="schema" data-testid="tab-schema">
          {t('sidebar.schema')}
        </Tabs.Trigger>
        <Tabs.Trigger className="tab" value="history" data-testid="tab-history">
          {t('sidebar.history')}
        </Tabs.Trigger>
        <Tabs.Trigger className="tab" value="saved" data-testid="tab-saved">
          {t('sidebar.saved')}
        </Tabs.Trigger>
      </Tabs.List>
      <Tabs.Content className="tab-content" value="schema">
        <SchemaBrowser />
      </Tabs.Content>
      <Tabs.Content className="tab-content" value="history">
        <HistoryList />
      </Tabs.Content>
      <Tabs.Content className="tab-content" value="saved">
        <SavedList />
      </Tabs.Content>
    </Tabs.Root>
  );
}
