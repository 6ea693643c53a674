import { describe, expect, it } from 'vitest';
import { XmlError, XmlLimitError, XmlStream, type XmlHandler } from '../../../main/core/files/xml-stream';
import { parseXml } from '../../../main/core/timetable-import/xml';

function events(chunks: string[]): string[] {
  const out: string[] = [];
  const handler: XmlHandler = {
    open: (name, attrs, selfClosing, line) => out.push(`<${name} ${JSON.stringify(attrs)}${selfClosing ? '/' : ''} @${line}`),
    close: (name) => out.push(`</${name}`),
    text: (t) => (out.length && out[out.length - 1].startsWith('#') ? (out[out.length - 1] += t) : out.push(`#${t}`)),
  };
  const reader = new XmlStream(handler);
  for (const c of chunks) reader.feed(c);
  reader.end();
  return out;
}

const DOC = `<?xml version="1.0"?>\n<!DOCTYPE t [<!ENTITY x "y">]>\n<t a="1 &amp; 2" b='«ё»'>\n${Array.from({ length: 50 }, (_, i) => `<row r="${i}"><c t="s"><v>${i}&lt;&#x416;</v></c><!-- note --><![CDATA[<raw>]]></row>\n`).join('')}</t>`;

describe('the XML reader', () => {
  it('reports the same elements, attributes, text and lines however the text is cut into chunks', () => {
    const whole = events([DOC]);
    expect(whole[0]).toBe('<t {"a":"1 & 2","b":"«ё»"} @3');
    expect(whole).toContain('#0<Ж');
    expect(whole).toContain('#<raw>');
    expect(whole.filter((e) => e.startsWith('<row')).at(-1)).toBe('<row {"r":"49"} @53');
    for (const size of [1, 2, 3, 7, 64, 1000]) {
      const chunks: string[] = [];
      for (let i = 0; i < DOC.length; i += size) chunks.push(DOC.slice(i, i + size));
      expect(events(chunks), `chunks of ${size}`).toEqual(whole);
    }
  });

  it('never expands an entity a DOCTYPE declares, nor fetches one', () => {
    expect(() => events(['<!DOCTYPE t [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><t>&lol2;</t>'])).toThrow('неизвестная сущность &lol2;');
    expect(() => events(['<!DOCTYPE t [<!ENTITY x SYSTEM "file:///etc/passwd">]><t a="&x;"/>'])).toThrow('неизвестная сущность &x;');
  });

  it('refuses nesting deeper than its limit, as a limit and not as broken XML', () => {
    const deep = `<a>${'<b>'.repeat(300)}`;
    expect(() => events([deep])).toThrow(XmlLimitError);
    expect(() => new XmlStream({}, { maxDepth: 10 }).feed('<a>'.repeat(20))).toThrow('вложены глубже 10 уровней');
  });

  it('keeps an attribute named «__proto__» as a name, not the prototype', () => {
    const root = parseXml('<t __proto__="x" constructor="y" toString="z"/>');
    expect(Object.getPrototypeOf(root.attrs)).toBe(Object.prototype);
    expect(Object.hasOwn(root.attrs, '__proto__')).toBe(true);
    expect(root.attrs).toMatchObject({ constructor: 'y', toString: 'z' });
  });

  it('says where a broken file stops, in Russian', () => {
    for (const [xml, message] of [
      ['<a><b></a>', 'закрывающий тег </a> не соответствует <b>'],
      ['<a x=1/>', 'значение атрибута «x» не в кавычках'],
      ['<a/><b/>', 'в файле больше одного корневого элемента'],
      ['<a>\n<b>', 'файл обрывается: не закрыт элемент <b>'],
      ['<a x="1" x="2"/>', 'атрибут «x» повторяется в <a>'],
    ]) {
      expect(() => parseXml(xml), xml).toThrow(message);
    }
    try {
      parseXml('<a>\n\n<b></c>');
    } catch (e) {
      expect(e).toBeInstanceOf(XmlError);
      expect((e as XmlError).line).toBe(3);
    }
  });

  it('refuses a timetable of more elements than its limit', () => {
    expect(() => parseXml(`<t>${'<a/>'.repeat(11)}</t>`, { maxElements: 10 })).toThrow(XmlLimitError);
  });
});
