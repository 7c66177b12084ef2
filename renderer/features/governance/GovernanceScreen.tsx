import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ScreenTabs } from '../../ui/ScreenTabs.tsx';
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
const TAB_CONTENT: Record<GovernanceTab, ReactNode> = {
  catalogue: <CatalogueTab />,
  quality: <QualityTab />,
  lineage: <LineageTab />,
  masked: <MaskedViewsTab />,
};

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
      <ScreenTabs
        className="gov-tabs"
        testId="governance-screen"
        heading={t('governance.title')}
        label={t('governance.tabsLabel')}
        value={tab}
        onChange={showTab}
        tabs={TABS.map((id) => ({ id, label: t(`governance.tabs.${id}`), testId: `gov-tab-${id}`, content: TAB_CONTENT[id] }))}
      />
      <StatusBar />
    </div>
  );
}

export default GovernanceScreen;
