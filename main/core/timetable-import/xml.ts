import { XmlError, XmlLimitError, XmlStream } from '../files/xml-stream';

/**
 * A timetable exchange file (aSc, FET) as a tree of elements, read by the
 * program's one XML reader (files/xml-stream.ts). A malformed file is refused
 * with the line where reading stopped.
 */

export { XmlError, XmlLimitError };

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
  line: number;
}

export interface ParseXmlOptions {
  /** More elements than this are refused before the tree outgrows the memory a file may take. */
  maxElements?: number;
}

/** A large school's aSc export holds some 50 000 elements; FET's files fewer. */
const MAX_ELEMENTS = 1_000_000;

/** Leaves share one empty list of children until they get one (a large export has hundreds of thousands of leaves). */
const NO_CHILDREN: XmlElement[] = Object.freeze([]) as unknown as XmlElement[];

export function parseXml(text: string, options: ParseXmlOptions = {}): XmlElement {
  const maxElements = options.maxElements ?? MAX_ELEMENTS;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let count = 0;
  const reader = new XmlStream({
    // The reader reports a self-closing element's close too: every element is pushed, and popped on its close.
    open(name, attrs, _selfClosing, line) {
      if (++count > maxElements) throw new XmlLimitError(`в нём больше ${maxElements.toLocaleString('ru-RU')} элементов XML — столько нет в экспорте расписания даже большой школы`, line);
      const el: XmlElement = { name, attrs, children: NO_CHILDREN, text: '', line };
      const parent = stack[stack.length - 1];
      if (!parent) root = el;
      else if (parent.children === NO_CHILDREN) parent.children = [el];
      else parent.children.push(el);
      stack.push(el);
    },
    close() {
      stack.pop();
    },
    text(t) {
      const el = stack[stack.length - 1];
      // The white space that lays out an element's children is not its text (aSc and FET have no mixed content).
      if (el.children !== NO_CHILDREN && !t.trim()) return;
      el.text += t;
    },
  }, { maxPending: Number.MAX_SAFE_INTEGER });
  reader.feed(text);
  reader.end();
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
