/** What a database's editor holds before the learner has written anything. */
export const DEFAULT_SQL =
  '-- Datalit Studio: 샌드박스 / Sandbox\n-- Ctrl+Enter (⌘+Enter): 커서가 있는 문장 실행 / run the statement under the cursor\nSELECT name, type FROM sqlite_schema ORDER BY type, name;\n';
