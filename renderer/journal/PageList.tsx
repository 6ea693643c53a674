import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import CircularProgress from '@mui/material/CircularProgress';
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

/**
 * A section of the list. The administration's list holds every page of the
 * school (some 570): its links are plain elements styled once by the
 * section, not a component each, so the list opens at once.
 */
function Section({ title, items, showTeachers }: { title: string; items: Item[]; showTeachers: boolean }) {
  if (items.length === 0) return null;
  return (
    <Paper
      variant="outlined"
      sx={{
        p: 2,
        mb: 2,
        '& .pl-class': { display: 'flex', gap: 2, py: 0.75, borderTop: 1, borderColor: 'divider', alignItems: 'baseline' },
        '& .pl-name': { width: 48, fontWeight: 700, flexShrink: 0 },
        '& .pl-links': { display: 'flex', flexWrap: 'wrap', columnGap: 2.5, rowGap: 0.5 },
        '& .pl-links a': { color: 'primary.main', textDecoration: 'none', '&:hover': { textDecoration: 'underline' } },
        '& .pl-who': { ml: 0.5, fontSize: 12, color: 'text.secondary' },
      }}
      component="section"
      aria-label={title}
    >
      <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
        {title}
      </Typography>
      {byClass(items).map(([className, pages]) => (
        <div key={className} className="pl-class">
          <span className="pl-name">{className}</span>
          <div className="pl-links">
            {pages.map((p) => (
              <a
                key={`${p.subjectId}|${p.groupId ?? ''}`}
                href={journalHref({ classId: p.classId, subjectId: p.subjectId, groupId: p.groupId })}
                data-testid="journal-page-link"
                title={p.teachers.join(', ')}
                onClick={() => prefetchJournalPage(p)}
              >
                {pageLabel(p)}
                {showTeachers && <span className="pl-who">{p.teachers.join(', ')}</span>}
              </a>
            ))}
          </div>
        </div>
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
