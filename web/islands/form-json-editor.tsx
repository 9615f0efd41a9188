// Island: the draft's JSON text, re-checked as it is typed with the very parser the server uses
// (schema/form-json.ts), plus an outline of the pages and questions. The parser (and zod with it) is
// loaded on first input, so pages without this editor never download it. Without JavaScript the
// same textarea is a plain form field and the "preview" button asks the server instead.
/// <reference types="vite/client" />
import { useEffect, useRef, useState } from 'preact/hooks';

export type IssueView = { path: string; message: string };
export type Outline = { pages: { title: string; questions: { key: string; type: string; title: string; required: boolean }[] }[] };

export type FormJsonEditorProps = {
  value: string;
  readOnly: boolean;
  describedBy: string;
  /** The server's findings for `value`, so the first render matches the server's markup. */
  issues: IssueView[];
  outline: Outline | null;
  /** Catalogue templates ({min} etc. unfilled) of every definition issue key, in the page's language. */
  messages: Record<string, string>;
  labels: { issues: string; valid: string; checking: string };
};

/**
 * The parser, loaded on first input in the browser. The Worker renders this island but never runs its
 * input handler, and an `import()` there would make esbuild wrap form-json, form-definition and all of
 * zod in lazy initialisers that still run at load, with namespace objects of every export (≈ 5 ms of
 * start-up CPU): wrangler.toml defines `import.meta.env.SSR` as true, so the Worker's bundle drops the
 * import, as Vite's server build does; Vite's browser build sets it false and keeps the lazy chunk.
 */
const loadParser = () => (import.meta.env.SSR ? Promise.reject(new Error('the server never edits')) : import('../../schema/form-json'));

const fill = (text: string, params: Record<string, string | number> = {}) =>
  text.replace(/\{(\w+)\}/g, (m, k: string) => String(params[k] ?? m));

export function FormJsonEditor(props: FormJsonEditorProps) {
  const [text, setText] = useState(props.value);
  const [state, setState] = useState({ issues: props.issues, outline: props.outline, checking: false });
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);

  const onInput = (value: string) => {
    setText(value);
    setState((s) => ({ ...s, checking: true }));
    clearTimeout(timer.current);
    // Debounced: a long definition is not re-parsed on every keystroke.
    timer.current = setTimeout(async () => {
      const { parseDefinitionJson } = await loadParser();
      const result = parseDefinitionJson(value);
      if (result.ok) {
        const pages = result.definition.pages.map((p) => ({
          title: p.title?.zh ?? '',
          questions: p.questions.map((q) => ({ key: q.key, type: q.type, title: q.title.zh, required: q.required })),
        }));
        setState({ issues: [], outline: { pages }, checking: false });
      } else {
        const issues = result.issues.map((i) => ({ path: i.path, message: fill(props.messages[i.key] ?? i.key, i.params) }));
        setState({ issues, outline: null, checking: false });
      }
    }, 400);
  };

  const { issues, outline, checking } = state;
  // Question numbers run on across pages, as the respondent sees them.
  const starts = [1];
  for (const [i, p] of (outline?.pages ?? []).entries()) starts.push((starts[i] ?? 1) + p.questions.length);
  return (
    <>
      <textarea
        id="f-definition"
        name="definition"
        value={text}
        readOnly={props.readOnly}
        spellcheck={false}
        rows={24}
        aria-invalid={issues.length ? 'true' : undefined}
        aria-describedby={props.describedBy}
        onInput={(e) => onInput((e.target as HTMLTextAreaElement).value)}
      />
      <div id="definition-status" aria-live="polite">
        {checking ? (
          <p class="muted">{props.labels.checking}</p>
        ) : issues.length ? (
          <>
            <p class="error">{fill(props.labels.issues, { n: issues.length })}</p>
            <ul class="errors">
              {issues.map((i) => (
                <li>
                  <code>{i.path}</code>: {i.message}
                </li>
              ))}
            </ul>
          </>
        ) : outline ? (
          <details>
            <summary>{fill(props.labels.valid, { pages: outline.pages.length, n: (starts.at(-1) ?? 1) - 1 })}</summary>
            {outline.pages.map((p, i) => (
              <>
                {p.title && <p>{p.title}</p>}
                <ol start={starts[i]}>
                  {p.questions.map((q) => (
                    <li>
                      {q.title} <code>{q.key}</code> <small class="muted">{q.type}</small>
                      {q.required && <span class="error"> *</span>}
                    </li>
                  ))}
                </ol>
              </>
            ))}
          </details>
        ) : null}
      </div>
    </>
  );
}
