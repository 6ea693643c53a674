/**
 * The messages between the Electron main process and the core's utility
 * process. Two channels:
 *  - the utility process's `parentPort`, which carries one message only: the
 *    MessagePort of a fresh MessageChannelMain (`{type:'port'}` + the port);
 *  - that port, which carries everything else.
 *
 * Both sides validate what they receive: a message that does not parse is
 * answered with an error (if it names an id) or logged, never acted on.
 * This file imports no electron and no core code, so both processes can use it.
 */
import { z } from 'zod';
import type { CoreEvent } from '../core/host/client-session';
import type { ErrorPayload, Result } from '../core/shared/errors';

const windowId = z.number().int().nonnegative();

/**
 * parentPort: the port the core answers on, and the key from the OS key store
 * the core seals the backup password with (base64; null where there is none).
 */
export const portHandoffSchema = z.object({ type: z.literal('port'), secretKey: z.string().nullable().optional() });
export type PortHandoff = z.infer<typeof portHandoffSchema>;

/** main → core: one call of one window. The windowId comes from the main process, never from the renderer. */
export const callRequestSchema = z.object({
  type: z.literal('call'),
  id: z.number().int().nonnegative(),
  windowId,
  method: z.string().min(1).max(200),
  params: z.unknown(),
});
export type CallRequest = z.infer<typeof callRequestSchema>;

/** main → core: the window is gone, its session ends. */
export const windowClosedSchema = z.object({ type: z.literal('window-closed'), windowId });
export type WindowClosed = z.infer<typeof windowClosedSchema>;

/** main → core: the program is quitting; close the database and exit. */
export const shutdownSchema = z.object({ type: z.literal('shutdown') });
export type Shutdown = z.infer<typeof shutdownSchema>;

export const toCoreSchema = z.discriminatedUnion('type', [callRequestSchema, windowClosedSchema, shutdownSchema]);
export type ToCore = z.infer<typeof toCoreSchema>;

const errorPayloadSchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
const resultSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: errorPayloadSchema }),
]);

/** core → main: the answer to the call with this id. */
export const callResponseSchema = z.object({ type: z.literal('result'), id: z.number().int().nonnegative(), result: resultSchema });
export interface CallResponse {
  type: 'result';
  id: number;
  result: Result<unknown>;
}

/** core → main: an event for one window (progress of the long work its session started). */
export const coreEventMessageSchema = z.object({
  type: z.literal('event'),
  windowId: z.number().int().nonnegative(),
  event: z.record(z.string(), z.unknown()),
});
export interface CoreEventMessage {
  type: 'event';
  windowId: number;
  event: CoreEvent;
}

/** core → main: the database is open (or could not be opened: `error`), calls are served. */
export const readySchema = z.object({ type: z.literal('ready'), error: errorPayloadSchema.optional() });
export interface Ready {
  type: 'ready';
  error?: ErrorPayload;
}

export const fromCoreSchema = z.discriminatedUnion('type', [callResponseSchema, coreEventMessageSchema, readySchema]);
export type FromCore = CallResponse | CoreEventMessage | Ready;

/**
 * The MessagePortMain as the core host uses it — declared here so that the
 * utility process needs no `electron` import (and tests can pass a fake).
 */
export interface PortLike {
  on(event: 'message', listener: (e: { data: unknown; ports?: readonly PortLike[] }) => void): unknown;
  postMessage(message: unknown): void;
  start(): void;
  close(): void;
}

/** `process.parentPort` of an Electron utility process. */
export interface ParentPortLike {
  on(event: 'message', listener: (e: { data: unknown; ports: readonly PortLike[] }) => void): unknown;
  postMessage(message: unknown): void;
}

export const CALL_CHANNEL = 'api:call';
export const EVENT_CHANNEL = 'api:event';
