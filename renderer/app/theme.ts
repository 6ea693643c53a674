import { createTheme, type Theme } from '@mui/material/styles';
import { ruRU } from '@mui/material/locale';

export type ThemeMode = 'light' | 'dark';

const FONT = '"Segoe UI", Roboto, "Helvetica Neue", "Liberation Sans", Arial, sans-serif';

/** Menus, dialogs and hover effects appear at once: for those who ask the system for less motion. */
const NO_MOTION = {
  create: () => 'none',
  getAutoHeightDuration: () => 0,
  duration: { shortest: 0, shorter: 0, short: 0, standard: 0, complex: 0, enteringScreen: 0, leavingScreen: 0 },
};

/**
 * One calm theme, light by default, dark on request; compact controls and a
 * readable 14 px base; no animations when the system asks for reduced motion.
 */
export function makeTheme(mode: ThemeMode, reducedMotion = false): Theme {
  const light = mode === 'light';
  return createTheme(
    {
      palette: {
        mode,
        primary: { main: light ? '#1d5b8c' : '#8ec3ea' },
        secondary: { main: light ? '#6b4f9c' : '#c3aef0' },
        error: { main: light ? '#c62828' : '#ef9a9a' },
        background: light ? { default: '#f3f5f8', paper: '#ffffff' } : { default: '#121417', paper: '#1b1f24' },
        ...(light ? { text: { primary: '#1b2430', secondary: '#4a5564' } } : {}),
      },
      typography: {
        fontFamily: FONT,
        fontSize: 14,
        htmlFontSize: 16,
        h1: { fontSize: '1.75rem', fontWeight: 600 },
        h2: { fontSize: '1.5rem', fontWeight: 600 },
        h3: { fontSize: '1.3rem', fontWeight: 600 },
        h4: { fontSize: '1.2rem', fontWeight: 600 },
        h5: { fontSize: '1.1rem', fontWeight: 600 },
        h6: { fontSize: '1rem', fontWeight: 600 },
        button: { textTransform: 'none', fontWeight: 600 },
      },
      shape: { borderRadius: 6 },
      ...(reducedMotion ? { transitions: NO_MOTION } : {}),
      components: {
        MuiTextField: { defaultProps: { size: 'small', fullWidth: true }, styleOverrides: { root: { marginBottom: 4 } } },
        MuiFormControl: { defaultProps: { size: 'small' } },
        MuiButton: { defaultProps: { disableElevation: true } },
        MuiTable: { defaultProps: { size: 'small' } },
        MuiTableCell: { styleOverrides: { head: { fontWeight: 600 } } },
        MuiListItemButton: { defaultProps: { dense: true } },
        MuiTooltip: { defaultProps: { arrow: true } },
        MuiAppBar: { defaultProps: { elevation: 0, color: 'default' } },
        MuiPaper: { defaultProps: { elevation: 0 }, styleOverrides: { outlined: { borderRadius: 8 } } },
        MuiDialog: { defaultProps: { maxWidth: 'sm', fullWidth: true } },
        // A choice of views («Мои / Все», «Класс / Учитель / Кабинет»): the chosen one filled, the others
        // in the text's own colour — MUI's grey on grey read as switched off.
        MuiToggleButton: {
          styleOverrides: {
            root: ({ theme }) => ({
              color: theme.palette.text.primary,
              '&.Mui-selected, &.Mui-selected:hover': { color: theme.palette.primary.contrastText, backgroundColor: theme.palette.primary.main },
              '&.Mui-disabled': { color: theme.palette.action.disabled },
            }),
          },
        },
      },
    },
    ruRU,
  );
}
