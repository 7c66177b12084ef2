import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ScreenTabs } from '../../ui/ScreenTabs.tsx';
import { Brand } from '../shell/Brand.tsx';
import { PaletteButton } from '../shell/PaletteButton.tsx';
import { ReadoutTab } from './ReadoutTab.tsx';
import { SampleSizeTab } from './SampleSizeTab.tsx';
import { PeekingTab } from './PeekingTab.tsx';
import { useExperimentsStore, type ExperimentsTab } from './experiments-store.ts';
import { loadExperiments } from './experiments-actions.ts';
import './experiments.css';

const TABS: ExperimentsTab[] = ['readout', 'sample', 'peeking'];
const TAB_CONTENT: Record<ExperimentsTab, ReactNode> = {
  readout: <ReadoutTab />,
  sample: <SampleSizeTab />,
  peeking: <PeekingTab />,
};

/** The Experiments screen: A/B readouts (from the warehouse or the learner's query), sample size, and why peeking misleads. */
export function ExperimentsScreen() {
  const { t } = useTranslation();
  const tab = useExperimentsStore((s) => s.tab);
  const showTab = useExperimentsStore((s) => s.showTab);
  useEffect(() => {
    void loadExperiments();
  }, []);
  return (
    <div className="app">
      <header className="topbar" role="toolbar" aria-label={t('experiments.screen')}>
        <Brand />
        <div className="spacer" />
        <PaletteButton />
      </header>
      <ScreenTabs
        className="xp-tabs"
        testId="experiments-screen"
        label={t('experiments.tabsLabel')}
        value={tab}
        onChange={showTab}
        tabs={TABS.map((id) => ({ id, label: t(`experiments.tabs.${id}`), testId: `xp-tab-${id}`, content: TAB_CONTENT[id] }))}
      />
    </div>
  );
}
