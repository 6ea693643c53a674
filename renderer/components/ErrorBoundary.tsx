import { Component, type ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';

/** A failure in a screen shows a calm Russian message and a way back, never a blank page or a stack trace. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown): void {
    console.error('screen failed', error);
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <Box sx={{ p: 4, maxWidth: 640, mx: 'auto' }}>
        <Alert
          severity="error"
          action={
            <Button color="inherit" size="small" onClick={() => window.location.reload()}>
              Обновить
            </Button>
          }
        >
          Не удалось показать экран из-за ошибки в программе. Введённые и сохранённые данные не пострадали. Обновите окно; если
          ошибка повторится, сообщите администратору.
        </Alert>
      </Box>
    );
  }
}
