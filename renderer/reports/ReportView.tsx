import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ReportBlock, ReportModel, ReportRow, TableBlock } from '../../main/core/reports/model';
import { cellShown as show } from './cell-shown';

/** 2026-11-23 → 23.11.2026 (the model keeps school dates). */
function ruDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}.${m}.${y}`;
}

/**
 * Any report model on screen, as it will print: the title and fields, each
 * section's tables with grouped and vertical headings, the texts, the
 * signature lines. Rows that point somewhere (`ref`) can be opened.
 */
export function ReportView({ model, onOpen }: { model: ReportModel; onOpen?: (ref: NonNullable<ReportRow['ref']>) => void }) {
  return (
    <Paper variant="outlined" sx={{ p: 3 }} data-testid="report-view">
      {model.schoolName && (
        <Typography variant="body2" align="center" color="text.secondary">
          {model.schoolName}
        </Typography>
      )}
      <Typography variant="h4" component="h2" align="center" sx={{ mt: 0.5 }}>
        {model.title}
      </Typography>
      {model.subtitle && (
        <Typography align="center" color="text.secondary">
          {model.subtitle}
        </Typography>
      )}
      <Fields fields={model.fields} />
      {model.sections.map((section, i) => (
        <Box key={i} sx={{ mt: 3 }}>
          {section.title && (
            <Typography variant="h5" component="h3" gutterBottom>
              {section.title}
            </Typography>
          )}
          {section.fields && <Fields fields={section.fields} />}
          {section.blocks.map((block, j) => (
            <Block key={j} block={block} onOpen={onOpen} />
          ))}
        </Box>
      ))}
      {model.signatures.length > 0 && <Signatures lines={model.signatures} />}
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 3 }}>
        Дата печати: {ruDate(model.printedOn)}
      </Typography>
    </Paper>
  );
}

function Fields({ fields }: { fields: { label: string; value: string }[] }) {
  if (fields.length === 0) return null;
  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 3, rowGap: 0.5, mt: 1.5 }}>
      {fields.map((f) => (
        <Typography key={f.label} variant="body2">
          {f.label}: <b>{f.value || '—'}</b>
        </Typography>
      ))}
    </Box>
  );
}

function Signatures({ lines, title }: { lines: { position: string; name: string }[]; title?: string }) {
  return (
    <Box sx={{ mt: 2.5 }}>
      {title && (
        <Typography variant="body2" sx={{ fontWeight: 600 }}>
          {title}
        </Typography>
      )}
      {lines.map((l, i) => (
        <Typography key={i} variant="body2" sx={{ mt: 1 }}>
          {l.position} <Box component="span" sx={{ display: 'inline-block', width: 140, borderBottom: 1, mx: 1 }} /> /{l.name || '\u2003\u2003\u2003\u2003\u2003\u2003'}/
        </Typography>
      ))}
    </Box>
  );
}

function Block({ block, onOpen }: { block: ReportBlock; onOpen?: (ref: NonNullable<ReportRow['ref']>) => void }) {
  switch (block.kind) {
    case 'table':
      return <ModelTable table={block} onOpen={onOpen} />;
    case 'text':
      return (
        <Typography variant="body2" sx={{ mt: 1.5, whiteSpace: 'pre-line', textAlign: block.align ?? 'left', fontSize: block.size && block.size < 9 ? 12 : undefined }}>
          {block.runs
            ? block.runs.map((r, i) => (r.bold ? <b key={i}>{r.text}</b> : <span key={i}>{r.text}</span>))
            : block.bold
              ? <b>{block.text}</b>
              : block.text}
        </Typography>
      );
    case 'fields':
      return <Fields fields={block.fields} />;
    case 'signatures':
      return <Signatures lines={block.lines} title={block.title} />;
    case 'slip':
      return (
        <Box sx={{ mt: 2, pt: 1.5, borderTop: '1px dashed', borderColor: 'text.disabled' }}>
          {block.lines.map((l, i) => (
            <Typography key={i} variant="body2">
              {l}
            </Typography>
          ))}
        </Box>
      );
    case 'pageCount':
      return (
        <Typography variant="body2" sx={{ mt: 1 }}>
          {block.text.replace('{pages}', '… страниц (по печатной копии)')}
        </Typography>
      );
    default:
      return null;
  }
}

const headCell = { fontWeight: 600, bgcolor: 'action.hover', border: 1, borderColor: 'divider', px: 0.75, py: 0.5, fontSize: 12, lineHeight: 1.25 } as const;
const bodyCell = { border: 1, borderColor: 'divider', px: 0.75, py: 0.4, fontSize: 13, whiteSpace: 'pre-line' } as const;

function ModelTable({ table, onOpen }: { table: TableBlock; onOpen?: (ref: NonNullable<ReportRow['ref']>) => void }) {
  if (table.rows.length === 0 && !table.totals?.length) {
    return (
      <Box sx={{ mt: 1.5 }}>
        {table.caption && <Typography sx={{ fontWeight: 600 }}>{table.caption}</Typography>}
        <Typography variant="body2" color="text.secondary">
          {table.emptyText ?? 'Нет данных.'}
        </Typography>
      </Box>
    );
  }
  const groups = table.headerGroups ?? [];
  // Columns whose title rises into the group rows (an empty group over one column).
  const rise = table.columns.map((_, ci) => {
    let top = groups.length;
    for (let gi = groups.length - 1; gi >= 0; gi--) {
      let c = 0;
      const g = groups[gi].find((x) => {
        const hit = ci >= c && ci < c + x.span;
        c += x.span;
        return hit;
      });
      if (g && g.title === '' && g.span === 1) top = gi;
      else break;
    }
    return top;
  });
  // In a group of rows, merged columns show their value once, spanning the group.
  const spans = table.rows.map((row, i) => {
    if (!row.group || (i > 0 && table.rows[i - 1].group === row.group)) return row.group ? 0 : 1;
    let n = 1;
    while (i + n < table.rows.length && table.rows[i + n].group === row.group) n++;
    return n;
  });
  return (
    <Box sx={{ mt: 1.5 }}>
      {table.caption && (
        <Typography sx={{ fontWeight: 600, mb: 0.5 }}>
          {table.caption}
        </Typography>
      )}
      <TableContainer sx={{ maxHeight: 640 }}>
        <Table size="small" stickyHeader sx={{ borderCollapse: 'collapse', width: 'auto', minWidth: '100%' }}>
          <TableHead>
            {groups.map((row, gi) => {
              let c = 0;
              return (
                <TableRow key={gi}>
                  {row.map((g, k) => {
                    const start = c;
                    c += g.span;
                    if (g.title === '' && g.span === 1) {
                      if (rise[start] !== gi) return null;
                      const col = table.columns[start];
                      return (
                        <TableCell key={k} rowSpan={groups.length - gi + 1} align="center" sx={headCell}>
                          <HeadText title={col.title} vertical={col.vertical} />
                        </TableCell>
                      );
                    }
                    return (
                      <TableCell key={k} colSpan={g.span} align="center" sx={headCell}>
                        {g.title}
                      </TableCell>
                    );
                  })}
                </TableRow>
              );
            })}
            <TableRow>
              {table.columns.map((col, ci) =>
                rise[ci] < groups.length ? null : (
                  <TableCell key={col.key} align="center" sx={headCell}>
                    <HeadText title={col.title} vertical={col.vertical} />
                  </TableCell>
                ),
              )}
            </TableRow>
          </TableHead>
          <TableBody>
            {table.rows.map((row, ri) => (
              <TableRow
                key={ri}
                hover={!!row.ref && !!onOpen}
                onClick={row.ref && onOpen ? () => onOpen(row.ref!) : undefined}
                sx={{ cursor: row.ref && onOpen ? 'pointer' : undefined, bgcolor: row.shade ? 'action.hover' : undefined }}
              >
                {table.columns.map((col, ci) => {
                  if (col.mergeInGroup && row.group) {
                    if (spans[ri] === 0) return null;
                    return (
                      <TableCell key={col.key} rowSpan={spans[ri]} align={col.align ?? 'left'} sx={{ ...bodyCell, verticalAlign: 'top', fontWeight: row.bold ? 600 : undefined }}>
                        {show(row.cells[ci], col.format)}
                      </TableCell>
                    );
                  }
                  return (
                    <TableCell key={col.key} align={col.align ?? 'left'} sx={{ ...bodyCell, fontWeight: row.bold ? 600 : undefined, whiteSpace: col.noWrap ? 'nowrap' : 'pre-line' }}>
                      {show(row.cells[ci], col.format)}
                    </TableCell>
                  );
                })}
              </TableRow>
            ))}
            {(table.totals ?? []).map((row, ri) => (
              <TableRow key={`t${ri}`} sx={{ bgcolor: 'action.selected' }}>
                {table.columns.map((col, ci) => (
                  <TableCell key={col.key} align={col.align ?? 'left'} sx={{ ...bodyCell, fontWeight: row.bold === false ? 400 : 600 }}>
                    {show(row.cells[ci], col.format)}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </Box>
  );
}

function HeadText({ title, vertical }: { title: string; vertical?: boolean }) {
  if (!vertical) return <>{title}</>;
  return (
    <Box component="span" sx={{ writingMode: 'vertical-rl', transform: 'rotate(180deg)', display: 'inline-block', maxHeight: 160, whiteSpace: 'normal', textAlign: 'left' }}>
      {title}
    </Box>
  );
}
