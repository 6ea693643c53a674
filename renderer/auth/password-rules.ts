/**
 * The core's password rules, repeated for a quick hint before sending; the
 * core checks again and has the last word.
 */
export const PASSWORD_MIN_LENGTH = 8;

export const passwordHint = `Не короче ${PASSWORD_MIN_LENGTH} символов, буквы и цифры`;

export function passwordProblem(password: string, login?: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `Пароль должен быть не короче ${PASSWORD_MIN_LENGTH} символов`;
  if (!/\p{L}/u.test(password) || !/\d/.test(password)) return 'Пароль должен содержать буквы и цифры';
  if (login && password.toLowerCase().includes(login.toLowerCase())) return 'Пароль не должен содержать логин';
  return null;
}
