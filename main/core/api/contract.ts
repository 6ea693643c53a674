import { z } from 'zod';
import type { Clock } from '../shared/clock';
import type { AppError } from '../shared/errors';
import type { ReadableDb } from '../db/readable';
import type { Writer } from '../write/writer';
import type { Permission } from '../auth/permissions';
import type { Actor, Session } from '../auth/sessions';
import type { CoreRuntime } from '../host/runtime';

// Validation messages in Russian, for every schema in the contract.
import '../shared/zod-ru';

/**
 * Who may call a method: `public` needs no session (login, first run),
 * `session` any logged-in user, otherwise a permission from auth/permissions.
 */
export type Access = 'public' | 'session' | Permission;

export interface QueryContext {
  /** The database to read: a query cannot write through it (db/readable.ts). */
  em: ReadableDb;
  clock: Clock;
  runtime: CoreRuntime;
  /** Null only in `public` methods. */
  actor: Actor | null;
  session: Session | null;
  method: string;
}

export interface MutationContext extends QueryContext {
  /** The only way a mutation writes: audited, captured for sync, checked against a closed year. */
  write: Writer;
}

/**
 * Thrown by a mutation to keep its writes and still report a failure: a
 * wrong password must count towards the lockout. The dispatcher commits, then
 * returns `error`.
 */
export class FailAfterCommit extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
  }
}

interface MethodBase<P extends z.ZodType, R, C, F> {
  params: P;
  access: Access;
  /** The action in Russian, for refusals: «изменение отметок». */
  action: string;
  /**
   * Reads the call's uploaded files before the call takes its turn on the
   * core's queue, in a reading worker (files/README.md); the handler gets
   * what it returns as its third argument.
   */
  readFiles?: (params: z.output<P>) => Promise<F>;
  handler: (params: z.output<P>, ctx: C, files: F) => Promise<R>;
}

export interface QueryMethod<P extends z.ZodType = z.ZodType, R = unknown, F = undefined> extends MethodBase<P, R, QueryContext, F> {
  kind: 'query';
}

export interface MutationMethod<P extends z.ZodType = z.ZodType, R = unknown, F = undefined> extends MethodBase<P, R, MutationContext, F> {
  kind: 'mutation';
}

/**
 * Work that cannot run inside one transaction on the open database: switching
 * to another database, a backup, a restore, a long export. The handler opens
 * its own transactions (with `runtime.transact`) and audits through them.
 */
export interface OperationMethod<P extends z.ZodType = z.ZodType, R = unknown, F = undefined> extends MethodBase<P, R, OperationContext, F> {
  kind: 'operation';
}

export interface OperationContext {
  clock: Clock;
  runtime: CoreRuntime;
  actor: Actor | null;
  session: Session | null;
  method: string;
}

// One table holds methods of every params and result type; a handler's params
// are checked against its own schema at the call, so `any` is safe here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Method = QueryMethod<any, any, any> | MutationMethod<any, any, any> | OperationMethod<any, any, any>;

/** A method that reads: it gets no Writer, so it cannot change anything. */
export function query<P extends z.ZodType, R, F = undefined>(spec: Omit<QueryMethod<P, R, F>, 'kind'>): QueryMethod<P, R, F> {
  return { ...spec, kind: 'query' };
}

/** A method that changes data: every write goes through ctx.write, audited and captured. */
export function mutation<P extends z.ZodType, R, F = undefined>(spec: Omit<MutationMethod<P, R, F>, 'kind'>): MutationMethod<P, R, F> {
  return { ...spec, kind: 'mutation' };
}

export function operation<P extends z.ZodType, R, F = undefined>(spec: Omit<OperationMethod<P, R, F>, 'kind'>): OperationMethod<P, R, F> {
  return { ...spec, kind: 'operation' };
}

/** Requires a logged-in actor (for methods whose access is not `public`). */
export function actorOf(ctx: { actor: Actor | null; method: string }): Actor {
  if (!ctx.actor) throw new Error(`method ${ctx.method} needs an actor`);
  return ctx.actor;
}

export const noParams = z.object({}).strict();
export const idParam = z.object({ id: z.string().uuid() });
export const schoolDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Дата должна быть в формате ГГГГ-ММ-ДД');
