// The live catalogue: the shared CatalogueView over the browser's own search, with a line saying that results
// follow the form, and, when it applies, that the search runs on a saved copy or offline.
import { CatalogueView, type CatalogueViewProblem } from '../../../shared/catalogue/CatalogueView.js';
import { searchCatalogue, type CatalogueIndex, type CatalogueQuery } from '../../../shared/catalogue/catalogueIndex.js';
import type { CatalogueBootData } from './boot.js';

export interface AppState {
  query: CatalogueQuery;
  problems: CatalogueViewProblem[];
  /** Changes when the form must be rebuilt from the query (a link chose a new selection). */
  formKey: number;
}

/** 'saved': the index could not be fetched and the saved copy is in use; 'offline': the network is gone now. */
export interface Notice {
  kind: 'saved' | 'offline';
  at: number;
}

export function CatalogueApp(props: { boot: CatalogueBootData; index: CatalogueIndex; state: AppState; notice: Notice | null }) {
  const { boot, index, state, notice } = props;
  const { t, locale } = boot;
  const result = searchCatalogue(index, state.query);
  const time = notice ? new Intl.DateTimeFormat(locale === 'fr' ? 'fr-CA' : 'en-CA', { dateStyle: 'medium', timeStyle: 'short' }).format(notice.at) : '';
  return (
    <>
      <p className="field-hint catalogue-live__hint">{t('catalogue.browser.instant')}</p>
      {notice && <p className="notice catalogue-live__notice">{t(notice.kind === 'saved' ? 'catalogue.browser.saved' : 'catalogue.browser.offline', { time })}</p>}
      <CatalogueView key={state.formKey} result={result} query={state.query} t={t} locale={locale} problems={state.problems} />
    </>
  );
}
