import type { ModelMessageTemplates } from '../messages.ts';

/** Korean texts of the model workbench's messages (합니다체). */

function list(items: string[]): string {
  return items.map((i) => `'${i}'`).join(', ');
}

/** The Korean table. */
export const ko: ModelMessageTemplates = {
  'no-project-file': () => '프로젝트에 dbt_project.yml이 없습니다. 최소한 이름(name: my_project)을 적은 파일을 추가하세요.',
  'yaml-syntax': (p) => `YAML을 읽을 수 없습니다: ${p.message}`,
  'yaml-shape': (p) => `YAML의 구조가 예상과 다릅니다: ${p.what}`,
  'jinja-syntax': (p) => `Jinja 문법 오류입니다: ${p.message}. {{는 }}로, {%는 %}로 닫았는지, if/for마다 endif/endfor가 있는지 확인하세요.`,
  'jinja-error': (p) => `Jinja를 컴파일하는 중 오류가 났습니다: ${p.message}`,
  'ref-missing': (p) =>
    `ref('${p.name}')가 가리키는 모델이 없습니다.` +
    (p.suggestions.length > 0
      ? ` ${list(p.suggestions)}을(를) 말씀하신 것인가요?`
      : ' models/ 아래 파일 이름을 확인하세요(모델 이름은 .sql을 뺀 파일 이름입니다).'),
  'source-missing': (p) =>
    `source('${p.source}', '${p.table}')가 YAML 파일의 sources:에 선언되어 있지 않습니다.` +
    (p.suggestions.length > 0 ? ` 비슷한 선언: ${p.suggestions.join(', ')}.` : ''),
  'var-missing': (p) => `var('${p.name}')의 값이 없습니다. dbt_project.yml의 vars:에 값을 적거나 var('${p.name}', ...)처럼 기본값을 주세요.`,
  'duplicate-model': (p) => `'${p.name}'라는 모델이 둘 있습니다(${p.other}). 모델 이름은 하나여야 하니 파일 하나의 이름을 바꾸세요.`,
  'test-unknown': (p) =>
    `'${p.test}' 테스트는 이 작업대에서 지원하지 않습니다. unique, not_null, accepted_values, relationships를 쓰거나 tests/ 아래에 SQL 테스트를 작성하세요.`,
  'test-args': (p) => `'${p.test}' 테스트에는 '${p.missing}' 값이 필요합니다.`,
  'yaml-model-missing': (p) => `YAML에 '${p.name}' 모델이 적혀 있지만 models/…/${p.name}.sql 파일이 없습니다.`,
  'materialized-unknown': (p) => `materialized='${p.value}'는 알 수 없는 값입니다. view, table, incremental, ephemeral 중 하나를 쓰세요.`,
  cycle: (p) => `모델들이 서로를 순환 참조하고 있어 먼저 만들 모델이 없습니다: ${p.cycle.join(' → ')} → ${p.cycle[0] ?? ''}.`,
  'seed-parse': (p) => `CSV 시드를 읽을 수 없습니다: ${p.message}`,
  'database-missing': (p) => `데이터베이스 '${p.database}'(vars: datalit_database)를 사용할 수 없습니다.`,
  'source-table-missing': (p) => `소스 ${p.source}.${p.table}가 가리키는 테이블 '${p.identifier}'가 데이터베이스에 없습니다.`,
  'sql-error': (p) => `SQL 오류: ${p.message}`,
  'upstream-failed': (p) => `이 노드가 의존하는 '${p.node}'가 실패해서 건너뛰었습니다.`,
  'test-failed-upstream': (p) => `이 노드가 의존하는 '${p.model}'의 테스트 '${p.test}'가 실패해서 건너뛰었습니다.`,
  'test-failures': (p) => `실패한 행이 ${p.count}개 있습니다.`,
  'relationships-to': (p) => `relationships에는 to: ref('모델') 또는 to: source('소스', '테이블')가 필요합니다. 받은 값: '${p.value}'.`,
  cancelled: () => '빌드를 취소했습니다.',
};
