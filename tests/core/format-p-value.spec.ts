import { describe, expect, it } from 'vitest';
import { formatPValue } from '../../core/format/p-value.ts';
import { fmtP } from '../../renderer/features/experiments/format.ts';
import { formatMessage, message } from '../../core/grading/messages.ts';

describe('p-values, written one way everywhere', () => {
  it('three decimals from 0.001 up, a power of ten below, never 0.000 or 4.4e-6', () => {
    expect(formatPValue(0.159181, 'en')).toBe('0.159');
    expect(formatPValue(0.0008, 'en')).toBe('8.0 × 10⁻⁴');
    expect(formatPValue(0.001, 'ko')).toBe('0.001');
    expect(formatPValue(4.4e-6, 'en')).toBe('4.4 × 10⁻⁶');
    expect(formatPValue(4.4e-6, 'ko')).toBe('4.4 × 10⁻⁶');
    expect(formatPValue(1.23e-12, 'en')).toBe('1.2 × 10⁻¹²');
    expect(formatPValue(0, 'en')).toBe('0');
    expect(formatPValue(1, 'en')).toBe('1.000');
  });

  it("the grader's SRM refusal quotes p as the readout does", () => {
    const p = 4.4e-6;
    const refusal = message('srm-ignored', { pValue: p, threshold: 0.001, decision: 'ship' });
    for (const lang of ['en', 'ko'] as const) {
      const text = formatMessage(refusal, lang);
      expect(text).toContain(`p = ${fmtP(p, lang)} < 0.001`);
      expect(text).not.toMatch(/\de-\d/);
    }
    expect(formatMessage(refusal, 'ko')).toContain("효과를 읽고 '출시'를 고르면 안 됩니다.");
    expect(formatMessage(message('srm-ignored', { pValue: p, threshold: 0.001, decision: 'dont-ship' }), 'ko')).toContain(
      "'출시하지 않음'을 고르면",
    );
  });
});
