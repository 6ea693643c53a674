import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import ContentCopyOutlined from '@mui/icons-material/ContentCopyOutlined';
import PrintOutlined from '@mui/icons-material/PrintOutlined';
import { CredentialsSlipDialog } from './CredentialsSlip';

export interface IssuedPassword {
  login: string;
  temporaryPassword: string;
  /** A new account (true) or a reset (false). */
  created: boolean;
}

/** The temporary password, shown once, to be handed over in person. */
export function TemporaryPasswordDialog({ issued, onClose }: { issued: IssuedPassword | null; onClose: () => void }) {
  const [copied, setCopied] = useState(false);
  const [printing, setPrinting] = useState(false);
  const copy = async () => {
    if (!issued) return;
    try {
      await navigator.clipboard.writeText(issued.temporaryPassword);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <Dialog open={issued !== null}>
      <DialogTitle>{issued?.created ? 'Учётная запись создана' : 'Пароль сброшен'}</DialogTitle>
      <DialogContent>
        <Typography sx={{ mb: 2 }}>
          Временный пароль для входа под логином <strong>{issued?.login}</strong>:
        </Typography>
        <Box
          data-testid="temporary-password"
          sx={{
            fontFamily: '"DejaVu Sans Mono", Consolas, "Liberation Mono", monospace',
            fontSize: 26,
            letterSpacing: 1,
            textAlign: 'center',
            py: 2,
            mb: 2,
            borderRadius: 1,
            bgcolor: 'action.hover',
            userSelect: 'all',
          }}
        >
          {issued?.temporaryPassword}
        </Box>
        <Alert severity="warning">
          Передайте пароль сотруднику лично — не пересылайте по почте и в мессенджерах. При первом входе программа попросит
          его сменить. После закрытия этого окна пароль больше не будет показан.
        </Alert>
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button startIcon={<PrintOutlined />} onClick={() => setPrinting(true)}>
          Бланк для печати
        </Button>
        <Button startIcon={<ContentCopyOutlined />} onClick={() => void copy()}>
          {copied ? 'Скопировано' : 'Скопировать'}
        </Button>
        <Button
          variant="contained"
          onClick={() => {
            setCopied(false);
            onClose();
          }}
        >
          Пароль передан, закрыть
        </Button>
      </DialogActions>
      {printing && issued && <CredentialsSlipDialog login={issued.login} password={issued.temporaryPassword} onClose={() => setPrinting(false)} />}
    </Dialog>
  );
}
