import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { readout } from '../../../core/stats/index.ts';
import { ReadoutPanel } from '../../../renderer/features/experiments/ReadoutPanel.tsx';
import { en as xpEn } from '../../../renderer/features/experiments/messages.ts';
import { en } from '../../../renderer/i18n/en.ts';

/* The readout's recommendation can be left out (the lesson player hides it until the learner's own call passes). */

async function render(hideRecommendation?: boolean): Promise<string> {
  const instance = i18next.createInstance();
  await instance.init({ resources: { en: { translation: { ...en, experiments: xpEn } } }, lng: 'en', interpolation: { escapeValue: false } });
  const r = readout({
    control: { name: 'control', users: 2000, conversions: 200 },
    treatment: { name: 'treatment', users: 2000, conversions: 250 },
    plannedRatio: [0.5, 0.5],
    alpha: 0.05,
  });
  return renderToStaticMarkup(
    <I18nextProvider i18n={instance}>
      <ReadoutPanel readout={r} {...(hideRecommendation !== undefined ? { hideRecommendation } : {})} />
    </I18nextProvider>,
  );
}

describe('ReadoutPanel hideRecommendation', () => {
  it('shows the recommendation and its reasons by default', async () => {
    const html = await render();
    expect(html).toContain('data-testid="recommendation"');
    expect(html).toContain(xpEn.readout.decision.ship);
    expect(html).toContain('data-decision="ship"');
  });

  it('leaves the recommendation out entirely (not in an attribute either) but keeps the numbers', async () => {
    const html = await render(true);
    expect(html).not.toContain('data-testid="recommendation"');
    expect(html).not.toContain(xpEn.readout.decision.ship);
    expect(html).not.toContain('data-decision');
    expect(html).toContain('data-testid="arms-table"');
    expect(html).toContain('data-testid="srm-ok"');
  });
});
