import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import CheckOutlined from '@mui/icons-material/CheckOutlined';
import type { Candidate, Suggestion } from './util';

function Yes({ on, title }: { on: boolean; title: string }) {
  return on ? <CheckOutlined fontSize="small" color="success" titleAccess={title} /> : <Typography component="span" color="text.disabled">—</Typography>;
}

const SUBJECT: Record<string, string> = { teaches: 'ведёт', qualified: 'квалификация', other_level: 'в другой ступени' };

const SUBJECT_HINT: Record<string, string> = {
  teaches: 'Ведёт этот предмет в классах этой ступени',
  qualified: 'Имеет квалификацию по этому предмету и ведёт уроки в классах этой ступени',
  other_level: 'Ведёт этот предмет или имеет по нему квалификацию только в другой ступени школы: баллов не даёт',
};

/**
 * Candidates for one lesson, best first, every criterion in its own column
 * with the weight it carries, so the deputy sees why one is above another:
 * teachers of the subject at this level of school (1–4, 5–9, 10–11) first,
 * then those who know the class, then the rest (main/core/substitutions/ranking.ts).
 */
export function SuggestionTable({ data, busy, onPick }: { data: Suggestion; busy: boolean; onPick: (c: Candidate) => void }) {
  const w = data.weights;
  const head = (title: string, weight: string, hint: string) => (
    <Tooltip title={hint} describeChild>
      <Box component="span">
        {title}
        <Typography component="span" variant="caption" color="text.secondary" sx={{ display: 'block', fontWeight: 400 }}>
          {weight}
        </Typography>
      </Box>
    </Tooltip>
  );
  return (
    <>
      <TableContainer sx={{ maxHeight: 360 }}>
        <Table stickyHeader aria-label="Кто может заменить">
          <TableHead>
            <TableRow>
              <TableCell>Учитель</TableCell>
              <TableCell align="center">
                {head(
                  'Предмет',
                  `+${w.subject} / +${w.qualified}`,
                  'Сначала — учителя этого предмета в классах этой ступени (1–4, 5–9, 10–11): ведёт предмет или имеет по нему квалификацию',
                )}
              </TableCell>
              <TableCell align="center">{head('В этом классе', `+${w.teachesClass}`, 'Ведёт уроки в этом классе по нагрузке; за учителями предмета — те, кто знает класс')}</TableCell>
              <TableCell align="center">{head('Кл. рук.', `+${w.classTeacher}`, 'Классный руководитель этого класса')}</TableCell>
              <TableCell align="center">{head('Соседний урок', 'выше', 'Уже заменяет соседний урок этого класса: уроки подряд — одному учителю (среди равных по предмету и классу)')}</TableCell>
              <TableCell align="center">{head('До своего урока', `−${w.distance} за урок`, 'Сколько уроков до ближайшего своего урока в этот день; без уроков в этот день — в конце списка')}</TableCell>
              <TableCell align="center">{head('Уроков в день', `−${w.lessonsToday} за урок`, 'Уроков у учителя в этот день, с заменами')}</TableCell>
              <TableCell align="center">{head('Замен в месяце', `−${w.month} за замену`, 'Замен у учителя в этом месяце')}</TableCell>
              <TableCell align="center">Баллы</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {data.candidates.map((c, i) => (
              <TableRow key={c.staffId} hover data-testid="candidate" selected={i === 0}>
                <TableCell sx={{ fontWeight: i === 0 ? 600 : 400, whiteSpace: 'nowrap' }}>{c.name}</TableCell>
                <TableCell align="center">
                  {c.subject ? (
                    <Tooltip title={SUBJECT_HINT[c.subject]} describeChild>
                      <Typography component="span" variant="body2" color={c.subject === 'other_level' ? 'text.secondary' : undefined}>
                        {SUBJECT[c.subject]}
                      </Typography>
                    </Tooltip>
                  ) : (
                    <Typography component="span" color="text.disabled">
                      —
                    </Typography>
                  )}
                </TableCell>
                <TableCell align="center">
                  <Yes on={c.teachesClass} title="Да" />
                </TableCell>
                <TableCell align="center">
                  <Yes on={c.classTeacher} title="Да" />
                </TableCell>
                <TableCell align="center">
                  <Yes on={c.continuity} title="Да" />
                </TableCell>
                <TableCell align="center">
                  {c.distance === null ? (
                    <Typography component="span" variant="body2" color="text.secondary">
                      нет уроков
                    </Typography>
                  ) : (
                    <Tooltip title={c.nearest ? `Ближайший: ${c.nearest}` : ''} describeChild>
                      <span>{c.distance}</span>
                    </Tooltip>
                  )}
                </TableCell>
                <TableCell align="center">{c.lessonsToday}</TableCell>
                <TableCell align="center">{c.month}</TableCell>
                <TableCell align="center" sx={{ fontWeight: 600 }}>
                  {c.score}
                </TableCell>
                <TableCell align="right">
                  <Button size="small" variant={i === 0 ? 'contained' : 'outlined'} disabled={busy} onClick={() => onPick(c)} aria-label={`Назначить: ${c.name}`}>
                    Назначить
                  </Button>
                </TableCell>
              </TableRow>
            ))}
            {data.candidates.length === 0 && (
              <TableRow>
                <TableCell colSpan={10}>
                  <Typography variant="body2" color="text.secondary" sx={{ py: 1 }}>
                    Свободных учителей нет: объедините класс с параллельным, перенесите или отмените урок.
                  </Typography>
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </TableContainer>
      {data.excluded.length > 0 && (
        <Box sx={{ mt: 1.5 }}>
          <Typography variant="subtitle2">Ведут этот класс или предмет, но заменить не могут</Typography>
          {data.excluded.map((x) => (
            <Typography key={x.staffId} variant="body2" color="text.secondary">
              {x.name} — {x.reason}
            </Typography>
          ))}
        </Box>
      )}
    </>
  );
}
