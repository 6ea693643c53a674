import { createContext, useContext } from 'react';
import type { ThemeMode } from './theme';

export interface ThemeModeApi {
  mode: ThemeMode;
  toggle(): void;
}

export const ThemeModeContext = createContext<ThemeModeApi>({ mode: 'light', toggle: () => {} });

export function useThemeMode(): ThemeModeApi {
  return useContext(ThemeModeContext);
}

const KEY = 'kz.theme';

export function loadThemeMode(): ThemeMode {
  try {
    return window.localStorage.getItem(KEY) === 'dark' ? 'dark' : 'light';
  } catch {
    return 'light';
  }
}

export function saveThemeMode(mode: ThemeMode): void {
  try {
    window.localStorage.setItem(KEY, mode);
  } catch {
    // Storage may be unavailable (a locked-down profile): the choice just is not remembered.
  }
}
