import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { api, messageOf } from '../api/client';
import { formatDate } from '../i18n/format';
import { useYear } from '../school/year';

/** Книга движения: every enrolment, transfer and withdrawal of the year by order, newest first. */
export function MovementTab() {
  const { yearId } = useYear();
  const book = useQuery({ queryKey: ['contingent.movements', yearId], queryFn: () => api.contingent.movements({ yearId: yearId! }), enabled: !!yearId });
  if (!yearId) return <Alert severity="info">Сначала создайте учебный год.</Alert>;
  return (
    <>
      {book.isError && <Alert severity="error">{messageOf(book.error)}</Alert>}
      <TableContainer component={Paper} variant="outlined" sx={{ maxHeight: 'calc(100vh - 230px)' }}>
        {book.isPending && <LinearProgress />}
        <Table stickyHeader size="small" aria-label="Движение обучающихся">
          <TableHead>
            <TableRow>
              <TableCell>Дата</TableCell>
              <TableCell>Обучающийся</TableCell>
              <TableCell>Движение</TableCell>
              <TableCell>Из класса</TableCell>
              <TableCell>В класс / куда</TableCell>
              <TableCell>Приказ</TableCell>
              <TableCell>Основание</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {(book.data ?? []).map((m) => (
              <TableRow key={m.id} hover>
                <TableCell>{formatDate(m.date)}</TableCell>
                <TableCell sx={{ fontWeight: 600 }}>{m.studentName}</TableCell>
                <TableCell>{m.kindName}</TableCell>
                <TableCell>{m.fromClass ?? '—'}</TableCell>
                <TableCell>{m.toClass ?? m.destination ?? '—'}</TableCell>
                <TableCell>
                  № {m.orderNo}
                  {m.orderDate ? ` от ${formatDate(m.orderDate)}` : ''}
                </TableCell>
                <TableCell>{m.reason ?? '—'}</TableCell>
              </TableRow>
            ))}
            {book.data?.length === 0 && (
              <TableRow>
                <TableCell colSpan={7} sx={{ color: 'text.secondary' }}>
                  Приказов о движении в этом учебном году нет.
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </TableContainer>
    </>
  );
}
