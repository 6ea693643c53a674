import { useState } from 'react';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardActionArea from '@mui/material/CardActionArea';
import CardContent from '@mui/material/CardContent';
import Typography from '@mui/material/Typography';
import SchoolOutlined from '@mui/icons-material/SchoolOutlined';
import ArrowForward from '@mui/icons-material/ArrowForward';
import ScienceOutlined from '@mui/icons-material/ScienceOutlined';
import FolderSharedOutlined from '@mui/icons-material/FolderSharedOutlined';
import type { SvgIconComponent } from '@mui/icons-material';
import { AuthLayout } from '../components/AuthLayout';
import { CreateSchoolForm } from './CreateSchoolForm';
import { DemoForm } from './DemoForm';
import { JoinSchoolForm } from './JoinSchoolForm';

type Choice = 'none' | 'school' | 'join' | 'demo';

/** The first run: a new school of one's own, this computer joined to the school's journal kept elsewhere, or the demonstration school to look around. */
export function FirstRun() {
  const [choice, setChoice] = useState<Choice>('none');
  if (choice === 'school') {
    return (
      <AuthLayout width={760}>
        <CreateSchoolForm onBack={() => setChoice('none')} />
      </AuthLayout>
    );
  }
  if (choice === 'join') {
    return (
      <AuthLayout width={640}>
        <JoinSchoolForm onBack={() => setChoice('none')} />
      </AuthLayout>
    );
  }
  if (choice === 'demo') {
    return (
      <AuthLayout width={560}>
        <DemoForm onBack={() => setChoice('none')} />
      </AuthLayout>
    );
  }
  return (
    <AuthLayout width={900}>
      <Typography variant="h2" component="h1" gutterBottom>
        Добро пожаловать!
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 3 }}>
        Программа запущена впервые на этом компьютере. Выберите, с чего начать.
      </Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', gap: 2 }}>
        <ChoiceCard
          icon={SchoolOutlined}
          title="Создать новую школу"
          text="Для работы с настоящими данными. Вы укажете наименование школы и создадите учётную запись администратора электронного журнала."
          onClick={() => setChoice('school')}
        />
        <ChoiceCard
          icon={FolderSharedOutlined}
          title="Подключить к журналу школы"
          text="Если журнал школы уже ведётся на другом компьютере и создана общая папка: этот компьютер получит журнал из неё. Нужна парольная фраза общей папки."
          onClick={() => setChoice('join')}
        />
        <ChoiceCard
          icon={ScienceOutlined}
          title="Открыть демонстрационную школу"
          text="Чтобы познакомиться с программой: готовая школа с классами, учителями, расписанием и отметками. Хранится в отдельном файле — настоящая школа останется пустой."
          onClick={() => setChoice('demo')}
        />
      </Box>
    </AuthLayout>
  );
}

function ChoiceCard({ icon: Icon, title, text, onClick }: { icon: SvgIconComponent; title: string; text: string; onClick: () => void }) {
  return (
    <Card variant="outlined" sx={{ display: 'flex' }}>
      <CardActionArea
        onClick={onClick}
        sx={{ alignItems: 'stretch', display: 'flex', flexDirection: 'column', justifyContent: 'space-between' }}
      >
        <CardContent>
          <Icon color="primary" sx={{ fontSize: 36, mb: 1 }} />
          <Typography variant="h5" component="h2" gutterBottom>
            {title}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {text}
          </Typography>
        </CardContent>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5, px: 2, pb: 2, color: 'primary.main', fontWeight: 600 }}>
          Выбрать <ArrowForward fontSize="small" />
        </Box>
      </CardActionArea>
    </Card>
  );
}
