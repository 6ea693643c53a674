/**
 * Teachers forget to switch the keyboard layout (UI.md «Grids»): letters are
 * read by the physical key as on the Russian ЙЦУКЕН layout, so «н» comes from
 * the Y key, «оп» from J and G, whatever the layout is.
 */
const RUSSIAN_BY_CODE: Record<string, string> = {
  KeyQ: 'й', KeyW: 'ц', KeyE: 'у', KeyR: 'к', KeyT: 'е', KeyY: 'н', KeyU: 'г', KeyI: 'ш', KeyO: 'щ', KeyP: 'з',
  BracketLeft: 'х', BracketRight: 'ъ', KeyA: 'ф', KeyS: 'ы', KeyD: 'в', KeyF: 'а', KeyG: 'п', KeyH: 'р', KeyJ: 'о',
  KeyK: 'л', KeyL: 'д', Semicolon: 'ж', Quote: 'э', KeyZ: 'я', KeyX: 'ч', KeyC: 'с', KeyV: 'м', KeyB: 'и',
  KeyN: 'т', KeyM: 'ь',
};

/**
 * The character a key press puts into a cell, or null when the key is not
 * text. The slash key gives «/» (a double mark «5/4»), in either layout.
 */
export function typedChar(e: Pick<KeyboardEvent, 'code' | 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>): string | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  const letter = RUSSIAN_BY_CODE[e.code];
  if (letter) return letter;
  if (e.code === 'Slash' || e.code === 'NumpadDivide' || e.code === 'Backslash') return '/';
  if (e.key.length === 1 && /[0-9+\-−/ ]/.test(e.key)) return e.key;
  return null;
}

/** Ctrl+Z and friends by the physical key too (Ctrl+Я is Ctrl+Z). */
export function isCtrl(e: Pick<KeyboardEvent, 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>, code: string): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && e.code === code;
}
