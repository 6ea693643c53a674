/**
 * The contract's types for the hosts and the renderer. Import with
 * `import type` only: the renderer must never bundle core code.
 */
import type { z } from 'zod';
import type { METHODS } from '../registry/methods';

export type Methods = typeof METHODS;
export type MethodName = keyof Methods;
export type ParamsOf<M extends MethodName> = z.input<Methods[M]['params']>;
export type ResultOf<M extends MethodName> = Awaited<ReturnType<Methods[M]['handler']>>;
export type { Result, ErrorPayload, ErrorCode } from '../shared/errors';
export type { Actor } from '../auth/sessions';
export type { Role } from '../db/entities/users';
