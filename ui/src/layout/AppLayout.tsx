import { useEffect, useRef, useState } from 'react';
import { Outlet, useLocation } from 'react-router-dom';
import { useI18n } from '../i18n/I18nProvider.js';
import { useAppModel } from '../model/useAppModel.js';
import { useLiveUpdates } from '../realtime/useLiveUpdates.js';
import { Header } from './Header.js';
import { Sidebar } from './Sidebar.js';

const SIDEBAR_ID = 'app-sidebar';

/** Header, sidebar and the current screen. On narrow screens the sidebar slides over and Esc closes it. */
export function AppLayout() {
  const { t } = useI18n();
  const model = useAppModel();
  useLiveUpdates();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each navigation, which the path stands for.
  useEffect(() => {
    setMenuOpen(false);
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    // A new screen: screen readers start reading from its content.
    mainRef.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [location.pathname]);

  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setMenuOpen(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [menuOpen]);

  return (
    <div className={`app-shell${menuOpen ? ' menu-open' : ''}`}>
      <a href="#main" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <Header menuOpen={menuOpen} onToggleMenu={() => setMenuOpen((o) => !o)} sidebarId={SIDEBAR_ID} />
      <div className="app-body">
        <Sidebar model={model.data} id={SIDEBAR_ID} />
        {menuOpen && <div className="sidebar-backdrop" onClick={() => setMenuOpen(false)} aria-hidden="true" />}
        <main id="main" ref={mainRef} tabIndex={-1} className="app-main">
          <Outlet />
        </main>
      </div>
    </div>
  );
}
