import type { DiffExample } from '../messages.ts';
import type { MessageContext, MessageLanguage } from './table.ts';
import { pp, pValue } from './cells.ts';

/** Korean grader feedback (합니다체), one template per message code. */

function examples(column: string, keyColumns: string[], list: DiffExample[], ctx: MessageContext): string {
  return list
    .map((e) => {
      const values = `기대값 ${ctx.cell(e.expected, column)}, 내 값 ${ctx.cell(e.actual, column)}`;
      return e.key.length === 0 ? values : `${ctx.namedRow(keyColumns, e.key)}인 행: ${values}`;
    })
    .join('; ');
}

/** A particle after a word: the first form after a final consonant, the second after a vowel; both when the word does not end in Hangul. */
function josa(word: string, consonant: string, vowel: string): string {
  const code = word.charCodeAt(word.length - 1) - 0xac00;
  if (code < 0 || code > 11171) return `${word}${consonant}(${vowel})`;
  return `${word}${code % 28 === 0 ? vowel : consonant}`;
}

function kindsKo(kinds: string[]): string {
  const words: Record<string, string> = { table: '테이블', view: '뷰', model: '모델', metric: '지표', tile: '대시보드 타일' };
  return kinds.map((k) => words[k] ?? k).join('·');
}

function kind(k: 'table' | 'view'): string {
  return k === 'view' ? '뷰' : '테이블';
}

function grainKo(g: string): string {
  return g === 'day' ? '일' : g === 'week' ? '주' : '월';
}

function decisionKo(d: string): string {
  return d === 'ship' ? '출시' : d === 'dont-ship' ? '출시하지 않음' : d === 'keep-running' ? '더 지켜봄' : '판독 불가';
}

/** 을 after a word ending in a consonant (출시하지 않음을), 를 after a vowel (출시를). */
function objectParticle(word: string): string {
  const code = word.charCodeAt(word.length - 1) - 0xac00;
  return code >= 0 && code < 11172 && code % 28 !== 0 ? '을' : '를';
}

function capstoneStageKo(stage: string): string {
  return stage === 'load' ? '적재' : stage === 'kpi' ? 'KPI' : stage === 'tile' ? '대시보드 타일' : '결정';
}


function piiKo(c: string): string {
  return c === 'direct' ? '직접 식별자' : c === 'quasi' ? '준식별자' : c === 'sensitive' ? '민감 정보' : '개인정보 아님';
}
/** The Korean table. */
export const ko: MessageLanguage = {
  inTable: (table, text) => `[${table}] ${text}`,
  messages: {
    'sql-error': (p) => `SQL 오류 (${p.line}행 ${p.column}열): ${p.message}`,
    'lesson-error': (p) => `이 단계의 정답 설정에 문제가 있습니다: ${p.message}`,
    'no-database': (p) => `데이터베이스 '${p.database}'를 찾을 수 없습니다.`,
    'not-a-select': () => '마지막 문장이 행을 돌려주지 않습니다. SELECT 문으로 결과를 보여 주세요.',
    'too-many-rows': (p, c) => `결과가 ${c.number(p.limit)}행보다 많아 채점할 수 없습니다.`,
    'missing-columns': (p, c) =>
      p.instead.length === 0
        ? `결과에 없는 열: ${c.list(p.columns)}. 문제에 적힌 열을 모두 SELECT하세요.`
        : `결과에 ${c.list(p.columns)} 열이 없고 대신 ${c.list(p.instead)} 열이 있습니다. 문제에 적힌 이름을 AS로 붙이세요(예: AS ${p.columns[0] ?? ''}).`,
    'unexpected-columns': (p, c) => `요청하지 않은 열: ${c.list(p.columns)}.`,
    'row-count': (p, c) =>
      p.actual === 0
        ? `결과가 비어 있습니다. ${c.number(p.expected)}행이 나와야 합니다.`
        : `행 수가 다릅니다: ${c.number(p.expected)}행이어야 하는데 ${c.number(p.actual)}행입니다.`,
    'rows-missing': (p, c) => `빠진 행 ${c.number(p.count)}개 (예: ${c.rows(p.columns, p.examples)})`,
    'rows-extra': (p, c) => `있으면 안 되는 행 ${c.number(p.count)}개 (예: ${c.rows(p.columns, p.examples)})`,
    'column-differs': (p, c) => {
      const shown = examples(p.column, p.keyColumns, p.examples, c);
      // A one-row result has no key: say the value, not "1개 행".
      if (p.keyColumns.length === 0 && p.count === 1) return `열 ${p.column}의 값이 다릅니다: ${shown}.`;
      return `열 ${p.column}의 값이 ${c.number(p.count)}개 행에서 다릅니다 (${shown})`;
    },
    'nulls-where-values': (p, c) => `열 ${p.column}에 값이 있어야 할 곳에 NULL이 ${c.number(p.count)}개 있습니다.`,
    rounding: (p, c) => {
      const shown = examples(p.column, p.keyColumns, p.examples, c);
      // Unrounded references (1/3) have about 16 places: then the fix is not to round, not round(..., 16).
      const fix =
        p.actualDecimals > p.expectedDecimals
          ? ` 문제대로 round(..., ${p.expectedDecimals})로 반올림하세요.`
          : p.expectedDecimals >= 10
            ? ' 반올림하지 말고 계산한 값을 그대로 두세요.'
            : ` 소수 ${p.expectedDecimals}자리까지 남기세요.`;
      const order = p.affectsOrder ? ' 반올림하지 않은 값으로 정렬하면 같아야 할 값의 순서도 달라집니다.' : '';
      return `열 ${p.column}의 값이 정밀도(반올림)만 다릅니다: 기대값은 소수 ${p.expectedDecimals}자리, 내 값은 ${p.actualDecimals}자리입니다 (${shown}).${fix}${order}`;
    },
    'wrong-order': (p) => `행은 맞지만 순서가 다릅니다 (${p.position}번째 행부터).`,
    'order-by-required': () => '이 문제는 순서가 중요합니다. ORDER BY로 순서를 정하세요. ORDER BY가 없으면 순서는 우연입니다.',
    'hard-coded': (p, c) =>
      `이 데이터의 결과 값(${c.list(p.literals)})을 SQL에 직접 적었습니다. 이 데이터에서는 맞지만 같은 구조의 다른 데이터에서는 틀립니다. 값을 적지 말고 데이터에서 계산하세요.`,
    'variant-differs': (p, c) => {
      const details = p.details.map((m) => c.message(m)).join(' ');
      return `이 데이터에서는 맞지만, 채점에 쓰는 같은 구조의 다른 데이터에서는 결과가 다릅니다. 그 데이터에는 여기 없는 경우가 있습니다: 경계값(>=와 >, <와 <=), 같은 값(동점)의 순서, 중복 행, NULL. 문제에 적힌 규칙을 그런 경우까지 지키는지 확인하세요.${details ? ` 다른 데이터에서: ${details}` : ''}`;
    },
    'known-mistake': (p) => p.feedback.ko,
    'table-missing': (p) => `테이블 또는 뷰 ${p.table}이(가) 없습니다.`,
    'table-kind': (p) => `${p.table}은(는) ${kind(p.expected)}여야 하는데 ${kind(p.actual)}입니다.`,
    'table-columns': (p, c) => {
      const parts: string[] = [];
      if (p.missing.length > 0) parts.push(`없는 열: ${c.list(p.missing)}`);
      if (p.unexpected.length > 0) parts.push(`필요 없는 열: ${c.list(p.unexpected)}`);
      return `${p.table}의 열이 다릅니다 (${parts.join('; ')}).`;
    },
    'table-column-type': (p) => `${p.table}.${p.column}의 타입이 ${p.expected}여야 하는데 ${p.actual}입니다.`,
    'no-answer': () => '답을 고르세요.',
    'wrong-choice': (p) => `"${p.label.ko}": ${p.explanation.ko}`,
    'choices-missing': (p) => `맞는 답을 ${p.count}개 더 골라야 합니다.`,
    'reason-required': () => '이유를 적어 주세요.',
    'number-wrong': () => '데이터에서 나오는 값이 아닙니다. 짐작하지 말고 쿼리로 계산한 값을 그대로 적으세요.',
    'number-rounding': (p) => `거의 맞았습니다. 소수 ${p.decimals}자리까지 정확히 적으세요.`,
    'not-a-number': (p) => `"${p.text}"은(는) 숫자가 아닙니다.`,
    'bad-answer': (p) => `이 단계의 답은 ${p.expected} 형식이어야 합니다.`,
    'pipeline-invalid': (p) => `파이프라인을 실행할 수 없습니다: ${p.message}`,
    'task-failed': (p) =>
      p.in === 'path'
        ? `${p.task} 작업이 레이크 경로 템플릿에서 실패했습니다: ${p.error}`
        : p.line === undefined
          ? `${p.task} 작업이${p.in === 'template' ? ' SQL 템플릿에서' : ''} 실패했습니다: ${p.error}`
          : `${p.task} 작업이 ${p.in === 'template' ? 'SQL 템플릿' : 'SQL'} ${p.line}번째 줄에서 실패했습니다: ${p.error}`,
    'tasks-not-run': (p, c) => `앞선 작업이 실패해 실행되지 않았습니다: ${c.list(p.tasks)}.`,
    'ds-differs': (p, c) => {
      const details = p.details.map((m) => c.message(m)).join(' ');
      return `이 단계의 날짜에서는 맞지만 ${p.ds}로 실행하면 테이블이 달라집니다. 날짜를 SQL이나 경로에 직접 쓰지 말고 {{ ds }}에서 가져오세요.${details ? ` ${p.ds} 실행 결과: ${details}` : ''}`;
    },
    'not-idempotent': (p, c) => {
      const details = p.details.map((m) => c.message(m)).join(' ');
      return `파이프라인을 한 번 더 실행하면 ${p.table} 테이블의 내용이 달라집니다. 다시 실행해도 같은 행이 남아야 합니다. 파티션을 지운 뒤 다시 넣으세요.${details ? ` 두 번째 실행 후: ${details}` : ''}`;
    },
    'project-error': (p) => (p.line === null ? `${p.file}: ${p.message.ko}` : `${p.file} ${p.line}행: ${p.message.ko}`),
    'model-failed': (p) => `${p.model} 모델을 빌드하지 못했습니다: ${p.error.ko}`,
    'models-not-built': (p, c) => `의존하는 모델이나 테스트가 실패해 빌드되지 않았습니다: ${c.list(p.models)}.`,
    'test-missing': (p) => `프로젝트에 ${p.test} 테스트가 없습니다. 문제에 적힌 대로 추가하세요.`,
    'test-failed': (p, c) => `${p.test} 테스트가 ${c.number(p.failures)}개 행에서 실패합니다.`,
    'problem-not-caught': (p, c) =>
      p.actual === 0
        ? `문제가 있는 데이터에서 ${p.test} 테스트가 통과합니다. ${c.number(p.expected)}개 행에서 실패해야 합니다.`
        : `${p.test} 테스트가 ${c.number(p.actual)}개 행에서 실패하지만 문제가 있는 행은 ${c.number(p.expected)}개입니다. 테스트가 바로 그 행들을 잡아야 합니다.`,
    'fails-after-fix': (p, c) =>
      `문제를 고친 뒤에는 ${p.test} 테스트가 통과해야 하는데 여전히 ${c.number(p.failures)}개 행에서 실패합니다. 멀쩡한 행까지 잡고 있습니다.`,
    'no-lake': (p) => `레이크 '${p.lake}'의 파일을 찾을 수 없습니다.`,
    'metric-template-error': (p) =>
      p.line === null
        ? `지표의 SQL 템플릿을 렌더링할 수 없습니다: ${p.message}`
        : `지표의 SQL 템플릿을 렌더링할 수 없습니다(${p.line}행): ${p.message}`,
    'metric-columns': (p, c) =>
      `지표 SQL은 period와 value 열을 돌려줘야 하는데 ${c.list(p.missing)} 열이 없습니다(돌려준 열: ${c.list(p.columns) || '없음'}). AS로 이름을 붙이세요.`,
    'metric-fixed-grain': (p, c) =>
      `SQL이 한 단위에 고정되어 있습니다. ${grainKo(p.right)} 단위로는 맞지만 ${grainKo(p.wrong)} 단위로는 틀립니다(${c.number(p.count)}개 기간이 다릅니다). {{ period('열') }}로 묶어야 대시보드가 고른 단위를 같은 SQL이 따라갑니다.`,
    'metric-periods-missing': (p, c) =>
      `${grainKo(p.grain)} 단위: 기대한 시계열의 기간 ${c.number(p.count)}개가 없습니다(예: ${p.examples.map((e) => c.cell(e, 'period')).join(', ')}).`,
    'metric-periods-extra': (p, c) =>
      `${grainKo(p.grain)} 단위: 기대한 시계열에 없는 기간이 ${c.number(p.count)}개 있습니다(예: ${p.examples.map((e) => c.cell(e, 'period')).join(', ')}). period 열에는 각 기간이 시작하는 날짜가 들어갑니다.`,
    'metric-periods-repeated': (p, c) =>
      `${grainKo(p.grain)} 단위: 기간 ${c.number(p.count)}개가 여러 행에 나옵니다(예: ${p.examples.map((e) => c.cell(e, 'period')).join(', ')}). 기간 하나로만 GROUP BY하세요.`,
    'metric-values-differ': (p, c) =>
      `${grainKo(p.grain)} 단위: 기간 ${c.number(p.count)}개에서 값이 다릅니다(첫 기간 ${c.cell(p.period, 'period')}: 기대값 ${c.cell(p.expected, 'value')}, 내 값 ${c.cell(p.actual, 'value')}). 정의를 다시 읽어 보세요. 무엇을 세고 무엇을 빼는지 확인하세요.`,
    'metric-variant-differs': (p, c) => {
      const details = p.details.map((m) => c.message(m)).join(' ');
      return `이 데이터에서는 맞지만, 같은 테이블에 다른 행이 든 다른 사본에서는 ${grainKo(p.grain)} 단위 시계열이 달라집니다. 모든 값을 테이블에서 계산하고, 이 데이터의 날짜나 숫자를 SQL에 직접 쓰지 마세요.${details ? ` 다른 사본의 결과: ${details}` : ''}`;
    },
    'arm-missing': (p, c) =>
      p.found.length === 0
        ? `결과에 행이 없습니다. 실험군마다 한 행이 있어야 합니다(${p.arm} 없음).`
        : `'${p.arm}' 그룹의 행이 없습니다(결과에 있는 variant 값: ${p.found.map((v) => c.cell(v)).join(', ')}).`,
    'arm-extra-rows': (p, c) =>
      `그룹마다 한 행(control, treatment)이어야 하는데 ${p.values.map((v) => c.cell(v)).join(', ')} 행이 더 있습니다.`,
    'arm-count-wrong': (p, c) => `${p.arm}의 ${p.column}: 기대값 ${c.number(p.expected)}, 내 값 ${c.cell(p.actual, p.column)}.`,
    'arm-double-counted': (p, c) =>
      `${p.arm}의 ${p.column}가 ${c.number(p.actual)}인데 실제로 ${p.column === 'users' ? '배정된' : '전환한'} 단위는 ${c.number(p.expected)}개뿐입니다. 같은 단위를 여러 번 세고 있습니다(조인이 행을 늘렸나요?). COUNT(DISTINCT unit_id)처럼 단위마다 한 번만 세세요.`,
    'experiment-variant-differs': (p, c) => {
      const details = p.details.map((m) => c.message(m)).join(' ');
      return `이 데이터에서는 숫자가 맞지만, 같은 테이블에 다른 행이 든 다른 사본에서는 달라집니다. 테이블에서 계산하고 이 데이터의 숫자를 SQL에 직접 쓰지 마세요.${details ? ` 다른 사본의 결과: ${details}` : ''}`;
    },
    'decision-missing': () => '결정을 고르세요: 출시, 출시하지 않음, 더 지켜봄, 판독 불가 중 하나입니다.',
    'srm-ignored': (p) =>
      `표본 비율 검사가 실패했으므로(p = ${pValue(p.pValue, 'ko')} < ${p.threshold}) 효과를 읽고 '${decisionKo(p.decision)}'${objectParticle(decisionKo(p.decision))} 고르면 안 됩니다. 그룹이 계획대로 나뉘지 않아 두 그룹의 차이는 아무것도 말해 주지 않습니다. 배정 버그를 찾기 전에는 이 실험을 판독할 수 없습니다.`,
    'srm-not-failed': (p) =>
      `배정 비율은 정상입니다(표본 비율 검사 p = ${pValue(p.pValue, 'ko')}, ${p.threshold} 이상). 이 실험은 판독할 수 있으니 효과를 읽으세요.`,
    'decision-wrong': (p) =>
      p.effect === null
        ? `"${decisionKo(p.decision)}"은(는) 판독 결과에서 나오지 않는 결정입니다.`
        : `"${decisionKo(p.decision)}"은(는) 판독 결과에서 나오지 않는 결정입니다. 차이는 ${pp(p.effect.diff)}%p(95% 신뢰구간 ${pp(p.effect.low)} ~ ${pp(p.effect.high)}%p), 유의수준 α = ${p.effect.alpha}에서 p = ${pValue(p.effect.pValue, 'ko')}입니다.`,
    'reasons-missing': () => '결정의 근거를 고르세요.',
    'pii-tag-differs': (p) => `${p.column}: ${josa(piiKo(p.yours), '으로', '로')} 분류했지만 ${piiKo(p.reference)}입니다. ${p.reason.ko}`,
    'pii-untagged': (p, c) => `아직 분류하지 않은 열이 ${c.number(p.count)}개 있습니다: ${c.list(p.columns)}.`,
    'mask-view-missing': (p) =>
      p.table
        ? `${p.view}: 뷰가 아니라 테이블입니다. 테이블은 원본이 바뀌어도 그대로 남으므로 CREATE VIEW ${p.view} AS …로 만드세요.`
        : `${p.view} 뷰가 없습니다. CREATE VIEW ${p.view} AS …로 만드세요.`,
    'mask-direct-left': (p) =>
      p.how === 'lineage'
        ? `${p.column} 열이 ${p.source} 값을 그대로 내보냅니다. 직접 식별자는 뷰에서 빼세요.`
        : `${p.column} 열에 ${p.source}의 실제 값이 들어 있습니다. 직접 식별자는 열 이름을 바꿔도 값이 그대로면 드러납니다.`,
    'mask-raw-id': (p) => `${p.column} 열이 가명처리하지 않은 id입니다. pseudonym(${p.column})처럼 키로 가명처리하세요.`,
    'mask-id-missing': (p) => `${p.column} 열을 pseudonym()으로 가명처리한 열이 없습니다. 분석가가 행을 이을 수 있게 가명 id를 넣으세요.`,
    'mask-rows': (p, c) =>
      `뷰의 행은 ${c.number(p.view)}개인데 ${p.table}의 행은 ${c.number(p.base)}개입니다. 마스킹은 행을 더하거나 빼지 않아야 합니다(조인이 행을 늘렸거나 WHERE가 뺐는지 확인하세요).`,
    'mask-quasi-missing': (p, c) => `뷰에 ${c.list(p.columns)} 열이 없습니다. 과제가 말한 일반화한 준식별자를 그 이름으로 남기세요.`,
    'mask-k-too-small': (p, c) =>
      `k = ${p.k}: ${c.list(p.quasi)} 값이 같은 사람이 ${p.k}명뿐인 묶음이 있습니다(${p.group}). 과제는 k ≥ ${p.minK}를 요구합니다. 연령대나 지역을 더 넓게 일반화하세요.`,
    'mask-variant-differs': (p, c) => {
      const details = p.details.map((m) => c.message(m)).join(' ');
      return `이 데이터에서는 통과하지만 다른 사본(같은 테이블, 다른 행)에서는 통과하지 못합니다.${details ? ` 다른 사본에서: ${details}` : ''}`;
    },
    'impact-no-source': () => '먼저 계보 그래프에서 문제가 생긴 원본을 고르세요. 그 원본이 흘러가는 곳이 표시할 대상입니다.',
    'impact-wrong-source': (p) => `${p.picked.ko}에서 시작했지만 문제가 생긴 원본은 그것이 아닙니다. 단계 설명에 나온 원본에서 시작하세요.`,
    'impact-missing': (p, c) =>
      `영향을 받는 ${kindsKo(p.kinds)} 중 ${c.number(p.nodes.length)}개가 빠졌습니다${p.nodes.length === 1 ? `: ${p.nodes[0]?.ko ?? ''}` : `(그중 하나: ${p.nodes[0]?.ko ?? ''})`}. 첫 경로만이 아니라 원본에서 나가는 모든 화살표를 따라가세요.`,
    'impact-extra': (p, c) =>
      `${josa(c.list(p.nodes.map((n) => n.ko)), '은', '는')} 영향을 받는 ${josa(kindsKo(p.kinds), '이', '가')} 아닙니다. 문제가 생긴 원본이 흘러 들어가는 ${kindsKo(p.kinds)}만 표시하세요.`,
    'impact-upstream': (p, c) =>
      `${josa(c.list(p.nodes.map((n) => n.ko)), '은', '는')} 문제가 생긴 원본에 데이터를 넣는 쪽(상류)이라 문제가 거기까지 가지 않습니다. 영향은 화살표 방향으로만 퍼집니다.`,
    'impact-unknown': (p, c) => `계보 그래프에 없는 항목입니다: ${c.list(p.ids)}.`,
    'impact-owners-missing': (p, c) => `영향을 받는 항목을 관리하는 팀 중 ${c.number(p.teams.length)}곳이 목록에 없습니다. 표시한 항목마다 담당 팀을 확인하세요.`,
    'impact-owners-extra': (p, c) => `${josa(c.list(p.teams.map((t) => t.ko)), '은', '는')} 영향을 받는 항목을 관리하지 않으므로 알리지 않아도 됩니다.`,
    'quality-file-problem': (p) => `검사 파일 ${p.line}번째 줄: ${p.message.ko} 검사는 하나도 실행되지 않았습니다.`,
    'quality-type-missing': (p, c) => `문제에서 ${c.list(p.types)} 유형의 검사를 쓰라고 했지만 파일에 없습니다.`,
    'quality-problem-missed': (p, c) =>
      p.closest === null
        ? `${p.table}의 문제 ${p.problem}(${c.number(p.expected)}개 행)을 잡는 검사가 없습니다. 그 테이블에 바로 그 행들에서 경고하거나 실패하는 검사를 추가하세요.`
        : p.closest.outcome === 'pass'
          ? `${p.table}에서 문제 ${p.problem}에 해당하는 행은 ${c.number(p.expected)}개인데, ${p.closest.line}번째 줄의 검사(${p.closest.check})는 통과합니다. 기준값이나 규칙이 그 행들을 놓치고 있습니다.`
          : `${p.table}에서 문제 ${p.problem}에 해당하는 행은 ${c.number(p.expected)}개인데, ${p.closest.line}번째 줄의 검사(${p.closest.check})는 ${c.number(p.closest.count)}개를 셉니다. 문제가 있는 행만 정확히 세야 합니다(NULL, 빈 값, 중복 행을 살펴보세요).`,
    'quality-fails-on-healthy': (p, c) =>
      `${p.line}번째 줄의 검사(${p.check})가 ${p.outcome === 'warn' ? '경고합니다' : '실패합니다'}(값 ${c.number(p.count)}). 그런데 그 테이블에 심어 둔 문제 중 이 개수인 것은 없으므로 건강한 데이터에 경보를 울리는 셈입니다. 규칙과 기준값을 확인하세요.`,
    'quality-check-error': (p) => `${p.line}번째 줄의 검사(${p.check})를 실행할 수 없습니다: ${p.message.ko}`,
    'capstone-stage-failed': (p) => `4단계 중 ${p.index}단계(${capstoneStageKo(p.stage)})가 처음으로 아직 맞지 않습니다.`,
    'capstone-stages': (p) =>
      `전체 단계: ${p.stages.map((s, i) => `${i + 1}. ${capstoneStageKo(s.stage)} ${s.status === 'passed' ? '통과' : s.status === 'failed' ? '아직' : '1단계를 기다림'}`).join(', ')}.`,
    'capstone-own-load-missing': () =>
      'KPI는 참조 파이프라인이 적재한 테이블에서는 맞지만, 내 파이프라인이 확인할 테이블을 남기지 못했습니다. 1단계가 먼저 실행되게 하세요.',
    'capstone-kpi-own-load': (p, c) => {
      const details = p.details.map((m) => c.message(m)).join(' ');
      return `KPI는 참조 파이프라인이 적재한 테이블에서는 맞지만, 내 파이프라인이 적재한 테이블에서는 ${grainKo(p.grain)} 단위 숫자가 다릅니다. 내 대시보드에는 이 숫자가 보입니다.${details ? ` ${details}` : ''} KPI가 아니라 적재(1단계)를 고치세요.`;
    },
    'capstone-tile-metric': (p) => `타일이 ${p.actual} 지표를 보여 줍니다. 2단계에서 정의한 KPI(${p.expected})를 올리세요.`,
    'capstone-tile-kind': (p) =>
      p.actual === 'kpi'
        ? 'KPI 타일은 마지막 온전한 기간 하나를 그 전 기간과 비교해 보여 줄 뿐입니다. 이 결정은 여러 기간을 비교해야 하니 차트 타일을 쓰세요.'
        : '여기에는 차트 타일이 아니라 KPI 타일이 필요합니다.',
    'capstone-tile-grain': (p) => `타일이 ${grainKo(p.actual)} 단위입니다. 이 결정은 ${grainKo(p.expected)} 단위로 읽습니다. 대시보드의 단위를 ${grainKo(p.expected)} 단위로 바꾸세요.`,
    'capstone-tile-periods': (p) => {
      const parts: string[] = [];
      if (p.missing.length > 0) parts.push(`${p.missing.join(', ')} 기간이 빠지고`);
      if (p.extra.length > 0) parts.push(`데이터나 기간 끝에서 잘린 ${p.extra.join(', ')} 기간까지 보여 주어 감소처럼 읽히고`);
      return `${p.range.from}~${p.range.to} 기간을 ${grainKo(p.grain)} 단위로 보면 ${parts.join(' ')} 있습니다. 결정이 비교할 온전한 기간만 정확히 담는 범위를 고르세요.`;
    },
    'capstone-no-call': () => '결정을 내리세요. 선택지 중 하나를 고르면 됩니다.',
  },
};
