import type { SvgIconComponent } from '@mui/icons-material';
import TodayOutlined from '@mui/icons-material/TodayOutlined';
import WbSunnyOutlined from '@mui/icons-material/WbSunnyOutlined';
import MenuBookOutlined from '@mui/icons-material/MenuBookOutlined';
import RateReviewOutlined from '@mui/icons-material/RateReviewOutlined';
import CalendarMonthOutlined from '@mui/icons-material/CalendarMonthOutlined';
import SwapHorizOutlined from '@mui/icons-material/SwapHorizOutlined';
import AssessmentOutlined from '@mui/icons-material/AssessmentOutlined';
import FactCheckOutlined from '@mui/icons-material/FactCheckOutlined';
import SchoolOutlined from '@mui/icons-material/SchoolOutlined';
import ManageAccountsOutlined from '@mui/icons-material/ManageAccountsOutlined';
import Inventory2Outlined from '@mui/icons-material/Inventory2Outlined';
import BackupOutlined from '@mui/icons-material/BackupOutlined';
import EventAvailableOutlined from '@mui/icons-material/EventAvailableOutlined';
import SettingsOutlined from '@mui/icons-material/SettingsOutlined';
import GroupsOutlined from '@mui/icons-material/GroupsOutlined';
import EventBusyOutlined from '@mui/icons-material/EventBusyOutlined';
import AutoStoriesOutlined from '@mui/icons-material/AutoStoriesOutlined';
import ListAltOutlined from '@mui/icons-material/ListAltOutlined';
import MailOutlined from '@mui/icons-material/MailOutlined';
import CampaignOutlined from '@mui/icons-material/CampaignOutlined';
import CallSplitOutlined from '@mui/icons-material/CallSplitOutlined';
import type { Role } from '../../main/core/api/types';

export type SectionId =
  | 'today'
  | 'lessons'
  | 'journal'
  | 'attendance'
  | 'diary'
  | 'myclass'
  | 'remarks'
  | 'timetable'
  | 'plans'
  | 'substitutions'
  | 'reports'
  | 'control'
  | 'conflicts'
  | 'board'
  | 'mail'
  | 'school'
  | 'users'
  | 'archive'
  | 'year'
  | 'backups'
  | 'settings';

export interface Section {
  /** The route: `#/journal`. */
  id: SectionId;
  title: string;
  icon: SvgIconComponent;
  roles: readonly Role[];
  /** What the section holds: the hint on its item in the navigation. */
  description: string;
  /**
   * By the role «учитель» the section is the class teacher's: a subject
   * teacher who leads no class would find every class there refused, so it is
   * not shown to them (the administration sees it by its own role).
   */
  classTeacher?: true;
  /** Shown only where the computers of the school sync through a shared folder (or something still waits there). */
  syncOnly?: true;
}

/** The left navigation by role (UI.md «Screens»), in the order shown. */
export const SECTIONS: readonly Section[] = [
  {
    id: 'today',
    title: 'Сегодня',
    icon: WbSunnyOutlined,
    roles: ['deputy'],
    description:
      'День заместителя директора: отсутствующие учителя, уроки без замены, ненапечатанные изменения в заменах и замечания, устранение которых ждёт подтверждения.',
  },
  {
    id: 'lessons',
    title: 'Мои уроки',
    icon: TodayOutlined,
    roles: ['teacher'],
    description:
      'Уроки на сегодня по вашему расписанию и что по каждому ещё не заполнено: тема, посещаемость, домашнее задание. Из списка — один щелчок до страницы журнала на этом уроке.',
  },
  {
    id: 'journal',
    title: 'Журнал',
    icon: MenuBookOutlined,
    roles: ['admin', 'director', 'deputy', 'teacher'],
    description:
      'Страницы журнала по классам и предметам: отметки, пропуски, темы уроков и домашние задания. Заполнение с клавиатуры, как в электронной таблице.',
  },
  {
    id: 'attendance',
    title: 'Посещаемость',
    icon: EventBusyOutlined,
    roles: ['director', 'deputy', 'teacher'],
    classTeacher: true,
    description: 'Пропуски уроков класса за неделю по всем предметам и их причины: для классного руководителя.',
  },
  {
    id: 'diary',
    title: 'Дневник',
    icon: AutoStoriesOutlined,
    roles: ['director', 'deputy', 'teacher'],
    classTeacher: true,
    description: 'Дневник ученика за неделю: уроки, темы, домашние задания, отметки и пропуски; печать на А4.',
  },
  {
    id: 'myclass',
    title: 'Мой класс',
    icon: GroupsOutlined,
    roles: ['teacher'],
    classTeacher: true,
    description: 'Для классного руководителя: список класса, сведения об учениках и родителях, ежемесячная проверка данных.',
  },
  {
    id: 'remarks',
    title: 'Замечания',
    icon: RateReviewOutlined,
    roles: ['teacher'],
    description: 'Замечания заместителя директора по ведению журнала и ваши отметки об их устранении.',
  },
  {
    id: 'timetable',
    title: 'Расписание',
    icon: CalendarMonthOutlined,
    roles: ['director', 'deputy'],
    description: 'Расписание уроков классов, учителей и кабинетов на неделю, с учётом каникул и праздничных дней.',
  },
  {
    id: 'plans',
    title: 'КТП',
    icon: ListAltOutlined,
    roles: ['director', 'deputy', 'teacher'],
    description: 'Календарно-тематическое планирование: темы уроков по порядку с часами, выполнение программы, график контрольных работ.',
  },
  {
    id: 'substitutions',
    title: 'Замены',
    icon: SwapHorizOutlined,
    roles: ['director', 'deputy'],
    description: 'Замены и переносы уроков: кто из учителей свободен, кто ведёт этот предмет, как изменится нагрузка.',
  },
  {
    id: 'reports',
    title: 'Отчёты',
    icon: AssessmentOutlined,
    roles: ['admin', 'director', 'deputy', 'teacher'],
    description: 'Отчёты об успеваемости и посещаемости, итоговые ведомости и выписки — на экране, в PDF и в Excel.',
  },
  {
    id: 'control',
    title: 'Контроль',
    icon: FactCheckOutlined,
    roles: ['director', 'deputy'],
    description:
      'Проверки ведения журнала: своевременность отметок, темы и домашние задания, график контрольных работ, замечания учителям.',
  },
  {
    id: 'conflicts',
    title: 'Конфликты синхронизации',
    icon: CallSplitOutlined,
    roles: ['admin', 'deputy'],
    syncOnly: true,
    description:
      'Что на разных компьютерах школы сделали одновременно и что программа не решает сама: две замены одного урока, две итоговые отметки, запись в закрытом периоде.',
  },
  {
    id: 'board',
    title: 'Объявления',
    icon: CampaignOutlined,
    roles: ['admin', 'director', 'deputy', 'teacher', 'secretary'],
    description: 'Доска объявлений: для всех сотрудников, учителей класса или параллели; с датами показа, закреплённые вверху; печать листа для учительской.',
  },
  {
    id: 'mail',
    title: 'Почта',
    icon: MailOutlined,
    roles: ['admin', 'director', 'deputy', 'teacher', 'secretary'],
    description: 'Сообщения коллегам: сотруднику, учителям класса или предмета, администрации; переписка по замечаниям; отчёты во вложении.',
  },
  {
    id: 'school',
    title: 'Школа',
    icon: SchoolOutlined,
    roles: ['admin', 'director', 'deputy', 'secretary'],
    description:
      'Справочники школы: учебный год и периоды, режим звонков, классы, ученики и их движение, сотрудники, предметы, учебный план и нагрузка.',
  },
  {
    id: 'users',
    title: 'Пользователи',
    icon: ManageAccountsOutlined,
    roles: ['admin'],
    description: 'Учётные записи сотрудников, их роли и пароли.',
  },
  {
    id: 'archive',
    title: 'Архив',
    icon: Inventory2Outlined,
    roles: ['admin', 'director'],
    description:
      'Архив учебного года: журналы в PDF и Excel, снимок базы данных и список контрольных сумм, по которому архив можно проверить и через годы.',
  },
  {
    id: 'year',
    title: 'Закрытие года',
    icon: EventAvailableOutlined,
    roles: ['admin'],
    description: 'Проверка перед закрытием учебного года, закрытие года, создание следующего и перевод обучающихся по приказу директора.',
  },
  {
    id: 'backups',
    title: 'Резервные копии',
    icon: BackupOutlined,
    roles: ['admin'],
    description:
      'Резервные копии базы данных: создание вручную и по расписанию, проверка целостности, восстановление с возможностью отмены.',
  },
  {
    id: 'settings',
    title: 'Настройки',
    icon: SettingsOutlined,
    roles: ['admin'],
    description: 'Наименование школы, блокировка сеанса, правила входа; общая папка для работы на нескольких компьютерах; база данных и её перенос на сервер.',
  },
];

/**
 * The sections a user can use: by their roles, the class teacher's only to
 * one who leads a class, and the sync conflicts only where sync is used.
 */
export function sectionsFor(roles: readonly Role[], leadsClass: boolean, syncUsed = false): Section[] {
  return SECTIONS.filter(
    (s) => (!s.syncOnly || syncUsed) && s.roles.some((r) => roles.includes(r) && (r !== 'teacher' || !s.classTeacher || leadsClass)),
  );
}
