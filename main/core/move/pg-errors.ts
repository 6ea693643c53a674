import type { TargetState } from './inspect';

/**
 * Why a connection to a PostgreSQL server failed, in Russian, with what to do
 * about it: the codes of the operating system (the server does not answer),
 * of TLS (its certificate) and of PostgreSQL itself (SQLSTATE: the password,
 * the user, the database).
 */
export function describePgFailure(e: unknown, at: { host: string; port: number; database: string; user: string }): { state: TargetState; message: string } {
  const err = e as { code?: string; message?: string; errors?: { code?: string }[] };
  const code = err.code ?? err.errors?.find((x) => x.code)?.code ?? '';
  const text = String(err.message ?? '');
  const where = `${at.host}:${at.port}`;
  switch (code) {
    case 'ECONNREFUSED':
      return { state: 'unreachable', message: `Сервер ${where} не принимает подключения: PostgreSQL на нём не запущен или работает на другом порту.` };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { state: 'unreachable', message: `Сервер «${at.host}» не найден: проверьте адрес (имя компьютера или IP) и подключение к сети.` };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ETIMEDOUT':
      return { state: 'unreachable', message: `Сервер ${where} недоступен по сети: компьютер выключен, адрес неверен или подключение закрыто брандмауэром.` };
    case 'ECONNRESET':
      return { state: 'unreachable', message: `Сервер ${where} разорвал подключение. Возможно, он требует защищённое подключение (TLS) или перегружен.` };
    case '28P01':
      return { state: 'wrong-password', message: `Неверный пароль пользователя «${at.user}» на сервере ${where}.` };
    case '28000':
      return /no encryption|SSL off/i.test(text)
        ? { state: 'tls', message: `Сервер ${where} принимает пользователя «${at.user}» только по защищённому подключению: выберите TLS.` }
        : {
            state: 'refused-user',
            message: `Сервер ${where} не пускает пользователя «${at.user}» с этого компьютера: такого пользователя нет или его подключение запрещено настройками сервера (pg_hba.conf).`,
          };
    case '3D000':
      return { state: 'no-database', message: `На сервере ${where} нет базы данных «${at.database}». Администратор сервера может создать её: CREATE DATABASE "${at.database}" OWNER "${at.user}";` };
    case '42501':
      return { state: 'no-rights', message: `У пользователя «${at.user}» нет права подключаться к базе данных «${at.database}».` };
    case '53300':
      return { state: 'unreachable', message: `На сервере ${where} занято предельное число подключений. Повторите позже или попросите администратора сервера увеличить max_connections.` };
    case '57P03':
      return { state: 'unreachable', message: `Сервер ${where} ещё запускается. Повторите через минуту.` };
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'CERT_HAS_EXPIRED':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return {
        state: 'tls',
        message: `Сертификат сервера ${where} не прошёл проверку (${code}). Если сервер в сети школы и вы ему доверяете, выберите «TLS без проверки сертификата»; иначе попросите администратора сервера установить действительный сертификат.`,
      };
  }
  if (/does not support SSL/i.test(text)) {
    return { state: 'tls', message: `Сервер ${where} не поддерживает защищённое подключение (TLS). Выберите «без TLS» или включите TLS на сервере.` };
  }
  if (/timeout|timed out/i.test(text)) {
    return { state: 'unreachable', message: `Сервер ${where} не ответил вовремя: компьютер выключен, адрес неверен или подключение закрыто брандмауэром.` };
  }
  return { state: 'error', message: `Не удалось подключиться к серверу ${where}: ${text || code || 'неизвестная ошибка'}.` };
}
