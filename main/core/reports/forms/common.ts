import type { ReportEnv } from '../definition';
import type { PageSetup, ReportField, ReportModel, ReportSection, SignatureLine } from '../model';
import { schoolName } from '../data/people';

/** The frame every form shares: the school's name, the date of printing, the page. */
export async function baseModel(
  env: ReportEnv,
  spec: {
    kind: string;
    title: string;
    subtitle?: string;
    page: PageSetup;
    fields?: ReportField[];
    sections?: ReportSection[];
    signatures?: SignatureLine[];
    fileName: string;
  },
): Promise<ReportModel> {
  return {
    kind: spec.kind,
    title: spec.title,
    subtitle: spec.subtitle,
    schoolName: await schoolName(env.em),
    printedOn: env.today,
    page: spec.page,
    fields: spec.fields ?? [],
    sections: spec.sections ?? [],
    signatures: spec.signatures ?? [],
    fileName: spec.fileName,
  };
}

/** «Заместитель директора по УВР ________ /Е.Б. Зайцева/». */
export const DEPUTY = 'Заместитель директора по УВР';
export const CLASS_TEACHER = 'Классный руководитель';
export const DIRECTOR = 'Директор';
