/*
 * The Governance screen's UI strings (used as `t('governance.key')`). Shared file: the shell,
 * the Catalogue and Masked views tabs (gov-ui-a) and the Quality and Lineage tabs (gov-ui-b) each
 * keep their keys in their own section.
 */

/** English. */
export const en = {
  // ---------------------------------------------------------------- shell (gov-ui-a)
  nav: 'Governance',
  skip: 'Skip to governance',
  title: 'Governance',
  screen: 'Governance actions',
  tabsLabel: 'Governance tools',
  tabs: { catalogue: 'Catalogue', quality: 'Quality checks', lineage: 'Lineage', masked: 'Masked views' },
  commands: {
    open: 'Open governance',
    catalogue: 'Governance: the PII catalogue',
    quality: 'Governance: quality checks',
    lineage: 'Governance: lineage and impact',
    masked: 'Governance: masked views',
  },
  // ---------------------------------------------------------------- quality and lineage (gov-ui-b): add keys here
};

/** Korean. */
export const ko: typeof en = {
  // ---------------------------------------------------------------- shell (gov-ui-a)
  nav: '거버넌스',
  skip: '거버넌스로 건너뛰기',
  title: '거버넌스',
  screen: '거버넌스 작업',
  tabsLabel: '거버넌스 도구',
  tabs: { catalogue: '카탈로그', quality: '품질 검사', lineage: '계보', masked: '마스킹 뷰' },
  commands: {
    open: '거버넌스 열기',
    catalogue: '거버넌스: 개인정보 카탈로그',
    quality: '거버넌스: 품질 검사',
    lineage: '거버넌스: 계보와 영향',
    masked: '거버넌스: 마스킹 뷰',
  },
  // ---------------------------------------------------------------- quality and lineage (gov-ui-b): add keys here
};
