// Reading shared types item by item instead of through the typed API, as the document checks must: a top-level
// type the server never asked for is a bare Y.AbstractType, and a check must not copy text or create anything.
// Also the names of Yjs types and contents, as the checks' messages word them.
import * as Y from 'yjs';

export type SharedType = Y.AbstractType<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
export type Content = Y.Item['content'];

export function* liveItems(type: SharedType): Generator<Y.Item> {
  for (let item = type._start; item !== null; item = item.right) {
    if (!item.deleted) yield item;
  }
}

export function* liveEntries(type: SharedType): Generator<[string, Y.Item]> {
  for (const [key, item] of type._map) {
    if (!item.deleted) yield [key, item];
  }
}

export function hasLiveContent(type: SharedType): boolean {
  return liveItems(type).next().done === false || liveEntries(type).next().done === false;
}

/** The current value of an attribute or map entry, read without the typed API (the type may be untyped). */
export function currentValue(type: SharedType, key: string): unknown {
  const item = type._map.get(key);
  if (!item || item.deleted) return undefined;
  const values = item.content.getContent();
  return values[values.length - 1];
}

export function sharedTypeName(type: SharedType): string {
  if (type instanceof Y.XmlElement) return 'Y.XmlElement (decorator node)';
  if (type instanceof Y.XmlHook) return 'Y.XmlHook';
  if (type instanceof Y.XmlText) return 'Y.XmlText';
  if (type instanceof Y.Text) return 'Y.Text';
  if (type instanceof Y.Array) return 'Y.Array';
  if (type instanceof Y.XmlFragment) return 'Y.XmlFragment';
  if (type instanceof Y.Map) return 'Y.Map';
  return 'shared type';
}

export function contentName(content: Content): string {
  if (content instanceof Y.ContentType) return `a nested ${sharedTypeName(content.type)}`;
  if (content instanceof Y.ContentFormat) return 'a formatting mark';
  if (content instanceof Y.ContentEmbed) return 'an embedded object';
  if (content instanceof Y.ContentAny || content instanceof Y.ContentJSON) return 'a list of values';
  if (content instanceof Y.ContentBinary) return 'binary data';
  if (content instanceof Y.ContentDoc) return 'a sub-document';
  return 'unknown content';
}
