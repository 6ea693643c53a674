import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type net from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

/**
 * A real SMTP server on 127.0.0.1 for the tests of the parents' e-mail
 * (smtp-server, from the nodemailer project), with TLS from the start or by
 * STARTTLS, a login, and the failures a school's server shows: 421 (busy,
 * try later), 550 for an address (no such mailbox), and a connection dropped
 * in the middle of a letter. What it receives is kept raw and parsed.
 */
export type ServerMode =
  | { kind: 'ok' }
  /** Every letter answered «421 try later» at MAIL FROM. */
  | { kind: '421' }
  /** This recipient refused: «550 no such mailbox». */
  | { kind: '550'; address: string }
  /** The connection cut while the letter's data arrive. */
  | { kind: 'drop' };

export interface Received {
  raw: string;
  parsed: ParsedMail;
  envelopeTo: string[];
}

export interface TestSmtpServer {
  port: number;
  /** The certificate's PEM: what the program must trust to talk to it. */
  ca: string;
  mode: ServerMode;
  received: Received[];
  /** Letters the server has answered (accepted or refused) or cut: for waiting until a run has reached it. */
  close(): Promise<void>;
}

let cert: { key: string; cert: string } | null = null;

/** A self-signed certificate for 127.0.0.1, made once per test process by openssl. */
function certificate(): { key: string; cert: string } {
  if (cert) return cert;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-smtp-cert-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'),
    ], { stdio: 'pipe' });
    cert = { key: fs.readFileSync(path.join(dir, 'key.pem'), 'utf8'), cert: fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8') };
    return cert;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

export async function startSmtpServer(opts: { security: 'tls' | 'starttls' | 'none'; user?: string; password?: string }): Promise<TestSmtpServer> {
  const { key, cert: pem } = certificate();
  const sockets = new Set<net.Socket>();
  const state: TestSmtpServer = {
    port: 0,
    ca: pem,
    mode: { kind: 'ok' },
    received: [],
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = new SMTPServer({
    secure: opts.security === 'tls',
    key,
    cert: pem,
    authOptional: !opts.user,
    // «none»: a server inside the school's network that speaks plain SMTP (the end-to-end tests' host cannot be told to trust a certificate).
    disabledCommands: opts.security === 'none' ? ['STARTTLS', 'AUTH'] : opts.user ? [] : ['AUTH'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === opts.user && auth.password === opts.password) callback(null, { user: auth.username });
      else callback(smtpError(535, '5.7.8 Authentication credentials invalid'));
    },
    onMailFrom(_address, _session, callback) {
      if (state.mode.kind === '421') callback(smtpError(421, '4.3.2 Service busy, try again later'));
      else callback();
    },
    onRcptTo(address, _session, callback) {
      if (state.mode.kind === '550' && address.address === state.mode.address) callback(smtpError(550, `5.1.1 <${address.address}>: mailbox unavailable`));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (state.mode.kind === 'drop') {
          // Cut before the answer: the client cannot know whether the letter went.
          for (const s of sockets) s.destroy();
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        void simpleParser(raw).then((parsed) => {
          state.received.push({ raw, parsed, envelopeTo: session.envelope.rcptTo.map((r) => r.address) });
          callback();
        }, callback);
      });
    },
  });
  server.server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  state.port = (server.server.address() as net.AddressInfo).port;
  return state;
}
