import type { ErrorCode, ErrorPayload, MethodName, ParamsOf, ResultOf } from '../../main/core/api/types';

/** The core's error codes, plus the one the page adds itself: the core could not be reached. */
export type ClientErrorCode = ErrorCode | 'NETWORK';

/** A failed call, with the core's Russian message, fit to show as it is. */
export class ApiError extends Error {
  readonly code: ClientErrorCode;
  readonly details: ErrorPayload['details'];

  constructor(code: ClientErrorCode, message: string, details?: ErrorPayload['details']) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
  }

  /** Field → message, for forms that show an error next to the field. */
  get fields(): Record<string, string> {
    return this.details?.fields ?? {};
  }
}

/** Methods whose params may be omitted (every field optional). */
type Args<M extends MethodName> = Record<never, never> extends ParamsOf<M> ? [params?: ParamsOf<M>] : [params: ParamsOf<M>];
type DomainOf<M> = M extends `${infer D}.${string}` ? D : never;
type VerbOf<M, D extends string> = M extends `${D}.${infer V}` ? V : never;

/** `api.auth.login({...})`: one typed function per method of the contract. */
export type Api = {
  [D in DomainOf<MethodName>]: {
    [M in MethodName as VerbOf<M, D>]: (...args: Args<M>) => Promise<ResultOf<M>>;
  };
};

type ErrorListener = (error: ApiError, method: MethodName) => void;
const listeners = new Set<ErrorListener>();

/** Hears every failed call: the session layer reacts to a locked or ended session wherever it shows up. */
export function onApiError(listener: ErrorListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const NETWORK_MESSAGE = 'Нет связи с программой. Проверьте, что журнал запущен, и повторите действие.';

export async function call<M extends MethodName>(method: M, ...args: Args<M>): Promise<ResultOf<M>> {
  let result;
  try {
    result = await window.api.call(method, args[0] ?? {});
  } catch {
    throw new ApiError('NETWORK', NETWORK_MESSAGE);
  }
  if (result.ok) return result.value as ResultOf<M>;
  const error = new ApiError(result.error.code, result.error.message, result.error.details);
  for (const listener of listeners) listener(error, method);
  throw error;
}

const domainCache = new Map<string, object>();

export const api = new Proxy({} as Api, {
  get(_target, domain) {
    if (typeof domain !== 'string' || domain === 'then') return undefined;
    let verbs = domainCache.get(domain);
    if (!verbs) {
      verbs = new Proxy(
        {},
        {
          get(_t, verb) {
            if (typeof verb !== 'string' || verb === 'then') return undefined;
            return (params?: unknown) => call(`${domain}.${verb}` as MethodName, params as never);
          },
        },
      );
      domainCache.set(domain, verbs);
    }
    return verbs;
  },
});

/** A Russian message for anything thrown: the core's message, or a calm generic one — never a stack trace. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Что-то пошло не так. Повторите действие; если ошибка повторится, сообщите администратору.';
}
