import { z } from 'zod';
import { base64Length, tooBigText, UPLOAD_LIMITS, type UploadKind } from './limits';

/** The schema of an upload's content (base64) in a method's params, refused with the limit in Russian. */
export function uploadContent(kind: UploadKind) {
  return z
    .string()
    .min(1, 'Файл пуст')
    .max(base64Length(UPLOAD_LIMITS[kind].bytes), tooBigText(kind));
}
