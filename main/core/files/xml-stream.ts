/**
 * The one XML reader of the program, for files that come from elsewhere
 * (timetable exports, the parts of an XLSX or ODS workbook). It reads text
 * as it arrives, a chunk at a time, and reports elements and text to its
 * handler, so that a reader can stop at the first row too many without the
 * rest of the file in memory. It knows elements, attributes, text, CDATA,
 * the five standard entities and character references. Comments,
 * processing instructions and the DOCTYPE are skipped, and entities a DOCTYPE
 * declares are never expanded (a reference to one is refused): no external
 * entities, no «billion laughs». Nesting deeper than `maxDepth` is refused.
 */

import { checkMemory } from './memory-guard';

export interface XmlHandler {
  /** Every attribute is an own property (an attribute named «__proto__» too); read them with `Object.hasOwn` where it matters. */
  open?(name: string, attrs: Record<string, string>, selfClosing: boolean, line: number): void;
  close?(name: string, line: number): void;
  /** Text between tags, entities resolved (CDATA as it is). */
  text?(text: string, line: number): void;
}

export interface XmlStreamOptions {
  /** Deepest nesting accepted (aSc, FET and spreadsheet parts need fewer than 20 levels). */
  maxDepth?: number;
  /** Longest stretch of text kept while waiting for the end of a tag, text or comment. */
  maxPending?: number;
}

export class XmlError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** Well-formed perhaps, but beyond what the program reads: nesting too deep, too many elements, a text without end. */
export class XmlLimitError extends XmlError {}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const NAME = /^[A-Za-z_:][\w:.-]*$/;

/** XML's white space: space, tab, line feed, carriage return. */
function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}

export function unescapeXml(s: string, line: number): string {
  if (!s.includes('&')) return s;
  // A bare «&» (not valid XML, but written by some programs) stays as it is.
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z][\w.-]*);/g, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!Number.isFinite(code) || code > 0x10ffff) throw new XmlError(`неверная ссылка на символ ${whole}`, line);
      return String.fromCodePoint(code);
    }
    const v = ENTITIES[body];
    if (v === undefined) throw new XmlError(`неизвестная сущность ${whole}`, line);
    return v;
  });
}

export class XmlStream {
  private buf = '';
  private line = 1;
  private readonly stack: string[] = [];
  private rootSeen = false;
  private ended = false;
  private readonly maxDepth: number;
  private readonly maxPending: number;

  constructor(
    private readonly handler: XmlHandler,
    options: XmlStreamOptions = {},
  ) {
    this.maxDepth = options.maxDepth ?? 256;
    this.maxPending = options.maxPending ?? 4 * 1024 * 1024;
  }

  /** The element being read, innermost last. */
  get depth(): number {
    return this.stack.length;
  }

  feed(chunk: string): void {
    if (this.ended) throw new Error('XmlStream: feed after end');
    this.buf = this.buf ? this.buf + chunk : chunk;
    this.drain(false);
    if (this.buf.length > this.maxPending) throw new XmlLimitError('в файле слишком длинный элемент или текст — файл повреждён или это не XML', this.line);
  }

  end(): void {
    this.drain(true);
    this.ended = true;
    if (this.stack.length) this.fail(`файл обрывается: не закрыт элемент <${this.stack[this.stack.length - 1]}>`);
    if (!this.rootSeen) this.fail('в файле нет ни одного элемента XML');
  }

  private fail(message: string): never {
    throw new XmlError(message, this.line);
  }

  private countLines(from: number, to: number): void {
    const s = this.buf;
    for (let k = from; k < to; k++) if (s.charCodeAt(k) === 10) this.line++;
  }

  private drain(final: boolean): void {
    const s = this.buf;
    const n = s.length;
    let i = 0;
    if (!this.rootSeen && i === 0 && s.charCodeAt(0) === 0xfeff) i = 1;
    while (i < n) {
      const lt = s.indexOf('<', i);
      if (lt < 0) {
        if (!final) break;
        this.textRun(s.slice(i), true);
        this.countLines(i, n);
        i = n;
        break;
      }
      if (lt > i) {
        this.textRun(s.slice(i, lt), false);
        this.countLines(i, lt);
        i = lt;
      }
      const next = this.token(i, final);
      if (next < 0) break;
      i = next;
    }
    this.buf = i >= n ? '' : s.slice(i);
  }

  private textRun(raw: string, atEnd: boolean): void {
    if (this.stack.length) {
      if (atEnd && raw.trim()) this.fail('файл обрывается внутри элемента');
      this.handler.text?.(unescapeXml(raw, this.line), this.line);
    } else if (raw.trim()) {
      this.fail(this.rootSeen ? 'текст после корневого элемента' : 'текст до корневого элемента');
    }
  }

  /** Where a markup ends; -1 (wait for more) when it has not arrived, a refusal when the file has ended. */
  private ends(end: number, final: boolean, message: string): number {
    if (end < 0 && final) this.fail(message);
    return end;
  }

  /** Reads the markup at `i`; the index after it, or -1 when it is not all here yet. */
  private token(i: number, final: boolean): number {
    const s = this.buf;
    // Too little to tell a comment from CDATA or a DOCTYPE: wait for the next chunk.
    if (!final && s.length - i < 9) return -1;
    const second = s.charCodeAt(i + 1);
    if (second === 33 /* ! */) {
      if (s.startsWith('<!--', i)) {
        const end = this.ends(s.indexOf('-->', i + 4), final, 'незакрытый комментарий');
        if (end < 0) return -1;
        this.countLines(i, end);
        return end + 3;
      }
      if (s.startsWith('<![CDATA[', i)) {
        const end = this.ends(s.indexOf(']]>', i + 9), final, 'незакрытый раздел CDATA');
        if (end < 0) return -1;
        if (this.stack.length) this.handler.text?.(s.slice(i + 9, end), this.line);
        else this.fail('текст вне корневого элемента');
        this.countLines(i, end);
        return end + 3;
      }
      // DOCTYPE, possibly with an internal subset in [ ]; what it declares is never used.
      let depth = 0;
      let k = i + 2;
      for (; k < s.length; k++) {
        const ch = s.charCodeAt(k);
        if (ch === 91) depth++;
        else if (ch === 93) depth--;
        else if (ch === 62 && depth <= 0) break;
      }
      if (this.ends(k < s.length ? k : -1, final, 'незакрытое объявление DOCTYPE') < 0) return -1;
      this.countLines(i, k);
      return k + 1;
    }
    if (second === 63 /* ? */) {
      const end = this.ends(s.indexOf('?>', i + 2), final, 'незакрытая инструкция обработки');
      if (end < 0) return -1;
      this.countLines(i, end);
      return end + 2;
    }
    if (second === 47 /* / */) {
      const end = this.ends(s.indexOf('>', i), final, 'незакрытый закрывающий тег');
      if (end < 0) return -1;
      const name = s.slice(i + 2, end).trim();
      const open = this.stack.pop();
      if (open === undefined || open !== name) this.fail(`закрывающий тег </${name}> не соответствует ${open !== undefined ? `<${open}>` : 'ничему'}`);
      this.handler.close?.(name, this.line);
      this.countLines(i, end);
      return end + 1;
    }
    return this.openTag(i, final);
  }

  private openTag(i: number, final: boolean): number {
    const s = this.buf;
    const n = s.length;
    // Wait until the whole tag is here (a «>» inside a quoted value does not end it).
    let end = i + 1;
    for (let quote = 0; end < n; end++) {
      const c = s.charCodeAt(end);
      if (quote) {
        if (c === quote) quote = 0;
      } else if (c === 34 || c === 39) quote = c;
      else if (c === 62) break;
    }
    if (end >= n && !final) return -1;
    let k = i + 1;
    for (let c = s.charCodeAt(k); k < n && !isSpace(c) && c !== 47 && c !== 62; c = s.charCodeAt(++k));
    const name = s.slice(i + 1, k);
    if (!name || !NAME.test(name)) this.fail(`неверное имя элемента «${name}»`);
    const startLine = this.line;
    const attrs: Record<string, string> = {};
    for (;;) {
      while (k < n && isSpace(s.charCodeAt(k))) k++;
      if (k >= n) this.fail(`незакрытый тег <${name}>`);
      const c = s.charCodeAt(k);
      if (c === 62 || (c === 47 && s.charCodeAt(k + 1) === 62)) break;
      let e = k;
      for (let d = s.charCodeAt(e); e < n && !isSpace(d) && d !== 61 && d !== 47 && d !== 62; d = s.charCodeAt(++e));
      const attr = s.slice(k, e);
      while (e < n && isSpace(s.charCodeAt(e))) e++;
      if (s.charCodeAt(e) !== 61) this.fail(e >= n ? `незакрытый тег <${name}>` : `у атрибута «${attr}» элемента <${name}> нет значения`);
      e++;
      while (e < n && isSpace(s.charCodeAt(e))) e++;
      if (e >= n) this.fail(`незакрытый тег <${name}>`);
      const quote = s[e];
      if (quote !== '"' && quote !== "'") this.fail(`значение атрибута «${attr}» не в кавычках`);
      const close = s.indexOf(quote, e + 1);
      if (close < 0) this.fail(`незакрытое значение атрибута «${attr}»`);
      if (Object.hasOwn(attrs, attr)) this.fail(`атрибут «${attr}» повторяется в <${name}>`);
      const value = unescapeXml(s.slice(e + 1, close), this.line);
      // Attribute-value normalisation (XML 1.0 §3.3.3): white space characters become spaces.
      const normal = /[\t\n\r]/.test(value) ? value.replace(/[\t\n\r]/g, ' ') : value;
      // «__proto__» is a name like any other: an own property, never the object's prototype.
      if (attr === '__proto__') Object.defineProperty(attrs, attr, { value: normal, enumerable: true, writable: true, configurable: true });
      else attrs[attr] = normal;
      k = close + 1;
    }
    const selfClosing = s[k] === '/';
    if (this.stack.length === 0) {
      if (this.rootSeen) this.fail('в файле больше одного корневого элемента');
      this.rootSeen = true;
    }
    if (!selfClosing) {
      if (this.stack.length >= this.maxDepth) throw new XmlLimitError(`элементы в нём вложены глубже ${this.maxDepth} уровней — так не бывает ни в таблицах, ни в расписаниях`, this.line);
      this.stack.push(name);
    }
    this.countLines(i, k);
    checkMemory();
    this.handler.open?.(name, attrs, selfClosing, startLine);
    if (selfClosing) this.handler.close?.(name, this.line);
    return k + (selfClosing ? 2 : 1);
  }
}

/** An element's name without its namespace prefix: `x:row` → `row`. */
export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** Reads a whole text (a small part of an archive) with the handler. */
export function scanXml(text: string, handler: XmlHandler, options?: XmlStreamOptions): void {
  const reader = new XmlStream(handler, { maxPending: Number.MAX_SAFE_INTEGER, ...options });
  reader.feed(text);
  reader.end();
}

/** Reads a stream of UTF-8 chunks (a part as it unpacks) with the handler. */
export async function streamXml(chunks: AsyncIterable<Buffer>, handler: XmlHandler, options?: XmlStreamOptions): Promise<void> {
  const reader = new XmlStream(handler, options);
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) reader.feed(decoder.decode(chunk, { stream: true }));
  reader.feed(decoder.decode());
  reader.end();
}
