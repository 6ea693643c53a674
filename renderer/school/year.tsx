import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { ResultOf } from '../../main/core/api/types';
import { api } from '../api/client';

type YearList = ResultOf<'school.listYears'>;
export type Year = YearList['years'][number];

interface YearState {
  years: Year[];
  year: Year | null;
  yearId: string | null;
  /** The year the school's today falls in. */
  currentYearId: string | null;
  today: string | null;
  setYearId: (id: string) => void;
  loading: boolean;
}

const YearContext = createContext<YearState | null>(null);
const KEY = 'kz.school.yearId';

/** The academic year the reference-data screens work on: the current one unless the user picks another. */
export function YearProvider({ children }: { children: ReactNode }) {
  const list = useQuery({ queryKey: ['school.listYears'], queryFn: () => api.school.listYears() });
  const [chosen, setChosen] = useState<string | null>(() => window.localStorage.getItem(KEY));
  const years = useMemo(() => list.data?.years ?? [], [list.data]);
  const yearId = years.some((y) => y.id === chosen) ? chosen : (list.data?.currentYearId ?? null);
  useEffect(() => {
    if (yearId) window.localStorage.setItem(KEY, yearId);
  }, [yearId]);
  const value: YearState = {
    years,
    year: years.find((y) => y.id === yearId) ?? null,
    yearId,
    currentYearId: list.data?.currentYearId ?? null,
    today: list.data?.today ?? null,
    setYearId: setChosen,
    loading: list.isPending,
  };
  return <YearContext.Provider value={value}>{children}</YearContext.Provider>;
}

export function useYear(): YearState {
  const ctx = useContext(YearContext);
  if (!ctx) throw new Error('useYear outside YearProvider');
  return ctx;
}
