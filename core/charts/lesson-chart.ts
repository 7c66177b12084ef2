/**
 * A lesson chart in the UI language: the lesson gives axis and legend titles per field in Korean
 * and English, and month and hour axes get labels written the way each language writes them.
 */

/** A title in each lesson language. */
export interface ChartTitle {
  ko: string;
  en: string;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const isLocalized = (v: unknown): v is ChartTitle =>
  isObject(v) && typeof v.ko === 'string' && typeof v.en === 'string' && v.ko.trim() !== '' && v.en.trim() !== '' && Object.keys(v).length === 2;

// Month name, with the year under it on the first label and every January ('%b' is '3월' / 'Mar').
const MONTH_LABELS =
  "utcmonth(datum.value) == 0 || datum.index == 0 ? [utcFormat(datum.value, '%b'), utcFormat(datum.value, '%Y')] : utcFormat(datum.value, '%b')";

// Hourly data: midnight ticks name the day, the others the hour, as each language writes them.
// Vega's default would write '06 오후' and '3월 03' in Korean.
function hourLabels(ko: boolean): string {
  const day = ko ? '%-m월 %-d일' : '%b %-d';
  const hour = ko ? '%p %-I시' : '%-I %p';
  return `hours(datum.value) == 0 && minutes(datum.value) == 0 ? timeFormat(datum.value, '${day}') : timeFormat(datum.value, '${hour}')`;
}

function localizeChannel(def: Json, titles: Record<string, ChartTitle>, ko: boolean): Json {
  const out: Json = { ...def };
  const field = typeof def.field === 'string' ? def.field : null;
  const title = isLocalized(def.title) ? def.title : field ? titles[field] : undefined;
  if (title) out.title = ko ? title.ko : title.en;
  const axis = isObject(def.axis) ? def.axis : {};
  const own = 'format' in axis || 'labelExpr' in axis || def.axis === null;
  if (!own && def.type !== 'quantitative') {
    const unit = typeof def.timeUnit === 'string' ? def.timeUnit : null;
    if (unit === 'yearmonth' || unit === 'utcyearmonth') out.axis = { ...axis, labelExpr: MONTH_LABELS };
    else if (def.type === 'temporal' && unit === null) out.axis = { ...axis, labelExpr: hourLabels(ko) };
  }
  return out;
}

function localizeEncoding(encoding: Json, titles: Record<string, ChartTitle>, ko: boolean): Json {
  const out: Json = {};
  for (const [channel, def] of Object.entries(encoding)) {
    if (Array.isArray(def)) out[channel] = def.map((d) => (isObject(d) ? localizeChannel(d, titles, ko) : d));
    else out[channel] = isObject(def) ? localizeChannel(def, titles, ko) : def;
  }
  return out;
}

/**
 * A lesson's Vega-Lite spec for the UI language `lang`: every encoding of a field named in
 * `titles` (or with a `title: { ko, en }` of its own) gets its title in the language; month and
 * hour axes get localised labels.
 * Layers and nested specs are walked; the spec itself is not changed.
 */
export function localizeLessonSpec(spec: Json, titles: Record<string, ChartTitle>, lang: string): Json {
  const ko = lang.startsWith('ko');
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (!isObject(node)) return node;
    const out: Json = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'encoding' && isObject(value)) out[key] = localizeEncoding(value, titles, ko);
      else if (key === 'title' && isLocalized(value)) out[key] = ko ? value.ko : value.en;
      else out[key] = visit(value);
    }
    return out;
  };
  return visit(spec) as Json;
}

/**
 * Where a spec has a `title` that is not localised (a plain string, lines, a title object): JSON
 * paths such as `encoding.x.title`. `null` (no title) and `{ ko, en }` are fine.
 */
export function plainTitles(spec: unknown): string[] {
  const found: string[] = [];
  const visit = (node: unknown, path: string): void => {
    if (Array.isArray(node)) node.forEach((item, i) => visit(item, `${path}[${i}]`));
    else if (isObject(node)) {
      for (const [key, value] of Object.entries(node)) {
        const here = path ? `${path}.${key}` : key;
        if (key !== 'title') visit(value, here);
        else if (value !== null && !isLocalized(value)) found.push(here);
      }
    }
  };
  visit(spec, '');
  return found;
}
