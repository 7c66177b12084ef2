import { useTranslation } from 'react-i18next';
import { CheckCircle2, ShieldAlert, ShieldCheck, XCircle } from 'lucide-react';
import type { MaskCheck } from '../../../core/governance/types.ts';
import type { KGroup } from '../../../core/governance/mask.ts';
import { formatNumber } from '../../../core/format/number.ts';

type Lang = 'ko' | 'en';

function Mark({ ok }: { ok: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      {ok ? <CheckCircle2 size={15} className="gov-ok" aria-hidden /> : <XCircle size={15} className="gov-bad" aria-hidden />}
      <span className="sr-only">{ok ? t('governance.masked.itemOk') : t('governance.masked.itemBad')}: </span>
    </>
  );
}

function cellText(value: string | number | null, lang: Lang): string {
  if (value === null) return 'NULL';
  return typeof value === 'number' ? formatNumber(value, lang) : value;
}

/** One cell of a group table: its text and class ('null', 'num'). */
interface Cell {
  text: string;
  className?: string;
}

/** A small scrollable table of the check (a keyboard-focusable region named like its caption). */
function GroupTable({
  label,
  testId,
  columns,
  rows,
}: {
  label: string;
  testId: string;
  columns: Cell[];
  rows: { className?: string; cells: Cell[] }[];
}) {
  return (
    <div className="gov-groups-scroll" tabIndex={0} role="region" aria-label={label}>
      <table className="gov-groups" data-testid={testId}>
        <caption>{label}</caption>
        <thead>
          <tr>
            {columns.map((c, j) => (
              <th key={j} scope="col" className={c.className}>
                {c.text}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} className={r.className}>
              {r.cells.map((c, j) => (
                <td key={j} className={c.className}>
                  {c.text}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The rows that make k small: those of the smallest groups under the bar, every column of the view. */
function GroupRows({ groups, lang }: { groups: KGroup[]; lang: Lang }) {
  const { t } = useTranslation();
  const columns = groups[0]?.rows.columns ?? [];
  const rows = groups.flatMap((g) => g.rows.rows);
  if (rows.length === 0) return null;
  return (
    <GroupTable
      label={t('governance.masked.groupMembers')}
      testId="mask-group-rows"
      columns={columns.map((c) => ({ text: c }))}
      rows={rows.map((r) => ({
        cells: r.map((v) => ({ text: cellText(v, lang), className: v === null ? 'null' : typeof v === 'number' ? 'num' : undefined })),
      }))}
    />
  );
}

/**
 * A masked view's check, as an analyst's reviewer would read it: passed or not, the direct
 * identifiers left and how they were found, raw ids, whether the rows reconcile with the base
 * table, and k with the smallest groups (the people an attacker could single out).
 */
export function MaskCheckPanel({ check, minK }: { check: MaskCheck & { groups?: KGroup[] }; minK: number }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language.startsWith('ko') ? 'ko' : 'en';
  const n = (v: number) => formatNumber(v, lang);
  const kOk = check.quasi.length === 0 || check.k >= minK;
  return (
    <section className={`gov-check ${check.passed ? 'gov-check-pass' : 'gov-check-fail'}`} aria-labelledby="gov-check-title" data-testid="mask-check">
      <h3 id="gov-check-title" className="gov-check-title">
        {t('governance.masked.checkTitle', { view: check.view })}
      </h3>
      <p className={`gov-check-verdict ${check.passed ? 'gov-ok' : 'gov-bad'}`} data-testid={check.passed ? 'mask-check-passed' : 'mask-check-failed'}>
        {check.passed ? <ShieldCheck size={18} aria-hidden /> : <ShieldAlert size={18} aria-hidden />}
        {check.passed ? t('governance.masked.passed') : t('governance.masked.failedCheck')}
      </p>
      {check.messages.length > 0 ? (
        <ul className="gov-check-messages" aria-label={t('governance.masked.messages')}>
          {check.messages.map((m, i) => (
            <li key={i}>{m[lang]}</li>
          ))}
        </ul>
      ) : null}

      <div className="gov-check-item" data-testid="mask-direct">
        <h4>
          <Mark ok={check.directLeft.length === 0} /> {t('governance.masked.directLeft')}
        </h4>
        {check.directLeft.length === 0 ? (
          <p className="gov-muted">{t('governance.masked.directNone')}</p>
        ) : (
          <ul>
            {check.directLeft.map((d) => (
              <li key={`${d.column}:${d.how}`}>
                <code>{d.column}</code> — {t(d.how === 'lineage' ? 'governance.masked.byLineage' : 'governance.masked.byValue', { source: d.source })}
              </li>
            ))}
          </ul>
        )}
      </div>

      <div className="gov-check-item" data-testid="mask-raw-ids">
        <h4>
          <Mark ok={check.rawIds.length === 0} /> {t('governance.masked.rawIds')}
        </h4>
        {check.rawIds.length === 0 ? (
          <p className="gov-muted">{t('governance.masked.rawIdsNone')}</p>
        ) : (
          <ul>
            {check.rawIds.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ul>
        )}
      </div>

      <div className="gov-check-item" data-testid="mask-rows">
        <h4>
          <Mark ok={check.rows.reconciles} /> {t('governance.masked.rowsTitle')}
        </h4>
        <p>{t('governance.masked.rowsLine', { view: n(check.rows.view), base: n(check.rows.base) })}</p>
        <p className="gov-muted">{check.rows.reconciles ? t('governance.masked.rowsOk') : t('governance.masked.rowsOff')}</p>
      </div>

      <div className="gov-check-item" data-testid="mask-k">
        <h4>
          <Mark ok={kOk} /> {t('governance.masked.kTitle')}
        </h4>
        {check.quasi.length === 0 ? (
          <p className="gov-muted">{t('governance.masked.kNoQuasi')}</p>
        ) : (
          <>
            <p className="gov-k-line" data-testid="mask-k-value">
              {t('governance.masked.kLine', { k: n(check.k), quasi: check.quasi.join(', ') })}
            </p>
            <p className="gov-muted gov-small">{t('governance.masked.kExplain')}</p>
            {check.smallestGroups.length > 0 ? (
              <GroupTable
                label={t('governance.masked.smallest')}
                testId="mask-groups"
                columns={[...check.quasi.map((q) => ({ text: q })), { text: t('governance.masked.groupRows'), className: 'num' }]}
                rows={check.smallestGroups.map((g) => ({
                  className: g.count < minK ? 'gov-group-small' : undefined,
                  cells: [
                    ...check.quasi.map((q) => ({
                      text: cellText(g.values[q] ?? null, lang),
                      className: g.values[q] === null ? 'null' : undefined,
                    })),
                    { text: n(g.count), className: 'num' },
                  ],
                }))}
              />
            ) : null}
            <GroupRows groups={(check.groups ?? []).filter((g) => g.count < minK).slice(0, 3)} lang={lang} />
          </>
        )}
      </div>
    </section>
  );
}
