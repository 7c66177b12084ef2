import type { Cell } from '../../sql/protocol.ts';
import type { Lang } from '../../lessons/localized.ts';
import type { Message, MessageCode, MessageParams } from '../messages.ts';

/** What a language's templates may use: the locale's number and cell formats, and other messages in the same language. */
export interface MessageContext {
  lang: Lang;
  /** A count or limit with the locale's separators (core/format/number.ts). */
  number(n: number): string;
  /** One cell as feedback shows it; `column` decides whether a number is a label (id, year) or a quantity. */
  cell(cell: Cell, column?: string): string;
  /** A row as "name = value" pairs. */
  namedRow(columns: string[], row: Cell[]): string;
  /** Rows as "(name = value, …); (…)". */
  rows(columns: string[], rows: Cell[][]): string;
  /** Names joined with commas. */
  list(items: string[]): string;
  /** Another message in this language (a verdict on the hidden variant quotes its details). */
  message(msg: Message): string;
}

/** One template per code; a language that misses a code, or has one too many, does not compile. */
export type MessageTemplates = { [C in MessageCode]: (p: MessageParams[C], ctx: MessageContext) => string };

/** A language's grader texts: a new language is one more file of this shape. */
export interface MessageLanguage {
  messages: MessageTemplates;
  /** Prefixes a message with the build-step target it is about. */
  inTable(table: string, text: string): string;
}
