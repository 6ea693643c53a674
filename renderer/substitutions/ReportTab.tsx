import { useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import PictureAsPdfOutlined from '@mui/icons-material/PictureAsPdfOutlined';
import TableViewOutlined from '@mui/icons-material/TableViewOutlined';
import type { ParamsOf } from '../../main/core/api/types';
import { api, messageOf } from '../api/client';
import { useNotify } from '../components/Notifier';
import { ReportView } from './ReportView';
import { downloadFile } from './util';

type ReportParams = ParamsOf<'reports.build'>['report'];

/** A report of the substitutions (the book, the statement) on screen, with its PDF and Excel. */
export function ReportTab({ report, filters, valid }: { report: ReportParams; filters: ReactNode; valid: boolean }) {
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const model = useQuery({
    queryKey: ['reports.build', report],
    queryFn: () => api.reports.build({ report, format: 'screen' }),
    enabled: valid,
  });
  const download = async (format: 'pdf' | 'xlsx') => {
    setBusy(true);
    try {
      const r = await api.reports.build({ report, format });
      if (r.file) downloadFile(r.file);
    } catch (e) {
      notify.error(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 2, mb: 2, flexWrap: 'wrap' }}>
        {filters}
        <Box sx={{ flex: 1 }} />
        <Button variant="contained" startIcon={<PictureAsPdfOutlined />} disabled={busy || !valid} onClick={() => void download('pdf')}>
          PDF
        </Button>
        <Button variant="outlined" startIcon={<TableViewOutlined />} disabled={busy || !valid} onClick={() => void download('xlsx')}>
          Excel
        </Button>
      </Box>
      {model.isFetching && <LinearProgress />}
      {model.isError && <Alert severity="error">{messageOf(model.error)}</Alert>}
      {model.data?.model && <ReportView model={model.data.model} />}
    </>
  );
}
