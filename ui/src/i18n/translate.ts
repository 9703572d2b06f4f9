/** Looks up a message and fills its `{placeholders}`. */
import type { Locale } from './locale.js';
import { en } from './messages.en.js';
import { ptBR, type MessageKey } from './messages.ptBR.js';

export type { MessageKey };
export type MessageParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

const CATALOGS: Record<Locale, Record<MessageKey, string>> = { 'pt-BR': ptBR, en };

export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = CATALOGS[locale][key] ?? ptBR[key] ?? key;
  return params ? fillPlaceholders(template, params) : template;
}

/** "{count} itens" with `{ count: 3 }` → "3 itens"; unknown names stay as written. */
export function fillPlaceholders(template: string, params: MessageParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}
