/** The open-db feature's UI strings (used as `t('openDb.key')`). */
export const en = {
  command: 'Open database file…',
  button: 'Open file',
  group: 'Your files',
  reading: 'Reading {{name}} ({{total}})',
  opened: 'Opened {{name}} ({{size}}): {{count}} tables and views.',
  dropHint: 'Drop a SQLite database (.db, .sqlite) to open it, or a CSV or JSON lines file to import it as a table',
  refused: {
    notSqlite: '{{name}} was not opened: it is not a SQLite database file (its first bytes are not "SQLite format 3"). The open database did not change.',
    empty: '{{name}} was not opened: the file is empty. The open database did not change.',
    tooLarge: '{{name}} was not opened: it is {{size}}, larger than the {{limit}} the app can hold in memory. The open database did not change.',
    failed: '{{name}} could not be opened: {{message}}. The previous database is open again.',
    busy: 'A query is running: cancel it or wait, then open the file again.',
    several: 'Drop one database file at a time; {{name}} was opened.',
    missing: '{{path}} was not opened: no such file.',
    notAFile: '{{path}} was not opened: it is a folder, not a file.',
    unreadable: '{{path}} was not opened: the app may not read it (check its permissions).',
  },
};

export const ko: typeof en = {
  command: '데이터베이스 파일 열기…',
  button: '파일 열기',
  group: '내 파일',
  reading: '{{name}} 읽는 중({{total}})',
  opened: '{{name}} 파일을 열었습니다({{size}}). 테이블과 뷰가 {{count}}개 있습니다.',
  dropHint: 'SQLite 데이터베이스(.db, .sqlite)를 놓으면 열고, CSV나 JSON lines 파일을 놓으면 테이블로 가져옵니다',
  refused: {
    notSqlite: '{{name}} 파일을 열지 않았습니다. SQLite 데이터베이스 파일이 아닙니다(첫 바이트가 "SQLite format 3"이 아닙니다). 열려 있던 데이터베이스는 그대로입니다.',
    empty: '{{name}} 파일을 열지 않았습니다. 빈 파일입니다. 열려 있던 데이터베이스는 그대로입니다.',
    tooLarge: '{{name}} 파일을 열지 않았습니다. 크기가 {{size}}로, 앱이 메모리에 담을 수 있는 {{limit}}보다 큽니다. 열려 있던 데이터베이스는 그대로입니다.',
    failed: '{{name}} 파일을 열 수 없습니다: {{message}}. 이전 데이터베이스를 다시 열었습니다.',
    busy: '쿼리가 실행 중입니다. 취소하거나 끝날 때까지 기다린 뒤 파일을 다시 여십시오.',
    several: '데이터베이스 파일은 한 번에 하나씩 놓으십시오. {{name}} 파일을 열었습니다.',
    missing: '{{path}} 파일을 열지 않았습니다. 그런 파일이 없습니다.',
    notAFile: '{{path}}은(는) 파일이 아니라 폴더이므로 열지 않았습니다.',
    unreadable: '{{path}} 파일을 열지 않았습니다. 앱이 읽을 권한이 없습니다(파일 권한을 확인하십시오).',
  },
};
