// The whole-document check finds hostile content once it is stored, whatever way it got there.
import * as Y from 'yjs';
import { findDocProblem } from './docCheck.js';
import { hostile, hostileSetup } from '../tests/helpers/docSchemaFixtures.js';

test('the whole-document check finds the same hostile content once it is in a document', () => {
  const { server, attack } = hostileSetup();
  const structural = hostile.filter(([name]) => !/removed|belonging to no text node|stored as|without a type|new type on/.test(name));
  for (const [name, write] of structural) {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(server));
    Y.applyUpdate(copy, attack(write));
    expect([name, findDocProblem(copy)]).toEqual([name, expect.any(String)]);
  }
});
