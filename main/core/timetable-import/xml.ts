/**
 * A small, strict XML reader for timetable exchange files (aSc, FET): elements,
 * attributes, text, CDATA and the five standard entities plus character
 * references. Comments, processing instructions and the DOCTYPE are skipped.
 * A malformed file is refused with the line where reading stopped.
 */

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
  line: number;
}

export class XmlError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function unescape(s: string, line: number): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (whole, body: string) => {
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

export function parseXml(text: string): XmlElement {
  let i = 0;
  let line = 1;
  const n = text.length;
  const advance = (to: number) => {
    for (let k = i; k < to; k++) if (text.charCodeAt(k) === 10) line++;
    i = to;
  };
  const fail = (message: string): never => {
    throw new XmlError(message, line);
  };
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  if (text.charCodeAt(0) === 0xfeff) i = 1;

  while (i < n) {
    const lt = text.indexOf('<', i);
    if (lt < 0) {
      if (text.slice(i).trim() && stack.length) fail('файл обрывается внутри элемента');
      if (text.slice(i).trim() && !stack.length) fail('текст после корневого элемента');
      advance(n);
      break;
    }
    if (lt > i) {
      const raw = text.slice(i, lt);
      if (stack.length) stack[stack.length - 1].text += unescape(raw, line);
      else if (raw.trim()) fail(root ? 'текст после корневого элемента' : 'текст до корневого элемента');
      advance(lt);
    }
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) fail('незакрытый комментарий');
      advance(end + 3);
    } else if (text.startsWith('<![CDATA[', i)) {
      const end = text.indexOf(']]>', i + 9);
      if (end < 0) fail('незакрытый раздел CDATA');
      if (stack.length) stack[stack.length - 1].text += text.slice(i + 9, end);
      advance(end + 3);
    } else if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i + 2);
      if (end < 0) fail('незакрытая инструкция обработки');
      advance(end + 2);
    } else if (text.startsWith('<!', i)) {
      // DOCTYPE, possibly with an internal subset in [ ].
      let depth = 0;
      let k = i + 2;
      for (; k < n; k++) {
        const ch = text[k];
        if (ch === '[') depth++;
        else if (ch === ']') depth--;
        else if (ch === '>' && depth <= 0) break;
      }
      if (k >= n) fail('незакрытое объявление DOCTYPE');
      advance(k + 1);
    } else if (text[i + 1] === '/') {
      const end = text.indexOf('>', i);
      if (end < 0) fail('незакрытый закрывающий тег');
      const name = text.slice(i + 2, end).trim();
      const open = stack.pop();
      if (!open || open.name !== name) fail(`закрывающий тег </${name}> не соответствует ${open ? `<${open.name}>` : 'ничему'}`);
      advance(end + 1);
    } else {
      const startLine = line;
      let k = i + 1;
      while (k < n && !/[\s/>]/.test(text[k])) k++;
      const name = text.slice(i + 1, k);
      if (!name || !/^[A-Za-z_:][\w:.-]*$/.test(name)) fail(`неверное имя элемента «${name}»`);
      const attrs: Record<string, string> = {};
      for (;;) {
        while (k < n && /\s/.test(text[k])) k++;
        if (k >= n) fail(`незакрытый тег <${name}>`);
        if (text[k] === '>' || (text[k] === '/' && text[k + 1] === '>')) break;
        let e = k;
        while (e < n && !/[\s=/>]/.test(text[e])) e++;
        const attr = text.slice(k, e);
        while (e < n && /\s/.test(text[e])) e++;
        if (text[e] !== '=') fail(`у атрибута «${attr}» элемента <${name}> нет значения`);
        e++;
        while (e < n && /\s/.test(text[e])) e++;
        const quote = text[e];
        if (quote !== '"' && quote !== "'") fail(`значение атрибута «${attr}» не в кавычках`);
        const close = text.indexOf(quote, e + 1);
        if (close < 0) fail(`незакрытое значение атрибута «${attr}»`);
        if (attr in attrs) fail(`атрибут «${attr}» повторяется в <${name}>`);
        attrs[attr] = unescape(text.slice(e + 1, close), line).replace(/[\t\n\r]/g, ' ');
        k = close + 1;
      }
      const selfClosing = text[k] === '/';
      const el: XmlElement = { name, attrs, children: [], text: '', line: startLine };
      if (stack.length) stack[stack.length - 1].children.push(el);
      else if (root) fail('в файле больше одного корневого элемента');
      else root = el;
      if (!selfClosing) stack.push(el);
      advance(k + (selfClosing ? 2 : 1));
    }
  }
  if (stack.length) fail(`файл обрывается: не закрыт элемент <${stack[stack.length - 1].name}>`);
  if (!root) fail('в файле нет ни одного элемента XML');
  return root!;
}

/** The first child element with the name (case-insensitive, as FET and aSc files vary), or null. */
export function child(el: XmlElement, name: string): XmlElement | null {
  const lower = name.toLowerCase();
  return el.children.find((c) => c.name.toLowerCase() === lower) ?? null;
}

export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  const lower = name.toLowerCase();
  return el.children.filter((c) => c.name.toLowerCase() === lower);
}

/** Text of a child element, trimmed ('' when absent). */
export function childText(el: XmlElement, name: string): string {
  return child(el, name)?.text.trim() ?? '';
}
