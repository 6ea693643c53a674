import Typography from '@mui/material/Typography';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';
import type { Section } from './nav';

/** A section that is not built yet says so, and what it will hold. */
export function SectionPlaceholder({ section }: { section: Section }) {
  return (
    <>
      <PageHeader title={section.title} />
      <EmptyState icon={section.icon} title="Раздел готовится">
        <Typography sx={{ mb: 1.5 }}>{section.description}</Typography>
        <Typography variant="body2">
          Раздел появится в одном из ближайших обновлений программы. Данные, которые вы вводите в других разделах, в нём
          будут видны сразу.
        </Typography>
      </EmptyState>
    </>
  );
}
