import { useI18n } from '../i18n/I18nProvider.js';
import { useTheme } from '../theme/ThemeProvider.js';
import { Icon } from './Icon.js';

export function ThemeToggle() {
  const { theme, toggleTheme } = useTheme();
  const { t } = useI18n();
  const label = theme === 'dark' ? t('header.themeLight') : t('header.themeDark');
  return (
    <button type="button" className="icon-button" onClick={toggleTheme} aria-label={label} title={label}>
      <Icon name={theme === 'dark' ? 'sun' : 'moon'} />
    </button>
  );
}
