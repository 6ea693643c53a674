import { useSyncExternalStore } from 'react';

/**
 * A tiny hash router: `#/users` → 'users'. The hash works the same in the
 * browser host and in Electron's file:// page.
 */
function current(): string {
  return window.location.hash.replace(/^#\/?/, '').split('?')[0];
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): string {
  return useSyncExternalStore(subscribe, current);
}

export function navigate(route: string, options: { replace?: boolean } = {}): void {
  const hash = `#/${route}`;
  if (window.location.hash === hash) return;
  if (options.replace) {
    window.history.replaceState(null, '', hash);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = hash;
  }
}
