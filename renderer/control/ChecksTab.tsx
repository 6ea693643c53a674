import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import PrintOutlined from '@mui/icons-material/PrintOutlined';
import { api, messageOf } from '../api/client';
import { formatDate } from '../i18n/format';
import { ReportJobDialog } from '../reports/ReportJobDialog';

/** The saved checks with their remarks, and the certificate of each. */
export function ChecksTab() {
  const checks = useQuery({ queryKey: ['control.checks'], queryFn: () => api.control.checks({}) });
  const [printing, setPrinting] = useState<string | null>(null);
  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      {checks.isError && <Alert severity="error">{messageOf(checks.error)}</Alert>}
      {checks.data && checks.data.length === 0 && <Typography color="text.secondary">Сохранённых проверок пока нет: проверка сохраняется, когда вы пишете замечание или справку.</Typography>}
      {checks.data && checks.data.length > 0 && (
        <Table size="small" aria-label="Проверки журналов">
          <TableHead>
            <TableRow>
              <TableCell>Проведена</TableCell>
              <TableCell>Проверенный период</TableCell>
              <TableCell>Замечаний</TableCell>
              <TableCell>Устранено</TableCell>
              <TableCell>Состояние</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {checks.data.map((c) => (
              <TableRow key={c.id}>
                <TableCell>{formatDate(c.checkedAt)}</TableCell>
                <TableCell>
                  {formatDate(c.fromDate)} – {formatDate(c.toDate)}
                </TableCell>
                <TableCell>{c.remarks}</TableCell>
                <TableCell>{c.fixed}</TableCell>
                <TableCell>
                  <Chip size="small" color={c.status === 'final' ? 'success' : 'default'} label={c.status === 'final' ? 'завершена' : 'черновик'} />
                </TableCell>
                <TableCell align="right">
                  <Button size="small" startIcon={<PrintOutlined />} onClick={() => setPrinting(c.id)}>
                    Справка
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {printing && <ReportJobDialog request={{ kind: 'checkCertificate', checkId: printing }} format="pdf" action="print" onClose={() => setPrinting(null)} />}
    </Paper>
  );
}
