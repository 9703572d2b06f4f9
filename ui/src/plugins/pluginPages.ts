/**
 * Plugin pages, discovered by folder like the server discovers plugins: every
 * `plugins/<module>/ui/index.tsx`. The shell never names a module.
 */
import type { Locale } from '../i18n/locale.js';
import type { ModuleDescription } from '../model/modelTypes.js';
import type { LocalizedText, PluginPage, PluginUi } from './pluginUiTypes.js';

export interface RegisteredPage extends PluginPage {
  module: string;
}

const files = import.meta.glob<{ default: PluginUi }>('../../../plugins/*/ui/index.tsx', { eager: true });

const pages: RegisteredPage[] = Object.entries(files).flatMap(([file, mod]) => {
  const module = /plugins\/([^/]+)\/ui\/index\.tsx$/.exec(file)?.[1];
  return module ? (mod.default.pages ?? []).map((page) => ({ ...page, module })) : [];
});

export function allPluginPages(): readonly RegisteredPage[] {
  return pages;
}

/** A module's plugin pages the user may open. */
export function pluginPagesOf(mod: ModuleDescription): RegisteredPage[] {
  return pages.filter((p) => p.module === mod.name && (!p.requires || Object.hasOwn(mod.entities, p.requires)));
}

export function localized(text: LocalizedText, locale: Locale): string {
  if (typeof text === 'string') return text;
  return text[locale] ?? text['pt-BR'] ?? Object.values(text)[0] ?? '';
}
