/**
 * Plugin pages, discovered by folder like the server discovers plugins: every
 * `plugins/<module>/ui/index.tsx`. The shell never names a module.
 */
import type { Locale } from '../i18n/locale.js';
import type { ModuleDescription } from '../model/modelTypes.js';
import type { LocalizedText, PluginPage, PluginUi, RecordPanel } from './pluginUiTypes.js';

export interface RegisteredPage extends PluginPage {
  module: string;
}

const files = import.meta.glob<{ default: PluginUi }>('../../../plugins/*/ui/index.tsx', { eager: true });

/** What every module's `ui/index.tsx` declares of one kind, each item with its module's name. */
function fromEachModule<T>(pick: (ui: PluginUi) => T[] | undefined): (T & { module: string })[] {
  return Object.entries(files).flatMap(([file, mod]) => {
    const module = /plugins\/([^/]+)\/ui\/index\.tsx$/.exec(file)?.[1];
    return module ? (pick(mod.default) ?? []).map((item) => ({ ...item, module })) : [];
  });
}

const pages: RegisteredPage[] = fromEachModule((ui) => ui.pages);
const recordPanels = fromEachModule((ui) => ui.recordPanels);

/** The plugin panels of one entity's record screen (`entityKey`: `module.entity`). */
export function recordPanelsOf(entityKey: string): RecordPanel[] {
  return recordPanels.filter((p) => `${p.module}.${p.entity}` === entityKey);
}

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
