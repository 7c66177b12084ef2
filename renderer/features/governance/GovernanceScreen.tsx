import { useTranslation } from 'react-i18next';
import * as Tabs from '@radix-ui/react-tabs';
import { Brand } from '../shell/Brand.tsx';
import { PaletteButton } from '../shell/PaletteButton.tsx';
import { StatusBar } from '../sandbox/StatusBar.tsx';
import { CatalogueTab } from './CatalogueTab.tsx';
import { QualityTab } from './QualityTab.tsx';
import { LineageTab } from './LineageTab.tsx';
import { MaskedViewsTab } from './MaskedViewsTab.tsx';
import { useGovernanceStore, type GovernanceTab } from './governance-store.ts';
import './governance.css';

const TABS: GovernanceTab[] = ['catalogue', 'quality', 'lineage', 'masked'];

/** The Governance screen: the PII catalogue, quality checks, lineage and impact, masked views. */
export function GovernanceScreen() {
  const { t } = useTranslation();
  const tab = useGovernanceStore((s) => s.tab);
  const showTab = useGovernanceStore((s) => s.showTab);
  return (
    <div className="app">
      <header className="topbar" role="toolbar" aria-label={t('governance.screen')}>
        <Brand />
        <div className="spacer" />
        <PaletteButton />
      </header>
      <Tabs.Root className="gov-tabs" value={tab} onValueChange={(v) => showTab(v as GovernanceTab)} asChild>
        <main id="main-content" tabIndex={-1} data-testid="governance-screen">
          <h1 className="sr-only">{t('governance.title')}</h1>
          <Tabs.List className="tabs-list" aria-label={t('governance.tabsLabel')}>
            {TABS.map((id) => (
              <Tabs.Trigger key={id} className="tab" value={id} data-testid={`gov-tab-${id}`}>
                {t(`governance.tabs.${id}`)}
              </Tabs.Trigger>
            ))}
          </Tabs.List>
          <Tabs.Content className="tab-content" value="catalogue">
            <CatalogueTab />
          </Tabs.Content>
          <Tabs.Content className="tab-content" value="quality">
            <QualityTab />
          </Tabs.Content>
          <Tabs.Content className="tab-content" value="lineage">
            <LineageTab />
          </Tabs.Content>
          <Tabs.Content className="tab-content" value="masked">
            <MaskedViewsTab />
          </Tabs.Content>
        </main>
      </Tabs.Root>
      <StatusBar />
    </div>
  );
}

export default GovernanceScreen;
