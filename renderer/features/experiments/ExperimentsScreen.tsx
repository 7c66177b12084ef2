import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import * as Tabs from '@radix-ui/react-tabs';
import { Brand } from '../shell/Brand.tsx';
import { PaletteButton } from '../shell/PaletteButton.tsx';
import { ReadoutTab } from './ReadoutTab.tsx';
import { SampleSizeTab } from './SampleSizeTab.tsx';
import { PeekingTab } from './PeekingTab.tsx';
import { useExperimentsStore, type ExperimentsTab } from './experiments-store.ts';
import { loadExperiments } from './experiments-actions.ts';
import './experiments.css';

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
      <Tabs.Root className="xp-tabs" value={tab} onValueChange={(v) => showTab(v as ExperimentsTab)} asChild>
        <main id="main-content" tabIndex={-1} data-testid="experiments-screen">
          <Tabs.List className="tabs-list" aria-label={t('experiments.tabsLabel')}>
            {(['readout', 'sample', 'peeking'] as const).map((id) => (
              <Tabs.Trigger key={id} className="tab" value={id} data-testid={`xp-tab-${id}`}>
                {t(`experiments.tabs.${id}`)}
              </Tabs.Trigger>
            ))}
          </Tabs.List>
          <Tabs.Content className="tab-content" value="readout">
            <ReadoutTab />
          </Tabs.Content>
          <Tabs.Content className="tab-content" value="sample">
            <SampleSizeTab />
          </Tabs.Content>
          <Tabs.Content className="tab-content" value="peeking">
            <PeekingTab />
          </Tabs.Content>
        </main>
      </Tabs.Root>
    </div>
  );
}
