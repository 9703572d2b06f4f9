/**
 * Leaving a form with unsaved changes asks first: navigation inside the app
 * (links, back button) through the router's blocker, closing or reloading the
 * tab through the browser's own prompt. `saved` lets the form's own
 * navigation after a save through.
 */
import { useEffect, useRef, type RefObject } from 'react';
import { useBlocker } from 'react-router-dom';

export function useLeaveGuard(dirty: boolean, saved: RefObject<boolean>) {
  const dirtyNow = useRef(dirty);
  dirtyNow.current = dirty;
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirtyNow.current && !saved.current && currentLocation.pathname !== nextLocation.pathname);

  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (saved.current) return;
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty, saved]);

  return {
    asking: blocker.state === 'blocked',
    leave: () => blocker.state === 'blocked' && blocker.proceed(),
    stay: () => blocker.state === 'blocked' && blocker.reset(),
  };
}
