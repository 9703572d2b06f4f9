/**
 * Routes: home, plugin pages (`/<module>/<page>`), and for every entity its
 * list, new, detail and edit screens. Forms and details load on first use.
 */
import { lazy, Suspense, type ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router-dom';
import { LoadingState } from '../components/LoadingState.js';
import { AppLayout } from '../layout/AppLayout.js';
import { EntityListPage } from '../list/EntityListPage.js';
import { HomePage } from '../pages/HomePage.js';
import { NotFoundPage } from '../pages/MessagePage.js';
import { allPluginPages } from '../plugins/pluginPages.js';
import { PluginPageScreen } from '../plugins/PluginPageScreen.js';

const EntityFormPage = lazy(() => import('../form/EntityFormPage.js').then((m) => ({ default: m.EntityFormPage })));
const EntityDetailPage = lazy(() => import('../detail/EntityDetailPage.js').then((m) => ({ default: m.EntityDetailPage })));

function later(Page: ComponentType) {
  return (
    <Suspense fallback={<LoadingState text="…" />}>
      <Page />
    </Suspense>
  );
}

const pluginRoutes: RouteObject[] = allPluginPages().map((page) => ({ path: `${page.module}/${page.path}`, element: <PluginPageScreen page={page} /> }));

export function createAppRouter() {
  return createBrowserRouter([
    {
      element: <AppLayout />,
      children: [
        { index: true, element: <HomePage /> },
        ...pluginRoutes,
        { path: ':module/:entity', element: <EntityListPage /> },
        { path: ':module/:entity/new', element: later(EntityFormPage) },
        { path: ':module/:entity/:id', element: later(EntityDetailPage) },
        { path: ':module/:entity/:id/edit', element: later(EntityFormPage) },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
