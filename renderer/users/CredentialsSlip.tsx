import { useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import GlobalStyles from '@mui/material/GlobalStyles';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import PrintOutlined from '@mui/icons-material/PrintOutlined';
import type { ResultOf } from '../../main/core/api/types';
import { api, messageOf } from '../api/client';
import { formatDate } from '../i18n/format';

type Slip = ResultOf<'users.printSlip'>;

/**
 * The slip the administrator hands over in person with a new or reset
 * password (seed 003 §4.1.5, 001 §3.2): the school, the person, the login, the
 * temporary password and what to do at the first login. The password is
 * known only here, on the screen that has just received it; the core records
 * that a slip was printed, without the password.
 */
export function CredentialsSlipDialog({ login, password, onClose }: { login: string; password: string; onClose: () => void }) {
  const [slip, setSlip] = useState<Slip | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.users
      .printSlip({ login })
      .then(setSlip)
      .catch((e: unknown) => setError(messageOf(e)));
  }, [login]);
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth>
      <GlobalStyles
        styles={{
          '@media print': {
            'body *': { visibility: 'hidden' },
            '#credentials-slip, #credentials-slip *': { visibility: 'visible' },
            '#credentials-slip': { position: 'fixed', left: 0, top: 0, width: '180mm', border: 'none !important' },
          },
        }}
      />
      <DialogTitle>Бланк для передачи пароля</DialogTitle>
      <DialogContent>
        {!slip && !error && <LinearProgress />}
        {error && <Alert severity="error">{error}</Alert>}
        {slip && (
          <Box
            id="credentials-slip"
            data-testid="credentials-slip"
            sx={{ border: '1px dashed', borderColor: 'divider', borderRadius: 1, p: 3, bgcolor: '#fff', color: '#000', fontSize: 14 }}
          >
            <Typography sx={{ fontWeight: 600, textAlign: 'center', color: '#000' }}>{slip.schoolName}</Typography>
            <Typography sx={{ textAlign: 'center', mb: 2, color: '#000' }}>Электронный классный журнал — данные для входа</Typography>
            <SlipRow label="Сотрудник" value={slip.fullName ?? '—'} />
            {slip.position && <SlipRow label="Должность" value={slip.position} />}
            <SlipRow label="Роли" value={slip.roles.join(', ')} />
            <SlipRow label="Логин" value={slip.login} mono />
            <SlipRow label="Временный пароль" value={password} mono />
            <Typography variant="body2" sx={{ mt: 2, color: '#000' }}>
              При первом входе программа попросит сменить временный пароль на собственный. Никому не сообщайте свой пароль и не
              записывайте его на видном месте; если пароль стал известен другому человеку, обратитесь к администратору.
            </Typography>
            <Box sx={{ display: 'flex', justifyContent: 'space-between', mt: 3, gap: 2, color: '#000' }}>
              <Typography variant="body2" sx={{ color: '#000' }}>
                Выдал(а): {slip.issuedBy}, {formatDate(slip.issuedOn)} ________
              </Typography>
              <Typography variant="body2" sx={{ color: '#000' }}>
                Получил(а): ________
              </Typography>
            </Box>
          </Box>
        )}
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={onClose}>Закрыть</Button>
        <Button variant="contained" startIcon={<PrintOutlined />} disabled={!slip} onClick={() => window.print()}>
          Печать
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function SlipRow({ label, value, mono }: { label: string; value: string; mono?: boolean }) {
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: '170px 1fr', py: 0.5, borderBottom: '1px solid #ddd' }}>
      <Typography variant="body2" sx={{ color: '#333' }}>
        {label}
      </Typography>
      <Typography sx={{ fontFamily: mono ? '"DejaVu Sans Mono", Consolas, "Liberation Mono", monospace' : undefined, fontWeight: mono ? 600 : 400, color: '#000', fontSize: mono ? 18 : 14 }}>
        {value}
      </Typography>
    </Box>
  );
}
