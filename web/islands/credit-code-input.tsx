// Island: checks a 统一社会信用代码 as it is typed, with the same function the server uses
// (schema/credit-code.ts), so the officer sees a wrong check character before submitting.
import { useState } from 'preact/hooks';
import { isValidCreditCode, normaliseCreditCode } from '../../schema/credit-code';

export type CreditCodeProps = { name: string; value: string; invalidText: string; okText: string; describedBy?: string };

export function CreditCodeInput({ name, value, invalidText, okText, describedBy }: CreditCodeProps) {
  const [code, setCode] = useState(value);
  const normal = normaliseCreditCode(code);
  const state = normal.length < 18 ? null : isValidCreditCode(normal);
  return (
    <>
      <input
        id={`f-${name}`}
        name={name}
        value={code}
        maxLength={24}
        required
        autocomplete="off"
        aria-describedby={describedBy}
        aria-invalid={state === false ? 'true' : undefined}
        onInput={(e) => setCode((e.target as HTMLInputElement).value)}
      />
      <small aria-live="polite" class={state === false ? 'error' : 'hint'}>
        {state === null ? '' : state ? okText : invalidText}
      </small>
    </>
  );
}
