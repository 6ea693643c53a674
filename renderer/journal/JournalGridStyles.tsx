import GlobalStyles from '@mui/material/GlobalStyles';
import { GRID_CLASS, gridStyles } from './grid-styles';

/**
 * The journal grid's style sheet, mounted once with the application's theme:
 * opening a journal page then writes no CSS (it is the screen teachers open
 * most, and every millisecond before its first paint counts).
 */
export function JournalGridStyles() {
  return <GlobalStyles styles={(theme) => ({ [`.${GRID_CLASS}`]: gridStyles(theme) })} />;
}
