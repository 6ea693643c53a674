import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import FactCheckOutlined from '@mui/icons-material/FactCheckOutlined';
import GroupsOutlined from '@mui/icons-material/GroupsOutlined';
import { api } from '../api/client';
import { useActor, useLedClasses } from '../app/session';
import { EmptyState } from '../components/EmptyState';
import { useNotify } from '../components/Notifier';
import { PageHeader } from '../components/PageHeader';
import { formatDate } from '../i18n/format';
import { YearProvider, useYear } from '../school/year';
import { StudentsTab } from './StudentsTab';

/**
 * The class teacher's own class: the list with the students' and parents'
 * data (editable by the class teacher), and the monthly «проверено» (seed 000
 * §3.3: «не реже одного раза в месяц проверять изменение фактических данных»).
 */
export function MyClassScreen() {
  return (
    <YearProvider>
      <MyClass />
    </YearProvider>
  );
}

function MyClass() {
  const actor = useActor();
  const notify = useNotify();
  const qc = useQueryClient();
  const { yearId, currentYearId, today, loading } = useYear();
  // This year's class is known from the session (auth.status): no wait for the list of the school's classes.
  const led = useLedClasses();
  const ledNow = yearId !== null && yearId === currentYearId ? led[0] : undefined;
  const classes = useQuery({ queryKey: ['school.listClasses', yearId], queryFn: () => api.school.listClasses({ yearId: yearId! }), enabled: !!yearId && !ledNow });
  const mine = ledNow ?? classes.data?.find((c) => c.classTeacherId === actor.staffId);
  const checks = useQuery({ queryKey: ['contingent.dataChecks', yearId, ''], queryFn: () => api.contingent.dataChecks({ yearId: yearId! }), enabled: !!yearId && !!mine });
  const check = checks.data?.classes.find((c) => c.classId === mine?.id);
  const mark = useMutation({
    mutationFn: () => api.contingent.markChecked({ classId: mine!.id }),
    onSuccess: (r) => {
      notify.success(`Проверка данных ${mine!.name} отмечена ${formatDate(r.checkedOn)}.`);
      void qc.invalidateQueries();
    },
    onError: (e) => notify.error(e),
  });
  if (loading || (!ledNow && classes.isPending)) return <LinearProgress />;
  if (!mine) {
    return (
      <>
        <PageHeader title="Мой класс" />
        <EmptyState icon={GroupsOutlined} title="Вы не классный руководитель">
          Раздел для классных руководителей: список класса, сведения об учениках и родителях, ежемесячная проверка данных.
        </EmptyState>
      </>
    );
  }
  return (
    <>
      <PageHeader
        title={`Мой класс — ${mine.name}`}
        description="Сведения об учениках и их законных представителях. Не реже раза в месяц проверьте их и отметьте «проверено»."
        actions={
          <Button variant="contained" startIcon={<FactCheckOutlined />} disabled={mark.isPending} onClick={() => mark.mutate()}>
            Данные проверены
          </Button>
        }
      />
      <Box sx={{ mb: 2 }}>
        {check?.checkedOn ? (
          <Alert severity="success">
            В этом месяце данные проверены {formatDate(check.checkedOn)}
            {check.checkedBy ? ` (${check.checkedBy})` : ''}.
          </Alert>
        ) : (
          <Alert severity="warning">
            <Typography variant="body2">В этом месяце ({today ? formatDate(today).slice(3) : ''}) проверка данных класса ещё не отмечена.</Typography>
          </Alert>
        )}
      </Box>
      <StudentsTab fixedClassId={mine.id} />
    </>
  );
}
