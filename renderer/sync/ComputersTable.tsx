import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { formatDateTime } from '../i18n/format';
import { clockText, receivedText, type SyncComputer } from './labels';

const collator = new Intl.Collator('ru');

function nameOf(c: SyncComputer): string {
  if (c.state === 'unreadable') return `Компьютер ${c.computerId.slice(0, 8)} (его файл не читается)`;
  if (c.state === 'newer-format') return `Компьютер ${c.computerId.slice(0, 8)} (более новая версия программы)`;
  return c.name ?? c.computerId.slice(0, 8);
}

/** The school's computers on the folder: this one first, then by name. */
export function ComputersTable({ computers }: { computers: SyncComputer[] }) {
  const rows = [...computers].sort((a, b) => Number(b.self) - Number(a.self) || collator.compare(nameOf(a), nameOf(b)));
  return (
    <Paper variant="outlined" sx={{ mb: 2.5 }}>
      <Typography variant="h6" component="h2" sx={{ px: 2, pt: 1.5, pb: 1 }}>
        Компьютеры школы
      </Typography>
      {rows.length === 0 ? (
        <Typography variant="body2" color="text.secondary" sx={{ px: 2, pb: 2 }}>
          Список появится после первого обмена с общей папкой.
        </Typography>
      ) : (
        <Table size="small" data-testid="sync-computers">
          <TableHead>
            <TableRow>
              <TableCell>Компьютер</TableCell>
              <TableCell>Версия программы</TableCell>
              <TableCell>Последняя синхронизация</TableCell>
              <TableCell>Его изменения на этом компьютере</TableCell>
              <TableCell>Часы</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((c) => {
              const clock = clockText(c.clockOffsetMs);
              return (
                <TableRow key={c.computerId}>
                  <TableCell>
                    <Typography variant="body2" sx={{ fontWeight: c.self ? 600 : 400 }} color={c.state === 'ok' ? 'text.primary' : 'warning.dark'}>
                      {nameOf(c)}
                      {c.self ? ' — этот компьютер' : ''}
                    </Typography>
                  </TableCell>
                  <TableCell>{c.programVersion ?? '—'}</TableCell>
                  <TableCell>{formatDateTime(c.lastSeen)}</TableCell>
                  <TableCell>{receivedText(c)}</TableCell>
                  <TableCell sx={{ color: clock.off ? 'warning.dark' : undefined, fontWeight: clock.off ? 600 : undefined }}>{clock.text}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
    </Paper>
  );
}
