import type { SqlJsStatic } from 'sql.js';
import { finishDatabase, insertRows, newDatabase } from '../generator/sqlite.ts';
import { CHECKOUT_EXPERIMENT, RECO_EXPERIMENT } from './config.ts';
import type { World } from './simulate.ts';
import { kstDateTime } from './text.ts';

/**
 * The experiment platform's database: the two A/B tests, who was assigned to which arm, and what
 * each assigned unit did in the session it was assigned in. Rows whose exposure was never logged
 * (the reco widget's Android 3.1.x bug) are missing, as they would be in the real platform.
 */

/**
 * The experiment tables, written once: the platform has them as they are, the warehouse copies
 * them under an `exp_` prefix (without the platform's foreign key, which would point outside it).
 */
export function experimentTablesDdl(prefix: string, withReferences: boolean): string {
  const ref = withReferences ? ` REFERENCES ${prefix}experiments (experiment_id)` : '';
  return `
CREATE TABLE ${prefix}experiments (
  experiment_id   TEXT PRIMARY KEY,
  name            TEXT NOT NULL,
  name_en         TEXT NOT NULL,
  hypothesis      TEXT NOT NULL,
  unit            TEXT NOT NULL,
  metric          TEXT NOT NULL,
  start_date      TEXT NOT NULL,
  end_date        TEXT NOT NULL,
  control_share   REAL NOT NULL,
  treatment_share REAL NOT NULL
);
CREATE TABLE ${prefix}assignments (
  experiment_id TEXT NOT NULL${ref},
  unit_id       TEXT NOT NULL,
  user_id       INTEGER,
  variant       TEXT NOT NULL,
  assigned_at   TEXT NOT NULL,
  platform      TEXT NOT NULL,
  app_version   TEXT,
  PRIMARY KEY (experiment_id, unit_id)
) WITHOUT ROWID;
CREATE TABLE ${prefix}outcomes (
  experiment_id TEXT NOT NULL,
  unit_id       TEXT NOT NULL,
  converted     INTEGER NOT NULL,
  order_id      INTEGER,
  revenue       INTEGER NOT NULL,
  PRIMARY KEY (experiment_id, unit_id)
) WITHOUT ROWID;
`;
}

/** The experiment platform's schema. */
export const EXPERIMENTS_SCHEMA = experimentTablesDdl('', true);

/** The experiments as the platform describes them. */
export const EXPERIMENT_ROWS = [
  [
    CHECKOUT_EXPERIMENT.id,
    '새 결제 버튼',
    'New checkout button',
    '결제 화면의 버튼을 크고 눈에 띄게 바꾸면 결제를 시작한 고객이 구매를 마치는 비율이 오른다.',
    'customer',
    'checkout_conversion',
    CHECKOUT_EXPERIMENT.from,
    CHECKOUT_EXPERIMENT.to,
    0.5,
    0.5,
  ],
  [
    RECO_EXPERIMENT.id,
    '상품 추천 위젯',
    'Product recommendation widget',
    '상품 상세 화면에 "함께 많이 산 상품" 위젯을 보여 주면 장바구니 담기 비율이 오른다.',
    'device',
    'add_to_cart_rate',
    RECO_EXPERIMENT.from,
    RECO_EXPERIMENT.to,
    0.5,
    0.5,
  ],
];

/** Builds the experiment platform's database. */
export function buildExperiments(SQL: SqlJsStatic, world: World): Uint8Array {
  const db = newDatabase(SQL, EXPERIMENTS_SCHEMA);
  try {
    db.run('BEGIN');
    insertRows(db, 'experiments', 10, EXPERIMENT_ROWS);
    const logged = world.assignments.filter((a) => a.logged);
    insertRows(
      db,
      'assignments',
      7,
      logged.map((a) => [a.experimentId, a.unitId, a.userId, a.variant, kstDateTime(a.ms), a.platform, a.appVersion]),
    );
    insertRows(
      db,
      'outcomes',
      5,
      logged.map((a) => [a.experimentId, a.unitId, a.converted ? 1 : 0, a.orderId, a.revenue]),
    );
    db.run('COMMIT');
    return finishDatabase(db);
  } catch (error) {
    db.close();
    throw error;
  }
}
