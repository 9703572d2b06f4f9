/**
 * What a module's plugin may add to the UI: `plugins/<module>/ui/index.tsx`
 * default-exports `{ pages: [...] }`. The shell finds these files by folder,
 * shows each page in its module's menu and routes it at `/<module>/<path>`.
 */
import type { ComponentType } from 'react';
import type { Locale } from '../i18n/locale.js';
import type { EntityDescription, ModuleDescription, RecordRow } from '../model/modelTypes.js';

export type LocalizedText = string | Partial<Record<Locale, string>>;

export interface PluginPageProps {
  /** The page's module as the signed-in user sees it. */
  module: ModuleDescription;
}

export interface PluginPage {
  /** One URL segment: the page is at `/<module>/<path>`. */
  path: string;
  label: LocalizedText;
  /** The page is shown only to users who can read this entity of the module. */
  requires?: string;
  component: ComponentType<PluginPageProps>;
}

/**
 * What a plugin adds to the generic screen of one of its records, for what the
 * generic screen cannot do (an upload to a plugin route, a live panel): shown
 * under the workflow bar, above the tabs.
 */
export interface RecordPanel {
  /** The entity's name in the module (`processo`), not its key. */
  entity: string;
  /** Unique among the module's panels. */
  name: string;
  component: ComponentType<RecordPanelProps>;
}

export interface RecordPanelProps {
  module: ModuleDescription;
  entity: EntityDescription;
  /** The record as the screen shows it; the panel re-renders when it changes. */
  record: RecordRow;
}

export interface PluginUi {
  pages?: PluginPage[];
  recordPanels?: RecordPanel[];
}
