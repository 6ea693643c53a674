import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ReportModel, TableBlock } from '../../main/core/reports/model';
import { cellShown } from '../reports/cell-shown';

/** Columns left blank for a pen (a signature): printed, not shown on screen. */
function blankColumns(block: TableBlock): Set<number> {
  const all = [...block.rows, ...(block.totals ?? [])];
  const out = new Set<number>();
  if (all.length === 0) return out;
  block.columns.forEach((_c, i) => {
    if (all.every((r) => r.cells[i] === '' || r.cells[i] === null)) out.add(i);
  });
  return out;
}

function ReportTable({ block, label }: { block: TableBlock; label: string }) {
  const hidden = blankColumns(block);
  if (block.rows.length === 0 && block.emptyText) {
    return (
      <Typography variant="body2" color="text.secondary" sx={{ py: 1 }}>
        {block.emptyText}
      </Typography>
    );
  }
  const shown = block.columns.map((_c, i) => i).filter((i) => !hidden.has(i));
  const rows = [...block.rows, ...(block.totals ?? []).map((r) => ({ ...r, bold: true, shade: true }))];
  return (
    <TableContainer>
      <Table aria-label={label}>
        <TableHead>
          <TableRow>
            {shown.map((i) => (
              <TableCell key={block.columns[i].key} align={block.columns[i].align ?? 'left'} sx={{ verticalAlign: 'bottom' }}>
                {block.columns[i].title}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r, k) => (
            <TableRow key={k} sx={{ bgcolor: r.shade ? 'action.hover' : undefined }}>
              {shown.map((j) => (
                <TableCell key={j} align={block.columns[j].align ?? 'left'} sx={{ fontWeight: r.bold ? 600 : 400, whiteSpace: block.columns[j].noWrap ? 'nowrap' : undefined }}>
                  {cellShown(r.cells[j], block.columns[j].format)}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

/** A report model on screen: the same sections and tables the PDF prints. */
export function ReportView({ model, firstOnly }: { model: ReportModel; firstOnly?: boolean }) {
  const sections = firstOnly ? model.sections.slice(0, 1) : model.sections;
  return (
    <Box>
      {sections.map((s, i) => (
        <Paper key={i} variant="outlined" sx={{ mb: 2, p: 2 }}>
          {s.title && (
            <Typography variant="h6" component="h3" sx={{ mb: 0.5 }}>
              {s.title}
            </Typography>
          )}
          {s.fields?.map((f) => (
            <Typography key={f.label} variant="body2" color="text.secondary">
              {f.label}: {f.value}
            </Typography>
          ))}
          {s.blocks.map((b, j) =>
            b.kind === 'table' ? (
              <ReportTable key={j} block={b} label={s.title ?? model.title} />
            ) : b.kind === 'text' ? (
              <Typography key={j} variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
                {b.text}
              </Typography>
            ) : null,
          )}
        </Paper>
      ))}
    </Box>
  );
}
