import { numberLocale } from './number.ts';

/*
 * One way to write a p-value wherever the app quotes one: the Experiments readout, the lesson
 * player's readout and the grader's feedback on an experiment step all say "4.4 × 10⁻⁶", never
 * "4.4e-6" in one place and "0.0000044" in another.
 */

const SUPERSCRIPT = '⁻⁰¹²³⁴⁵⁶⁷⁸⁹';

function fixed(value: number, lang: string, digits: number): string {
  return new Intl.NumberFormat(numberLocale(lang), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/**
 * A p-value as people quote it: three decimals from 0.001 up (0.008, 0.159), and below that a
 * small number in scientific notation with one decimal (4.4 × 10⁻⁶), never "0.000"; 0 stays 0.
 */
export function formatPValue(value: number, lang: string): string {
  if (!Number.isFinite(value)) return String(value);
  if (value >= 0.001) return fixed(value, lang, 3);
  if (value === 0) return '0';
  const [mantissa = '0', exponent = '0'] = value.toExponential(1).split('e');
  const power = String(Number(exponent)).replace(/[-0-9]/g, (c) => SUPERSCRIPT['-0123456789'.indexOf(c)] ?? c);
  return `${fixed(Number(mantissa), lang, 1)} × 10${power}`;
}
