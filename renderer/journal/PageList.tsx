import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import MenuBookOutlined from '@mui/icons-material/MenuBookOutlined';
import { api, messageOf } from '../api/client';
import type { ResultOf } from '../../main/core/api/types';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';
import { journalHref } from './route';
import { prefetchJournalPage } from './page-query';

type Item = ResultOf<'journal.listPages'>['pages'][number];

function pageLabel(p: Item): string {
  return p.groupName ? `${p.subjectName} (${p.groupName})` : p.subjectName;
}

function byClass(items: Item[]): [string, Item[]][] {
  const groups = new Map<string, Item[]>();
  for (const p of items) (groups.get(p.className) ?? groups.set(p.className, []).get(p.className)!).push(p);
  return [...groups.entries()];
}

function Section({ title, items, showTeachers }: { title: string; items: Item[]; showTeachers: boolean }) {
  if (items.length === 0) return null;
  return (
    <Paper variant="outlined" sx={{ p: 2, mb: 2 }} component="section" aria-label={title}>
      <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
        {title}
      </Typography>
      {byClass(items).map(([className, pages]) => (
        <Box key={className} sx={{ display: 'flex', gap: 2, py: 0.75, borderTop: 1, borderColor: 'divider', alignItems: 'baseline' }}>
          <Typography sx={{ width: 48, fontWeight: 700, flexShrink: 0 }}>{className}</Typography>
          <Box sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 2.5, rowGap: 0.5 }}>
            {pages.map((p) => (
              <Link
                key={`${p.subjectId}|${p.groupId ?? ''}`}
                href={journalHref({ classId: p.classId, subjectId: p.subjectId, groupId: p.groupId })}
                underline="hover"
                data-testid="journal-page-link"
                title={p.teachers.join(', ')}
                onClick={() => prefetchJournalPage(p)}
              >
                {pageLabel(p)}
                {showTeachers && (
                  <Typography component="span" variant="caption" color="text.secondary" sx={{ ml: 0.5 }}>
                    {p.teachers.join(', ')}
                  </Typography>
                )}
              </Link>
            ))}
          </Box>
        </Box>
      ))}
    </Paper>
  );
}

/** The pages this user may open: their own first, then their class's, then (for the administration) every page. */
export function PageList() {
  const query = useQuery({ queryKey: ['journal.listPages'], queryFn: () => api.journal.listPages() });
  const [filter, setFilter] = useState('');
  const filtered = useMemo(() => {
    const f = filter.trim().toLocaleLowerCase('ru-RU').replace(/ё/g, 'е');
    const all = query.data?.pages ?? [];
    if (!f) return all;
    return all.filter((p) =>
      `${p.className} ${p.subjectName} ${p.groupName ?? ''} ${p.teachers.join(' ')}`.toLocaleLowerCase('ru-RU').replace(/ё/g, 'е').includes(f),
    );
  }, [query.data, filter]);
  if (query.isPending) return <CircularProgress aria-label="Загрузка" />;
  if (query.isError) return <Alert severity="error">{messageOf(query.error)}</Alert>;
  const mine = filtered.filter((p) => p.mine);
  const led = filtered.filter((p) => p.led && !p.mine);
  const others = filtered.filter((p) => !p.mine && !p.led);
  return (
    <>
      <PageHeader
        title="Журнал"
        description={query.data.yearName ? `Учебный год ${query.data.yearName}. Выберите страницу: класс и предмет.` : undefined}
        actions={
          <TextField
            label="Найти класс, предмет или учителя"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            sx={{ width: 320 }}
          />
        }
      />
      {query.data.pages.length === 0 ? (
        <EmptyState icon={MenuBookOutlined} title="Страниц журнала пока нет">
          Страницы появляются из нагрузки учителей: предмет в классе или группе. Нагрузку задаёт заместитель директора по УВР.
        </EmptyState>
      ) : (
        <>
          <Section title="Мои страницы" items={mine} showTeachers={false} />
          <Section title="Мой класс" items={led} showTeachers />
          <Section title={mine.length || led.length ? 'Другие страницы' : 'Все страницы'} items={others} showTeachers />
          {filtered.length === 0 && <Typography color="text.secondary">Ничего не найдено.</Typography>}
        </>
      )}
    </>
  );
}
