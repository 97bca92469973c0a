/**
 * Fields the catalogue forms share: the source document and clause an
 * indicator or target comes from, the reason kept in the history, drop-downs
 * of fixed choices. The optional ones go to the core only when filled in.
 */
import type { Catalogue } from '../../../../shared/contract';
import { useT } from '../../i18n';

type Docs = Catalogue['documents'];

/** What the user sees and types for a document; the core resolves titles and numbers to ids. */
export function docLabel(docs: Docs, id: string): string {
  const d = docs.find((x) => x.id === id);
  if (!d) return id;
  return d.docNo ? `${d.title}（${d.docNo}）` : d.title;
}

/** `{ source }` for the core when a document or clause was typed; otherwise nothing (the stored source stays). */
export function sourceInput(doc: string, clause: string): { source?: { doc: string; clause: string } } {
  return doc.trim() || clause.trim() ? { source: { doc: doc.trim(), clause: clause.trim() } } : {};
}

/** `{ reason }` for the core when one was typed. */
export function reasonInput(reason: string): { reason?: string } {
  return reason.trim() ? { reason: reason.trim() } : {};
}

export function DocFields({ docs, doc, clause, setDoc, setClause }: { docs: Docs; doc: string; clause: string; setDoc(v: string): void; setClause(v: string): void }) {
  const t = useT();
  return (
    <>
      <label className="field field-wide">
        <span>{t('edit.sourceDoc')}</span>
        <input list="ys-docs" value={doc} onChange={(e) => setDoc(e.target.value)} placeholder={t('edit.sourceDocHint')} />
        <datalist id="ys-docs">
          {docs.map((d) => (
            <option key={d.id} value={docLabel(docs, d.id)} />
          ))}
        </datalist>
      </label>
      <label className="field field-wide">
        <span>{t('edit.sourceClause')}</span>
        <input value={clause} onChange={(e) => setClause(e.target.value)} placeholder={t('edit.sourceClauseHint')} />
      </label>
    </>
  );
}

export function ReasonField({ reason, setReason }: { reason: string; setReason(v: string): void }) {
  const t = useT();
  return (
    <label className="field field-wide">
      <span>{t('edit.reason')}</span>
      <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('edit.reasonHint')} />
    </label>
  );
}

/** A labelled drop-down of fixed choices (direction, frequency, comparator), each shown as `text(choice)`. */
export function ChoiceField<T extends string>({ label, value, choices, text, onChange }: { label: string; value: T; choices: readonly T[]; text(choice: NoInfer<T>): string; onChange(choice: NoInfer<T>): void }) {
  return (
    <label className="field">
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value as T)}>
        {choices.map((c) => (
          <option key={c} value={c}>
            {text(c)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Under every catalogue form: the change is kept in the history. */
export function HistoryNote() {
  const t = useT();
  return <p className="muted small">{t('edit.historyNote')}</p>;
}
