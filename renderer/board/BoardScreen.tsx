import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import AddOutlined from '@mui/icons-material/AddOutlined';
import CampaignOutlined from '@mui/icons-material/CampaignOutlined';
import { api, messageOf } from '../api/client';
import { useActor, useLedClasses } from '../app/session';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { EmptyState } from '../components/EmptyState';
import { useNotify } from '../components/Notifier';
import { PageHeader } from '../components/PageHeader';
import { AnnouncementCard } from './AnnouncementCard';
import { AnnouncementDialog, type Announcement } from './AnnouncementDialog';

/**
 * «Объявления»: the school's board as it concerns this person — today's, or
 * the whole year's. The deputy and the class teachers publish; everyone
 * prints a sheet for the staff room or the hall.
 */
export function BoardScreen() {
  const actor = useActor();
  const led = useLedClasses();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const mayPublish = actor.roles.includes('deputy') || led.length > 0;
  const [scope, setScope] = useState<'current' | 'all'>('current');
  const [editing, setEditing] = useState<Announcement | 'new' | null>(null);
  const [removing, setRemoving] = useState<Announcement | null>(null);
  const [busy, setBusy] = useState(false);
  const board = useQuery({ queryKey: ['board.list', scope], queryFn: () => api.board.list({ scope }) });
  const remove = async () => {
    if (!removing) return;
    setBusy(true);
    try {
      await api.board.remove({ id: removing.id });
      notify.success(`Объявление «${removing.title}» снято с доски.`);
      await queryClient.invalidateQueries({ queryKey: ['board.list'] });
      setRemoving(null);
    } catch (e) {
      notify.error(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <PageHeader
        title="Объявления"
        actions={
          mayPublish && (
            <Button variant="contained" startIcon={<AddOutlined />} onClick={() => setEditing('new')} disabled={!board.data}>
              Новое объявление
            </Button>
          )
        }
      />
      <ToggleButtonGroup size="small" exclusive value={scope} onChange={(_e, v: 'current' | 'all' | null) => v && setScope(v)} aria-label="Какие объявления" sx={{ mb: 2 }}>
        <ToggleButton value="current">Действующие сегодня</ToggleButton>
        <ToggleButton value="all">Все за учебный год</ToggleButton>
      </ToggleButtonGroup>
      {board.isPending && <LinearProgress />}
      {board.isError && <Alert severity="error">{messageOf(board.error)}</Alert>}
      {board.data && board.data.items.length === 0 && (
        <EmptyState icon={CampaignOutlined} title={scope === 'current' ? 'Сегодня объявлений нет' : 'Объявлений в этом учебном году нет'}>
          Здесь появятся объявления заместителя директора и классных руководителей: о собраниях, изменениях в расписании и другом.
        </EmptyState>
      )}
      <Box sx={{ display: 'grid', gap: 1.5 }}>
        {board.data?.items.map((a) => (
          <AnnouncementCard key={a.id} a={a} onEdit={() => setEditing(a)} onRemove={() => setRemoving(a)} />
        ))}
      </Box>
      {editing && board.data && <AnnouncementDialog initial={editing === 'new' ? null : editing} today={board.data.today} onClose={() => setEditing(null)} />}
      <ConfirmDialog open={!!removing} title="Снять объявление?" confirmLabel="Снять" danger busy={busy} onConfirm={() => void remove()} onClose={() => setRemoving(null)}>
        Объявление «{removing?.title}» исчезнет с доски и с начального экрана у всех, кому оно адресовано.
      </ConfirmDialog>
    </>
  );
}
