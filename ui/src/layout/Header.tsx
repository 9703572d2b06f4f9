import { Link, useNavigate } from 'react-router-dom';
import { Icon } from '../components/Icon.js';
import { LanguageSelect } from '../components/LanguageSelect.js';
import { ThemeToggle } from '../components/ThemeToggle.js';
import { useSession, useSignedInUser } from '../auth/SessionProvider.js';
import { useI18n } from '../i18n/I18nProvider.js';

interface HeaderProps {
  menuOpen: boolean;
  onToggleMenu(): void;
  sidebarId: string;
}

export function Header({ menuOpen, onToggleMenu, sidebarId }: HeaderProps) {
  const { t } = useI18n();
  const user = useSignedInUser();
  const { logout } = useSession();
  const navigate = useNavigate();
  // Home first, so the next person to sign in starts there; a form with unsaved changes asks before.
  async function signOutHere() {
    await navigate('/');
    if (window.location.pathname === '/') await logout();
  }

  return (
    <header className="app-header">
      <button
        type="button"
        className="icon-button menu-button"
        onClick={onToggleMenu}
        aria-expanded={menuOpen}
        aria-controls={sidebarId}
        aria-label={menuOpen ? t('header.closeMenu') : t('header.openMenu')}
      >
        <Icon name={menuOpen ? 'close' : 'menu'} />
      </button>
      <Link to="/" className="brand">
        <span className="brand-mark" aria-hidden="true">
          F
        </span>
        {t('app.name')}
      </Link>
      <div className="header-tools">
        <LanguageSelect />
        <ThemeToggle />
        <span className="user-name" title={user.email}>
          <span className="visually-hidden">{t('header.signedInAs', { name: user.name })}</span>
          <span aria-hidden="true">{user.name}</span>
        </span>
        <button type="button" className="button button-quiet" onClick={() => void signOutHere()}>
          <Icon name="logout" /> <span className="hide-narrow">{t('header.logout')}</span>
        </button>
      </div>
    </header>
  );
}
