// Everyone in the page's awareness states, by account name and colour; names are text, so colour is never
// the only cue. The server only relays states that carry their account's own name.
import { useEffect, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import type { Translate } from '../../../shared/i18n/index.js';

export interface Person {
  clientId: number;
  name: string;
  color: string;
  isLocal: boolean;
}

/** Reads people from awareness states; states still being set up (no name yet) are left out. */
export function peopleFromStates(states: Map<number, Record<string, unknown>>, localId: number): Person[] {
  const people: Person[] = [];
  for (const [clientId, state] of states) {
    if (typeof state.name !== 'string' || state.name.trim() === '') continue;
    const color = typeof state.color === 'string' && CSS.supports('color', state.color) ? state.color : '#26374a';
    people.push({ clientId, name: state.name, color, isLocal: clientId === localId });
  }
  return people.sort((a, b) => Number(b.isLocal) - Number(a.isLocal) || a.name.localeCompare(b.name));
}

function samePeople(a: Person[], b: Person[]): boolean {
  return (
    a.length === b.length &&
    a.every((p, i) => p.clientId === b[i].clientId && p.name === b[i].name && p.color === b[i].color)
  );
}

export function usePeople(provider: WebsocketProvider | null): Person[] {
  const [people, setPeople] = useState<Person[]>([]);
  useEffect(() => {
    if (!provider) return;
    const { awareness } = provider;
    // 'change' also fires for every caret move; only re-render when the list itself changed.
    const refresh = () => {
      const next = peopleFromStates(awareness.getStates() as Map<number, Record<string, unknown>>, awareness.clientID);
      setPeople((prev) => (samePeople(prev, next) ? prev : next));
    };
    refresh();
    awareness.on('change', refresh);
    return () => awareness.off('change', refresh);
  }, [provider]);
  return people;
}

export function PresenceList({ people, t }: { people: Person[]; t: Translate }) {
  return (
    <ul className="ens-presence" aria-label={t('editor.presence')}>
      {people.map((person) => (
        <li key={person.clientId} className="ens-presence__person" data-client-id={person.clientId}>
          <span className="ens-presence__swatch" aria-hidden="true" style={{ backgroundColor: person.color }} />
          <span className="ens-presence__name">{person.isLocal ? t('editor.you', { name: person.name }) : person.name}</span>
        </li>
      ))}
    </ul>
  );
}
