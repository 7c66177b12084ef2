import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { readout } from '../../../core/stats/index.ts';
import { ReadoutPanel } from '../../../renderer/features/experiments/ReadoutPanel.tsx';
import { ko as xpKo } from '../../../renderer/features/experiments/messages.ts';
import { ko } from '../../../renderer/i18n/ko.ts';

/*
 * The Korean readout speaks as the Track 4 lessons do: the arms are 그룹 (not 집단), and what was
 * assigned are units (단위: customers in one experiment, devices in the other), never 명.
 */

async function render(control: number, treatment: number): Promise<string> {
  const instance = i18next.createInstance();
  await instance.init({ resources: { ko: { translation: { ...ko, experiments: xpKo } } }, lng: 'ko', interpolation: { escapeValue: false } });
  const r = readout({
    control: { name: 'control', users: control, conversions: Math.round(control * 0.3) },
    treatment: { name: 'treatment', users: treatment, conversions: Math.round(treatment * 0.3) },
    plannedRatio: [0.5, 0.5],
    alpha: 0.05,
  });
  const html = renderToStaticMarkup(
    <I18nextProvider i18n={instance}>
      <ReadoutPanel readout={r} />
    </I18nextProvider>,
  );
  return html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

describe('the Korean readout', () => {
  it('a broken split counts units per group, not people', async () => {
    const text = await render(1825, 1559);
    expect(text).toContain('계획대로라면 대조군에 약 1,692개, 실험군에 약 1,692개 단위가 배정되어야 하는데, 실제로는 1,825개와 1,559개가 배정되었습니다.');
    expect(text).toContain('그룹별 배정 수');
    expect(text).not.toMatch(/\d명/);
    expect(text).not.toContain('집단');
  });

  it('a sound split reads with the same words', async () => {
    const text = await render(2000, 2010);
    expect(text).toContain('두 그룹이 계획한 만큼 단위를 받았으니 비교할 수 있습니다.');
    expect(text).toContain('그룹별 전환율');
    expect(text).not.toContain('집단');
  });

  it('no Korean string of the Experiments screen says 집단', () => {
    expect(JSON.stringify(xpKo)).not.toContain('집단');
  });
});
