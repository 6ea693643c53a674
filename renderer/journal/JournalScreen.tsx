import { PageList } from './PageList';
import { JournalPageScreen } from './JournalPage';
import { FinalMarksScreen } from './FinalMarks';
import { useJournalRoute } from './route';

/** «Журнал»: the list of pages, a page, or its final marks, by the address. */
export function JournalScreen() {
  const route = useJournalRoute();
  if (!route.classId || !route.subjectId) return <PageList />;
  const page = { ...route, classId: route.classId, subjectId: route.subjectId };
  const key = `${route.classId}|${route.subjectId}|${route.groupId ?? ''}|${route.period ?? ''}`;
  if (route.view === 'finals') return <FinalMarksScreen key={key} route={page} />;
  return <JournalPageScreen key={key} route={page} />;
}
